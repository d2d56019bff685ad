"""Load and validate the extractor's rule data from ``resources/rules/amounts.json``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from aidcurator.resources import resource_path


class RuleDataError(ValueError):
    """The rule file is missing a section or has a value of the wrong shape."""


@dataclass(frozen=True)
class CurrencyWords:
    zh_suffix: dict[str, str]  # word -> ISO code
    zh_prefix: dict[str, str]
    prefix: dict[str, str]  # signs and codes written before the number (US$, ¥, RMB)
    en_suffix: dict[str, str]  # lower-cased word -> ISO code
    # generic words (francs, shillings, Rs, K) -> their family; the country the text names decides
    family: dict[str, str] = field(
        default_factory=dict
    )  # "en_suffix:shillings", "prefix:Rs", "zh_suffix:先令"
    families: dict[str, tuple[str | None, dict[str, str]]] = field(default_factory=dict)


@dataclass(frozen=True)
class AmountRules:
    zh_digits: dict[str, int]
    zh_units: dict[str, int]
    zh_sections: dict[str, int]
    zh_decimal_points: frozenset[str]
    zh_scales: dict[str, Decimal]
    en_scales: dict[str, Decimal]
    en_attached_scales: dict[str, Decimal]
    en_number_words: dict[str, Decimal]
    currencies: CurrencyWords
    generic_zh_suffixes: frozenset[str]
    declaration_same: tuple[str, ...]
    list_joiners: tuple[str, ...]
    yen_default: str
    yen_japanese: str
    japanese_context: re.Pattern[str]
    zh_qualifier_bridges: tuple[str, ...]
    zh_money_after_window: int
    en_money_after_window: int
    zh_prefix_qualifiers: dict[str, str]
    zh_suffix_qualifiers: dict[str, str]
    zh_inner_qualifiers: dict[str, str]
    en_prefix_qualifiers: dict[str, str]
    en_suffix_qualifiers: dict[str, str]
    zh_range_connectors: tuple[str, ...]
    en_range_connectors: tuple[str, ...]
    zh_money_context: re.Pattern[str]
    en_money_context: re.Pattern[str]
    zh_money_window: int
    en_money_window: int
    zh_classifier_nouns: dict[str, str]
    zh_classifiers: tuple[str, ...]
    zh_nouns: dict[str, str]
    zh_noun_gap: int
    zh_direct_nouns: tuple[str, ...]
    zh_noun_linkers: tuple[str, ...]
    zh_noun_first_bridges: tuple[str, ...]
    zh_jurisdiction_modifiers: tuple[str, ...]
    en_nouns: dict[str, str]
    en_noun_gap_words: int
    en_gap_stopwords: frozenset[str]
    zh_gap_stop_chars: frozenset[str]
    jurisdictions_zh: tuple[str, ...]
    jurisdictions_en: frozenset[str]
    not_a_number_before: frozenset[str]
    zh_vague_before: frozenset[str]
    percent_signs: tuple[str, ...]
    zh_round_before: frozenset[str] = frozenset()
    zh_signed_cues: tuple[str, ...] = ()
    en_not_count_before: tuple[str, ...] = ()
    en_total_after: tuple[str, ...] = ()
    en_modifier_joiners: frozenset[str] = frozenset()
    zh_not_count_after_people: tuple[str, ...] = ()
    zh_noun_conjunctions: frozenset[str] = frozenset()
    zh_head_markers: frozenset[str] = frozenset()
    zh_elliptic_window: int = 0
    zh_classifier_noun_classes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    zh_jurisdiction_noun_reach: int = 4
    zh_modifier_hops: int = 0
    zh_conjunct_gap: int = 0
    zh_enumeration_marks: frozenset[str] = frozenset()
    # (word, code, words the text must have, words it must not): 澳元 in a text about Macao is MOP
    context_currency_words: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...]], ...] = ()
    # (dateline pattern, code, words marking yuan): a plain 元 in a Hong Kong-datelined story is HKD
    context_currency_datelines: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = ()


def _section(data: dict[str, Any], *path: str) -> Any:
    node: Any = data
    for key in path:
        if not isinstance(node, dict) or key not in node:
            raise RuleDataError(f"amounts.json: missing section {'.'.join(path)!r}")
        node = node[key]
    return node


def _str_map(data: dict[str, Any], *path: str) -> dict[str, str]:
    node = _section(data, *path)
    if not isinstance(node, dict) or not all(isinstance(v, str) for v in node.values()):
        raise RuleDataError(f"amounts.json: {'.'.join(path)} must map words to strings")
    return dict(node)


def _num_map(data: dict[str, Any], *path: str) -> dict[str, Decimal]:
    node = _section(data, *path)
    if not isinstance(node, dict) or not all(isinstance(v, int | float) for v in node.values()):
        raise RuleDataError(f"amounts.json: {'.'.join(path)} must map words to numbers")
    return {k: Decimal(str(v)) for k, v in node.items()}


def _word_list(data: dict[str, Any], *path: str) -> list[str]:
    node = _section(data, *path)
    if not isinstance(node, list) or not all(isinstance(v, str) for v in node):
        raise RuleDataError(f"amounts.json: {'.'.join(path)} must be a list of strings")
    return list(node)


def _longest_first(words: list[str] | dict[str, Any]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


def _context_pattern(words: list[str], *, english: bool) -> re.Pattern[str]:
    alternation = "|".join(re.escape(w) for w in _longest_first(words))
    if english:
        return re.compile(rf"\b(?:{alternation})\b", re.IGNORECASE)
    return re.compile(alternation)


def _currency_words(data: dict[str, Any]) -> CurrencyWords:
    entries = _section(data, "currencies")
    if not isinstance(entries, list):
        raise RuleDataError("amounts.json: currencies must be a list")
    zh_suffix: dict[str, str] = {}
    zh_prefix: dict[str, str] = {}
    prefix: dict[str, str] = {}
    en_suffix: dict[str, str] = {}
    family: dict[str, str] = {}
    families: dict[str, tuple[str | None, dict[str, str]]] = {}
    for name, spec in data.get("currency_families", {}).items():
        if name.startswith("_"):
            continue
        if not isinstance(spec, dict) or not isinstance(spec.get("by_country"), dict):
            raise RuleDataError(f"amounts.json: currency family {name!r} needs a by_country map")
        families[name] = (spec.get("default"), {k.upper(): v for k, v in spec["by_country"].items()})
    for entry in entries:
        code = entry.get("code")
        if not isinstance(code, str) or len(code) != 3:
            raise RuleDataError(f"amounts.json: currency entry without a 3-letter code: {entry!r}")
        for key, target, lower in (
            ("zh_suffix", zh_suffix, False),
            ("zh_prefix", zh_prefix, False),
            ("prefix", prefix, False),
            ("en_suffix", en_suffix, True),
        ):
            for word in entry.get(key, []):
                word = word.lower() if lower else word
                if word not in target and entry.get("family"):
                    if entry["family"] not in families:
                        raise RuleDataError(f"amounts.json: unknown currency family {entry['family']!r}")
                    family[f"{key}:{word}"] = entry["family"]
                target.setdefault(word, code)
    return CurrencyWords(zh_suffix, zh_prefix, prefix, en_suffix, family, families)


@cache
def load_rules() -> AmountRules:
    """Read and validate the rule file once per process."""
    path = resource_path("rules", "amounts.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RuleDataError(f"cannot read {path}: {exc}") from exc
    counts = _section(data, "counts")
    digits = _section(data, "zh_digits")
    units = _section(data, "zh_units")
    sections = _section(data, "zh_sections")
    return AmountRules(
        zh_digits={k: int(v) for k, v in digits.items()},
        zh_units={k: int(v) for k, v in units.items()},
        zh_sections={k: int(v) for k, v in sections.items()},
        zh_decimal_points=frozenset(_word_list(data, "zh_decimal_points")),
        zh_scales=_num_map(data, "zh_scales"),
        en_scales=_num_map(data, "en_scales"),
        en_attached_scales=_num_map(data, "en_attached_scales"),
        en_number_words=_num_map(data, "en_number_words"),
        currencies=_currency_words(data),
        generic_zh_suffixes=frozenset(_word_list(data, "currency_sharing", "generic_zh_suffixes")),
        declaration_same=_longest_first(_word_list(data, "currency_sharing", "declaration_same")),
        list_joiners=_longest_first(_word_list(data, "currency_sharing", "list_joiners")),
        yen_default=str(_section(data, "yen_sign", "default")),
        yen_japanese=str(_section(data, "yen_sign", "japanese_context_code")),
        japanese_context=_context_pattern(
            _word_list(data, "yen_sign", "japanese_context_words"), english=True
        ),
        zh_qualifier_bridges=_longest_first(_word_list(data, "qualifiers", "zh_bridge")),
        zh_money_after_window=int(_section(data, "money_context_after_window", "zh")),
        en_money_after_window=int(_section(data, "money_context_after_window", "en")),
        zh_prefix_qualifiers=_str_map(data, "qualifiers", "zh_prefix"),
        zh_suffix_qualifiers=_str_map(data, "qualifiers", "zh_suffix"),
        zh_inner_qualifiers=_str_map(data, "qualifiers", "zh_inner"),
        en_prefix_qualifiers={k.lower(): v for k, v in _str_map(data, "qualifiers", "en_prefix").items()},
        en_suffix_qualifiers={k.lower(): v for k, v in _str_map(data, "qualifiers", "en_suffix").items()},
        zh_range_connectors=_longest_first(_word_list(data, "range_connectors", "zh")),
        en_range_connectors=_longest_first(_word_list(data, "range_connectors", "en")),
        zh_money_context=_context_pattern(_word_list(data, "money_context", "zh"), english=False),
        en_money_context=_context_pattern(_word_list(data, "money_context", "en"), english=True),
        zh_money_window=int(_section(data, "money_context_window", "zh")),
        en_money_window=int(_section(data, "money_context_window", "en")),
        zh_classifier_nouns=dict(counts["zh_classifier_nouns"]),
        zh_classifiers=_longest_first(
            [*_word_list(counts, "zh_classifiers"), *counts["zh_classifier_nouns"]]
        ),
        zh_nouns={**dict(counts["zh_nouns"]), **dict.fromkeys(counts.get("zh_not_counted", ()), "")},
        zh_noun_gap=int(counts["zh_noun_gap"]),
        zh_direct_nouns=_longest_first(_word_list(counts, "zh_direct_nouns")),
        zh_noun_linkers=_longest_first(_word_list(counts, "zh_noun_linkers")),
        zh_noun_first_bridges=_longest_first(_word_list(counts, "zh_noun_first_bridges")),
        zh_jurisdiction_modifiers=_longest_first(_word_list(counts, "zh_jurisdiction_modifiers")),
        en_nouns={k.lower(): v for k, v in counts["en_nouns"].items()},
        en_noun_gap_words=int(counts["en_noun_gap_words"]),
        en_gap_stopwords=frozenset(w.lower() for w in counts["en_gap_stopwords"]),
        zh_gap_stop_chars=frozenset(counts["zh_gap_stop_chars"]),
        jurisdictions_zh=_longest_first(_word_list(counts, "jurisdictions_zh")),
        jurisdictions_en=frozenset(w.lower() for w in counts["jurisdictions_en"]),
        not_a_number_before=frozenset(str(_section(data, "not_a_number_before"))),
        zh_vague_before=frozenset(str(_section(data, "zh_vague_before"))),
        percent_signs=_longest_first(_word_list(data, "percent_signs")),
        zh_round_before=frozenset(counts.get("zh_round_before", "")),
        zh_signed_cues=_longest_first(counts.get("zh_signed_cues", [])),
        en_not_count_before=tuple(w.lower() for w in counts.get("en_not_count_before", [])),
        en_total_after=tuple(w.lower() for w in counts.get("en_total_after", [])),
        en_modifier_joiners=frozenset(w.lower() for w in counts.get("en_modifier_joiners", [])),
        zh_not_count_after_people=_longest_first(counts.get("zh_not_count_after_people", [])),
        zh_noun_conjunctions=frozenset(counts.get("zh_noun_conjunctions", "")),
        zh_head_markers=frozenset(counts.get("zh_head_markers", "")),
        zh_elliptic_window=int(counts.get("zh_elliptic_window", 0)),
        zh_classifier_noun_classes={
            k: tuple(v) for k, v in counts.get("zh_classifier_noun_classes", {}).items()
        },
        zh_jurisdiction_noun_reach=int(counts.get("zh_jurisdiction_noun_reach", 4)),
        zh_modifier_hops=int(counts.get("zh_modifier_hops", 0)),
        zh_conjunct_gap=int(counts.get("zh_conjunct_gap", 0)),
        zh_enumeration_marks=frozenset(counts.get("zh_enumeration_marks", "")),
        context_currency_words=tuple(
            (i["word"], i["code"], tuple(i["text_has"]), tuple(i.get("unless_text_has", ())))
            for i in data.get("currency_context", {}).get("words", [])
        ),
        context_currency_datelines=tuple(
            (re.compile(i["dateline"]), i["code"], tuple(i["marked_yuan"]))
            for i in data.get("currency_context", {}).get("datelines", [])
        ),
    )
