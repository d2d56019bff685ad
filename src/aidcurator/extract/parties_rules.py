"""The rules of ``resources/rules/parties.json``, compiled once (read by :mod:`aidcurator.extract.parties`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from aidcurator.extract.fastre import (
    after_first,
    existence_gate,
    first_chars,
    regex_first_chars,
)
from aidcurator.extract.places import ancestors_of, lookup_place
from aidcurator.resources import resource_path

__all__ = ["PartyRules", "parties_rules"]


@dataclass(frozen=True)
class PartyRules:
    group_zh: re.Pattern[str]
    group_en: re.Pattern[str]
    group_plain: frozenset[str]  # 向内地: many receivers, yet no programme of aid
    group_counted: re.Pattern[str]  # 向10国提供, to 12 countries: a counted group of countries
    example_after: re.Pattern[str]
    chain_stop_after: re.Pattern[str]
    venue_around: tuple[tuple[re.Pattern[str] | None, re.Pattern[str] | None, str], ...]
    venue_gate: re.Pattern[str] | None  # found where some venue rule's words before a place are found
    each: re.Pattern[str]  # the patterns joined, group n<i> for the number of pattern i
    each_apart: tuple[re.Pattern[str], ...]  # each pattern on its own (searched faster than joined)
    numbers: dict[str, int]
    list_gap: re.Pattern[str]
    currency_country: dict[str, str]  # ISO 4217 code → canonical country name
    disaster_after: re.Pattern[str]
    disaster_places: dict[str, str]  # epicentre → the wider place a disaster named after it stands for
    programme_pairing: dict[str, dict[str, str]]  # region → donor → the prefecture it aids (援藏, 援青)
    currency_home: dict[str, str]  # HKD → 香港特别行政区: the giving region whose own currency it is
    share_opener: re.Pattern[str]  # 其中, of which: the places after it belong to the shares
    group_givers: re.Pattern[str]  # 四市共向…, the three donors spent: many givers, none alone
    home_media: re.Pattern[str]  # 日报, 电视台 right after a place: the outlet's home (我省 in 四川日报)
    home_media_firsts: frozenset[str] | None  # the characters it can start with (None: not known)
    home_words: dict[str, tuple[str, ...]]  # 我省 → the levels of the home it stands for
    home_re: re.Pattern[str]  # any of home_words
    dateline_after: re.Pattern[str]  # SHANGHAI, May 4 (Xinhua) --: a wire story's dateline place
    home_receives: re.Pattern[str]  # a giving word before 我省: the home receives
    home_gets: re.Pattern[str]  # a getting word after 我区: the home receives (我区获得援疆资金)
    thanks: re.Pattern[str]  # 向中国…表示感谢, 向中国申请: the country before 向中国 does not give


def _words(words: list[str], *, english: bool) -> re.Pattern[str]:
    words = [w for w in words if w]
    if not words:
        return re.compile(r"(?!)")
    if english:
        return re.compile(
            rf"[{first_chars(words, both_cases=True)}](?<!\w.)(?i:{after_first(words, both_cases=True)})\b"
        )
    return re.compile(rf"[{first_chars(words)}]{after_first(words)}")


def _currency_countries(table: dict[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for code, name in table.items():
        place = lookup_place(name)
        if place is None or place.level != "country":
            raise ValueError(f"currency_country: {name!r} ({code}) is no country of the gazetteer")
        out[code] = place.name
    return out


def _programme_pairing(table: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    for region, donors in table.items():
        for donor, prefecture in donors.items():
            if lookup_place(donor) is None or region not in ancestors_of(prefecture):
                raise ValueError(f"programme_pairing: {donor} → {prefecture} is not a pair in {region}")
    return {region: dict(donors) for region, donors in table.items()}


def _home_key(word: str) -> str:
    """A home word as a pattern: an English one (the city) in any case and as a whole word."""
    return rf"(?i:\b{re.escape(word)}\b)" if word.isascii() else re.escape(word)


def _venue_gate(befores: list[re.Pattern[str] | None]) -> re.Pattern[str] | None:
    """One pattern that a window matches when one of ``befores`` does (their alternation, a leading flag
    scoped, behind :func:`existence_gate`): most places pass none, and are done with one search. None
    when a rule has no words before (it always holds) or the patterns cannot be joined (group numbers)."""
    if not befores or any(b is None for b in befores):
        return None
    parts = []
    for before in befores:
        assert before is not None
        fragment = before.pattern
        if re.search(r"\\[1-9]|\(\?P=", fragment):
            return None  # a back-reference by number or name: joined, it would mean another group
        flags = re.match(r"\(\?([aiLmsux]+)\)", fragment)
        parts.append(f"(?{flags.group(1)}:{fragment[flags.end() :]})" if flags else f"(?:{fragment})")
    try:
        return re.compile(existence_gate("|".join(parts)))
    except re.error:
        return None


def _exact_firsts(fragment: str) -> frozenset[str] | None:
    """The characters a match of ``fragment`` can start with, when they are known and no flag makes the
    engine take other characters for them (ignoring case); else None."""
    if re.compile(fragment).flags & re.IGNORECASE or "(?" in fragment.replace("(?:", ""):
        return None  # (a flag, a look-around or a named group: not worth reading)
    return regex_first_chars(fragment)


@cache
def parties_rules() -> PartyRules:
    data = json.loads(resource_path("rules", "parties.json").read_text(encoding="utf-8"))
    try:
        groups = data["group_recipients"]
        venue: list[tuple[re.Pattern[str] | None, re.Pattern[str] | None, str]] = []
        for before, after, *needs in data["venue_around"]:
            pair = (re.compile(before) if before else None, re.compile(after) if after else None)
            venue.append((*pair, needs[0] if needs else ""))
        return PartyRules(
            group_zh=_words(groups["zh"], english=False),
            group_en=_words(groups["en"], english=True),
            group_plain=frozenset(groups.get("plain", [])),
            group_counted=re.compile(groups.get("counted") or "(?!)"),
            example_after=re.compile(data["example_after"]),
            chain_stop_after=re.compile(data["chain_stop_after"]),
            venue_around=tuple(venue),
            venue_gate=_venue_gate([before for before, _, _ in venue]),
            each=re.compile(
                "|".join(
                    f"(?:{p.replace('(?P<n>', f'(?P<n{i}>')})"
                    for i, p in enumerate(data["each_country"]["patterns"])
                )
            ),
            each_apart=tuple(re.compile(p) for p in data["each_country"]["patterns"]),
            numbers={k.lower(): int(v) for k, v in data["each_country"]["numbers"].items()},
            list_gap=re.compile(data["each_country"]["list_gap"]),
            currency_country=_currency_countries(data["currency_country"]),
            disaster_after=re.compile(data.get("disaster_regions", {}).get("after") or "(?!)"),
            disaster_places=dict(data.get("disaster_regions", {}).get("places", {})),
            programme_pairing=_programme_pairing(data.get("programme_pairing", {})),
            currency_home=dict(data.get("currency_home", {})),
            share_opener=re.compile(data.get("share_opener") or "(?!)"),
            group_givers=re.compile(existence_gate("|".join(data["group_givers"]))),
            home_media=re.compile(data["home"]["media_after"]),
            home_media_firsts=_exact_firsts(data["home"]["media_after"]),
            home_words={w: tuple(levels) for w, levels in data["home"]["words"].items()},
            home_re=re.compile("|".join(_home_key(w) for w in data["home"]["words"])),
            dateline_after=re.compile(data["home"]["dateline_after"]),
            home_receives=re.compile(data["home"]["receives_before"]),
            home_gets=re.compile(data["home"]["gets_after"]),
            thanks=re.compile(data["thanks_china"]),
        )
    except (KeyError, ValueError, TypeError, re.error) as exc:
        raise ValueError(f"resources/rules/parties.json is malformed: {exc}") from exc
