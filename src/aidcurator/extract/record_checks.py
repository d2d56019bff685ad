"""Checks of a record against the rest of its article: a project's total cost beside the loan for it is
no record; a headline figure told again in the body takes the body's record kind."""

from __future__ import annotations

from aidcurator.domain import CandidateRecord, Mention
from aidcurator.extract.record_rules import CJK, record_rules

_HEADLINE_LINE_MAX = 100  # characters: a longer line is body text
_SENTENCE_END = "。！？!?."


def headline_block_end(text: str) -> int:
    """Where the short lines at the top of a text end (headline, subheadline, date, site lines: none
    longer than ``_HEADLINE_LINE_MAX`` characters or ending a sentence); 0 when the text opens with
    body text."""
    end = 0
    while end < len(text):
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        stripped = text[end:line_end].strip()  # (lines up to the first long one only are copied)
        if len(stripped) > _HEADLINE_LINE_MAX or (stripped and stripped[-1] in _SENTENCE_END):
            break
        end = line_end + 1
    return min(end, len(text))


def retell_record_kind(kept: CandidateRecord, repeat: CandidateRecord, headlines_end: int) -> None:
    """A headline figure (in the short lines at the top) told again in the body takes the body's record
    kind when the body decided it on a cue (an aggregate cue, a project cue, a count of projects): the
    headline's few words do not say who gave it or how many works it pays for."""
    if kept.amounts[0].span.start >= headlines_end or kept.record_kind is repeat.record_kind:
        return
    if (
        repeat.flags.get("aggregate_cue")
        or repeat.flags.get("project_cue")
        or repeat.flags.get("programme_cue")
        or (repeat.n_projects or 0) > 1
    ):
        kept.record_kind = repeat.record_kind
        if repeat.flags.get("aggregate_cue"):
            kept.flags["aggregate_cue"] = repeat.flags["aggregate_cue"]


def project_total_beside_aid(text: str, amount: Mention, records: list[CandidateRecord]) -> bool:
    """Whether the amount is a project's total investment or cost (这座电站总投资约5000万美元, a total
    investment of US$19.4 million) written after an earlier amount that anchors a record, the loan or
    grant for it: the whole cost, not the aid. ``text``: the cue text (simplified, no pinyin)."""
    if not records or records[0].amounts[0].span.start >= amount.start:
        return False
    if any(r.amounts[0].value == amount.value for r in records):
        return (
            False  # the loan's own figure again (a headline's $508m, then 'at a total cost of $508 million')
        )
    zh, en = record_rules().project_total_before
    english = not CJK.search(text, amount.start, amount.end)
    return (en if english else zh).search(text, max(0, amount.start - 50), amount.start) is not None
