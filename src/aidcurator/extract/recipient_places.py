"""The one place that receives among the places named around an amount (a place inside another named
one, a list of places standing for the place that holds them, a list of countries standing for none)."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from itertools import pairwise

from aidcurator.domain import Mention, Span
from aidcurator.extract.party_clauses import disaster_named
from aidcurator.extract.places import ancestors_of, lookup_place, place_data, smallest_common_place
from aidcurator.resources import resource_path

__all__ = ["country_name", "listed_holder", "received", "recipient_of", "tail_stands_in"]


_ETC_AFTER = re.compile(r"[^，。；,;！？!?\n]{0,12}?等")
_RECEIVER_BEFORE = re.compile(
    json.loads(resource_path("rules", "parties.json").read_text(encoding="utf-8"))["receiver_before"]
)  # 向甘肃灾区, to Nepal (parties.json receiver_before)
_TOWN_AFTER = re.compile(
    json.loads(resource_path("rules", "parties.json").read_text(encoding="utf-8"))["town_after"]
)  # 大竹镇: a town, not the county (parties.json town_after)
_LEVEL_ENDS = ("省", "市", "县", "区", "州", "旗", "盟")


def recipient_of(text: str, places: list[Mention]) -> tuple[str | None, list[Span]]:
    """The one place that receives, from the places named around an amount.

    A place inside another named one wins (喀什地区 … 塔县 → 塔县); a place followed by 等 (百色、河池等地)
    stands for its parent, several countries before one 等 for none (a group); several places give the
    smallest place holding them all, two far apart the one after a receiving word (向, to) or else the
    first named. Three or more countries, or two or more
    places in China that no place below China holds, written as one list give no recipient, with their
    spans: (None, spans) is such a group.
    """
    places = [p for p in places if not _town_named_after(text, p)]  # 甲市乙镇、丙镇: 丙 is no county
    named: dict[str, list[Span]] = {}
    etc_lists: dict[int, list[Mention]] = {}  # places listed before one 等, by its position
    for place in places:
        etc = _ETC_AFTER.match(text, place.end)
        if etc is not None:
            etc_lists.setdefault(etc.end(), []).append(place)
        else:
            named.setdefault(place.data.get("name", ""), []).append(place.span)
    standing_in: dict[str, list[Span]] = {}
    for listed in etc_lists.values():
        listed = [m for m in listed if m.data.get("name") not in named]  # named plainly elsewhere too
        names = list(dict.fromkeys(m.data.get("name", "") for m in listed))
        if len(names) > 1:  # 固原市、吴忠市等地: the place holding them
            stand_in = smallest_common_place(names)
            if stand_in is None and all(country_name(n) for n in names):  # 甲国、乙国等9国: a group
                return None, sorted((m.span for m in places), key=lambda sp: sp.start)
        else:  # 百色等地: somewhere in 百色's province
            stand_in = listed[0].data.get("parent") if listed else None
        if stand_in:
            standing_in.setdefault(stand_in, []).extend(m.span for m in listed)
    if not named and not standing_in:
        return None, []
    spans_of = {**standing_in, **named}
    chosen = [n for n in named if not any(n in ancestors_of(other) for other in named if other != n)]
    chosen += [n for n in standing_in if n not in chosen]
    if len(chosen) == 1:
        return chosen[0], spans_of[chosen[0]]
    spans = sorted((span for n in chosen for span in spans_of[n]), key=lambda s: s.start)
    common = smallest_common_place(chosen)
    if common is None and all(country_name(n) for n in chosen) and _enumerated(text, spans) >= 3:
        return None, spans  # India, Indonesia, Thailand…: a list of countries, no single recipient
    if common is None and _enumerated(text, spans) >= 2 and not any(country_name(n) for n in chosen):
        return None, spans  # 对口帮扶广西、贵州两省区: several provinces written as one list, none alone
    if common is None:  # places far apart: the one after 向 / to, else the first named
        received = [
            n
            for n in chosen
            if any(_RECEIVER_BEFORE.search(text, max(0, sp.start - 8), sp.start) for sp in spans_of[n])
        ]
        first = min(received or chosen, key=lambda n: spans_of[n][0].start)
        return first, spans_of[first]
    return common, spans


_LIST_GAP = re.compile(r"\s*(?:[,，、]\s*(?:and\s+)?|and\s+|和|及|与)\s*")


def received(text: str, start: int) -> bool:
    """Whether a receiving word (向, 支援, 对口帮扶, to) stands right before ``start`` (parties.json
    receiver_before)."""
    return _RECEIVER_BEFORE.search(text, max(0, start - 8), start) is not None


def _town_named_after(text: str, place: Mention) -> bool:
    """Whether a place written without its level word runs into a town's (大竹镇 is a town named after
    大竹县, not the county): parties.json town_after."""
    return (
        place.data.get("name") != place.text
        and _TOWN_AFTER.match(text, place.end) is not None
        and not place.text.endswith(_LEVEL_ENDS)
    )


def _enumerated(text: str, spans: list[Span]) -> int:
    """The longest run of places written as one list (``India, Indonesia, Thailand and Maldives``)."""
    best = run = 1
    for before, after in pairwise(spans):
        run = run + 1 if _LIST_GAP.fullmatch(text, before.end, after.start) else 1
        best = max(best, run)
    return best if spans else 0


@cache  # the gazetteer does not change while the process runs
def country_name(name: str) -> bool:
    place = lookup_place(name)
    return bool(place and place.level == "country")


def tail_stands_in(text: str, places: list[Mention], head: str, tail: Mention) -> bool:
    """Whether the place the article writes right after ``head`` (四川雅安芦山, 宁夏固原) stands for a bare
    ``head``: a disaster place (芦山地震), or one named at least as often as ``head`` alone; else a bare
    宁夏 means the province, not the one project site named once inside it."""
    name = tail.data.get("name", "")
    if disaster_named(text, name):
        return True
    alone = sum(
        1
        for i, p in enumerate(places)
        if p.data.get("name") == head and not (i + 1 < len(places) and places[i + 1].start == p.end)
    )
    return sum(1 for p in places if p.data.get("name") == name) >= alone


def listed_holder(text: str, places: list[Mention], chosen: Mention) -> Mention | None:
    """The place holding a list of three or more places that ``chosen`` heads, when none of them is named
    more often than the others (赴甲县、乙县、丙县调研: the prefecture holding the three, not 甲县), as a
    mention spanning the list; None when ``chosen`` heads no such list or the list's places share no
    place below China. The sentence-level rule of :func:`recipient_of`, for the article's main recipient."""
    at = next((i for i, p in enumerate(places) if p.start == chosen.start), None)
    if at is None:
        return None
    run = [places[at]]
    for place in places[at + 1 :]:
        if not _LIST_GAP.fullmatch(text, run[-1].end, place.start):
            break
        run.append(place)
    names = list(dict.fromkeys(p.data.get("name", "") for p in run))
    if len(names) < 3 or len(names) != len(run):
        return None
    times = Counter(p.data.get("name") for p in places)
    if len({times[name] for name in names}) > 1:
        return None  # one of them is the article's subject
    holder = smallest_common_place(names)
    place = lookup_place(holder) if holder else None
    if place is None or place.level in ("country", "region") or holder == "中国":
        return None
    data = place_data(place)
    return Mention(chosen.kind, run[0].start, run[-1].end, text[run[0].start : run[-1].end], data=data)
