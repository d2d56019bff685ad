"""Choosing the sector of a span from its sector hits: the best-supported sector
(:func:`dominant_sector`), a list of sectors that makes a multi-sector mention (:func:`sector_list`),
and the context that changes a record's sector (:func:`context_sector`)."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from operator import attrgetter

from aidcurator.domain import Mention, MentionKind
from aidcurator.extract.sector_rules import (
    min_sector_score,
    sector_boosts,
    sector_context_rules,
    sector_list_rule,
)

__all__ = [
    "SectorHits",
    "context_sector",
    "dominant_sector",
    "dominant_sector_hit",
    "sector_group",
    "sector_list",
]

_BY_POSITION = attrgetter("start", "end")


def dominant_sector_hit(
    mentions: list[Mention], start: int, end: int, text: str | None = None, *, anchor: int | None = None
) -> Mention | None:
    """The hit :func:`dominant_sector` would return, without its summary data (cheaper). With the
    ``text``, a list of sectors of different groups (``for agriculture, health and education``)
    inside the span is one multi-sector mention (:func:`sector_list`). A tie goes to the sector with a
    hit nearest ``anchor`` (default ``start``)."""
    if text is not None:
        listed = sector_list(mentions, start, end, text)
        if listed is not None:
            return listed
    won = _winner(mentions, start, end, start if anchor is None else anchor)
    return won[1] if won is not None else None


_Won = tuple[list[Mention], Mention, float] | None


def _leads(won: _Won, run: list[Mention]) -> bool:
    """Whether the sector that wins the span on its own (``won``) is one of the list's (a stronger cue
    elsewhere, such as *rebuild* before ``schools and health posts``, keeps its sector)."""
    return won is None or any(m.data.get("group") == won[1].data.get("group") for m in run)


@cache  # (a few hundred codes, asked for every hit of a list)
def sector_group(code: str) -> str:
    """The DAC sector group of a purpose code: 111 and 114 are 110 (education), 720 and 730 are 700."""
    return code[0] + "00" if code[:1] in ("6", "7") else code[:2] + "0"


def sector_list(mentions: list[Mention], start: int, end: int, text: str) -> Mention | None:
    """A list of sector words of different DAC groups joined by commas or ``and``/``、``/``和``
    (``agriculture, health and education``; ``hospitals, energy and water``) inside ``[start, end)``:
    money for several sectors at once, the rule file's multi-sector code (``multisector`` in
    sectors.json). The mention spans the list; None when there is no such list."""
    rule = sector_list_rule()
    if rule is None:
        return None
    starts, hits_by_start = _sector_index(mentions)
    hits = [
        m
        for m in hits_by_start[bisect_left(starts, start) : bisect_left(starts, end)]
        if m.end <= end and m.data.get("weight", 1.0) >= rule.min_weight
    ]
    if len(hits) < rule.min_groups_with_noun or len({sector_group(m.data["code"]) for m in hits}) < 2:
        return None
    longest = max(map(len, rule.joiners), default=0)
    too_long = _more_than(longest)
    # whether the words between two hits join them, read once per pair of an article (the clause, the
    # sentence, the paragraph and the whole text ask about the same pairs)
    joined = mentions.joined if mentions.__class__ is SectorHits else {}  # type: ignore[attr-defined]
    run = [hits[0]]
    won: list[_Won] = []  # the span's winner on its own, found once when a list first needs it
    least = min(rule.min_groups, rule.min_groups_with_noun)
    for hit in [*hits[1:], None]:
        if hit is not None:
            gap = (run[-1].end, hit.start)
            joins = joined.get(gap)
            if joins is None:
                joins = joined[gap] = _joins(text, gap[0], gap[1], rule.joiners, longest, too_long)
            if joins:
                run.append(hit)
                continue
        if len(run) < least:  # n hits name at most n groups: too few for a list
            groups = []
        else:
            groups = [g for g in dict.fromkeys(sector_group(m.data["code"]) for m in run) if g != rule.code]
        enough = len(groups) >= rule.min_groups or (
            len(groups) >= rule.min_groups_with_noun
            and (
                rule.noun_after.match(text, run[-1].end) is not None
                or rule.noun_after.search(text, run[-1].start, run[-1].end) is not None  # water projects
            )
        )
        if enough and not won:
            won.append(_winner(mentions, start, end, start))
        if enough and _leads(won[0], run):
            first, last = run[0], run[-1]
            data = {
                "group": rule.code,
                "code": rule.code,
                "code5": None,
                "label": rule.label,
                "label5": None,
                "keyword": " / ".join(dict.fromkeys(m.data["keyword"] for m in run)),
                "weight": sum(m.data.get("weight", 1.0) for m in run),
                "borderline": False,
                "listed": groups,
            }
            return Mention(
                kind=MentionKind.SECTOR,
                start=first.start,
                end=last.end,
                text=text[first.start : last.end],
                data=data,
            )
        if hit is not None:
            run = [hit]
    return None


def _joins(
    text: str, start: int, end: int, joiners: frozenset[str], longest: int, too_long: re.Pattern[str]
) -> bool:
    """Whether ``text[start:end]`` is one of ``joiners`` (in lower case, white space squeezed to one
    space; ``longest``: the longest joiner's length, ``too_long``: ``_more_than(longest)``). A gap with
    more characters other than white space than that is none: most gaps between two sector words of a
    text, found by one match instead of a lower-cased copy."""
    if end - start > longest and too_long.match(text, start, end) is not None:
        return False
    return " ".join(text[start:end].lower().split()) in joiners


@cache
def _more_than(count: int) -> re.Pattern[str]:
    """More than ``count`` characters other than white space (``\\s`` is what ``str.split`` splits on)."""
    return re.compile(rf"\s*\S(?:\s*\S){{{count}}}")


class SectorHits(list):
    """Sector hits sorted by position (start, then end), with their starts: what the functions here
    would sort out of a mention list themselves. Record assembly sorts an article's hits once and asks
    about a sentence's or a paragraph's (:meth:`between`), the same hits in the same order as sorting
    that stretch's own list."""

    __slots__ = ("joined", "starts")

    def __init__(
        self,
        hits: list[Mention],
        starts: list[int] | None = None,
        *,
        ordered: bool = False,
        joined: dict[tuple[int, int], bool] | None = None,
    ) -> None:
        sector_kind = MentionKind.SECTOR
        super().__init__(
            hits if ordered else sorted((m for m in hits if m.kind is sector_kind), key=_BY_POSITION)
        )
        self.starts = starts if starts is not None else [m.start for m in self]
        self.joined = {} if joined is None else joined  # (end, start) of two hits → the gap joins them

    def between(self, start: int, end: int) -> SectorHits:
        """The hits that start inside ``[start, end)``."""
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return SectorHits(self[lo:hi], self.starts[lo:hi], ordered=True, joined=self.joined)


# The last mention list asked about, with its sector hits sorted by start: record assembly asks
# about one article's list thousands of times, and a scan per question made long texts quadratic.
# One tuple, replaced whole, so threads never see a list paired with another list's index.
_last_index: tuple[list[Mention], int, list[int], list[Mention]] | None = None


def _sector_index(mentions: list[Mention]) -> tuple[list[int], list[Mention]]:
    if mentions.__class__ is SectorHits:
        return mentions.starts, mentions  # type: ignore[attr-defined]
    global _last_index
    cached = _last_index
    if cached is not None and cached[0] is mentions and cached[1] == len(mentions):
        return cached[2], cached[3]
    sector_kind = MentionKind.SECTOR  # (looked up once: an Enum member costs about 0.1 µs a time)
    hits = sorted((m for m in mentions if m.kind == sector_kind), key=_BY_POSITION)
    starts = [m.start for m in hits]
    _last_index = (mentions, len(mentions), starts, hits)
    return starts, hits


def _winner(
    mentions: list[Mention], start: int, end: int, pivot: int
) -> tuple[list[Mention], Mention, float] | None:
    """The winning sector's hits, its hit nearest ``pivot`` and its summed weight."""
    groups: dict[str, list[Mention]] = {}
    starts, hits_by_start = _sector_index(mentions)
    for m in hits_by_start[bisect_left(starts, start) : bisect_left(starts, end)]:
        if m.end <= end:
            groups.setdefault(m.data.get("group") or m.data["code"], []).append(m)
    if not groups:
        return None

    def distance(m: Mention) -> int:
        return 0 if m.start <= pivot < m.end else min(abs(m.start - pivot), abs(m.end - pivot))

    boosted = _boosted(groups, hits_by_start)  # the context: every hit of the list asked about

    def weight(m: Mention) -> float:
        return boosted.get(m.data["code"], m.data.get("weight", 1.0))

    if len(groups) == 1:
        hits = next(iter(groups.values()))
        score = sum(weight(m) for m in hits)
    else:  # the most weight; on a tie the hit nearest the pivot; then the first named
        totals = {code: sum(weight(m) for m in hits) for code, hits in groups.items()}
        score = max(totals.values())
        tied = [code for code, total in totals.items() if total == score]
        code = tied[0] if len(tied) == 1 else min(tied, key=lambda c: min(map(distance, groups[c])))
        hits = groups[code]
    if score < min_sector_score():
        return None
    best = hits[0] if len(hits) == 1 else min(hits, key=distance)
    return hits, best, score


def _boosted(groups: dict[str, list[Mention]], context: list[Mention]) -> dict[str, float]:
    """The weight each hit of a boosted code takes in this span (code → weight), when ``context`` (the
    hits of the sentence or paragraph asked about) names one of its context codes."""
    boosts = sector_boosts()
    if not boosts or len(groups) < 2:
        return {}
    codes = {m.data["code"] for hits in groups.values() for m in hits}
    wanted = [(code, ctx, w) for code, ctx, w in boosts if code in codes]
    if not wanted:
        return {}
    around = {m.data["code"] for m in context}
    return {code: w for code, ctx, w in wanted if around & ctx}


def dominant_sector(
    mentions: list[Mention], start: int, end: int, *, anchor: int | None = None
) -> Mention | None:
    """The sector best supported by the SECTOR mentions inside ``[start, end)``.

    Sectors (``data["group"]``: the 3-digit code, or the 5-digit one for catch-all categories) are
    ranked by summed keyword weight (most hits), then by the distance of their nearest hit to
    ``anchor`` (default ``start``). The result is the winning sector's hit nearest the anchor, with
    extra data: "hits" (count), "score", "evidence" ([start, end] of every hit of that sector, in
    text order), "keywords" (distinct, in order) and "code5" set to the most supported 5-digit code.
    """
    pivot = start if anchor is None else anchor
    won = _winner(mentions, start, end, pivot)
    if won is None:
        return None
    hits, best, score = won

    def distance(m: Mention) -> int:
        return 0 if m.start <= pivot < m.end else min(abs(m.start - pivot), abs(m.end - pivot))

    code5_scores: dict[str, float] = {}
    for m in hits:
        if m.data.get("code5"):
            code5_scores[m.data["code5"]] = code5_scores.get(m.data["code5"], 0.0) + m.data.get("weight", 1.0)
    code5 = (
        min(
            code5_scores,
            key=lambda c: (-code5_scores[c], min(distance(m) for m in hits if m.data.get("code5") == c)),
        )
        if code5_scores
        else None
    )
    label5 = next((m.data.get("label5") for m in hits if m.data.get("code5") == code5), None)
    data = dict(best.data)
    data.update(
        {
            "code5": code5,
            "label5": label5,
            "hits": len(hits),
            "score": score,
            "evidence": [[m.start, m.end] for m in hits],
            "keywords": list(dict.fromkeys(m.data["keyword"] for m in hits)),
        }
    )
    return Mention(kind=MentionKind.SECTOR, start=best.start, end=best.end, text=best.text, data=data)


def context_sector(code: str, mentions: list[Mention], start: int, end: int) -> Mention | None:
    """The hit that changes a record's sector ``code`` in its context ``[start, end)`` (food given as
    emergency relief is emergency response): its ``data["code"]`` is the rule's new code. None when no
    ``context_rules`` entry applies."""
    rules = [(words, to) for codes, words, to in sector_context_rules() if code in codes]
    if not rules:
        return None
    starts, hits = _sector_index(mentions)
    for m in hits[bisect_left(starts, start) : bisect_left(starts, end)]:
        for words, to in rules:
            if m.data["keyword"] in words:
                return Mention(
                    kind=m.kind, start=m.start, end=m.end, text=m.text, data={**m.data, "code": to}
                )
    return None
