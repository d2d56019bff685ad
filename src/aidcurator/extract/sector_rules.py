"""The sector rule file ``resources/rules/sectors.json`` read once: keyword rules with their DAC codes,
the multi-sector list rule, boosts and context rules, checked with clear errors."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from aidcurator.extract.fastre import alternation
from aidcurator.resources import resource_path

_RULES_FILE = ("rules", "sectors.json")


@dataclass(frozen=True, slots=True)
class SectorRule:
    """One keyword of the rule file with its sector codes and labels (or a stop phrase)."""

    keyword: str
    group: str
    code: str
    code5: str | None
    label: str
    label5: str | None
    weight: float
    borderline: bool
    latin: bool
    stop: bool

    def data(self) -> dict[str, Any]:
        """A sector mention's ``data`` for this rule."""
        return {
            "group": self.group,
            "code": self.code,
            "code5": self.code5,
            "label": self.label,
            "label5": self.label5,
            "keyword": self.keyword,
            "weight": self.weight,
            "borderline": self.borderline,
        }


def _is_latin(word: str) -> bool:
    return any("a" <= c <= "z" or "A" <= c <= "Z" for c in word)


@cache
def raw_sector_rules() -> dict[str, Any]:
    """The rule file as parsed JSON."""
    with resource_path(*_RULES_FILE).open(encoding="utf-8") as fh:
        return json.load(fh)


@cache
def min_sector_score() -> float:
    """The summed keyword weight a sector needs to be chosen (a lone outcome word such as
    ``jobs`` in "creating 8,000 jobs" is not the purpose of the money)."""
    return float(raw_sector_rules().get("min_score", 0.0))


@cache
def sector_key_table() -> dict[str, SectorRule]:
    """Keyword (lower case) → its rule, plurals of English words and stop phrases included."""
    where = "/".join(_RULES_FILE)
    raw = raw_sector_rules()
    labels: dict[str, str] = raw["labels"]
    labels5: dict[str, str] = raw.get("labels5", {})
    split = frozenset(str(c) for c in raw.get("split_by_code5", []))
    table: dict[str, SectorRule] = {}
    plurals: dict[str, SectorRule] = {}
    for n, rule in enumerate(raw["rules"]):
        code, code5 = str(rule.get("code", "")), rule.get("code5")
        if code not in labels:
            raise ValueError(f"{where}: rule {n}: code {code!r} has no label")
        if code5 is not None and (str(code5)[:3] != code or str(code5) not in labels5):
            raise ValueError(f"{where}: rule {n}: code5 {code5!r} must start with {code} and have a label")
        words = [*rule.get("zh", []), *rule.get("en", [])]
        if not words:
            raise ValueError(f"{where}: rule {n} has no keywords")
        for word in words:
            form, latin = word.lower(), _is_latin(word)
            if form in table:
                raise ValueError(f"{where}: keyword {word!r} appears twice")
            entry = SectorRule(
                keyword=form,
                group=str(code5) if code in split and code5 is not None else code,
                code=code,
                code5=str(code5) if code5 is not None else None,
                label=labels[code],
                label5=labels5.get(str(code5)) if code5 is not None else None,
                weight=float(rule.get("weight", 1.0)),
                borderline=bool(rule.get("borderline", False)),
                latin=latin,
                stop=False,
            )
            table[form] = entry
            if latin and not form.endswith("s"):
                plurals.setdefault(form + "s", entry)
    for form, entry in plurals.items():
        if form not in table:
            table[form] = SectorRule(
                form,
                entry.group,
                entry.code,
                entry.code5,
                entry.label,
                entry.label5,
                entry.weight,
                entry.borderline,
                True,
                False,
            )
    for word in [*raw["stop"].get("zh", []), *raw["stop"].get("en", [])]:
        form = word.lower()
        table.setdefault(form, SectorRule(form, "", "", None, "", None, 0.0, False, _is_latin(word), True))
    return table


@dataclass(frozen=True, slots=True)
class SectorListRule:
    """The rule file's ``multisector`` entry: when a list of sector words is one multi-sector mention."""

    code: str
    label: str
    min_groups: int
    min_weight: float
    joiners: frozenset[str]
    min_groups_with_noun: int
    noun_after: re.Pattern[str]  # matched right after the list's last word, or searched at its end


@cache
def sector_list_rule() -> SectorListRule | None:
    """The multi-sector list rule, None when the rule file has none."""
    raw = raw_sector_rules().get("multisector")
    if not raw:
        return None
    code = str(raw["code"])
    return SectorListRule(
        code=code,
        label=raw_sector_rules()["labels"][code],
        min_groups=int(raw["min_groups"]),
        min_weight=float(raw["min_weight"]),
        joiners=frozenset(" ".join(j.lower().split()) for j in raw["joiners"]),
        min_groups_with_noun=int(raw["min_groups_with_noun"]),
        noun_after=re.compile(
            rf"(?i)(?:\s+(?:[a-z-]+\s+)?(?:{alternation(raw['nouns_en'])})\b|等?(?:{alternation(raw['nouns_zh'])}))"
            rf"|(?<=\s)(?:{alternation(raw['nouns_en'])})\Z"
        ),
    )


@cache
def sector_boosts() -> tuple[tuple[str, frozenset[str], float], ...]:
    """(code, context codes, weight) of the rule file's ``boosts``."""
    return tuple(
        (str(b["code"]), frozenset(map(str, b["context_codes"])), float(b["weight"]))
        for b in raw_sector_rules().get("boosts", [])
    )


@cache
def sector_context_rules() -> tuple[tuple[frozenset[str], frozenset[str], str], ...]:
    """(codes, context keywords, code) of the rule file's ``context_rules``."""
    return tuple(
        (frozenset(map(str, r["codes"])), frozenset(w.lower() for w in r["context_keywords"]), str(r["code"]))
        for r in raw_sector_rules().get("context_rules", [])
    )
