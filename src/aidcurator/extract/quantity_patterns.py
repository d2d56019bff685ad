"""Compiled patterns of the quantity scan: the number token, word matchers cached by collection,
and the fused scale / percent matchers."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from aidcurator.extract.fastre import (
    after_first,
    alternation,
    any_case_first_chars,
    first_chars,
    regex_first_chars,
    trie,
)
from aidcurator.extract.number_forms import (
    after_a_point,
    decimal_comma,
    gap_after_arabic,
    hyphen_scale_branch,
    middle_dot_decimal,
)
from aidcurator.extract.quantity_words import SPACES, en_currency_suffixes, zh_currency_suffixes
from aidcurator.extract.rules import load_rules


@dataclass(frozen=True)
class NumberPatterns:
    token: re.Pattern[str]
    en_word: re.Pattern[str]
    # the token pattern split for English text (see QuantityScanner.tokens): its Arabic and Chinese
    # numbers; and its English number words, each matched with the character before it (no word
    # character), whose class the regex engine skips ahead to (spaces and punctuation, not letters)
    digits: re.Pattern[str]
    words_after: re.Pattern[str]
    word_firsts: frozenset[str]  # the letters an English number word starts with


@cache
def number_patterns() -> NumberPatterns:
    """The number-token pattern.

    It opens with one character class (every character a number can start with), so the regex
    engine skips ahead with its fast class scan instead of trying each alternative at every
    position; each branch then checks its own first character with a lookbehind. Five times
    faster than the plain alternation on article text.
    """
    rules = load_rules()
    zh_chars = "".join(sorted({*rules.zh_digits, *rules.zh_units, *rules.zh_sections}))
    zh_points = "".join(sorted(rules.zh_decimal_points))
    follow = "".join(
        sorted(
            {w[0] for w in rules.currencies.zh_suffix}
            | {w[0] for w in rules.zh_classifiers}
            | {w[0] for w in rules.zh_classifier_nouns}
            | {w[0] for w in rules.zh_range_connectors if not w.isascii()}
        )
    )
    sections = "".join(sorted(rules.zh_sections))
    words = [w for w in rules.en_number_words if " " not in w]
    scale_words = [*words, "hundred", "thousand", "million", "billion", "trillion"]
    en_first = first_chars(words, both_cases=True)
    en_rest = after_first(words, both_cases=True)
    # each Arabic form minus its first digit, which the opening class has consumed
    arabic_rest = (
        r"(?<=[0-9])[0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?"
        r"|(?<=[０-９])[０-９]{0,2}(?:[，,][０-９]{3})+(?:[．.][０-９]+)?"
        r"|(?<=[0-9])[0-9]{0,2}(?:[ \u00a0\u2009\u202f][0-9]{3})+(?![0-9])(?:\.[0-9]+)?"
        r"|(?<=[0-9])[0-9]?(?:,[0-9]{2})+,[0-9]{3}(?![0-9])(?:\.[0-9]+)?"  # 50,00,000: lakh groups
        # 12·5亿, 2,5 million: see number_forms
        rf"|[0-9０-９]*(?:[.．][0-9０-９]+|{middle_dot_decimal()}|{decimal_comma()})?"
    )
    chinese_rest = rf"[{zh_chars}{zh_points}]*(?:(?<=[{sections}])|(?=[多余]?[{follow}]))"
    english_rest = rf"(?i:{en_rest}(?:(?:\s+|-){trie(scale_words)})*\b)"
    # a digit after a point starts a number only after a currency abbreviation's point (Rs.16.5 billion,
    # Ksh.1.8 billion; not No.5, Sept.5), never after a digit's or another mark's (1.5, 2020.10.12, ?.4万)
    digits_rest = (
        rf"(?<=[0-9０-９])(?<![0-9０-９．].){after_a_point()}"
        rf"(?P<arabic>(?:{arabic_rest}){gap_after_arabic()})"
        rf"|(?<=[{zh_chars}])(?P<zh>{chinese_rest})"
    )
    token = re.compile(
        rf"[0-9０-９{zh_chars}{en_first}](?:{digits_rest}|(?<![A-Za-z0-9_].)(?P<en>{english_rest}))"
    )
    return NumberPatterns(
        token=token,
        en_word=re.compile(r"[A-Za-z][A-Za-z'-]*"),
        digits=re.compile(rf"[0-9０-９{zh_chars}](?:{digits_rest})"),
        words_after=re.compile(rf"[^A-Za-z0-9_][{en_first}](?P<en>{english_rest})"),
        word_firsts=frozenset(c for w in words for c in (w[0].lower(), w[0].upper())),
    )


_WORD_PATTERNS: dict[tuple[int, bool], tuple[re.Pattern[str], re.Pattern[str], int]] = {}
# the bound ``match`` of each collection's starts-at pattern, by id: the scanner's hottest lookup
WORD_AT: dict[int, tuple[frozenset[str], Callable[[str, int], re.Match[str] | None]]] = {}
WORD_AT_EN: dict[int, tuple[frozenset[str], Callable[[str, int], re.Match[str] | None]]] = {}


def word_patterns(words, english: bool) -> tuple[re.Pattern[str], re.Pattern[str], int]:
    """Compiled (starts-at, ends-at, longest) patterns for a word collection, cached by identity.

    Word collections come from the cached rules or are constants, so they live for the process.
    """
    key = (id(words), english)
    cached = _WORD_PATTERNS.get(key)
    if cached is None:
        ordered = sorted(words, key=len, reverse=True)
        # a trie tries a few characters per position where a list of hundreds of currency names
        # tried each; it finds the same (longest) word
        alternation = trie({w.lower() for w in ordered} if english else ordered) if ordered else "(?!)"
        # ``before`` opens with one class of the words' first characters (in any case for English), so
        # a search of the window before a number skips ahead to those in C (after_first: the rest)
        if english:
            at = re.compile(rf"(?:{alternation})(?![A-Za-z0-9])", re.IGNORECASE)
            if ordered and all(ordered):
                lower = {w.lower() for w in ordered}
                before = re.compile(
                    rf"[{any_case_first_chars(lower)}](?i:(?<![A-Za-z0-9].){after_first(lower)})\Z"
                )
            else:
                before = re.compile(rf"(?<![A-Za-z0-9])(?:{alternation})\Z", re.IGNORECASE)
        else:
            at = re.compile(rf"(?:{alternation})")
            if ordered and all(ordered):
                before = re.compile(rf"[{first_chars(ordered)}]{after_first(ordered)}\Z")
            else:
                before = re.compile(rf"(?:{alternation})\Z")
        cached = (at, before, max((len(w) for w in ordered), default=0))
        _WORD_PATTERNS[key] = cached
        (WORD_AT_EN if english else WORD_AT)[id(words)] = (_first_chars(ordered, english), at.match)
    return cached


def _first_chars(words, english: bool) -> frozenset[str]:
    """The characters a word can start with (English: every character that matches one ignoring case)."""
    firsts = {w[0] for w in words if w}
    if english:
        firsts |= {c.lower() for c in firsts} | {c.upper() for c in firsts}
        firsts |= {odd for odd, plain in _CASE_ODDITIES.items() if plain in firsts}
    return frozenset(firsts)


#: Characters ``re.IGNORECASE`` matches to an ASCII letter (long s, Kelvin sign, dotted/dotless i).
_CASE_ODDITIES = {"ſ": "s", "\u212a": "k", "İ": "i", "ı": "i"}  # \u212a: the Kelvin sign


@dataclass(frozen=True)
class NumberLexicon:
    """Bound ``match`` methods of patterns that fuse several word checks into one regex call."""

    english_scale: Callable[[str, int], re.Match[str] | None]
    percent: Callable[[str, int], re.Match[str] | None]
    # the characters each can start with, in any case (None: not known): a set lookup that rules out
    # most positions (a year's 年, a comma) before the regex call
    english_scale_firsts: frozenset[str] | None
    percent_firsts: frozenset[str] | None


@cache
def number_lexicon() -> NumberLexicon:
    """The fused scale and percent matchers, compiled once."""
    rules = load_rules()
    spaces = re.escape(SPACES)
    english_scale = (
        re.compile(  # 5m / 2bn (no letter or digit after), or 5 million (two spaces or a line break)
            rf"(?i:(?P<attached>{alternation(rules.en_attached_scales)})(?![^\W_])"
            rf"|(?:[{spaces}]{{1,2}}|\n(?!\n)|-)(?P<spaced>{alternation(rules.en_scales)})(?![A-Za-z0-9])"
            rf"|{hyphen_scale_branch()})"  # $2.4-M
        )
    )
    percent = re.compile(  # 5% / 5 percent / 5个百分点, at most one space before a word
        rf"[{spaces}]?(?i:{alternation(rules.percent_signs)})(?![A-Za-z0-9])"
        rf"|{alternation(('%', '％', '‰', '个百分点'))}"
    )
    return NumberLexicon(
        english_scale=english_scale.match,
        percent=percent.match,
        english_scale_firsts=_any_case_firsts(english_scale.pattern),
        percent_firsts=_any_case_firsts(percent.pattern),
    )


def _any_case_firsts(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with, in every case the regex engine matches
    ignoring case (its ``(?i:...)`` groups are not told apart); None when not known."""
    chars = regex_first_chars(pattern)
    return None if chars is None else _first_chars(chars, True)


@cache
def money_after_firsts() -> frozenset[str]:
    """Every character that can follow a number where a currency written after it or a range begins
    (:meth:`AmountReader.read_amount`): spaces, a dash, a line break, the first characters of the
    currency suffixes (English ones in any case) and of the range connectors."""
    rules = load_rules()
    return frozenset(
        {*SPACES, "-", "\n"}
        | _first_chars(zh_currency_suffixes(), False)
        | _first_chars(en_currency_suffixes(), True)
        | {
            c
            for w in (*rules.zh_range_connectors, *rules.en_range_connectors)
            if w
            for c in (w[0], w[0].lower(), w[0].upper())
        }
    )


@cache
def after_number_firsts() -> frozenset[str] | None:
    """Every character that a word read right after an Arabic number can start with (see
    :meth:`QuantityScanner.nothing_after`): scales, inner and suffix qualifiers, currency suffixes, range
    connectors, classifiers and counted nouns, percent signs; None when a pattern's first characters
    are not a known set."""
    rules = load_rules()
    lexicon = number_lexicon()
    patterns = [
        regex_first_chars(lexicon.english_scale.__self__.pattern),
        regex_first_chars(lexicon.percent.__self__.pattern),
    ]
    if any(found is None for found in patterns):
        return None
    words = (
        *rules.zh_scales,
        *rules.zh_inner_qualifiers,
        *rules.zh_suffix_qualifiers,
        *rules.en_suffix_qualifiers,
        *zh_currency_suffixes(),
        *en_currency_suffixes(),
        *rules.zh_range_connectors,
        *rules.en_range_connectors,
        *rules.zh_classifiers,
        *rules.zh_direct_nouns,
    )
    firsts = {c for w in words if w for c in (w[0], w[0].lower(), w[0].upper())}
    return frozenset(firsts.union(*patterns))


@cache
def left_blockers() -> frozenset[str]:
    """Every character before a number token that can make it no number (see
    :meth:`NumberReader.blocked_left`): the rules' ``not_a_number_before``, signs, colons, dashes and
    ASCII letters; before any other character a token is never blocked."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return frozenset(load_rules().not_a_number_before) | frozenset(
        "+/@×*^:：-—–－" + letters + letters.upper()
    )
