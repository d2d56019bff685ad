"""Exact conversion of number words to Decimal: Arabic (full-width too), Chinese and English."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from aidcurator.extract.rules import AmountRules


def parse_arabic(token: str) -> Decimal | None:
    """``1,262`` / ``４ ０００`` / ``２．１４`` → Decimal; None if it is not a plain number."""
    if "," in token and len(token) - token.rfind(",") < 4:  # 2,5 (million): a decimal comma
        whole, _, tail = token.rpartition(",")
        if tail.isdigit() and whole.isdigit():
            return Decimal(f"{whole}.{tail}")
    if token.isascii():  # the common case, without the per-character walk
        plain = token.replace(",", "").replace(" ", "")
        if plain and (plain.isdigit() or (plain.count(".") == 1 and plain.replace(".", "").isdigit())):
            return Decimal(plain)
    cleaned = []
    for ch in token:
        if ch in ",，  \u2009\u202f":
            continue
        if ch in ".．·・‧":  # (a middle dot only where number_forms lets the token hold one: 12·5亿)
            cleaned.append(".")
            continue
        digit = unicodedata.decimal(ch, None)
        if digit is None:
            return None
        cleaned.append(str(digit))
    try:
        return Decimal("".join(cleaned))
    except InvalidOperation:
        return None


def parse_chinese(token: str, rules: AmountRules) -> Decimal | None:
    """Chinese numerals (``两千三百万``, ``三點五億``, ``壹佰万``) → Decimal, or None if malformed.

    Digit runs without units (``二〇二四``, ``十四五``) are rejected: they are years or plan names,
    not quantities.
    """
    for point in rules.zh_decimal_points:
        if point in token:
            whole, _, rest = token.partition(point)
            return _chinese_decimal(whole, rest, rules)
    return _chinese_integer(token, rules)


def _chinese_decimal(whole: str, rest: str, rules: AmountRules) -> Decimal | None:
    fraction = []
    index = 0
    while index < len(rest) and rest[index] in rules.zh_digits:
        fraction.append(str(rules.zh_digits[rest[index]]))
        index += 1
    if not fraction:
        return None
    integer = _chinese_integer(whole, rules) if whole else Decimal(0)
    if integer is None:
        return None
    value = integer + Decimal("0." + "".join(fraction))
    scale = rest[index:]
    if not scale:
        return value
    multiplier = rules.zh_scales.get(scale)
    if multiplier is None:
        return None
    return value * multiplier


def _chinese_integer(token: str, rules: AmountRules) -> Decimal | None:
    total = 0  # value of the completed 亿/万 sections
    section = 0  # value inside the current section
    digit = 0
    previous_was_digit = False
    seen_any = False
    for ch in token:
        if ch in rules.zh_digits:
            value = rules.zh_digits[ch]
            if previous_was_digit:
                return None  # two digits in a row: 二〇二四, 十四五
            digit = value
            previous_was_digit = value != 0
            seen_any = True
        elif ch in rules.zh_units:
            section += (digit or 1) * rules.zh_units[ch]
            digit = 0
            previous_was_digit = False
            seen_any = True
        elif ch in rules.zh_sections and seen_any:
            section += digit
            multiplier = rules.zh_sections[ch]
            if multiplier >= 100_000_000:
                total = (total + section) * multiplier
            else:
                total += section * multiplier
            section = 0
            digit = 0
            previous_was_digit = False
        else:
            return None
    if not seen_any:
        return None
    return Decimal(total + section + digit)


def parse_english_words(words: list[str], rules: AmountRules) -> Decimal | None:
    """``["twenty", "five"]`` → 25; ``["three", "hundred"]`` → 300; None when not a number."""
    total = Decimal(0)
    current = Decimal(0)
    seen = False
    for word in words:
        lower = word.lower()
        if lower in rules.en_number_words:
            current += rules.en_number_words[lower]
            seen = True
        elif lower == "hundred" and seen:
            current = (current or 1) * 100
        elif lower in ("thousand", "million", "billion", "trillion") and seen:
            total += (current or 1) * rules.en_scales[lower]
            current = Decimal(0)
        else:
            return None
    return total + current if seen else None
