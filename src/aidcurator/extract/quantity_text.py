"""The text a quantity is read from: offsets, word matchers, qualifiers around a number, and the
count mention every count reader ends with."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from aidcurator.domain import Mention, MentionKind, Qualifier
from aidcurator.extract.quantity_patterns import WORD_AT, WORD_AT_EN, number_patterns, word_patterns
from aidcurator.extract.quantity_words import (
    CJK,
    SPACES,
    edge_chars,
    en_prefix_qualifier_words,
    en_suffix_qualifier_words,
    zh_prefix_qualifier_words,
    zh_suffix_qualifier_words,
)
from aidcurator.extract.rules import AmountRules, load_rules
from aidcurator.extract.script import to_simplified


@dataclass(slots=True)
class Number:
    """A number token as read: its value with any scale word, span and how it was written."""

    start: int
    end: int  # after the number and its scale word(s)
    value: Decimal
    has_scale: bool
    inner_qualifier: str | None
    script: str  # "arabic" | "zh" | "en"
    raw_end: int  # end of the bare number token
    attached_scale: bool  # 5m / 10k: only valid with a currency
    multiplier: Decimal = Decimal(1)  # the scale word's factor (亿 → 1e8), carried to a range start


# Enum members and lookups done once: ``MentionKind.COUNT`` costs about 0.1 µs a time (the Enum
# metaclass's attribute hook) and ``Qualifier(value)`` about 1 µs; every quantity needs them
COUNT_KIND = MentionKind.COUNT
EXACT = Qualifier.EXACT
_QUALIFIERS = {q.value: q for q in Qualifier}


def qualifier_of(value: str | None) -> Qualifier:
    """``Qualifier(value or Qualifier.EXACT)``, looked up in a table."""
    if not value:
        return EXACT
    found = _QUALIFIERS.get(value)
    return found if found is not None else Qualifier(value)  # (an unknown value raises as Qualifier does)


def exact_value(value: Decimal) -> Decimal:
    """The value without a trailing exponent or zeros (``2E+8`` → ``200000000``, ``2.50`` → ``2.5``)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


class QuantityText:
    """One text being scanned and its per-text lazy facts (simplified form, Japanese context), with
    the word lookups every reader shares."""

    def __init__(self, text: str, *, bare_numbers_are_money: bool = False) -> None:
        self.text = text
        self.rules: AmountRules = load_rules()
        self.patterns = number_patterns()
        self.bare_numbers_are_money = bare_numbers_are_money
        self._japanese_context: bool | None = None
        self.last_currency: tuple[str, int] | None = None
        # the text in simplified characters (same offsets): count nouns are written once, simplified
        # (made here, not when first read: mention finding simplifies the same text next, and
        # to_simplified keeps the last one)
        self.simple = to_simplified(text)
        self.last_count: tuple[int, str, str] | None = None  # end, simplified classifier, what

    # ---- helpers -------------------------------------------------------------------------
    def yen_sign_currency(self) -> str:
        """¥ is yuan in our news unless the text is about Japan (and not written in Chinese)."""
        if self._japanese_context is None:
            self._japanese_context = bool(
                not CJK.search(self.text) and self.rules.japanese_context.search(self.text)
            )
        return self.rules.yen_japanese if self._japanese_context else self.rules.yen_default

    def skip_spaces(self, pos: int, limit: int = 3) -> int:
        """Position after at most ``limit`` spaces from ``pos``."""
        text = self.text
        if pos >= len(text) or text[pos] not in SPACES:  # most calls: no space to skip
            return pos
        end = min(len(text), pos + limit)
        while pos < end and text[pos] in SPACES:
            pos += 1
        return pos

    def skip_spaces_back(self, pos: int, limit: int = 3) -> int:
        """Position before at most ``limit`` spaces ending at ``pos``."""
        text = self.text
        if pos <= 0 or text[pos - 1] not in SPACES:  # most calls: no space to skip
            return pos
        stop = max(0, pos - limit)
        while pos > stop and text[pos - 1] in SPACES:
            pos -= 1
        return pos

    def match_word_at(self, pos: int, words, *, english: bool = False, simple: bool = False) -> str | None:
        """Longest word of ``words`` starting at ``pos`` (English: case-insensitive, whole word; ``simple``:
        matched on the simplified text, the word returned as simplified)."""
        try:
            firsts, at = (WORD_AT_EN if english else WORD_AT)[id(words)]
        except KeyError:
            word_patterns(words, english)
            firsts, at = (WORD_AT_EN if english else WORD_AT)[id(words)]
        text = self.simple if simple else self.text
        if pos >= len(text) or text[pos] not in firsts:  # no word starts with this character
            return None
        match = at(text, pos)
        return match.group() if match else None

    def word_before(self, pos: int, words, *, english: bool = False, simple: bool = False) -> str | None:
        """Longest word of ``words`` ending at ``pos`` (English: whole word; ``simple``: on the simplified text)."""
        _, before, longest = word_patterns(words, english)
        match = before.search(self.simple if simple else self.text, max(0, pos - longest), pos)
        return match.group() if match else None

    # ---- qualifiers -------------------------------------------------------------------------
    def qualifier_before(self, start: int) -> str | None:
        """The qualifier (about, at least …) written before the number at ``start``."""
        pos = self.skip_spaces_back(start, 2)
        if pos == 0 or self.text[pos - 1] not in edge_chars().qualifier_last:
            return None
        word = self.word_before(pos, zh_prefix_qualifier_words())
        if word:
            return self.rules.zh_prefix_qualifiers[word]
        bridge = self.word_before(pos, self.rules.zh_qualifier_bridges)
        if bridge:  # 最多可获得50万元, 超过了…: a qualifier one verb away
            word = self.word_before(pos - len(bridge), zh_prefix_qualifier_words())
            if word:
                return self.rules.zh_prefix_qualifiers[word]
        word = self.word_before(pos, en_prefix_qualifier_words(), english=True)
        if word and pos < start:
            return self.rules.en_prefix_qualifiers[word.lower()]
        return None

    def qualifier_after(self, end: int) -> tuple[str, int] | None:
        """The qualifier written after a quantity ending at ``end``, and where it ends."""
        text = self.text
        if end >= len(text) or (text[end] not in edge_chars().qualifier_first and text[end] not in SPACES):
            return None
        word = self.match_word_at(end, zh_suffix_qualifier_words())
        if word and word not in self.rules.zh_inner_qualifiers:
            return self.rules.zh_suffix_qualifiers[word], end + len(word)
        spaced = self.skip_spaces(end, 2)
        if spaced > end:
            word = self.match_word_at(spaced, en_suffix_qualifier_words(), english=True)
            if word:
                return self.rules.en_suffix_qualifiers[word.lower()], spaced + len(word)
        return None

    def count_mention(self, number: Number, end: int, what: str) -> Mention:
        """The count mention of ``number`` up to ``end``, with its qualifier."""
        prefix = self.qualifier_before(number.start)
        suffix = self.qualifier_after(end)
        qualifier = number.inner_qualifier or prefix or (suffix[0] if suffix else None)
        return Mention(  # (fields by position, no currency, value_max or data: faster than keywords)
            COUNT_KIND,
            number.start,
            end,
            self.text[number.start : end],
            exact_value(number.value),
            None,
            qualifier_of(qualifier),
            None,
            what,
            {},
        )
