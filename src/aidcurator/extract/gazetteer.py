"""The place gazetteer (``resources/gazetteer/*.csv`` and ``place_rules.json``): places by id and
name, their ancestors, and questions about them (in China, province of, smallest common place)."""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from aidcurator.extract.fastre import trie
from aidcurator.extract.place_text import fold_key, is_latin_key
from aidcurator.resources import resource_path

GAZ_DIR = "gazetteer"
_RULES_FILE = "place_rules.json"
_REQUIRED_COLUMNS = ("id", "name_zh", "name_en", "aliases", "level", "parent_zh")
_ROLES = ("donor", "recipient", "both", "none")
PROVINCIAL_LEVELS = frozenset({"province", "municipality", "region"})
CORROBORATION_STOP = frozenset({"region", "country"})


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer row: canonical Chinese name, English name, level and parent."""

    id: str
    name: str
    name_en: str
    level: str
    parent: str | None
    role: str
    aliases: tuple[str, ...]
    code: str = ""  # the official division code (GB/T 2260, six digits) of a Chinese place, if known


@dataclass(frozen=True, slots=True)
class PlaceKey:
    length: int
    latin: bool
    stop: bool
    weak: bool
    default: str
    candidates: tuple[str, ...]
    block_next: str


@dataclass(frozen=True, slots=True)
class GazetteerIndex:
    places: dict[str, Place]
    by_name: dict[str, str]
    keys: list[PlaceKey]
    key_items: tuple[tuple[str, int], ...]  # every key (lower case if Latin) → its index in ``keys``
    lookup: dict[str, tuple[str, tuple[str, ...]]]
    strong_related: dict[str, frozenset[str]]
    weak_ok_via: dict[str, frozenset[str]]
    donor_roles: frozenset[str]
    suffix_re: re.Pattern[str]
    latin_suffixes: frozenset[str]
    recipient_suffix_re: re.Pattern[str]
    recipient_prefixes: tuple[str, ...]
    plain_recipient_prefixes: tuple[str, ...]  # 向: a receiver; a channel only for a giving-side place
    prefixes: tuple[str, ...]
    max_gap: int
    breakers: frozenset[str]
    recipient_breakers: frozenset[str]  # also end the reach of a recipient word (香港向四川地震灾区)
    joiners: frozenset[str]
    agency_re: re.Pattern[str]
    agency_heads: frozenset[str]
    agency_max_gap: int
    channel_heads: tuple[str, ...]


@cache
def place_rules() -> dict[str, Any]:
    """The words around places (``resources/gazetteer/place_rules.json``), read once."""
    path = resource_path(GAZ_DIR, _RULES_FILE)
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _read_places(file_name: str, levels: set[str], default_role: str) -> list[Place]:
    path = resource_path(GAZ_DIR, file_name)
    rows: list[Place] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
        for line, row in enumerate(reader, start=2):
            pid, name = row["id"].strip(), row["name_zh"].strip()
            level = row["level"].strip()
            role = (row.get("role") or default_role).strip()
            if not pid or not name:
                raise ValueError(f"{path}:{line}: id and name_zh are required")
            if level not in levels:
                raise ValueError(f"{path}:{line}: unknown level {level!r} (allowed: {sorted(levels)})")
            if role not in _ROLES:
                raise ValueError(f"{path}:{line}: unknown role {role!r} (allowed: {_ROLES})")
            aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
            rows.append(
                Place(
                    id=pid,
                    name=name,
                    name_en=row["name_en"].strip(),
                    level=level,
                    parent=row["parent_zh"].strip() or None,
                    role=role,
                    aliases=aliases,
                    code=(row.get("code") or "").strip(),
                )
            )
    return rows


def ancestor_ids(places: dict[str, Place], by_name: dict[str, str], pid: str) -> list[str]:
    """Ids of the ancestors of ``pid``, nearest first."""
    out: list[str] = []
    parent = places[pid].parent
    while parent is not None and parent in by_name and by_name[parent] not in out:
        out.append(by_name[parent])
        parent = places[by_name[parent]].parent
    return out


@cache
def gazetteer() -> GazetteerIndex:
    """Every place of the gazetteer files with its keys, indexed by id and name, built once."""
    rules = place_rules()
    levels = list(rules["levels"])
    level_rank = {lv: i for i, lv in enumerate(levels)}
    places: dict[str, Place] = {}
    by_name: dict[str, str] = {}
    order: dict[str, int] = {}
    for file_name in rules["files"]:
        default_role = "none" if file_name == "donors.csv" else "recipient"
        for place in _read_places(file_name, set(levels), default_role):
            if place.id in places:
                raise ValueError(f"gazetteer: duplicate id {place.id!r} ({file_name})")
            if place.name in by_name:
                raise ValueError(f"gazetteer: {place.name!r} defined twice ({file_name})")
            places[place.id] = place
            by_name[place.name] = place.id
            order[place.id] = len(order)
    for place in places.values():
        if place.parent is not None and place.parent not in by_name:
            raise ValueError(f"gazetteer: parent {place.parent!r} of {place.name!r} is not a known place")

    # key → place ids
    min_zh, min_latin = int(rules["min_zh_key_length"]), int(rules["min_latin_key_length"])
    key_ids: dict[str, list[str]] = {}
    canonical: dict[str, str] = {}
    for place in places.values():
        for raw in (place.name, place.name_en, *place.aliases):
            latin = is_latin_key(raw)
            key = fold_key(raw) if latin else raw
            if len(key) < (min_latin if latin else min_zh):
                continue
            ids = key_ids.setdefault(key, [])
            if place.id not in ids:
                ids.append(place.id)
        canonical.setdefault(place.name, place.id)
        if place.name_en:
            canonical.setdefault(fold_key(place.name_en), place.id)

    suffixes = [*rules["ambiguity_suffixes_zh"], *rules["ambiguity_suffixes_latin"]]
    lookup: dict[str, tuple[str, tuple[str, ...]]] = {}
    for key, ids in key_ids.items():
        readings = list(ids)
        for suffix in suffixes:
            for other in key_ids.get(key + suffix, ()):
                if other not in readings:
                    readings.append(other)
        direct = [i for i in ids if canonical.get(key) == i]
        default = direct[0] if direct else min(ids, key=lambda i: (level_rank[places[i].level], order[i]))
        if len(readings) > 1:
            readings.sort(key=lambda i: (i != default, level_rank[places[i].level], order[i]))
            lookup[key] = (default, tuple(readings))
        else:
            lookup[key] = (default, ())

    weak = {(fold_key(w) if is_latin_key(w) else w) for w in rules["weak_aliases"]}
    unknown_weak = weak - set(lookup)
    if unknown_weak:
        raise ValueError(f"{_RULES_FILE}: weak aliases not in any gazetteer: {sorted(unknown_weak)}")
    block_next_all = rules["block_next_chars"]
    block_after: dict[str, str] = rules["block_next_after"]

    words: list[tuple[str, int]] = []
    keys: list[PlaceKey] = []
    for key, (default, cands) in lookup.items():
        latin = is_latin_key(key)
        block = "" if latin else block_next_all + block_after.get(key[-1], "")
        keys.append(PlaceKey(len(key), latin, False, key in weak, default, cands, block))
        words.append((key, len(keys) - 1))
    for pattern in rules["stop_patterns"]:
        latin = is_latin_key(pattern)
        key = fold_key(pattern) if latin else pattern
        if key in lookup:
            raise ValueError(f"{_RULES_FILE}: stop pattern {pattern!r} is also a place name")
        keys.append(PlaceKey(len(key), latin, True, False, "", (), ""))
        words.append((key, len(keys) - 1))

    # corroboration of weak aliases
    strong_related: dict[str, frozenset[str]] = {}
    weak_ok_via: dict[str, frozenset[str]] = {}
    for pid in places:
        chain = [a for a in ancestor_ids(places, by_name, pid) if places[a].level not in CORROBORATION_STOP]
        strong_related[pid] = frozenset([pid, *chain])
        weak_ok_via[pid] = frozenset(chain)

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

    latin_suffixes = [s.lower() for s in rules["donor_suffixes_latin"]]
    # (a trie of the suffixes, s(?:uffix|…): the longest one at a position wins as in a plain
    # alternation, which tried its hundred words one by one at every character of the window)
    suffix_re = re.compile(trie([*rules["donor_suffixes_zh"], *latin_suffixes]))
    heads = list(rules["agency_heads"])
    return GazetteerIndex(
        places=places,
        by_name=by_name,
        keys=keys,
        key_items=tuple(words),
        lookup=lookup,
        strong_related=strong_related,
        weak_ok_via=weak_ok_via,
        donor_roles=frozenset(rules["donor_roles"]),
        suffix_re=suffix_re,
        latin_suffixes=frozenset(latin_suffixes),
        recipient_suffix_re=re.compile(alternation(rules.get("recipient_suffixes_zh", [])) or "(?!)"),
        recipient_prefixes=tuple(sorted(rules.get("recipient_prefixes_zh", []), key=len, reverse=True)),
        plain_recipient_prefixes=tuple(rules.get("recipient_prefixes_plain_zh", [])),
        prefixes=tuple(p.lower() for p in rules["donor_prefixes_latin"]),
        max_gap=int(rules["donor_max_gap"]),
        breakers=frozenset(rules["gap_breakers"]),
        recipient_breakers=frozenset(rules["gap_breakers"])
        | frozenset(rules.get("recipient_gap_breakers", "")),
        joiners=frozenset(j.lower() for j in rules["list_joiners"]),
        agency_re=re.compile(alternation(heads)),
        agency_heads=frozenset(heads),
        agency_max_gap=int(rules["agency_max_gap"]),
        channel_heads=tuple(sorted(rules.get("channel_heads_zh", []), key=len, reverse=True)),
    )


# ---------------------------------------------------------------------------------------------
# lookup


def all_places() -> tuple[Place, ...]:
    """Every gazetteer row, in file order (for completion lists)."""
    return tuple(gazetteer().places.values())


def place_by_id(place_id: str) -> Place | None:
    """The gazetteer row with this id."""
    return gazetteer().places.get(place_id)


def lookup_place(name: str) -> Place | None:
    """The place a canonical name or alias stands for (default reading when ambiguous)."""
    gaz = gazetteer()
    name = name.strip()
    if name in gaz.by_name:
        return gaz.places[gaz.by_name[name]]
    key = fold_key(name) if is_latin_key(name) else name
    hit = gaz.lookup.get(key)
    return gaz.places[hit[0]] if hit else None


@cache
def ancestors_of(name: str) -> tuple[str, ...]:
    """Canonical names of the places holding ``name``, nearest first (新源县 → 伊犁哈萨克自治州, …)."""
    gaz = gazetteer()
    place = lookup_place(name)
    if place is None:
        return ()
    return tuple(gaz.places[a].name for a in ancestor_ids(gaz.places, gaz.by_name, place.id))


def smallest_common_place(names: list[str]) -> str | None:
    """The smallest place holding all ``names`` (策勒县, 于田县 → 和田地区); None if none does."""
    if not names:
        return None
    first, *others = names
    chains = [{name, *ancestors_of(name)} for name in others]
    for candidate in (first, *ancestors_of(first)):
        if all(candidate in chain for chain in chains):
            return candidate
    return None


@cache  # the gazetteer does not change while the process runs
def place_in_china(name: str) -> bool:
    """Whether a canonical place name is China or lies in it."""
    gaz = gazetteer()
    pid = gaz.by_name.get(name)
    return pid is not None and id_in_china(gaz, pid)


def province_of(name: str) -> str | None:
    """Provincial-level unit holding a place (扬州市 → 江苏省, 新源县 → 新疆维吾尔自治区).

    A provincial-level unit returns itself; countries and unknown names return None.
    """
    gaz = gazetteer()
    place = lookup_place(name)
    if place is None:
        return None
    for pid in (place.id, *ancestor_ids(gaz.places, gaz.by_name, place.id)):
        if gaz.places[pid].level in PROVINCIAL_LEVELS:
            return gaz.places[pid].name
    return None


def id_in_china(gaz: GazetteerIndex, pid: str) -> bool:
    """Whether a place is China or lies in it (its top ancestor is a Chinese province or region)."""
    if pid == "ctry-chn":
        return True
    chain = ancestor_ids(gaz.places, gaz.by_name, pid)
    top = chain[-1] if chain else pid
    return top.startswith(("cn-", "xj-"))
