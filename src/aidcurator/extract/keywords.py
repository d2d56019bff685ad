"""Place names, sector keywords and time words found in one pass over a text.

All are looked up with an Aho-Corasick automaton over the same squeezed, lower-cased text
(:func:`~aidcurator.extract.places.squeeze_cjk_gaps`, :func:`~aidcurator.extract.places.fold_text`).
One automaton over every key table (a key in several carries each value) costs little more than any
one alone, so :func:`keyword_hits` searches once and hands each module its own hits, in the order its
own automaton would give them: places and sectors (:func:`find_places_and_sectors`) and the time
words and month words of :func:`~aidcurator.extract.timex.find_times`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from aidcurator.domain import Mention
from aidcurator.extract.keyscan import KeyAutomaton
from aidcurator.extract.places import find_places, fold_text, place_keys, squeeze_cjk_gaps
from aidcurator.extract.sectors import find_sectors, sector_keys
from aidcurator.extract.time_rules import load_time_rules

__all__ = ["KeywordHits", "find_places_and_sectors", "keyword_hits"]

_TABLES = 4  # places, sectors, time words, month words: the slots of a key's value


@dataclass(slots=True)
class KeywordHits:
    """(index of the hit's last character, value) of each key table's hits in a text's squeezed, folded
    form, as ``KeyAutomaton.iter`` gives them (see :func:`keyword_hits`)."""

    places: list[tuple[int, Any]] = field(default_factory=list)
    sectors: list[tuple[int, Any]] = field(default_factory=list)
    time_words: list[tuple[int, Any]] = field(default_factory=list)
    months: list[tuple[int, Any]] = field(default_factory=list)


@cache
def _automaton() -> KeyAutomaton:
    """Every place key, sector keyword, time word and month word; values are 4-tuples (place value,
    sector value, time word value, month value; None where the key is not in that table)."""
    rules = load_time_rules()
    values: dict[str, list[Any]] = {}
    tables = (place_keys(), sector_keys(), rules.words.items(), rules.months.items())
    for slot, items in enumerate(tables):
        for key, value in items:
            values.setdefault(key, [None] * _TABLES)[slot] = value
    return KeyAutomaton((key, tuple(value)) for key, value in values.items())


def keyword_hits(text: str) -> KeywordHits:
    """Where the keys of every table occur in ``text`` squeezed and folded (one automaton pass)."""
    hits = KeywordHits()
    if not text:
        return hits
    places, sectors, words, months = hits.places, hits.sectors, hits.time_words, hits.months
    for last, (place, sector, word, month) in _automaton().iter(fold_text(squeeze_cjk_gaps(text).text)):
        if place is not None:
            places.append((last, place))
        if sector is not None:
            sectors.append((last, sector))
        if word is not None:
            words.append((last, word))
        if month is not None:
            months.append((last, month))
    return hits


def find_places_and_sectors(
    text: str, hits: KeywordHits | None = None
) -> tuple[list[Mention], list[Mention]]:
    """``find_places(text)`` and ``find_sectors(text)``, their keys found in one pass (``hits``: that pass
    when already made, see :func:`keyword_hits`)."""
    if not text:
        return [], []
    if hits is None:
        hits = keyword_hits(text)
    return find_places(text, key_hits=hits.places), find_sectors(text, key_hits=hits.sectors)
