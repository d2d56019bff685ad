"""The recipient of an amount whose own clause names no place, from the rest of its sentence (split from
record_recipients)."""

from __future__ import annotations

import json
import re
from functools import cache

from aidcurator.domain import Mention, Span
from aidcurator.extract.parties import group_recipient
from aidcurator.extract.places import ancestors_of, smallest_common_place
from aidcurator.extract.recipient_places import received, recipient_of
from aidcurator.extract.record_parties import is_china, side
from aidcurator.extract.record_rules import CJK
from aidcurator.extract.unlisted_parties import central_giver
from aidcurator.resources import resource_path

__all__ = ["contracted_place", "giver_continues", "giver_gave_before", "own_scope", "rest_of_sentence"]

_ZH_CLAUSE_END = re.compile(r"[，,；;。、！？]")
_CLAUSE_STOP = re.compile(r"[，,；;。！？\n]")  # (the donor's clause ends here)
_ZH_CLAUSE_BREAK = re.compile(r"[，,；;]")  # ends the previous amount's clause (not 、, which lists)
_OPENING = "，,；;。、！？:：\n "  # a stretch starting after these opens a clause, not after an amount


def own_scope(
    text: str, amount: Mention, segment: tuple[int, int], sentence_start: int, next_in_sentence: bool
) -> tuple[int, int]:
    """Where the places of this amount are named: since the previous amount, and after it up to the
    next amount (English: "… 1.1 billion yuan will go to Shache, Zepu and Bachu") or, in Chinese, up
    to the end of its clause (其中博州三点六亿元、第五师…).

    In Chinese the words after the previous amount up to the end of its clause are that amount's
    (甲会捐100万元用于某市，乙会捐50万元: 某市 is the first gift's), so the stretch starts after them."""
    start, end = segment
    if next_in_sentence and CJK.search(text, max(segment[0], amount.start - 4), amount.end):
        stop = _ZH_CLAUSE_END.search(text, amount.end, end)
        end = stop.start() if stop else end
    if (
        start > sentence_start
        and text[start - 1] not in _OPENING
        and CJK.search(text, max(start, amount.start - 4), amount.end)
    ):
        mark = _ZH_CLAUSE_BREAK.search(text, start, amount.start)
        start = mark.end() if mark else start
    return start, end


def rest_of_sentence(
    text: str, words: str, places: list[Mention], sentence_start: int, clause_start: int
) -> tuple[str | None, list[Span]]:
    """The place the rest of the sentence names, as :func:`recipient_of` reads it.

    A group of receivers at the head of the sentence, before every such place (向各地捐赠的有：甲会捐100万元
    用于某市，乙会捐50万元), heads a list of gifts: a place in another gift's clause is that gift's own, and
    the group (None, [its span]) holds the rest."""
    group = group_recipient(words, sentence_start, clause_start)
    if group is not None and places and all(group.end <= m.start for m in places):
        return None, [group]
    return recipient_of(text, places)


@cache  # the rules do not change while the process runs
def _contracted_rules() -> tuple[re.Pattern[str], dict[str, int]]:
    rules = json.loads(resource_path("rules", "parties.json").read_text(encoding="utf-8"))[
        "contracted_places"
    ]
    return re.compile(rules["pattern"]), dict(rules["counts"])


def contracted_place(text: str, places: list[Mention], start: int, end: int) -> tuple[str, Span] | None:
    """The place a contracted list in ``text[start:end]`` stands for (甲乙丙三市 after 甲州市, 乙阳市, 某丙市
    are named: the smallest place holding the three), with the list's span; None when a head is not in
    exactly one place named before the list, or no place holds them all."""
    pattern, counts = _contracted_rules()
    for match in pattern.finditer(text, start, end):
        n = counts[match["count"]]
        heads = match["heads"][-n:]
        if len(heads) < n or len(set(heads)) < n:
            continue
        before = [m for m in places if m.end <= match.start() and m.data.get("name")]
        names: list[str] = []
        for head in heads:
            found = {m.data["name"] for m in before if head in m.text}
            if len(found) != 1:
                break
            names.extend(found)
        holder = smallest_common_place(names) if len(names) == n else None
        if holder is not None and holder not in names:
            return holder, Span(match.end("heads") - n, match.end())
    return None


def giver_continues(
    text: str,
    places: list[Mention],
    giver: list[Span],
    amount: Mention,
    clause_start: int,
    blocked: set[str | None],
    donor: str | None,
) -> tuple[str | None, list[Span]]:
    """The place a giver named earlier in the paragraph gave to, for an amount whose sentence names no
    place (甲行向某县捐赠50万元；另捐资8万元购置图书: the county again), as :func:`recipient_of` reads the
    receiving places between the giver and the amount; (None, []) when the giver is not named before
    this clause in the paragraph."""
    paragraph = text.rfind("\n", 0, amount.start) + 1
    if not _before_in(giver, paragraph, clause_start) and (unit := central_giver(text, amount.span)):
        giver = [unit[1]]  # (the central unit that gives when no place in the paragraph does)
    if not _before_in(giver, paragraph, clause_start):
        return None, []
    between = [
        m
        for m in places
        if giver[0].end <= m.start < amount.start
        and side(m) != "donor"
        and not is_china(m)
        and m.data.get("name") not in blocked
        and not (donor and donor in ancestors_of(m.data.get("name", "")))  # (the giver's own county)
    ]
    return recipient_of(text, between) if between else (None, [])


def _before_in(giver: list[Span], paragraph: int, clause_start: int) -> bool:
    """Whether the giver is one span in the paragraph before the amount's clause."""
    return len(giver) == 1 and paragraph <= giver[0].start < giver[0].end <= clause_start


def giver_gave_before(
    text: str, places: list[Mention], donor: str | None, amount: Mention, blocked: set[str | None]
) -> tuple[str | None, list[Span]]:
    """The place(s) the donor was last shown giving to earlier in the article, for an amount whose
    sentence names no place (甲市对口帮扶乙丙两市…。甲市共安排资金若干亿元: what 乙丙两市 stand for): the
    receiving places, or a contracted list, in the clause that opens with the donor's name."""
    if not donor:
        return None, []
    for giver in reversed([m for m in places if m.end <= amount.start and m.data.get("name") == donor]):
        mark = _CLAUSE_STOP.search(text, giver.end)
        stop = min(mark.start() if mark else len(text), amount.start)
        taking = [
            m
            for m in places
            if giver.end <= m.start < stop
            and side(m) != "donor"
            and not is_china(m)
            and m.data.get("name") not in blocked
            and donor not in ancestors_of(m.data.get("name", ""))
        ]
        found = recipient_of(text, taking) if taking else (None, [])
        if found[0] is not None and found[1] and received(text, found[1][0].start):
            return found
        short = contracted_place(text, places, giver.end, stop)
        if short is not None and received(text, short[1].start):
            return short[0], [short[1]]
    return None, []
