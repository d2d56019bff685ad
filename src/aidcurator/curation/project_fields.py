"""The rules of a project's fields and status, as pure functions over its member records.

- **A field's value comes from one record.** :func:`source_value` says what a record gives for a
  field (or nothing). By default the field takes it from the *most specific, then most recent*
  source: a ``project`` record over a ``programme`` over an ``aggregate``, the record's own title
  over its article's title, a name with its code over one without; then the latest article date,
  then the highest record id. A curator's pick (``field_sources``) wins while the record is a member.
- **Dates are estimated from sources.** The planned start and end are the first day of the
  ``year_start`` and last day of the ``year_end`` of a pledged or committed record; the actual
  start is the article date of a record in implementation, the actual end that of a completed one.
  All are flagged estimated. The commitment year is a record's ``year_start``, else the article's
  year of a record that reports the commitment (status committed).
- **Status history.** One event per member record with a project status (dated by its article),
  plus manual events; the current status is the latest event by date, then by the ladder
  (pledged < committed < implementation < completed < cancelled/suspended).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from aidcurator.domain.project_views import (
    PROJECT_FIELD_COLUMNS,
    PROJECT_FIELDS,
    FieldValues,
    SourceRecord,
    StatusEvent,
    current_status,
    history_text,
    ordered_events,
    status_rank,
)

#: The project fields a curator may type (a date and its "estimated" flag) instead of taking from a record.
MANUAL_DATE_FIELDS: Final = ("planned_start", "planned_end", "actual_start", "actual_end")
_KIND_RANK = {"project": 2, "programme": 1, "aggregate": 0}
_EARLY = {"pledged", "committed"}
#: Record project statuses that make no history event.
NO_EVENT = frozenset({None, "", "unknown"})


def source_value(field: str, src: SourceRecord) -> tuple[dict[str, Any], int] | None:
    """The project columns ``src`` gives for ``field`` and how specific that value is (None: nothing)."""
    if field == "title":
        if src.title:
            return {"title": src.title}, 1
        return ({"title": src.article_title}, 0) if src.article_title else None
    if field in ("donor", "recipient"):
        name, code = getattr(src, field), getattr(src, f"{field}_code")
        return ({field: name, f"{field}_code": code}, int(code is not None)) if name else None
    if field == "commitment_year":
        if src.year_start is not None:
            return {"commitment_year": src.year_start}, 1
        if src.project_status == "committed" and src.published is not None:
            return {"commitment_year": src.published.year}, 0
        return None
    if field in ("sector", "flow_type"):
        value = getattr(src, field)
        return ({field: value}, 0) if value not in (None, "", "unknown") else None
    if field == "amount":
        if src.amount_value is None:
            return None
        known = src.amount_currency not in (None, "unknown")
        return {"amount_value": src.amount_value, "amount_currency": src.amount_currency}, int(known)
    return _date_value(field, src)


def _date_value(field: str, src: SourceRecord) -> tuple[dict[str, Any], int] | None:
    day: dt.date | None = None
    if field == "planned_start" and src.year_start is not None and src.project_status in _EARLY:
        day = dt.date(src.year_start, 1, 1)
    elif field == "planned_end" and src.year_end is not None and src.project_status in _EARLY:
        day = dt.date(src.year_end, 12, 31)
    elif (field, src.project_status) in (("actual_start", "implementation"), ("actual_end", "completed")):
        day = src.published
    elif field not in PROJECT_FIELD_COLUMNS:
        raise ValueError(f"{field!r} is not a project field; choose one of {', '.join(PROJECT_FIELDS)}")
    if day is None:
        return None
    return {field: day, f"{field}_estimated": True}, 0


def _recency(src: SourceRecord, specific: int) -> tuple[Any, ...]:
    return (_KIND_RANK.get(src.record_kind, 0), specific, src.published or dt.date.min, src.record_id)


def default_source(field: str, members: Sequence[SourceRecord]) -> int | None:
    """The record the field takes its value from when no curator picked one."""
    best: tuple[Any, ...] | None = None
    chosen = None
    for src in members:
        found = source_value(field, src)
        if found is not None:
            key = _recency(src, found[1])
            if best is None or key > best:
                best, chosen = key, src.record_id
    return chosen


def resolve(
    members: Sequence[SourceRecord], picks: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, int | None]]:
    """Every project column's value and each field's source record, given the curator's picks."""
    by_id = {src.record_id: src for src in members}
    values: dict[str, Any] = {}
    sources: dict[str, int | None] = {}
    for field, columns in PROJECT_FIELD_COLUMNS.items():
        picked = picks.get(field)
        if isinstance(picked, Mapping):  # a date typed by a curator
            values.update(manual_columns(field, picked))
            sources[field] = None
            continue
        found = None
        if isinstance(picked, int) and picked in by_id:
            found = source_value(field, by_id[picked])
        chosen = picked if found is not None else default_source(field, members)
        if found is None and chosen is not None:
            found = source_value(field, by_id[chosen])
        sources[field] = chosen
        for column in columns:
            values[column] = found[0][column] if found is not None else _empty(column)
    return values, sources


def _empty(column: str) -> Any:
    return False if column.endswith("_estimated") else None


def clean_picks(picks: Mapping[str, Any], record_ids: Iterable[int]) -> dict[str, Any]:
    """The picks whose record is still a member (a record split out takes its picks with it), and
    the dates a curator typed (``{"date": "2021-03-01", "estimated": false}``)."""
    members = set(record_ids)
    kept: dict[str, Any] = {}
    for field, pick in picks.items():
        if isinstance(pick, Mapping):
            if field in MANUAL_DATE_FIELDS:
                kept[field] = dict(pick)
        elif field in PROJECT_FIELD_COLUMNS and pick in members:
            kept[field] = int(pick)
    return kept


def manual_columns(field: str, pick: Mapping[str, Any]) -> dict[str, Any]:
    """The project columns of a date a curator typed."""
    text = pick.get("date")
    day = dt.date.fromisoformat(text) if text else None
    return {field: day, f"{field}_estimated": bool(pick.get("estimated")) and day is not None}


def display(field: str, columns: Mapping[str, Any]) -> Any:
    """A field's value as one comparable thing (an amount is ``"120000000 USD"``)."""
    if field == "amount":
        value = columns.get("amount_value")
        return None if value is None else f"{value} {columns.get('amount_currency') or ''}".strip()
    return columns.get(field)


def field_values(members: Sequence[SourceRecord], picks: Mapping[str, Any]) -> list[FieldValues]:
    """Per field: the value of every source, the chosen record, and whether the sources disagree."""
    _values, sources = resolve(members, picks)
    rows = []
    for field in PROJECT_FIELDS:
        values = []
        for src in members:
            found = source_value(field, src)
            if found is not None:
                values.append((src.record_id, display(field, found[0])))
        distinct = {str(v).casefold() for _, v in values}
        pick = picks.get(field)
        if isinstance(pick, Mapping):
            typed = manual_columns(field, pick)
            manual = (typed[field], typed[f"{field}_estimated"])
            rows.append(FieldValues(field, None, True, tuple(values), len(distinct) > 1, manual))
            continue
        picked = isinstance(pick, int) and pick == sources[field]
        rows.append(FieldValues(field, sources[field], picked, tuple(values), len(distinct) > 1))
    return rows


# ------------------------------------------------------------------------------ status history


def extracted_events(members: Sequence[SourceRecord]) -> list[StatusEvent]:
    """One event per member record that has a project status, dated by its article."""
    return [
        StatusEvent(
            status=src.project_status or "",
            on_date=src.published,
            record_id=src.record_id,
            article_id=src.article_id,
            origin="extracted",
        )
        for src in members
        if src.project_status not in NO_EVENT
    ]


__all__ = [
    "MANUAL_DATE_FIELDS",
    "NO_EVENT",
    "clean_picks",
    "current_status",
    "default_source",
    "display",
    "extracted_events",
    "field_values",
    "history_text",
    "manual_columns",
    "ordered_events",
    "resolve",
    "source_value",
    "status_rank",
]
