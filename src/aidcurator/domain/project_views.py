"""Read models of projects: plain, immutable snapshots the store returns and the window and CLI show.

A *project* groups records of several articles. Its fields (:data:`PROJECT_FIELDS`) each take their
value from one member record (the *source*); see :mod:`aidcurator.curation.project_fields`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final

from aidcurator.domain.projects import STATUS_LADDER

#: The project fields a source record gives, and the project columns each one sets.
PROJECT_FIELD_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "title": ("title",),
    "donor": ("donor", "donor_code"),
    "recipient": ("recipient", "recipient_code"),
    "commitment_year": ("commitment_year",),
    "sector": ("sector",),
    "flow_type": ("flow_type",),
    "amount": ("amount_value", "amount_currency"),
    "planned_start": ("planned_start", "planned_start_estimated"),
    "planned_end": ("planned_end", "planned_end_estimated"),
    "actual_start": ("actual_start", "actual_start_estimated"),
    "actual_end": ("actual_end", "actual_end_estimated"),
}
PROJECT_FIELDS: Final[tuple[str, ...]] = tuple(PROJECT_FIELD_COLUMNS)


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """A member record as a project sees it: its article, its fields and its first amount."""

    record_id: int
    article_id: int
    article_title: str
    url: str | None
    published: dt.date | None
    record_kind: str
    title: str | None = None
    donor: str | None = None
    donor_code: str | None = None
    recipient: str | None = None
    recipient_code: str | None = None
    year_start: int | None = None
    year_end: int | None = None
    sector: str | None = None
    flow_type: str | None = None
    project_status: str | None = None
    amount_value: Decimal | None = None
    amount_currency: str | None = None
    status: str = "pending"


@dataclass(frozen=True, slots=True)
class StatusEvent:
    """One step of a project's status history (``origin`` extracted from a record, or manual)."""

    status: str
    on_date: dt.date | None
    record_id: int | None = None
    article_id: int | None = None
    origin: str = "extracted"
    date_estimated: bool = False
    note: str | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class FieldValues:
    """One project field across the sources: the chosen record, each source's value, disagreement."""

    field: str
    chosen: int | None  # the record that gives the value (None: no source has it)
    picked: bool  # chosen by a curator (field_sources) rather than by the default rule
    values: tuple[tuple[int, Any], ...]  # (record id, value) of every source that has the field
    disagree: bool
    manual: tuple[Any, bool] | None = None  # (date, estimated) a curator typed instead of a source

    @property
    def value(self) -> Any:
        """The value the project takes: the typed one, else the chosen source's."""
        if self.manual is not None:
            return self.manual[0]
        return dict(self.values).get(self.chosen) if self.chosen is not None else None


@dataclass(frozen=True, slots=True)
class ProjectView:
    """A project with its columns, member records, status history and each field's source."""

    id: int
    version: int
    columns: dict[str, Any]
    members: tuple[SourceRecord, ...]
    events: tuple[StatusEvent, ...]
    sources: dict[str, int | None] = field(default_factory=dict)
    #: its parties (``PartyView``): its own links and its records', one per organisation and role
    parties: tuple[Any, ...] = ()

    def __getattr__(self, name: str) -> Any:  # the columns read as attributes (view.title …)
        try:
            return self.columns[name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def record_ids(self) -> tuple[int, ...]:
        return tuple(m.record_id for m in self.members)


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """One line of the project list."""

    id: int
    version: int
    title: str | None
    donor: str | None
    recipient: str | None
    commitment_year: int | None
    amount_value: Decimal | None
    amount_currency: str | None
    project_status: str | None
    review_status: str
    n_records: int


@dataclass(frozen=True, slots=True)
class ProjectState:
    """What undo puts back: a project's columns, members and status events (``columns`` None: the
    project did not exist)."""

    project_id: int
    columns: dict[str, Any] | None
    record_ids: tuple[int, ...] = ()
    events: tuple[StatusEvent, ...] = ()

    @property
    def version(self) -> int | None:
        return None if self.columns is None else int(self.columns["version"])


@dataclass(frozen=True, slots=True)
class ProjectOutcome:
    """What a project operation did: the states before and after of every project it touched."""

    project_id: int | None  # the project to show afterwards
    before: tuple[ProjectState, ...]
    after: tuple[ProjectState, ...]

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass(frozen=True, slots=True)
class Unit:
    """One side of a duplicate proposal: a project (``kind`` "project") or a loose record."""

    kind: str
    id: int

    def __str__(self) -> str:
        return f"{'P' if self.kind == 'project' else 'R'}{self.id}"


@dataclass(frozen=True, slots=True)
class Proposal:
    """Two units that may be one project, with a score in [0, 1] and the reasons."""

    left: Unit
    right: Unit
    score: float
    records: tuple[int, int]  # the two records whose comparison scored best
    reasons: tuple[str, ...] = ()


# ------------------------------------------------------------------------------ status history

_RANK = {status.value: i for i, status in enumerate(STATUS_LADDER)}
_END_RANK = len(STATUS_LADDER)  # cancelled and suspended follow any step


def status_rank(status: str) -> int:
    """The ladder position of a status (cancelled and suspended after completed)."""
    return _RANK.get(status, _END_RANK)


def _event_key(event: StatusEvent) -> tuple[Any, ...]:
    return (event.on_date or dt.date.min, status_rank(event.status), event.record_id or 0)


def ordered_events(events: Iterable[StatusEvent]) -> list[StatusEvent]:
    """Events in history order: by date (undated first), then by the ladder."""
    return sorted(events, key=_event_key)


def current_status(events: Iterable[StatusEvent]) -> str | None:
    """The latest status by date, then ladder order (None without events)."""
    ordered = ordered_events(events)
    return ordered[-1].status if ordered else None


def history_text(events: Iterable[StatusEvent]) -> str:
    """``pledged 2021-03-01 → committed 2021-09-10 → completed 2022-11-20``."""
    return " → ".join(
        f"{e.status} {e.on_date.isoformat()}" if e.on_date else e.status for e in ordered_events(events)
    )
