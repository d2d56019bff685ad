"""Place mentions (Xinjiang units, donor provinces and cities, other recipients) and the pairing table.

The gazetteer rows live in ``resources/gazetteer/*.csv`` and the words around them (weak aliases,
stop patterns, donor suffixes) in ``resources/gazetteer/place_rules.json``; this module holds the
mechanism only. Matching runs one Aho-Corasick automaton over the text, folded to lower case for
Latin names (offsets unchanged), then keeps the longest non-overlapping hits.

Rules, in order:

* Chinese keys match as substrings (at least two characters, so no one-character abbreviations);
  Latin keys match case-insensitively on word boundaries (``Ili`` never inside ``Hilly``), except
  that an all-lower-case hit touching ``/ . - _ @ =`` is taken for part of a URL or file name.
* A *stop pattern* (``创新和``, ``天山区域``) that overlaps a hit and is at least as long removes it.
* A *weak* alias (``温泉``, ``新和``, ``Yiwu``) counts only when the same text also names the place,
  an ancestor of it below the region, or a child of it with a non-weak name.
* Longest match wins; equal lengths prefer non-weak, then the leftmost hit.
* An alias of several places (``和田`` = prefecture, city or county) defaults to the place whose
  canonical name it is, else to the highest level (prefecture before seat city); when exactly one
  of the candidates is named unambiguously elsewhere in the text, that one is chosen instead.
  ``data["candidates"]`` then lists every reading, the chosen one first.
* ``role_hint`` is ``"donor"`` for a donor-capable place followed within a few characters by a donor
  suffix (``援疆``, ``对口支援``, ``工作组``…) or preceded by an English cue (``aid from``), and for
  list members joined to such a place (``江苏、浙江援疆``); ``"recipient"`` for recipient-only places;
  else None.
"""

from __future__ import annotations

import csv
import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from typing import Any

from aidcurator.domain import Mention, MentionKind
from aidcurator.extract.keyscan import KeyAutomaton
from aidcurator.extract.residue import RESIDUE_SYLLABLE
from aidcurator.resources import resource_path

__all__ = [
    "PairingRow",
    "Place",
    "all_places",
    "ancestors_of",
    "donors_for",
    "find_places",
    "fold_text",
    "is_paired",
    "lookup_place",
    "pairing_for",
    "place_by_id",
    "place_in_china",
    "place_keys",
    "province_of",
    "smallest_common_place",
    "squeeze_cjk_gaps",
]

_GAZ_DIR = "gazetteer"
_RULES_FILE = "place_rules.json"
_PAIRING_FILE = "xinjiang_pairing.csv"
_REQUIRED_COLUMNS = ("id", "name_zh", "name_en", "aliases", "level", "parent_zh")
_ROLES = ("donor", "recipient", "both", "none")
_PROVINCIAL_LEVELS = frozenset({"province", "municipality", "region"})
_CORROBORATION_STOP = frozenset({"region", "country"})
_URL_CHARS = frozenset("/._-@=")
_CERTAINTY_RANK = {"direct": 0, "derived": 1, "partial": 2, "uncertain": 3}


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


@dataclass(frozen=True, slots=True)
class PairingRow:
    """One donor → recipient pairing from ``xinjiang_pairing.csv``.

    ``certainty`` is ``direct`` (evidence given), ``derived`` (expanded from a prefecture-wide
    pairing or a division's city), ``partial`` (prefecture row where the donor covers only some
    counties) or ``uncertain`` (weak evidence).
    """

    donor: str
    donor_en: str
    donor_level: str
    recipient: str
    recipient_en: str
    recipient_level: str
    parent_prefecture: str | None
    certainty: str
    source: str


@dataclass(frozen=True, slots=True)
class _Key:
    length: int
    latin: bool
    stop: bool
    weak: bool
    default: str
    candidates: tuple[str, ...]
    block_next: str


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    places: dict[str, Place]
    by_name: dict[str, str]
    keys: list[_Key]
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


# ---------------------------------------------------------------------------------------------
# loading


def _is_latin(key: str) -> bool:
    return any("a" <= c <= "z" or "A" <= c <= "Z" for c in key)


def _fold(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_last_fold: tuple[str, str] | None = None  # places and sectors fold the same squeezed text


def fold_text(text: str) -> str:
    """``text`` lower-cased without changing its length, made once for the last text asked about."""
    global _last_fold
    last = _last_fold  # one read: another thread may replace it (the pair is swapped whole)
    if last is not None and last[0] is text:
        return last[1]
    low = _fold(text)
    _last_fold = (text, low)
    return low


def _is_word_char(c: str) -> bool:
    """A character that continues a Latin word (letters and digits, not CJK)."""
    return c.isalnum() and ord(c) < 0x2E80


# a gap between two Chinese characters; it opens with one character class, of the gap's own characters
# and the bracket, which the regex engine scans for quickly (Chinese text is almost all Chinese
# characters, gaps are rare; a pattern that opens with an alternation is tried at every character); a
# bracketed pinyin syllable a web page printed after a character (萬(wàn)州) is a gap too (see residue.py)
_CJK_GAP = re.compile(
    r"[ \t\u3000\u00a0\r\n(]"
    r"(?:(?<=[\u3400-\u9fff][ \t\u3000\u00a0\r\n])[ \t\u3000\u00a0\r\n]*(?=[\u3400-\u9fff])"
    rf"|(?<=[\u3400-\u9fff]\(){RESIDUE_SYLLABLE}(?=[\u3400-\u9fff]))"
)


@dataclass(frozen=True, slots=True)
class SqueezedText:
    """A text with line-wrap gaps between Chinese characters removed (``伊 犁州`` → ``伊犁州``).

    PDF and web copies often break a line inside a word; matching runs on ``text`` and maps
    offsets back to the original with ``start``/``end``.
    """

    text: str
    breaks: tuple[int, ...] = ()  # squeezed offsets where a gap was removed
    shifts: tuple[int, ...] = ()  # characters removed up to and including that gap

    def start(self, i: int) -> int:
        """Original offset of the character at squeezed offset ``i``."""
        if not self.breaks:  # nothing was squeezed (most texts)
            return i
        k = bisect_right(self.breaks, i)
        return i + (self.shifts[k - 1] if k else 0)

    def end(self, i: int) -> int:
        """Original (exclusive) end offset for a squeezed end offset ``i``."""
        return self.start(i - 1) + 1 if i > 0 else 0


_last_squeeze: tuple[str, SqueezedText] | None = None  # places, times and sectors squeeze the same text


def squeeze_cjk_gaps(text: str) -> SqueezedText:
    """Remove spaces and single line breaks that sit between two Chinese characters."""
    global _last_squeeze
    last = _last_squeeze  # one read: another thread may replace it (the pair is swapped whole)
    if last is not None and last[0] is text:
        return last[1]
    squeezed = _squeeze(text)
    _last_squeeze = (text, squeezed)
    return squeezed


def _squeeze(text: str) -> SqueezedText:
    parts: list[str] = []
    breaks: list[int] = []
    shifts: list[int] = []
    last = removed = 0
    for m in _CJK_GAP.finditer(text):
        gap_start, gap_end = m.span()
        if m.group().count("\n") > 1:
            continue
        parts.append(text[last:gap_start])
        removed += gap_end - gap_start
        breaks.append(gap_end - removed)
        shifts.append(removed)
        last = gap_end
    if not breaks:
        return SqueezedText(text)
    parts.append(text[last:])
    return SqueezedText("".join(parts), tuple(breaks), tuple(shifts))


@cache
def _rules() -> dict[str, Any]:
    path = resource_path(_GAZ_DIR, _RULES_FILE)
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _read_places(file_name: str, levels: set[str], default_role: str) -> list[Place]:
    path = resource_path(_GAZ_DIR, file_name)
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
                )
            )
    return rows


def _ancestors(places: dict[str, Place], by_name: dict[str, str], pid: str) -> list[str]:
    """Ids of the ancestors of ``pid``, nearest first."""
    out: list[str] = []
    parent = places[pid].parent
    while parent is not None and parent in by_name and by_name[parent] not in out:
        out.append(by_name[parent])
        parent = places[by_name[parent]].parent
    return out


@cache
def _gazetteer() -> _Gazetteer:
    rules = _rules()
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
            latin = _is_latin(raw)
            key = _fold(raw) if latin else raw
            if len(key) < (min_latin if latin else min_zh):
                continue
            ids = key_ids.setdefault(key, [])
            if place.id not in ids:
                ids.append(place.id)
        canonical.setdefault(place.name, place.id)
        if place.name_en:
            canonical.setdefault(_fold(place.name_en), place.id)

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

    weak = {(_fold(w) if _is_latin(w) else w) for w in rules["weak_aliases"]}
    unknown_weak = weak - set(lookup)
    if unknown_weak:
        raise ValueError(f"{_RULES_FILE}: weak aliases not in any gazetteer: {sorted(unknown_weak)}")
    block_next_all = rules["block_next_chars"]
    block_after: dict[str, str] = rules["block_next_after"]

    words: list[tuple[str, int]] = []
    keys: list[_Key] = []
    for key, (default, cands) in lookup.items():
        latin = _is_latin(key)
        block = "" if latin else block_next_all + block_after.get(key[-1], "")
        keys.append(_Key(len(key), latin, False, key in weak, default, cands, block))
        words.append((key, len(keys) - 1))
    for pattern in rules["stop_patterns"]:
        latin = _is_latin(pattern)
        key = _fold(pattern) if latin else pattern
        if key in lookup:
            raise ValueError(f"{_RULES_FILE}: stop pattern {pattern!r} is also a place name")
        keys.append(_Key(len(key), latin, True, False, "", (), ""))
        words.append((key, len(keys) - 1))

    # corroboration of weak aliases
    strong_related: dict[str, frozenset[str]] = {}
    weak_ok_via: dict[str, frozenset[str]] = {}
    for pid in places:
        chain = [a for a in _ancestors(places, by_name, pid) if places[a].level not in _CORROBORATION_STOP]
        strong_related[pid] = frozenset([pid, *chain])
        weak_ok_via[pid] = frozenset(chain)

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

    latin_suffixes = [s.lower() for s in rules["donor_suffixes_latin"]]
    suffix_re = re.compile(alternation([*rules["donor_suffixes_zh"], *latin_suffixes]))
    heads = list(rules["agency_heads"])
    return _Gazetteer(
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
    return tuple(_gazetteer().places.values())


def place_by_id(place_id: str) -> Place | None:
    """The gazetteer row with this id."""
    return _gazetteer().places.get(place_id)


def lookup_place(name: str) -> Place | None:
    """The place a canonical name or alias stands for (default reading when ambiguous)."""
    gaz = _gazetteer()
    name = name.strip()
    if name in gaz.by_name:
        return gaz.places[gaz.by_name[name]]
    key = _fold(name) if _is_latin(name) else name
    hit = gaz.lookup.get(key)
    return gaz.places[hit[0]] if hit else None


@cache
def ancestors_of(name: str) -> tuple[str, ...]:
    """Canonical names of the places holding ``name``, nearest first (新源县 → 伊犁哈萨克自治州, …)."""
    gaz = _gazetteer()
    place = lookup_place(name)
    if place is None:
        return ()
    return tuple(gaz.places[a].name for a in _ancestors(gaz.places, gaz.by_name, place.id))


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
    gaz = _gazetteer()
    pid = gaz.by_name.get(name)
    return pid is not None and _in_china(gaz, pid)


def province_of(name: str) -> str | None:
    """Provincial-level unit holding a place (扬州市 → 江苏省, 新源县 → 新疆维吾尔自治区).

    A provincial-level unit returns itself; countries and unknown names return None.
    """
    gaz = _gazetteer()
    place = lookup_place(name)
    if place is None:
        return None
    for pid in (place.id, *_ancestors(gaz.places, gaz.by_name, place.id)):
        if gaz.places[pid].level in _PROVINCIAL_LEVELS:
            return gaz.places[pid].name
    return None


def _certainty(source: str) -> str:
    head = source.lstrip().upper()
    for word in ("DERIVED", "PARTIAL", "UNCERTAIN"):
        if head.startswith(word):
            return word.lower()
    return "direct"


@cache
def _pairings() -> tuple[PairingRow, ...]:
    gaz = _gazetteer()
    path = resource_path(_GAZ_DIR, _PAIRING_FILE)
    rows: list[PairingRow] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            for column in ("donor_zh", "recipient_zh"):
                if row[column] not in gaz.by_name:
                    raise ValueError(f"{path}:{line}: {column} {row[column]!r} is not in the gazetteer")
            rows.append(
                PairingRow(
                    donor=row["donor_zh"],
                    donor_en=row["donor_en"],
                    donor_level=row["donor_level"],
                    recipient=row["recipient_zh"],
                    recipient_en=row["recipient_en"],
                    recipient_level=row["recipient_level"],
                    parent_prefecture=row["parent_prefecture_zh"] or None,
                    certainty=_certainty(row["source"]),
                    source=row["source"],
                )
            )
    return tuple(rows)


def _by_certainty(rows: list[PairingRow]) -> list[PairingRow]:
    return sorted(rows, key=lambda r: _CERTAINTY_RANK[r.certainty])


def _donor_chain(name: str) -> list[str]:
    gaz = _gazetteer()
    place = lookup_place(name)
    if place is None:
        return []
    return [place.name] + [gaz.places[a].name for a in _ancestors(gaz.places, gaz.by_name, place.id)]


def pairing_for(donor_name: str, *, include_parents: bool = False) -> list[PairingRow]:
    """Pairings of a donor (canonical name or alias), direct rows first.

    With ``include_parents`` the rows of its parent city and province follow (扬州市 → 江苏省).
    """
    return list(_pairing_for(donor_name, include_parents))


@cache
def _pairing_for(donor_name: str, include_parents: bool) -> tuple[PairingRow, ...]:
    chain = _donor_chain(donor_name)
    if not include_parents:
        chain = chain[:1]
    by_donor = _pairings_by_donor()
    return tuple(row for donor in chain for row in by_donor.get(donor, ()))


@cache
def _pairings_by_donor() -> dict[str, tuple[PairingRow, ...]]:
    grouped: dict[str, list[PairingRow]] = {}
    for row in _pairings():
        grouped.setdefault(row.donor, []).append(row)
    return {donor: tuple(_by_certainty(rows)) for donor, rows in grouped.items()}


def donors_for(recipient_name: str) -> list[PairingRow]:
    """Pairings whose recipient is this place (canonical name or alias), direct rows first."""
    return list(_donors_for(recipient_name))


@cache
def _donors_for(recipient_name: str) -> tuple[PairingRow, ...]:
    place = lookup_place(recipient_name)
    if place is None:
        return ()
    return tuple(_by_certainty([r for r in _pairings() if r.recipient == place.name]))


@cache
def is_paired(donor: str, recipient: str) -> bool:
    """Whether the table pairs the donor, or its parent city/province, with the recipient."""
    chain = set(_donor_chain(donor))
    target = lookup_place(recipient)
    if not chain or target is None:
        return False
    return any(r.donor in chain and r.recipient == target.name for r in _pairings())


# ---------------------------------------------------------------------------------------------
# matching


@cache
def _automaton() -> KeyAutomaton:
    """The place keys' automaton (values: indices into ``_Gazetteer.keys``), made when first searched alone."""
    return KeyAutomaton(_gazetteer().key_items)


def place_keys() -> tuple[tuple[str, int], ...]:
    """Every place key (Latin ones lower-cased) with the value :func:`find_places` reads in ``key_hits``."""
    return _gazetteer().key_items


def _candidates(
    text: str, low: str, gaz: _Gazetteer, found: list[tuple[int, int]]
) -> list[tuple[int, int, _Key]]:
    n = len(text)
    keys = gaz.keys
    out: list[tuple[int, int, _Key]] = []
    for last, idx in found:
        info = keys[idx]
        start, end = last - info.length + 1, last + 1
        if info.latin:
            before = low[start - 1] if start > 0 else " "
            after = low[end] if end < n else " "
            if _is_word_char(before) or _is_word_char(after):
                continue
            if (before in _URL_CHARS or after in _URL_CHARS) and text[start:end].islower():
                continue  # xinjiang-pairing.csv, china.aiddata.org
        elif info.block_next and end < n and text[end] in info.block_next:
            continue
        out.append((start, end, info))
    return out


def _corroborated(hits: list[tuple[int, int, _Key]], gaz: _Gazetteer) -> list[tuple[int, int, _Key]]:
    """Drop weak hits that nothing else in the text supports."""
    if not any(info.weak for _, _, info in hits):
        return hits
    strong: set[str] = set()
    related: set[str] = set()
    for _, _, info in hits:
        if info.stop or info.weak:
            continue
        for pid in info.candidates or (info.default,):
            strong.add(pid)
            related |= gaz.strong_related[pid]
    kept = []
    for hit in hits:
        info = hit[2]
        if info.weak and not any(
            pid in related or gaz.weak_ok_via[pid] & strong for pid in info.candidates or (info.default,)
        ):
            continue
        kept.append(hit)
    return kept


def _select(hits: list[tuple[int, int, _Key]], size: int) -> list[tuple[int, int, _Key]]:
    """Longest non-overlapping hits (ties: non-weak first, then leftmost); stop patterns dropped.

    ``size``: the length of the text; a hit is taken when none of its characters is taken yet."""
    hits.sort(key=lambda h: (h[0] - h[1], h[2].weak, h[0]))
    taken = bytearray(size)
    chosen: list[tuple[int, int, _Key]] = []
    for hit in hits:
        start, end, _ = hit
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(hit)
    chosen.sort(key=lambda h: h[0])
    return [h for h in chosen if not h[2].stop]


def _donor_suffix(text: str, low: str, end: int, limit: int, gaz: _Gazetteer) -> tuple[bool, int | None]:
    """Whether a donor suffix follows a place ending at ``end``, and where a following agency ends."""
    window = low[end : min(len(low), end + gaz.max_gap + 8, limit + 8)]
    match = gaz.suffix_re.search(window)
    if match is None:
        return False, None
    word = match.group()
    if word in gaz.latin_suffixes:
        after = end + match.end()
        if match.start() != 0 or (after < len(low) and _is_word_char(low[after])):
            return False, None
    elif match.start() > gaz.max_gap or end + match.start() >= limit:
        return False, None
    if any(c in gaz.breakers for c in window[: match.start()]):
        return False, None
    if word not in gaz.latin_suffixes and gaz.recipient_suffix_re.search(window, 0, match.start()):
        return False, None  # 四川地震灾区捐助: the disaster place receives what is given
    suffix_end = end + match.end()
    if word in gaz.agency_heads:
        return True, suffix_end
    tail = text[suffix_end : suffix_end + gaz.agency_max_gap + 6]
    head = gaz.agency_re.search(tail)
    if (
        head
        and head.start() <= gaz.agency_max_gap
        and not any(c in gaz.breakers for c in tail[: head.start()])
    ):
        return True, suffix_end + head.end()
    return True, None


def _recipient_suffix(low: str, end: int, limit: int, gaz: _Gazetteer) -> bool:
    """Whether a word that makes a place the receiving side (灾区, 受灾) follows it closely."""
    window = low[end : min(len(low), end + gaz.max_gap + 4, limit + 4)]
    match = gaz.recipient_suffix_re.search(window)
    return (
        match is not None
        and match.start() <= gaz.max_gap
        and not any(c in gaz.recipient_breakers for c in window[: match.start()])
    )


def _donor_prefix(low: str, start: int, gaz: _Gazetteer) -> bool:
    before = low[max(0, start - 30) : start].rstrip()
    if before.endswith(" the"):
        before = before[:-4].rstrip()
    if not before.endswith(gaz.prefixes):  # (most places: one test for every prefix)
        return False
    for prefix in gaz.prefixes:
        if before.endswith(prefix):
            cut = len(before) - len(prefix)
            return cut == 0 or not _is_word_char(before[cut - 1])
    return False


def _mark_channels(
    hits: list[tuple[int, int, _Key]],
    ids: list[str],
    roles: list[str | None],
    low: str,
    gaz: _Gazetteer,
    prefixed: list[int],
) -> None:
    """Role ``"channel"`` for Chinese places, right after a recipient prefix (the hits ``prefixed``), that
    name an organisation money is passed on to (汇往北京中国红十字会总会): the organisation forwards the
    gift, it neither gives nor receives it."""
    if not gaz.channel_heads:
        return
    for i in prefixed:
        last = i
        while last + 1 < len(hits) and hits[last + 1][0] == hits[last][1]:
            last += 1  # 北京中国…: places written together
        if not low.startswith(gaz.channel_heads, hits[last][1]):
            continue
        chain = range(i, last + 1)
        if all(_in_china(gaz, ids[j]) for j in chain):
            for j in chain:
                roles[j] = "channel"


def _in_china(gaz: _Gazetteer, pid: str) -> bool:
    """Whether a place is China or lies in it (its top ancestor is a Chinese province or region)."""
    if pid == "ctry-chn":
        return True
    chain = _ancestors(gaz.places, gaz.by_name, pid)
    top = chain[-1] if chain else pid
    return top.startswith(("cn-", "xj-"))


def find_places(text: str, *, key_hits: list[tuple[int, int]] | None = None) -> list[Mention]:
    """All place mentions in ``text`` (kind PLACE), in text order.

    ``key_hits``: where the keys of :func:`place_keys` occur in the squeezed, folded text (index of the
    last character, value), as ``KeyAutomaton.iter`` gives them, when already found (see
    :mod:`~aidcurator.extract.keywords`).

    ``data`` = {"id", "name" (canonical zh), "name_en", "level", "parent", "role_hint"
    ("donor" | "recipient" | None), "candidates" (ids, chosen first; [] when unambiguous)},
    plus "agency" (e.g. ``扬州援疆工作组``) when a donor agency follows the place. ``role_hint`` is
    ``"channel"`` for a Chinese place naming an organisation that money is sent on to (汇往中国红十字会).
    """
    if not text:
        return []
    original, squeezed = text, squeeze_cjk_gaps(text)
    text = squeezed.text
    gaz = _gazetteer()
    low = fold_text(text)
    found = _automaton().iter(low) if key_hits is None else key_hits
    hits = _select(_corroborated(_candidates(text, low, gaz, found), gaz), len(text))

    named: set[str] = {info.default for _, _, info in hits if not info.candidates}
    chosen_ids: list[str] = []
    for _, _, info in hits:
        pid = info.default
        if info.candidates:
            seen = [c for c in info.candidates if c in named]
            if len(seen) == 1:
                pid = seen[0]
        chosen_ids.append(pid)

    chosen = [gaz.places[pid] for pid in chosen_ids]
    roles: list[str | None] = []
    agencies: list[int | None] = []
    prefixed: list[int] = []  # hits right after a recipient prefix (汇往…)
    for i, (start, end, _) in enumerate(hits):
        place = chosen[i]
        role: str | None = "recipient" if place.role == "recipient" else None
        agency: int | None = None
        if place.role in gaz.donor_roles:
            limit = hits[i + 1][0] if i + 1 < len(hits) else len(text)
            has_suffix, agency = _donor_suffix(text, low, end, limit, gaz)
            if has_suffix or _donor_prefix(low, start, gaz):
                role = "donor"
        if low[max(0, start - 4) : start].endswith(gaz.recipient_prefixes):  # 汇往中国红十字会
            role = "recipient"
            prefixed.append(i)
        elif low[max(0, start - 1) : start].endswith(gaz.plain_recipient_prefixes):  # 向缅甸
            role = "recipient"
            if place.role == "donor":  # 向香港红十字会 (a channel), not 向四川省红十字会 (a receiver)
                prefixed.append(i)
        elif role is None and place.role != "recipient":
            limit = hits[i + 1][0] if i + 1 < len(hits) else len(text)
            if _recipient_suffix(low, end, limit, gaz):  # 四川芦山地震灾区, 安徽淮河水灾灾民
                role = "recipient"
        roles.append(role)
        agencies.append(agency)
    for i in range(len(hits) - 2, -1, -1):
        if roles[i] is None and roles[i + 1] == "recipient" and hits[i][1] == hits[i + 1][0]:
            roles[i] = "recipient"  # 四川雅安芦山地震灾区: the places before the hinted one, written together
        if roles[i] is None and roles[i + 1] == "donor":
            place = chosen[i]
            gap = low[hits[i][1] : hits[i + 1][0]].strip()
            if place.role in gaz.donor_roles and gap in gaz.joiners:
                roles[i] = "donor"

    if prefixed:
        _mark_channels(hits, chosen_ids, roles, low, gaz, prefixed)

    mentions: list[Mention] = []
    shared: dict[tuple[str, str | None, tuple[str, ...]], dict[str, Any]] = {}  # equal data, one dict
    same: dict[str, str] = {}  # one str object per distinct name as written (long texts repeat them)
    shifted = bool(squeezed.breaks)  # else squeezed offsets are the original ones
    breaks, shifts = squeezed.breaks, squeezed.shifts
    place_kind = MentionKind.PLACE  # (looked up once: an Enum member costs about 0.1 µs a time)
    for i, (start, end, info) in enumerate(hits):
        place = chosen[i]
        o_start, o_end = start, end
        if shifted:  # (SqueezedText.start and .end, inlined: three calls a place)
            k = bisect_right(breaks, start)
            o_start = start + shifts[k - 1] if k else start
            k = bisect_right(breaks, end - 1)
            o_end = end + shifts[k - 1] if k else end
        agency_end = agencies[i]
        key = (place.id, roles[i], info.candidates)
        data = shared.get(key) if agency_end is None else None
        if data is None:
            cands = list(info.candidates)
            if cands and cands[0] != place.id:
                cands.remove(place.id)
                cands.insert(0, place.id)
            data = {
                "id": place.id,
                "name": place.name,
                "name_en": place.name_en,
                "level": place.level,
                "parent": place.parent,
                "role_hint": roles[i],
                "candidates": cands,
            }
            if agency_end is None:
                shared[key] = data  # mentions are values: the same place in the same role shares it
            else:
                data["agency"] = original[o_start : squeezed.end(agency_end)]
        written = original[o_start:o_end]
        mentions.append(
            Mention(
                kind=place_kind,
                start=o_start,
                end=o_end,
                text=same.setdefault(written, written),
                data=data,
            )
        )
    return mentions
