"""Word lists and character sets the quantity readers look up, derived once from the amount rules.

Each ``@cache`` function sorts a rule list longest first (the order the word matchers need) or
builds a set of edge characters that rules out most positions before any regex runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from aidcurator.extract.fastre import after_first, any_case_first_chars, first_chars, gated, trie
from aidcurator.extract.rules import AmountRules, RuleDataError, load_rules
from aidcurator.resources import resource_path

SPACES = " \t\u00a0\u3000"
SENTENCE_END = "。！？!?\n；;"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class EdgeChars:
    """Characters a word list can start or end with (both cases): a set lookup that rules out
    most positions before any regex runs."""

    prefix_last: frozenset[str]  # currency words and signs written before a number
    qualifier_last: frozenset[str]  # qualifiers (and their bridge verbs) before a number
    qualifier_first: frozenset[str]  # qualifiers after a number
    connector_first: frozenset[str]  # range connectors


@cache
def edge_chars() -> EdgeChars:
    """The edge characters of the currency, qualifier and connector word lists."""
    rules = load_rules()

    def cased(chars) -> frozenset[str]:
        return frozenset(c for ch in chars for c in (ch, ch.lower(), ch.upper()))

    currencies = rules.currencies
    return EdgeChars(
        prefix_last=cased(w[-1] for w in (*currencies.zh_prefix, *currencies.prefix) if w),
        qualifier_last=cased(
            w[-1]
            for w in (*rules.zh_prefix_qualifiers, *rules.zh_qualifier_bridges, *rules.en_prefix_qualifiers)
            if w
        ),
        qualifier_first=cased(w[0] for w in (*rules.zh_suffix_qualifiers, *rules.en_suffix_qualifiers) if w),
        connector_first=cased(w[0] for w in (*rules.zh_range_connectors, *rules.en_range_connectors) if w),
    )


@cache
def zh_scale_firsts() -> frozenset[str]:
    """The characters a Chinese scale word (万, 亿, 万亿 …) can start with."""
    return frozenset(w[0] for w in load_rules().zh_scales if w)


@cache
def section_chars() -> str:
    """The section characters (万, 亿 …) as one string, for ``str.rstrip``."""
    return "".join(load_rules().zh_sections)


def is_year_like(token: str) -> bool:
    """Whether a token is four digits between 1900 and 2100."""
    return len(token) == 4 and token.isdigit() and 1900 <= int(token) <= 2100


@cache
def en_two_word_noun_firsts() -> frozenset[str]:
    """The first words of the English counted nouns of two words (``medical workers``)."""
    return frozenset(k.split(" ", 1)[0] for k in load_rules().en_nouns if k.count(" ") == 1)


@cache
def longest_zh_noun() -> dict[str, int]:
    """Length of the longest Chinese counted noun starting with each character (a character no noun
    starts with is not a key)."""
    longest: dict[str, int] = {}
    for word in load_rules().zh_nouns:
        if word:
            longest[word[0]] = max(longest.get(word[0], 0), len(word))
    return longest


@cache
def zh_currency_suffixes() -> tuple[str, ...]:
    """Chinese currency words written after a number, longest first."""
    return tuple(sorted(load_rules().currencies.zh_suffix, key=len, reverse=True))


@cache
def en_currency_suffixes() -> tuple[str, ...]:
    """English currency words written after a number, longest first."""
    return tuple(sorted(load_rules().currencies.en_suffix, key=len, reverse=True))


@cache
def _sign_prefixes() -> tuple[str, ...]:
    """Currency signs (no letters-only codes), longest first: US$, HK$, $, ¥…"""
    words = [w for w in load_rules().currencies.prefix if not w.replace(".", "").isalpha()]
    return tuple(sorted(words, key=len, reverse=True))


@cache
def currency_sign_at() -> Callable[[str, int], re.Match[str] | None]:
    """``match`` of the longest currency sign at a position (as ``startswith`` over _sign_prefixes)."""
    return re.compile(trie(_sign_prefixes()) or "(?!)").match


@cache
def alpha_currency_prefixes() -> tuple[str, ...]:
    """Currency codes and abbreviations of letters only written before a number, longest first."""
    words = [w for w in load_rules().currencies.prefix if w.replace(".", "").isalpha()]
    return tuple(sorted(words, key=len, reverse=True))


def currency_prefix_key(word: str) -> str:
    """The key of ``currencies.prefix`` that ``word`` spells in any case (the first in file order)."""
    return _prefix_keys().get(word.lower(), word)


@cache
def _prefix_keys() -> dict[str, str]:
    """Lower-case spelling → the first key of ``currencies.prefix`` spelled so."""
    keys: dict[str, str] = {}
    for key in load_rules().currencies.prefix:
        keys.setdefault(key.lower(), key)
    return keys


@cache
def currency_prefix_pattern() -> tuple[re.Pattern[str], int]:
    """One pattern for every currency word or sign written before a number, anchored at the end."""
    currencies = load_rules().currencies
    words = sorted({*currencies.zh_prefix, *currencies.prefix}, key=len, reverse=True)
    signs = [w for w in words if not w.replace(".", "").isalpha()]
    letters = sorted({w.lower() for w in words if w.replace(".", "").isalpha()})
    # ``(?:signs|(?<![A-Za-z])(?i:letters))\Z`` opening with one character class of every first
    # character (the letters' in any case), each branch gated by a look-behind at it: a search skips
    # ahead to those in C instead of trying every word at every character of the window
    branches = []
    if signs:
        branches.append((first_chars(signs), after_first(signs)))
    if letters:
        branches.append((any_case_first_chars(letters), rf"(?<![A-Za-z].)(?i:{after_first(letters)})"))
    pattern = gated(branches, tail=r"\Z")
    return re.compile(pattern), max(len(w) for w in words)


@cache
def zh_prefix_qualifier_words() -> tuple[str, ...]:
    """Chinese qualifiers written before a number, longest first."""
    return tuple(sorted(load_rules().zh_prefix_qualifiers, key=len, reverse=True))


@cache
def zh_suffix_qualifier_words() -> tuple[str, ...]:
    """Chinese qualifiers written after a quantity, longest first."""
    return tuple(sorted(load_rules().zh_suffix_qualifiers, key=len, reverse=True))


@cache
def en_prefix_qualifier_words() -> tuple[str, ...]:
    """English qualifiers written before a number, longest first."""
    return tuple(sorted(load_rules().en_prefix_qualifiers, key=len, reverse=True))


@cache
def en_suffix_qualifier_words() -> tuple[str, ...]:
    """English qualifiers written after a quantity, longest first."""
    return tuple(sorted(load_rules().en_suffix_qualifiers, key=len, reverse=True))


@cache
def zh_units_not_money() -> tuple[str, ...]:
    """Chinese units and measure words after which a scaled number is not money (amounts.json
    ``zh_units_not_money``)."""
    return tuple(_not_money()["zh"])


@cache
def en_units_not_money() -> frozenset[str]:
    """English units after which a scaled number is not money (amounts.json ``en_units_not_money``)."""
    return frozenset(w.lower() for w in _not_money()["en"])


@cache
def _not_money() -> dict[str, list[str]]:
    path = resource_path("rules", "amounts.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {"zh": list(data["zh_units_not_money"]), "en": list(data["en_units_not_money"])}
    except (OSError, ValueError, KeyError) as exc:
        raise RuleDataError(f"cannot read the units that are not money from {path}: {exc}") from exc


def is_number_char(char: str, rules: AmountRules) -> bool:
    """Whether a character can be part of a written number (digit, numeral, 多/余)."""
    return (
        char.isdigit()
        or char in rules.zh_sections
        or char in rules.zh_units
        or char in rules.zh_digits
        or char in "多余餘"
    )
