"""Projects → one row each → CSV / JSON / JSONL / XLSX (the record export's writers and conventions:
UTF-8 with BOM for Excel, formula cells neutralised, exact numbers, atomic writes).

A row holds the project's fields, each field's source (record id and article title), the sources
(count, record ids, article titles, URLs and dates, ``|``-separated), the status history as text
(``pledged 2021-03-01 → committed 2021-09-10 → completed 2022-11-20``), the parties per role (the
project's own and its records', ``Name (type)|…`` as in the record export), "recommended for aggregates"
(derived by AidData's rule, with the curator's override and reason) and US dollars of the
commitment year (nominal) and of a base year (constant), with the reason when there is no rate.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from aidcurator.domain import ProjectStatus
from aidcurator.domain.parties import PARTY_EXPORT_COLUMNS, party_cells
from aidcurator.domain.project_views import PROJECT_FIELD_COLUMNS, ProjectView, history_text
from aidcurator.domain.projects import recommended_for_aggregates
from aidcurator.export.usd import USD_KEYS, UsdColumns

SEPARATOR = " | "
#: The ``…_source_title`` of a date a curator typed (its ``…_source`` record is empty).
TYPED = "typed by a curator"


def _field_columns() -> list[str]:
    columns = []
    for field, names in PROJECT_FIELD_COLUMNS.items():
        columns.extend(names)
        columns.extend((f"{field}_source", f"{field}_source_title"))
    return columns


#: The columns of a project export, in order.
PROJECT_COLUMNS: tuple[str, ...] = (
    "project_id",
    *_field_columns(),
    "project_status",
    "status_history",
    "recommended_for_aggregates",
    "recommended_derived",
    "recommended_override",
    "recommended_reason",
    "umbrella",
    "parent_id",
    *PARTY_EXPORT_COLUMNS.values(),
    *USD_KEYS,
    "source_count",
    "source_record_ids",
    "source_titles",
    "source_urls",
    "source_dates",
    "review_status",
    "reference_id",
    "reference_score",
    "notes",
    "version",
)


def _status(value: Any) -> ProjectStatus | None:
    try:
        return ProjectStatus(value) if value else None
    except ValueError:
        return None


def project_row(view: ProjectView, usd: UsdColumns) -> dict[str, Any]:
    """One project as an export row (see :data:`PROJECT_COLUMNS`)."""
    columns = view.columns
    titles = {m.record_id: m.article_title for m in view.members}
    row: dict[str, Any] = {"project_id": view.id}
    typed = columns.get("field_sources") or {}
    for field, names in PROJECT_FIELD_COLUMNS.items():
        for name in names:
            row[name] = columns.get(name)
        source = view.sources.get(field)
        row[f"{field}_source"] = source
        row[f"{field}_source_title"] = titles.get(source) if source is not None else None
        if isinstance(typed.get(field), dict):  # a date a curator typed
            row[f"{field}_source_title"] = TYPED
    status = _status(columns.get("project_status"))
    umbrella = bool(columns.get("umbrella"))
    override = columns.get("recommended_override")
    row.update(
        project_status=columns.get("project_status"),
        status_history=history_text(view.events),
        recommended_for_aggregates=recommended_for_aggregates(status, umbrella=umbrella, override=override),
        recommended_derived=recommended_for_aggregates(status, umbrella=umbrella),
        recommended_override=override,
        recommended_reason=columns.get("recommended_reason"),
        umbrella=umbrella,
        parent_id=columns.get("parent_id"),
    )
    row.update(party_cells(view.parties))
    usd_values = usd.values(
        columns.get("amount_value"), columns.get("amount_currency"), columns.get("commitment_year"), None
    )
    row.update(zip(USD_KEYS, usd_values, strict=True))
    members = sorted(view.members, key=lambda m: (m.published is None, m.published, m.record_id))
    row.update(
        source_count=len(members),
        source_record_ids=SEPARATOR.join(str(m.record_id) for m in members),
        source_titles=SEPARATOR.join(m.article_title for m in members),
        source_urls=SEPARATOR.join(m.url or "" for m in members),
        source_dates=SEPARATOR.join(m.published.isoformat() if m.published else "" for m in members),
        review_status=columns.get("review_status"),
        reference_id=columns.get("reference_id"),
        reference_score=columns.get("reference_score"),
        notes=columns.get("notes"),
        version=view.version,
    )
    return row


def project_rows(views: Iterable[ProjectView], *, usd_base_year: int | None = None) -> list[dict[str, Any]]:
    """Export rows of ``views`` with US dollars of ``usd_base_year`` (default: the deflator's last year)."""
    usd = UsdColumns(usd_base_year)
    return [project_row(view, usd) for view in views]


def write_projects(
    views: Iterable[ProjectView],
    path: str | os.PathLike[str],
    fmt: str,
    *,
    usd_base_year: int | None = None,
) -> Path:
    """Write one row per project atomically (csv, json, jsonl or xlsx); returns the path."""
    from aidcurator.export import write_table

    rows = project_rows(views, usd_base_year=usd_base_year)
    return write_table(rows, path, fmt, columns=PROJECT_COLUMNS, sheet_name="projects")
