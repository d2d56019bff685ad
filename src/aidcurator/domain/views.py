"""Read models: plain, immutable snapshots of stored rows, and the article-list query.

The store returns these instead of ORM objects so they can cross threads (GUI workers) and
outlive their session. Enum-valued fields hold the enum members of :mod:`aidcurator.domain.values`.
:class:`RecordView` has one attribute per field of the field table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, make_dataclass
from decimal import Decimal
from typing import Any

from aidcurator.domain.dashboard import ChartFilter
from aidcurator.domain.fields import RECORD_FIELDS
from aidcurator.domain.values import AmountKind, Origin, Qualifier, RecordStatus, ReviewState

#: Columns the article list can be ordered by.
ARTICLE_LIST_ORDER = ("review_state", "title", "source", "published", "language", "n_records", "id")


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """What the article list shows: a search text, filters and an order."""

    search: str = ""
    review_state: ReviewState | None = None
    language: str | None = None
    order_by: str = "published"
    descending: bool = True
    # A dashboard bar clicked: only articles with a project (record) of that bar.
    chart: ChartFilter | None = None


@dataclass(frozen=True, slots=True)
class ArticleListRow:
    """One line of the article list, with its record tallies."""

    id: int
    title: str
    source: str | None
    published: dt.date | None
    language: str | None
    review_state: ReviewState
    n_records: int
    n_pending: int
    review_note: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """One line of the article list (no full text)."""

    id: int
    title: str
    source: str | None
    published: dt.date | None
    url: str | None
    language: str | None
    review_state: ReviewState
    imported_at: dt.datetime
    origin_file: str | None
    origin_position: str | None


@dataclass(frozen=True, slots=True)
class ArticleView:
    """A whole article, text included."""

    id: int
    title: str
    source: str | None
    published: dt.date | None
    url: str | None
    language: str | None
    review_state: ReviewState
    imported_at: dt.datetime
    origin_file: str | None
    origin_position: str | None
    text: str
    content_hash: str
    extra: dict[str, Any] = field(default_factory=dict)
    review_note: str | None = None  # why it was marked done, skipped or flagged
    metadata_version: int = 1  # raised by each edit of the metadata (title, source, date, URL, language)


@dataclass(frozen=True, slots=True)
class RecordCounts:
    total: int = 0
    pending: int = 0
    accepted: int = 0
    rejected: int = 0


@dataclass(frozen=True, slots=True)
class MentionView:
    id: int
    article_id: int
    kind: str
    start: int
    end: int
    text: str
    value: Decimal | None
    currency: str | None
    qualifier: str | None
    value_max: Decimal | None
    what: str | None
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AmountView:
    id: int
    record_id: int
    position: int
    text: str
    value: Decimal
    value_max: Decimal | None
    currency: str
    qualifier: Qualifier
    kind: AmountKind
    period_start: int | None
    period_end: int | None
    share_of_id: int | None
    start: int | None
    end: int | None
    origin: Origin
    extracted: dict[str, Any] = field(default_factory=dict)
    curated_fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EvidenceView:
    id: int
    record_id: int
    field: str
    start: int
    end: int
    quote: str
    origin: Origin


def _evidence_for(self: Any, field_name: str) -> list[EvidenceView]:
    """The evidence rows attached to ``field_name``."""
    return [ev for ev in self.evidence if ev.field == field_name]


def _record_view_type() -> type:
    head = [("id", int), ("article_id", int)]
    table = [(spec.name, spec.python_type) for spec in RECORD_FIELDS]
    tail = [
        ("status", RecordStatus),
        ("origin", Origin),
        ("created_at", dt.datetime),
        ("updated_at", dt.datetime),
        ("version", int),
        ("extracted", dict[str, Any], field(default_factory=dict)),
        ("curated_fields", tuple[str, ...], field(default=())),
        ("flags", dict[str, Any], field(default_factory=dict)),
        ("amounts", tuple[AmountView, ...], field(default=())),
        ("evidence", tuple[EvidenceView, ...], field(default=())),
    ]
    cls = make_dataclass(
        "RecordView",
        [*head, *table, *tail],
        frozen=True,
        slots=True,
        namespace={"evidence_for": _evidence_for},
    )
    cls.__module__ = __name__
    cls.__doc__ = "A record with its amounts and evidence (one attribute per field of the field table)."
    return cls


RecordView: Any = _record_view_type()


@dataclass(frozen=True, slots=True)
class EditView:
    id: int
    record_id: int | None
    amount_id: int | None
    article_id: int | None
    action: str
    field: str | None
    old_value: Any
    new_value: Any
    at: dt.datetime
    actor: str
    change_group: str | None = None  # edits one undoable change wrote share it
    project_id: int | None = None  # the project an edit of a project belongs to


@dataclass(frozen=True, slots=True)
class Stats:
    articles: int
    records: int
    amounts: int
    mentions: int
    edits: int
    articles_by_state: dict[str, int]
    records_by_status: dict[str, int]


@dataclass(frozen=True, slots=True)
class RecordSnapshot:
    """Everything needed to put a deleted record back with the same ids.

    ``record``, ``amounts`` and ``evidence`` hold column values; ``children`` are ids of records
    whose ``parent_id`` pointed here; ``share_links`` are ``(amount id, share_of_id)`` pairs of
    amounts in other records that pointed at this record's amounts.
    """

    record: dict[str, Any]
    amounts: tuple[dict[str, Any], ...] = ()
    evidence: tuple[dict[str, Any], ...] = ()
    children: tuple[int, ...] = ()
    share_links: tuple[tuple[int, int], ...] = ()
    project_id: int | None = None  # the project the record belonged to

    @property
    def record_id(self) -> int:
        return int(self.record["id"])
