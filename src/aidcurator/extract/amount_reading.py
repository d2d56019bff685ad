"""Reading a money amount around a number: its currency, range partner (``3-5亿元``, ``$2 million to
$3 million``), qualifier, and the money context a number without a currency needs."""

from __future__ import annotations

from decimal import Decimal

from aidcurator.domain import UNKNOWN_CURRENCY, Mention, MentionKind, Qualifier
from aidcurator.extract.currency_reading import CurrencyReader
from aidcurator.extract.quantity_patterns import money_after_firsts
from aidcurator.extract.quantity_text import Number, exact_value, qualifier_of
from aidcurator.extract.quantity_words import (
    CJK,
    SENTENCE_END,
    SPACES,
    currency_sign_at,
    edge_chars,
    en_units_not_money,
    is_year_like,
    zh_units_not_money,
)

_AMOUNT, _RANGE = MentionKind.AMOUNT, Qualifier.RANGE.value  # (looked up once: see quantity_text)


class AmountReader(CurrencyReader):
    """Reads the amount a number is the value of, if it is one."""

    def read_amount(self, number: Number) -> Mention | None:
        """The amount ``number`` is the value of (with its range partner), or None."""
        text = self.text
        if number.end == number.raw_end and text.startswith(", ", number.end):
            number = self.grouped_money(number) or number  # $300, 000
        if not (number.has_scale or number.attached_scale or self.bare_numbers_are_money):
            # without a scale only a currency makes money; none can follow a number before a character
            # no currency suffix, range connector or space starts with (个, 日, a comma): most counts and
            # dates end here
            end = number.end
            if (end >= len(text) or text[end] not in money_after_firsts()) and self.currency_before(
                number.start
            ) is None:
                return None
        first = number
        value_max: Decimal | None = None
        span_end = number.end
        currency: str | None = None
        after = self.currency_after(number.end)
        range_match = self.read_range(number, after)
        last_number_end = number.end
        if range_match is not None:
            first, second, currency, span_end = range_match
            value_max = second.value
            last_number_end = second.end
        elif after:
            currency, span_end = after
        before = self.currency_before(first.start)
        span_start = first.start
        family = None
        if currency is not None:
            family = self.currency_family("zh_suffix", "en_suffix", text[last_number_end:span_end].strip())
        if before:
            prefix_code, prefix_start = before
            word = text[prefix_start : first.start].strip()
            if len(word) == 1 and word.isalpha() and not (word.isupper() and self.big_enough(number)):
                before = None  # K5, P2: a one-letter sign only before a scaled or four-digit amount
            else:
                span_start = prefix_start
                suffix = text[last_number_end:span_end].strip()
                if currency is None or (suffix in self.rules.generic_zh_suffixes and prefix_code != currency):
                    currency = (
                        prefix_code  # 澳門幣四十二萬元: the prefix names the currency, 元 only the unit
                    )
                    family = self.currency_family("zh_prefix", "prefix", word)
                    if family is None and self.local_conversion(word, prefix_code, span_start):
                        family = "local_dollar"  # US$7.2 million ($1.4 billion): the country's own dollar
        if currency is None and number.attached_scale:
            currency = self.currency_earlier_in_sentence(first.start)  # $650m ... and 30m more
        if currency is None:
            if number.attached_scale:
                return None
            if not (number.has_scale or self.bare_numbers_are_money):
                return None
            if not self.bare_numbers_are_money:
                if not self.has_money_context(first.start, span_end) or self.followed_by_unit(span_end):
                    return None
                if number.script == "zh" and not number.has_scale:
                    return None
            currency = UNKNOWN_CURRENCY
        if (
            number.script == "arabic"
            and is_year_like(text[number.start : number.raw_end])
            and not (number.has_scale)
            and currency == UNKNOWN_CURRENCY
        ):
            return None
        qualifier = first.inner_qualifier or number.inner_qualifier
        if value_max is not None:
            qualifier = _RANGE
        else:
            suffix = self.qualifier_after(span_end)
            prefix = self.qualifier_before(span_start)
            qualifier = qualifier or (prefix if prefix else None) or (suffix[0] if suffix else None)
        mention = Mention(  # (fields by position, what None: faster than keywords)
            _AMOUNT,
            span_start,
            span_end,
            text[span_start:span_end],
            exact_value(first.value),
            currency,
            qualifier_of(qualifier),
            exact_value(value_max) if value_max is not None else None,
            None,
            {"currency_family": family} if family else {},
        )
        if currency != UNKNOWN_CURRENCY and not family:
            self.last_currency = (currency, span_end)
        return mention

    def grouped_money(self, number: Number) -> Number | None:
        """``$300, 000``, ``150, 000 U.S. dollars``: the number with its thousands groups written after a
        comma and a space, when a currency stands right before it or right after the groups."""
        grouped = self.spaced_groups(number.start, number.end)
        if grouped is None:
            return None
        end, value = grouped
        if self.currency_before(number.start) is None and self.currency_after(end) is None:
            return None  # in 2008, 500 people; 32, 580 square metres
        return Number(number.start, end, value, False, None, "arabic", end, False)

    def big_enough(self, number: Number) -> bool:
        """Whether a number is large enough to follow a one-letter currency sign."""
        return number.has_scale or number.value >= 1000

    def read_range(
        self, number: Number, first_currency: tuple[str, int] | None
    ) -> tuple[Number, Number, str, int] | None:
        """``3-5亿元``, ``3亿至5亿元``, ``3000万元至5000万元``, ``$2 million to $3 million``,
        ``between 3 and 5 million yuan`` → (first, second, currency, end)."""
        text = self.text
        pos = first_currency[1] if first_currency else number.end
        if pos < len(text) and text[pos] in SPACES:
            pos = self.skip_spaces(pos, 2)
        if pos >= len(text) or text[pos] not in edge_chars().connector_first:
            return None
        english = number.script == "en" or not CJK.search(text, max(0, number.start - 2), number.end + 3)
        connectors = self.rules.en_range_connectors if english else self.rules.zh_range_connectors
        connector = self.match_word_at(
            pos, connectors, english=english and pos < len(text) and text[pos].isalpha()
        )
        if connector is None:
            return None
        if (
            connector.lower() == "and"
            and self.word_before(self.skip_spaces_back(number.start, 2), ("between",), english=True) is None
        ):
            return None
        pos = self.skip_spaces(pos + len(connector), 2)
        sign = currency_sign_at()(text, pos)  # $2 million to $3 million: the longest sign
        if sign is not None:
            pos = self.skip_spaces(sign.end(), 1)
        match = self.patterns.token.match(text, pos)
        if match is None:
            return None
        second = self.read_number(match)
        if second is None or self.blocked_right(second):
            return None
        after = self.currency_after(second.end)
        currency_before = self.currency_before(number.start)
        if after is None and currency_before is None:
            if not (second.has_scale and self.has_money_context(number.start, second.end)):
                return None
            if self.followed_by_unit(second.end):
                return None
        first_value = number.value
        if not number.has_scale and second.has_scale and number.value * second.multiplier < second.value:
            first_value = number.value * second.multiplier  # 3-5亿元: the scale is shared
        if first_value >= second.value:
            return None
        first = Number(
            number.start,
            number.end,
            first_value,
            True,
            number.inner_qualifier,
            number.script,
            number.raw_end,
            number.attached_scale,
            second.multiplier,
        )
        if after is not None:
            currency, end = after
        elif currency_before is not None:
            currency, end = currency_before[0], second.end
        else:
            currency, end = UNKNOWN_CURRENCY, second.end
        return first, second, currency, end

    def followed_by_unit(self, pos: int) -> bool:
        """A scaled number followed by people, 亩, acres… is not money."""
        rules = self.rules
        text = self.text
        if self.match_word_at(pos, rules.zh_classifiers) or self.match_word_at(pos, zh_units_not_money()):
            return True
        spaced = self.skip_spaces(pos, 2)
        word = self.patterns.en_word.match(text, spaced)
        if word and spaced > pos:
            lower = word.group().lower()
            return lower in rules.en_nouns or lower in en_units_not_money()
        return False

    def has_money_context(self, start: int, end: int | None = None) -> bool:
        """Whether money cue words stand in the sentence around a number without a currency."""
        text = self.simple  # the cue words are simplified: 撥款 is 拨款
        rules = self.rules
        if CJK.search(text, max(0, start - 3), start + 1):
            window = rules.zh_money_window
            pattern = rules.zh_money_context
        else:
            window = rules.en_money_window
            pattern = rules.en_money_context
        lo = max(0, start - window)
        chunk = text[lo:start]
        for mark in SENTENCE_END:
            cut = chunk.rfind(mark)
            if cut >= 0:
                chunk = chunk[cut + 1 :]
        if pattern.search(chunk) is not None:
            return True
        if end is None:
            return False
        after_window = (
            rules.zh_money_after_window if window == rules.zh_money_window else rules.en_money_after_window
        )
        after = text[end : end + after_window]
        for mark in SENTENCE_END + "，,":
            cut = after.find(mark)
            if cut >= 0:
                after = after[:cut]
        return pattern.search(after) is not None
