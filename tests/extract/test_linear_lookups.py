"""The indexed lookups that keep record assembly linear agree with the plain scans they replace."""

from __future__ import annotations

import random

from aidcurator.domain import Mention, MentionKind
from aidcurator.extract.places import _select
from aidcurator.extract.record_parties import PlacesByLevel

LEVELS = ("county", "prefecture", "province", "country")


def _places(seed: int, count: int) -> list[Mention]:
    rng = random.Random(seed)
    places, position = [], 0
    for _ in range(count):
        position += rng.randint(1, 6)
        length = rng.randint(2, 5)
        level = rng.choice(LEVELS)
        places.append(
            Mention(MentionKind.PLACE, position, position + length, "x" * length, data={"level": level})
        )
        position += length
    return places


def _latest_by_scan(places: list[Mention], levels: tuple[str, ...], offset: int) -> Mention | None:
    earlier = [m for m in places if m.end <= offset and m.data.get("level") in levels]
    return earlier[-1] if earlier else None


def test_latest_place_of_a_level_matches_a_scan_of_all_places() -> None:
    places = _places(seed=7, count=300)
    index = PlacesByLevel(places)
    last = places[-1].end + 3
    for levels in (("county",), ("prefecture", "province"), ("region",)):
        for offset in range(0, last):
            assert index.latest_before(levels, offset) is _latest_by_scan(places, levels, offset)


class _Key:
    def __init__(self, weak: bool, stop: bool = False) -> None:
        self.weak, self.stop = weak, stop


def _select_by_sorted_list(hits: list) -> list:
    """The former selection: longest first, kept when it overlaps no kept hit."""
    hits = sorted(hits, key=lambda h: (h[0] - h[1], h[2].weak, h[0]))
    chosen: list = []
    for hit in hits:
        if all(hit[1] <= other[0] or other[1] <= hit[0] for other in chosen):
            chosen.append(hit)
    return sorted((h for h in chosen if not h[2].stop), key=lambda h: h[0])


def test_place_selection_keeps_longest_non_overlapping_hits() -> None:
    rng = random.Random(3)
    for _ in range(50):
        size = 200
        hits = []
        for _ in range(80):
            start = rng.randrange(size - 6)
            hits.append((start, start + rng.randint(1, 6), _Key(rng.random() < 0.3, rng.random() < 0.1)))
        assert _select(list(hits), size) == _select_by_sorted_list(hits)


def test_places_by_name_and_holders_match_a_scan_of_all_places() -> None:
    from aidcurator.extract.party_clauses import _names_of
    from aidcurator.extract.places import ancestors_of

    names = ["四川省", "雅安市", "芦山县", "成都市", "新疆维吾尔自治区", "喀什地区", "中国", None]
    rng = random.Random(3)
    places = [
        Mention(MentionKind.PLACE, i * 5, i * 5 + 2, "xx", data={} if name is None else {"name": name})
        for i, name in enumerate(rng.choice(names) for _ in range(60))
    ]
    named, holders = _names_of(places)
    for recipient in [n for n in names if n] + ["甘肃省"]:
        inside = any(
            p.data.get("name") != recipient and recipient in ancestors_of(p.data.get("name", ""))
            for p in places
        )
        assert (recipient in holders) is inside
        assert named.get(recipient, []) == [p for p in places if p.data.get("name") == recipient]
    assert _names_of(places)[0] is named  # the same list asked again: found once
