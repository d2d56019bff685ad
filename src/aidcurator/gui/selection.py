"""What a text selection or a click means for records: plain functions, no Qt.

The window hands these the article text, the stored mentions and records (Python str offsets)
and turns the answer into undo commands. Values come from the extractor's mentions or from
``parse_amount`` (passed in as ``parses``); nothing here reads numbers itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from aidcurator.domain.fields import COUNT_FIELDS  # count noun (``what``) → the record field it fills

MAX_TITLE = 200


class MentionLike(Protocol):
    kind: str
    start: int
    end: int
    text: str
    value: Any
    what: str | None
    data: dict[str, Any]


@dataclass(slots=True)
class RecordDraft:
    """Values, evidence spans and amount texts for a record made from a selection."""

    fields: dict[str, Any] = field(default_factory=dict)
    evidence: list[tuple[str, int, int]] = field(default_factory=list)
    amounts: list[str] = field(default_factory=list)


def strip_span(text: str, start: int, end: int) -> tuple[str, int, int]:
    """The selected text without surrounding white space, with the span adjusted to match."""
    chunk = text[start:end]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    if right <= left:
        return "", start, start
    return chunk[left:right], start + left, start + right


def inside(mentions: Iterable[MentionLike], start: int, end: int) -> list[MentionLike]:
    return [m for m in mentions if start <= m.start and m.end <= end]


def draft_from_selection(
    text: str, start: int, end: int, mentions: Sequence[MentionLike], parses: Callable[[str], bool]
) -> RecordDraft | None:
    """A new record for ``text[start:end]``.

    A selection that reads as an amount becomes the record's amount. Otherwise the amounts, counts
    and years the extractor found inside it fill the record, each with its own span as evidence;
    a selection with none of those becomes the title.
    """
    quoted, start, end = strip_span(text, start, end)
    if not quoted:
        return None
    draft = RecordDraft()
    if parses(quoted):
        draft.amounts.append(quoted)
        draft.evidence.append(("amount", start, end))
        return draft
    for mention in inside(mentions, start, end):
        kind = str(mention.kind)
        if kind == "amount" and parses(mention.text):
            draft.amounts.append(mention.text)
            draft.evidence.append(("amount", mention.start, mention.end))
        elif kind == "count" and mention.what in COUNT_FIELDS and mention.value is not None:
            name = COUNT_FIELDS[mention.what]
            if name not in draft.fields:
                draft.fields[name] = int(mention.value)
                draft.evidence.append((name, mention.start, mention.end))
        elif kind == "year" and "year_start" not in draft.fields:
            data = dict(mention.data or {})
            if data.get("start"):
                draft.fields["year_start"] = data["start"]
                draft.fields["year_end"] = data.get("end") or data["start"]
                draft.evidence.append(("year", mention.start, mention.end))
    if not draft.fields and not draft.amounts:
        draft.fields["title"] = quoted[:MAX_TITLE]
        draft.evidence.append(("title", start, end))
    return draft


def field_value(field_kind: str, field_name: str, quoted: str, found: Sequence[MentionLike]) -> Any:
    """The value "Use as <field>" puts into a field: a count or year mention's value when the
    selection holds one, else the selected text (which curation then checks)."""
    if field_kind == "count":
        count = next((m for m in found if str(m.kind) == "count" and m.value is not None), None)
        if count is not None:
            return int(count.value)
    elif field_kind == "year":
        year = next((m for m in found if str(m.kind) == "year" and (m.data or {}).get("start")), None)
        if year is not None:
            data = year.data
            return data["end"] if field_name == "year_end" and data.get("end") else data["start"]
    return quoted


def owner_of_span(
    records: Iterable[Any], start: int, end: int, *, amounts_only: bool
) -> tuple[Any, int | None] | None:
    """The record (and amount id) whose amount or evidence overlaps ``[start, end)``."""
    for record in records:
        for amount in record.amounts:
            if (
                amount.start is not None
                and amount.end is not None
                and amount.start < end
                and start < amount.end
            ):
                return record, amount.id
        for ev in record.evidence:
            if (ev.field == "amount" or not amounts_only) and ev.start < end and start < ev.end:
                return record, None
    return None
