"""Place mentions (Xinjiang units, donor provinces and cities, other recipients).

The gazetteer is :mod:`aidcurator.extract.gazetteer`, the pairing table :mod:`aidcurator.extract.pairings`, the
folded and squeezed text :mod:`aidcurator.extract.place_text`; their public names are re-exported here.

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

from bisect import bisect_right
from functools import cache
from operator import itemgetter
from typing import Any

from aidcurator.domain import Mention, MentionKind
from aidcurator.extract.gazetteer import (
    GazetteerIndex,
    Place,
    PlaceKey,
    all_places,
    ancestors_of,
    gazetteer,
    id_in_china,
    lookup_place,
    place_by_id,
    place_in_china,
    province_of,
    smallest_common_place,
)
from aidcurator.extract.keyscan import KeyAutomaton
from aidcurator.extract.pairings import PairingRow, donors_for, is_paired, pairing_for
from aidcurator.extract.place_text import (
    fold_text,
    is_word_char,
    squeeze_cjk_gaps,
)

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
    "place_data",
    "place_in_china",
    "place_keys",
    "province_of",
    "smallest_common_place",
    "squeeze_cjk_gaps",
]


_URL_CHARS = frozenset("/._-@=")
_START = itemgetter(0)


# ---------------------------------------------------------------------------------------------
# matching


@cache
def _automaton() -> KeyAutomaton:
    """The place keys' automaton (values: indices into ``GazetteerIndex.keys``), made when first searched alone."""
    return KeyAutomaton(gazetteer().key_items)


def place_keys() -> tuple[tuple[str, int], ...]:
    """Every place key (Latin ones lower-cased) with the value :func:`find_places` reads in ``key_hits``."""
    return gazetteer().key_items


def _candidates(
    text: str, low: str, gaz: GazetteerIndex, found: list[tuple[int, int]]
) -> list[tuple[int, int, PlaceKey]]:
    n = len(text)
    keys = gaz.keys
    out: list[tuple[int, int, PlaceKey]] = []
    for last, idx in found:
        info = keys[idx]
        start, end = last - info.length + 1, last + 1
        if info.latin:
            before = low[start - 1] if start > 0 else " "
            after = low[end] if end < n else " "
            if is_word_char(before) or is_word_char(after):
                continue
            if (before in _URL_CHARS or after in _URL_CHARS) and text[start:end].islower():
                continue  # xinjiang-pairing.csv, china.aiddata.org
        elif info.block_next and end < n and text[end] in info.block_next:
            continue
        out.append((start, end, info))
    return out


def _corroborated(
    hits: list[tuple[int, int, PlaceKey]], gaz: GazetteerIndex
) -> list[tuple[int, int, PlaceKey]]:
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


def _select(hits: list[tuple[int, int, PlaceKey]], size: int) -> list[tuple[int, int, PlaceKey]]:
    """Longest non-overlapping hits (ties: non-weak first, then leftmost); stop patterns dropped.

    ``size``: the length of the text; a hit is taken when none of its characters is taken yet."""
    # (ranked as plain tuples, the index last: C compares them, no key function is called per hit)
    ranked = [(start - end, info.weak, start, i) for i, (start, end, info) in enumerate(hits)]
    ranked.sort()
    taken = bytearray(size)
    chosen: list[tuple[int, int, PlaceKey]] = []
    for _, _, start, i in ranked:
        hit = hits[i]
        end = hit[1]
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(hit)
    chosen.sort(key=_START)
    return [h for h in chosen if not h[2].stop]


def _donor_suffix(text: str, low: str, end: int, limit: int, gaz: GazetteerIndex) -> tuple[bool, int | None]:
    """Whether a donor suffix follows a place ending at ``end``, and where a following agency ends."""
    window = low[end : min(len(low), end + gaz.max_gap + 8, limit + 8)]
    match = gaz.suffix_re.search(window)
    if match is None:
        return False, None
    word = match.group()
    if word in gaz.latin_suffixes:
        after = end + match.end()
        if match.start() != 0 or (after < len(low) and is_word_char(low[after])):
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


def _recipient_suffix(low: str, end: int, limit: int, gaz: GazetteerIndex) -> bool:
    """Whether a word that makes a place the receiving side (灾区, 受灾) follows it closely."""
    window = low[end : min(len(low), end + gaz.max_gap + 4, limit + 4)]
    match = gaz.recipient_suffix_re.search(window)
    return (
        match is not None
        and match.start() <= gaz.max_gap
        and not any(c in gaz.recipient_breakers for c in window[: match.start()])
    )


def _donor_prefix(low: str, start: int, gaz: GazetteerIndex) -> bool:
    before = low[max(0, start - 30) : start].rstrip()
    if before.endswith(" the"):
        before = before[:-4].rstrip()
    if not before.endswith(gaz.prefixes):  # (most places: one test for every prefix)
        return False
    for prefix in gaz.prefixes:
        if before.endswith(prefix):
            cut = len(before) - len(prefix)
            return cut == 0 or not is_word_char(before[cut - 1])
    return False


@cache
def _recipient_prefix_lasts() -> frozenset[str] | None:
    """The last characters of the recipient prefixes, plain or not (None when one is empty)."""
    gaz = gazetteer()
    prefixes = (*gaz.recipient_prefixes, *gaz.plain_recipient_prefixes)
    return None if not all(prefixes) else frozenset(p[-1] for p in prefixes)


def _mark_channels(
    hits: list[tuple[int, int, PlaceKey]],
    ids: list[str],
    roles: list[str | None],
    low: str,
    gaz: GazetteerIndex,
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
        if all(id_in_china(gaz, ids[j]) for j in chain):
            for j in chain:
                roles[j] = "channel"


def place_data(
    place: Place, role_hint: str | None = None, candidates: list[str] | None = None
) -> dict[str, Any]:
    """The ``data`` of a place mention: the gazetteer place's id, names, level and parent, the role the text
    hints at and the gazetteer ids the written name could mean (the chosen one first)."""
    return {
        "id": place.id,
        "name": place.name,
        "name_en": place.name_en,
        "level": place.level,
        "parent": place.parent,
        "role_hint": role_hint,
        "candidates": candidates if candidates is not None else [place.id],
    }


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
    gaz = gazetteer()
    low = fold_text(text)
    found = _automaton().iter(low) if key_hits is None else key_hits
    hits = _select(_corroborated(_candidates(text, low, gaz, found), gaz), len(text))

    named: set[str] = {info.default for _, _, info in hits if not info.candidates}
    chosen_ids: list[str] = []
    chosen: list[Place] = []
    roles: list[str | None] = []
    agencies: list[int | None] = []
    prefixed: list[int] = []  # hits right after a recipient prefix (汇往…)
    places = gaz.places
    prefix_lasts = _recipient_prefix_lasts()
    for i, (start, end, info) in enumerate(hits):
        pid = info.default
        if info.candidates:
            seen = [c for c in info.candidates if c in named]
            if len(seen) == 1:
                pid = seen[0]
        chosen_ids.append(pid)
        place = places[pid]
        chosen.append(place)
        role: str | None = "recipient" if place.role == "recipient" else None
        agency: int | None = None
        if place.role in gaz.donor_roles:
            limit = hits[i + 1][0] if i + 1 < len(hits) else len(text)
            has_suffix, agency = _donor_suffix(text, low, end, limit, gaz)
            if has_suffix or _donor_prefix(low, start, gaz):
                role = "donor"
        # (most places: no recipient prefix can end right before them, one set lookup says so)
        after_prefix = prefix_lasts is None or (start > 0 and low[start - 1] in prefix_lasts)
        if after_prefix and low[max(0, start - 4) : start].endswith(
            gaz.recipient_prefixes
        ):  # 汇往中国红十字会
            role = "recipient"
            prefixed.append(i)
        elif after_prefix and low[max(0, start - 1) : start].endswith(gaz.plain_recipient_prefixes):  # 向缅甸
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
            roles[i] = "recipient"  # 四川甲市乙县地震灾区: the places before the hinted one, written together
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
            data = place_data(place, roles[i], cands)
            if agency_end is None:
                shared[key] = data  # mentions are values: the same place in the same role shares it
            else:
                data["agency"] = original[o_start : squeezed.end(agency_end)]
        written = original[o_start:o_end]
        # (Mention's fields by position: half the time of keywords, for thousands of places a MB)
        mentions.append(
            Mention(
                place_kind,
                o_start,
                o_end,
                same.setdefault(written, written),
                None,
                None,
                None,
                None,
                None,
                data,
            )
        )
    return mentions
