"""Place names and sector keywords found in one pass over a text.

Both are looked up with an Aho-Corasick automaton over the same squeezed, lower-cased text
(:func:`~aidcurator.extract.places.squeeze_cjk_gaps`, :func:`~aidcurator.extract.places.fold_text`).
One automaton over both key tables (a key in both carries both values) costs little more than either
alone, so :func:`find_places_and_sectors` searches once and hands each module its own hits, in the
order its own automaton would give them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from aidcurator.domain import Mention
from aidcurator.extract.keyscan import KeyAutomaton
from aidcurator.extract.places import find_places, fold_text, place_keys, squeeze_cjk_gaps
from aidcurator.extract.sectors import find_sectors, sector_keys

__all__ = ["find_places_and_sectors"]


@cache
def _automaton() -> KeyAutomaton:
    """Every place key and sector keyword; values are (place value or None, sector value or None)."""
    values: dict[str, list[Any]] = {}
    for key, value in place_keys():
        values.setdefault(key, [None, None])[0] = value
    for key, value in sector_keys():
        values.setdefault(key, [None, None])[1] = value
    return KeyAutomaton((key, (place, sector)) for key, (place, sector) in values.items())


def find_places_and_sectors(text: str) -> tuple[list[Mention], list[Mention]]:
    """``find_places(text)`` and ``find_sectors(text)``, their keys found in one pass."""
    if not text:
        return [], []
    place_hits: list[tuple[int, Any]] = []
    sector_hits: list[tuple[int, Any]] = []
    for last, (place, sector) in _automaton().iter(fold_text(squeeze_cjk_gaps(text).text)):
        if place is not None:
            place_hits.append((last, place))
        if sector is not None:
            sector_hits.append((last, sector))
    return find_places(text, key_hits=place_hits), find_sectors(text, key_hits=sector_hits)
