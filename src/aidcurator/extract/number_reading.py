"""Reading one number token: Arabic, full-width, Chinese numerals and English number words, with
their scale words (万, 亿, million, 5m) and the checks that the token is a number at all."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from aidcurator.extract.number_form_reading import NumberFormReader
from aidcurator.extract.number_forms import number_forms
from aidcurator.extract.numerals import parse_arabic, parse_chinese, parse_english_words
from aidcurator.extract.quantity_patterns import number_lexicon
from aidcurator.extract.quantity_text import Number
from aidcurator.extract.quantity_words import (
    alpha_currency_prefixes,
    is_number_char,
    section_chars,
    zh_currency_suffixes,
    zh_prefix_qualifier_words,
    zh_scale_firsts,
)
from aidcurator.extract.rules import load_rules

_EN_NUMBER_GAP = re.compile(r"[\s-]+")  # between the words of an English number (twenty-five million)
_WAN = Decimal(10000)
_ONE = Decimal(1)
_UNITS_AFTER_WAN = re.compile(r"[0-9]{1,4}(?![0-9.,])")


@cache
def _compound_firsts() -> frozenset[str]:
    """What a further part of a Chinese compound can start with: a digit, 零 or a gap space."""
    zeros = (d for d, v in load_rules().zh_digits.items() if v == 0)
    return frozenset("0123456789").union(zeros, number_forms().gap_spaces)


class NumberReader(NumberFormReader):
    """Reads number tokens and their scale words."""

    def read_number(self, match: re.Match[str]) -> Number | None:
        """The number of a token match with its scale words and inner qualifier (None: not a number)."""
        rules = self.rules
        text = self.text
        start, end = match.span()
        kind = match.lastgroup
        token = match.group()
        gap = False
        if kind == "arabic":
            if token[0] == "0" and token[1:2].isdigit():
                return None  # 000, 05: the tail of a figure split by a space or a date's part, no number
            if not token[-1].isdigit():  # 300 万元: the pattern took a gap space (see number_forms)
                token = token[:-1]
                end -= 1
                gap = True
            value = parse_arabic(token)
        elif kind == "zh":
            value, end = self._read_chinese(token, start)
        else:
            words = _EN_NUMBER_GAP.split(token)
            scale_words = {"million", "billion", "trillion"}
            if words[-1].lower() in scale_words and len(words) > 1:
                value = parse_english_words(words[:-1], rules)
                if value is not None:
                    multiplier = rules.en_scales[words[-1].lower()]
                    return Number(start, end, value * multiplier, True, None, "en", end, False, multiplier)
            value = parse_english_words(words, rules)
        if value is None:
            return None
        raw_end = end
        if kind == "en":
            return Number(start, end, value, False, None, "en", raw_end, False)
        inner = None
        has_scale = kind == "zh" and any(ch in rules.zh_sections for ch in token)
        pos = end
        # 300 万元, 50 多个, 120 人: a gap space before a Chinese word is read past (see gap_end); gapped:
        # the number is written so, and may be after its scale too
        gapped = gap and self.gap_end(start, pos) > pos
        if gapped:
            pos += 1
        if pos < len(text) and text[pos] in rules.zh_inner_qualifiers:
            # 200多万元: qualifier between number and scale; 200多个: before a classifier
            after = pos + 1
            if after < len(text) and (
                self._zh_scale_at(after)
                or self._zh_currency_at(after)
                or self.match_word_at(after, rules.zh_classifiers)
                or self.match_word_at(after, rules.zh_direct_nouns, simple=True)
            ):
                inner = rules.zh_inner_qualifiers[text[pos]]
                pos = after
        attached = False
        multiplier = _ONE
        if kind == "zh":  # 二十亿: the trailing 亿 is the scale a range start shares
            tail = len(token) - len(token.rstrip(section_chars()))
            if tail:
                multiplier = rules.zh_scales.get(token[-tail:], _ONE)
        scale = None
        if kind == "arabic" and pos < len(text):  # (the first-character checks of the two scale readers)
            after = text[pos]
            if after in zh_scale_firsts():
                scale = self._zh_scale_at(pos)
            if scale:
                multiplier = rules.zh_scales[scale]
                pos += len(scale)
                has_scale = True
            elif (firsts := number_lexicon().english_scale_firsts) is None or after in firsts:
                pos, multiplier, has_scale, attached = self._read_english_scale(pos)
        if kind == "arabic":
            value *= multiplier
            if scale:
                pos, value = self._after_zh_scale(token, pos, value, multiplier, gapped)
            elif has_scale and not attached and text.startswith(" ", pos):
                compound = self.en_compound(pos, multiplier)  # 3 billion 6 million
                if compound is not None:
                    pos, rest = compound
                    value += rest
        if pos < len(text) and text[pos] in rules.zh_inner_qualifiers and inner is None:
            after = pos + 1
            if (
                has_scale
                and after < len(text)
                and (
                    self._zh_currency_at(after)
                    or self.match_word_at(after, rules.zh_classifiers)
                    or self.match_word_at(after, rules.zh_direct_nouns, simple=True)
                )
            ):
                inner = rules.zh_inner_qualifiers[text[pos]]
                pos = after
        return Number(start, pos, value, has_scale, inner, kind or "arabic", raw_end, attached, multiplier)

    def _after_zh_scale(
        self, token: str, pos: int, value: Decimal, multiplier: Decimal, gapped: bool
    ) -> tuple[int, Decimal]:
        """The parts written after an Arabic number's Chinese scale ending at ``pos``: smaller parts
        (``3亿6000万元``, ``1万5千元``) or units after 万 (``1557万3065元``); the end and the value."""
        text = self.text
        if pos < len(text) and text[pos] in _compound_firsts() and "." not in token:
            compound = self.zh_compound(self.gap_after(pos, gapped), multiplier, gapped)
            if compound is not None:
                return compound[0], value + compound[1]
        if multiplier == _WAN:  # 1557万3065元: the units written after 万
            units = _UNITS_AFTER_WAN.match(text, self.gap_after(pos, gapped))
            if units is not None and self._zh_currency_at(self.gap_after(units.end(), gapped)):
                return units.end(), value + Decimal(units.group())
        return pos, value

    def _read_chinese(self, token: str, start: int) -> tuple[Decimal | None, int]:
        rules = self.rules
        value = parse_chinese(token, rules)
        if value is not None:
            return value, start + len(token)
        if len(token) == 1 and token in rules.zh_sections and self.bare_scale(start):
            return Decimal(rules.zh_sections[token]), start + 1  # 近萬人, 萬余房屋
        # 三點五億 handled by parse_chinese; a trailing 点 (一点) or odd run: try shorter prefixes
        for cut in range(len(token) - 1, 0, -1):
            value = parse_chinese(token[:cut], rules)
            if value is not None:
                return value, start + cut
        return None, start

    def bare_scale(self, start: int) -> bool:
        """Whether a lone 万 at ``start`` is a number: after a qualifier (近萬人) or before 余/多 (萬余房屋)."""
        text = self.text
        if start > 0 and is_number_char(text[start - 1], self.rules):
            return False  # 3万余: the scale of the number before it
        after = text[start + 1] if start + 1 < len(text) else ""
        return after in self.rules.zh_inner_qualifiers or (
            start > 0 and self.word_before(start, zh_prefix_qualifier_words()) is not None
        )

    def _zh_scale_at(self, pos: int) -> str | None:
        if pos >= len(self.text) or self.text[pos] not in zh_scale_firsts():
            return None  # (most positions: no scale word starts here)
        for length in (2, 1):
            word = self.text[pos : pos + length]
            if word in self.rules.zh_scales:
                return word
        return None

    def _zh_currency_at(self, pos: int) -> str | None:
        return self.match_word_at(pos, zh_currency_suffixes())

    def _read_english_scale(self, pos: int) -> tuple[int, Decimal, bool, bool]:
        """A scale written after an Arabic number: attached (``5m``, ``2bn``) or spaced (``5 million``)."""
        lexicon = number_lexicon()
        firsts = lexicon.english_scale_firsts
        text = self.text
        if firsts is not None and (pos >= len(text) or text[pos] not in firsts):
            return pos, _ONE, False, False  # (most numbers: no scale can start here)
        match = lexicon.english_scale(text, pos)
        if match is None:
            return pos, _ONE, False, False
        attached = match.group("attached") or match.group("hyphened")
        if attached is not None:
            word = attached.lower()
            return match.end(), self.rules.en_attached_scales[word], True, word in ("m", "k", "b")
        return match.end(), self.rules.en_scales[match.group("spaced").lower()], True, False

    # ---- context checks -------------------------------------------------------------------
    def blocked_left(self, start: int) -> bool:
        """Whether the character before ``start`` makes the token no number (a time, a date, a word)."""
        text = self.text
        if start == 0:
            return False
        before = text[start - 1]
        if before in self.rules.not_a_number_before or before in "+/@×*^":
            return True
        if before in ":：":  # 23:56 is a time; "教育：4820万元" is a table cell
            return start >= 2 and text[start - 2].isdigit()
        if before in "-—–－":  # 2025-12-23, 1+1-2: a number glued to a dash on its left
            return start >= 2 and text[start - 2].isdigit()
        if before.isascii() and before.isalpha():
            return self.word_before(start, alpha_currency_prefixes(), english=True) is None
        return False

    def blocked_right(self, number: Number) -> bool:
        """Whether what follows the bare token makes it no quantity (a time, a decimal, a percentage)."""
        text = self.text
        pos = number.raw_end
        if pos < len(text):
            after = text[pos]
            if after in "+:：/@" or (after == "." and pos + 1 < len(text) and text[pos + 1].isdigit()):
                return True
        return self.is_percent(number.end)

    def is_percent(self, pos: int) -> bool:
        """Whether a percent sign or word starts at ``pos``."""
        lexicon = number_lexicon()
        text = self.text
        firsts = lexicon.percent_firsts
        if firsts is not None and (pos >= len(text) or text[pos] not in firsts):
            return False  # (most numbers: no percent sign or word can start here)
        return lexicon.percent(text, pos) is not None
