"""Reading the less plain forms of ``number_forms``: the gap space before a Chinese word (``300 万元``),
thousands groups after a comma and a space (``$300, 000``) and compounds of two scales (``3 billion 6
million``, ``3亿6000万元``). Each is called only where its first character stands."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from aidcurator.extract.fastre import alternation
from aidcurator.extract.number_forms import number_forms
from aidcurator.extract.quantity_text import QuantityText
from aidcurator.extract.quantity_words import zh_currency_suffixes, zh_scale_firsts
from aidcurator.extract.rules import load_rules

_EN_COMPOUND = re.compile(r" ([0-9]+) ([A-Za-z]+)(?![A-Za-z0-9])")
_MONTH_BEFORE = re.compile(r"([A-Za-z]+)\.?[ \u00a0]+\Z")


@cache
def _zh_part() -> re.Pattern[str]:
    """One further part of a mixed number (``零500万``, ``5千``): 零 allowed, digits, a Chinese scale."""
    rules = load_rules()
    zero = "".join(d for d, v in rules.zh_digits.items() if v == 0)
    return re.compile(rf"[{zero}]?([0-9]+)({alternation(rules.zh_scales)})")


@cache
def _zh_part_gapped() -> re.Pattern[str]:
    """``_zh_part`` with one gap space allowed before the scale (``6000 万``)."""
    rules = load_rules()
    zero = "".join(d for d, v in rules.zh_digits.items() if v == 0)
    spaces = re.escape("".join(sorted(number_forms().gap_spaces)))
    return re.compile(rf"[{zero}]?([0-9]+)[{spaces}]?({alternation(rules.zh_scales)})")


@cache
def _groups() -> re.Pattern[str]:
    """Thousands groups after the spaced separator (``, 000``), none followed by a digit or a decimal."""
    separator = re.escape(number_forms().spaced_separator)
    return re.compile(rf"(?:{separator}[0-9]{{3}})+(?![0-9])(?![.,][0-9])")


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


class NumberFormReader(QuantityText):
    """Readings of the less plain number forms."""

    def gap_end(self, start: int, pos: int) -> int:
        """``300 万元``, ``50 多个``, ``120 人``: the position after the gap space at ``pos`` (right after
        the Arabic number at ``start``) when a Chinese scale, a classifier, a counted noun, or an inner
        qualifier before one of those or a currency follows it; else ``pos``."""
        text = self.text
        after = pos + 1
        if after >= len(text) or not _is_cjk(text[after]):
            return pos
        forms = number_forms()
        rules = self.rules
        if (
            start >= 2
            and text[start - 1] in forms.gap_spaces
            and text[start - 2] in rules.not_a_number_before
        ):
            return pos  # 第 3 个: an ordinal
        if self._zh_word_at(after, scale=True):
            return after
        if text[after] in rules.zh_inner_qualifiers and self._zh_word_at(
            after + 1, scale=True, currency=True
        ):
            return after
        return pos

    def gap_after(self, pos: int, gapped: bool) -> int:
        """Past the gap space at ``pos`` when the number was written with one (``1557 万 3065 元``)."""
        text = self.text
        if gapped and pos < len(text) and text[pos] in number_forms().gap_spaces:
            return pos + 1
        return pos

    def _zh_word_at(self, pos: int, *, scale: bool = False, currency: bool = False) -> bool:
        """Whether a Chinese classifier or counted noun (with ``scale``: or a scale word, with
        ``currency``: or a currency word) starts at ``pos``."""
        rules = self.rules
        text = self.text
        if pos >= len(text):
            return False
        if scale and text[pos] in zh_scale_firsts() and any(text.startswith(w, pos) for w in rules.zh_scales):
            return True
        if currency and self.match_word_at(pos, zh_currency_suffixes()):
            return True
        return bool(
            self.match_word_at(pos, rules.zh_classifiers, simple=True)
            or self.match_word_at(pos, rules.zh_direct_nouns, simple=True)
        )

    def spaced_groups(self, start: int, end: int) -> tuple[int, Decimal] | None:
        """``300, 000``: the end and value of a number of 1 to 3 leading digits (``start``-``end``) and
        the thousands groups after it, each after a comma and a space; None when none follow or the
        number is a day after a month name (May 3, 500). Whether it is money the caller decides."""
        text = self.text
        token = text[start:end]
        if not (token.isascii() and token.isdigit() and len(token) <= 3):
            return None
        groups = _groups().match(text, end)
        if groups is None:
            return None
        month = _MONTH_BEFORE.search(text, max(0, start - 14), start)
        if month is not None and month.group(1).lower() in number_forms().months:
            return None
        separator = number_forms().spaced_separator
        return groups.end(), Decimal(token + groups.group().replace(separator, ""))

    def en_compound(self, pos: int, multiplier: Decimal) -> tuple[int, Decimal] | None:
        """``3 billion 6 million``: after a scale word ending at ``pos``, an integer of at most
        ``compound_en_max_digits`` digits and a smaller scale word (a thousand at least); their end
        and value (None: no compound)."""
        if not self.text[pos + 1 : pos + 2].isdigit():
            return None
        match = _EN_COMPOUND.match(self.text, pos)
        if match is None or len(match.group(1)) > number_forms().compound_en_max_digits:
            return None
        smaller = self.rules.en_scales.get(match.group(2).lower())
        if smaller is None or not 1000 <= smaller < multiplier:
            return None
        return match.end(), Decimal(match.group(1)) * smaller

    def zh_compound(self, pos: int, multiplier: Decimal, gapped: bool = False) -> tuple[int, Decimal] | None:
        """``3亿6000万元``, ``1万5千元``, ``3亿零500万元``: after an integer and its Chinese scale
        (``multiplier``, ending at ``pos``), further parts of digits and a smaller scale, each below
        the scale before it, with a currency, a classifier, a counted noun or an inner qualifier right
        after the last; their end and value (``gapped``: written with gap spaces, ``3 亿 6000 万元``)."""
        text = self.text
        rules = self.rules
        limit = number_forms().compound_zh_max_digits
        part = _zh_part_gapped() if gapped else _zh_part()
        total = Decimal(0)
        end = None
        while True:
            match = part.match(text, pos)
            if match is None or len(match.group(1)) > limit:
                break
            scale = rules.zh_scales[match.group(2)]
            value = Decimal(match.group(1)) * scale
            if scale >= multiplier or value >= multiplier:
                break
            total += value
            multiplier = scale
            end = pos = match.end()
            pos = self.gap_after(pos, gapped)
        if end is None:
            return None
        after = self.gap_after(end, gapped)
        if after < len(text) and (
            text[after] in rules.zh_inner_qualifiers or self._zh_word_at(after, currency=True)
        ):
            return after, total
        return None
