"""The recipient of an amount whose sentence names none: the pairing table, the article's and the lead
record's recipient, an anaphora (该县), the programme's region (split from record_recipients)."""

from __future__ import annotations

from functools import cache

from aidcurator.domain import CandidateRecord, Mention, Span
from aidcurator.extract.parties import pairing_area
from aidcurator.extract.places import ancestors_of, is_paired, pairing_for
from aidcurator.extract.record_parties import (
    Context,
    Parties,
    PlacesByLevel,
    is_china,
    place_is_xinjiang,
    side,
)
from aidcurator.extract.record_rules import programme_region, record_rules, text_programme_region
from aidcurator.extract.sentence_recipients import giver_continues, giver_gave_before

__all__ = ["fallback_recipient", "only_pairing"]

_XINJIANG = "新疆维吾尔自治区"


def _many_donors(places: list[Mention]) -> bool:
    """Whether the article names at least three donor-side places (a region-wide report, not one pair's)."""
    return len({p.data.get("name") for p in places if side(p) == "donor" and not is_china(p)}) >= 3


def fallback_recipient(
    text: str,
    amount: Mention,
    segment: tuple[int, int],
    sentence_end: int,
    record: CandidateRecord,
    donor_name: str | None,
    blocked: set[str | None],
    near: Parties,
    context: Context,
) -> tuple[str | None, list[Span], bool]:
    """The recipient of an amount whose sentence names none: (name, evidence, inferred from the table).

    In order: the second of two donor-side places (江苏省与陕西省协作), an anaphora (该县), the lead record's
    or the article's recipient when the donor aids it, the donor's only pairing, the area of the donor's
    pairings when the article's place in Xinjiang is not one the donor aids (山东援疆 in an article about
    深圳 and 塔县 → 喀什地区), the lead or main recipient, and the programme word (援疆 → 新疆)."""
    main, lead = context.main, context.lead
    if near.recipient is not None and near.recipient.data.get("name") not in blocked:
        return near.recipient.data.get("name"), [near.recipient.span], False  # 江苏省与陕西省协作
    recipient, spans = _anaphora(text, amount, segment, context.places)
    if recipient is not None and recipient not in blocked:  # "the province" that gives is no recipient
        return recipient, spans, False
    giver = record.evidence.get("donor", [])
    recipient, spans = giver_continues(
        context.cues or text, context.places.places, giver, amount, segment[0], blocked, donor_name
    )
    if recipient is not None or spans:  # 甲行向某县捐赠…；另捐资若干: the county again
        return recipient, spans, False
    recipient, spans = giver_gave_before(
        context.cues or text, context.places.places, donor_name, amount, blocked
    )
    if recipient is not None:  # 甲市对口帮扶乙丙两市…。甲市共安排若干亿元: their province
        return recipient, spans, False
    fallbacks: list[tuple[str, list[Span]]] = []
    if lead is not None and lead.recipient and lead.donor == record.donor:
        fallbacks.append((lead.recipient, list(lead.evidence.get("recipient", []))))
    if main.recipient is not None:
        fallbacks.append((main.recipient.data.get("name", ""), [main.recipient.span]))
    if donor_name:  # the article's own place when the donor aids it
        paired = next((f for f in fallbacks if _aids(donor_name, f[0])), None)
        if paired is not None:
            return paired[0], paired[1], False
    programme = programme_region(text[segment[0] : sentence_end])
    if (
        programme is not None
        and not donor_name
        and near.donor is None
        and _many_donors(context.places.places)
    ):
        return (
            programme,
            [],
            False,
        )  # 今年援疆资金到疆103亿元 where many givers are named: the programme's region
    elsewhere = (programme not in (None, _XINJIANG)) or bool(
        fallbacks and not place_is_xinjiang(fallbacks[0][0])
    )
    if donor_name and not elsewhere:  # the table covers 援疆 only
        only = only_pairing(donor_name)
        if only is not None:
            return only, [], True
        if fallbacks and (area := pairing_area(donor_name)) is not None:
            return area, [], True  # the article's place is in Xinjiang but not one this donor aids
    if fallbacks:
        return fallbacks[0][0], fallbacks[0][1], False
    return programme or text_programme_region(text), [], False


def _anaphora(
    text: str, amount: Mention, segment: tuple[int, int], places: PlacesByLevel
) -> tuple[str | None, list[Span]]:
    """``the prefecture`` / ``该县`` near the amount: the latest place of that level named before it."""
    scope = text[segment[0] : segment[1]]
    lower = scope.lower()  # (once for all the phrases)
    for phrase, levels in record_rules().anaphora.items():
        if phrase in scope or phrase in lower:
            earlier = places.latest_before(levels, amount.start)
            if earlier is not None:
                return earlier.data.get("name"), [earlier.span]
    return None, []


@cache  # the gazetteer does not change while the process runs
def _aids(donor: str, place: str) -> bool:
    """Whether the pairing table has the donor aiding this place or a place inside it."""
    if is_paired(donor, place):
        return True
    return any(place in ancestors_of(row.recipient) for row in pairing_for(donor, include_parents=True))


@cache  # the gazetteer does not change while the process runs
def only_pairing(donor: str) -> str | None:
    """The donor's recipient when the pairing table gives exactly one place (扬州市 → 新源县; 湖南省 →
    吐鲁番市, whose counties it aids through the prefecture)."""
    rows = pairing_for(donor)
    specific = [r for r in rows if r.certainty in ("direct", "derived")] or rows
    names = {r.recipient for r in specific}
    widest = [n for n in names if not any(a in names for a in ancestors_of(n))]  # 吐鲁番市, not its counties
    return widest[0] if len(widest) == 1 else None
