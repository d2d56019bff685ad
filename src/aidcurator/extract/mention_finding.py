"""Every mention of a text: amounts and counts first, then the years, places and sectors that overlap
none of them, sorted by position (the input of record assembly, :mod:`aidcurator.extract.records`)."""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import fields
from operator import attrgetter

from aidcurator.domain import UNKNOWN_CURRENCY, Mention, MentionKind
from aidcurator.extract.keywords import find_places_and_sectors, keyword_hits
from aidcurator.extract.quantities import find_quantities
from aidcurator.extract.rules import load_rules
from aidcurator.extract.script import to_simplified
from aidcurator.extract.timex import find_times

__all__ = ["country_code", "find_mentions", "reference_date"]

_BY_POSITION = attrgetter("start", "end")
# 1950-2099 not inside a longer number; it opens with the class of its first digit, which a search skips
# ahead to in C (a leading look-behind is tried at every character)
_EXPLICIT_YEAR = re.compile(r"([12](?<![0-9].)(?:(?<=1)9[5-9]|(?<=2)0[0-9])[0-9])(?![0-9])")
_AMOUNT, _PLACE = MentionKind.AMOUNT, MentionKind.PLACE  # (an Enum member costs about 0.1 µs a lookup)


def reference_date(text: str, published: dt.date | None) -> tuple[dt.date | None, bool]:
    """The date relative words (今年, this year) resolve against, and whether it is estimated.

    Without a publication date the first explicit year in the text stands in (estimated).
    """
    if published is not None:
        return published, False
    match = _EXPLICIT_YEAR.search(text)
    if match is None:
        return None, False
    return dt.date(int(match.group(1)), 1, 1), True


def find_mentions(text: str, published: dt.date | None = None) -> list[Mention]:
    """Amounts, counts, places, years and sectors in ``text``, sorted by position.

    Places, years and sectors are matched on the simplified form of the text (same offsets), so
    traditional-character articles find the same words; each mention keeps the text as written.
    """
    quantities = find_quantities(text)
    taken_starts = [m.start for m in quantities]  # quantities do not overlap and come in text order
    taken_ends = [m.end for m in quantities]
    simple = to_simplified(text)
    reference, estimated = reference_date(simple, published)
    hits = keyword_hits(simple)  # places, sectors and time words: one automaton pass
    extra = _free(find_times(simple, reference, key_hits=hits), taken_starts, taken_ends)
    if estimated:
        for mention in extra:
            if mention.data.get("relative"):
                mention.data["estimated"] = True
    places, sectors = find_places_and_sectors(simple, hits)
    extra.extend(_free(places, taken_starts, taken_ends))
    extra.extend(sectors)
    if simple is not text:
        extra = [m if text.startswith(m.text, m.start) else _as_written(m, text) for m in extra]
    mentions = quantities + extra
    mentions.sort(key=_BY_POSITION)
    _resolve_currency_families(quantities, mentions)
    return mentions


def _free(mentions: list[Mention], taken_starts: list[int], taken_ends: list[int]) -> list[Mention]:
    """The ``mentions`` that overlap no quantity (``taken_starts``/``taken_ends``: the quantities' spans,
    in text order)."""
    count = len(taken_starts)
    kept = []
    for mention in mentions:
        i = bisect_left(taken_ends, mention.start + 1)  # the first quantity ending after the start
        if i == count or taken_starts[i] >= mention.end:
            kept.append(mention)
    return kept


def _resolve_currency_families(quantities: list[Mention], mentions: list[Mention]) -> None:
    """A generic currency word (francs, shillings, Rs) takes the currency of the first country the
    text names that uses one of its family (CFA francs with Cameroon → XAF), else the family default.

    ``quantities``: the amounts and counts among ``mentions`` (every mention, in text order)."""
    generic = [m for m in quantities if m.kind is _AMOUNT and m.data.get("currency_family")]
    if not generic:
        return
    families = load_rules().currencies.families
    countries = [code for m in mentions if m.kind is _PLACE and (code := country_code(m.data.get("id")))]
    by_family: dict[str, str | None] = {}
    for mention in generic:
        family = mention.data["currency_family"]
        if family not in by_family:
            default, by_country = families[family]
            by_family[family] = next((by_country[c] for c in countries if c in by_country), default)
        mention.currency = by_family[family] or UNKNOWN_CURRENCY


def country_code(place_id: str | None) -> str | None:
    """ISO 3166 alpha-3 code of a gazetteer country id (``ctry-ago`` → ``AGO``), None for other places."""
    if place_id and place_id.startswith("ctry-"):
        return place_id[5:].upper()
    return None


def _as_written(mention: Mention, text: str) -> Mention:
    """``mention`` (found in the simplified text) with its text and agency as the article writes them."""
    data = mention.data
    agency = data.get("agency")
    if agency:
        data = {**data, "agency": text[mention.start : mention.start + len(agency)]}
    values = list(_mention_values(mention))  # (dataclasses.replace takes several µs a call)
    values[_TEXT_AT], values[_DATA_AT] = text[mention.start : mention.end], data
    return Mention(*values)


_MENTION_FIELDS = [f.name for f in fields(Mention)]
_mention_values = attrgetter(*_MENTION_FIELDS)
_TEXT_AT, _DATA_AT = _MENTION_FIELDS.index("text"), _MENTION_FIELDS.index("data")
