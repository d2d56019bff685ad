"""Writing the curated dataset (or a table of articles, mentions or edits) to a file."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from aidcurator.curation.base import CuratorBase
from aidcurator.curation.names import sector_name
from aidcurator.curation.validation import coerce_enum
from aidcurator.domain import RecordStatus
from aidcurator.store import read_session
from aidcurator.store import repository as repo


class ExportingMixin(CuratorBase):
    """Export use case."""

    def export(
        self,
        path: str | os.PathLike[str],
        fmt: str | None = None,
        *,
        status: RecordStatus | str | None = "accepted",
        what: Literal["records", "articles", "mentions", "edits"] = "records",
        article_ids: Sequence[int] | None = None,
        usd_base_year: int | None = None,
    ) -> int:
        """Write records (``status`` "accepted", "pending", "rejected" or "all") or a table to
        ``path`` as csv, json, jsonl or xlsx (``fmt`` defaults to the file's suffix). Records carry
        US-dollar values, constant dollars of ``usd_base_year`` (default: the deflator's last year).

        Returns the number of rows written. Raises ``ExportError`` / ``ValueError`` with a message.
        """
        from aidcurator.export import csv_text, write_record_tuples, write_records, write_table

        fmt = fmt or Path(path).suffix.lstrip(".").lower()
        if not fmt:
            raise ValueError(
                f"cannot tell the export format from {os.fspath(path)!r}; choose csv, json, jsonl or xlsx"
            )
        wanted = None if status in (None, "all") else coerce_enum(RecordStatus, status, "status")
        if what not in ("records", "articles", "mentions", "edits"):
            raise ValueError(f"cannot export {what!r}; choose records, articles, mentions or edits")
        with read_session(self.engine) as session:
            if what == "records" and fmt.lower() in ("csv", "xlsx"):  # flat: the tuple fast path
                text_of = csv_text if fmt.lower() == "csv" else None  # CSV: dates and money as text
                chunks = _CountedChunks(
                    repo.iter_record_export_tuples(
                        session,
                        status=wanted,
                        article_ids=article_ids,
                        text_of=text_of,
                        evidence_summary=True,  # the flat writers show the evidence as one cell
                        derived=("sector", sector_name),
                    )
                )
                write_record_tuples(EXPORT_KEYS, chunks, path, fmt, usd_base_year=usd_base_year)
                return chunks.count
            if what == "records":
                counted = _Counted(
                    _named_row(row)
                    for chunk in repo.iter_record_export_rows(session, status=wanted, article_ids=article_ids)
                    for row in chunk
                )
                write_records(counted, path, fmt, usd_base_year=usd_base_year)
                return counted.count
            rows = repo.table_rows(session, what=what, article_ids=article_ids)
        write_table(rows, path, fmt, sheet_name=what)
        return len(rows)


_SECTOR = repo.RECORD_EXPORT_KEYS.index("sector")
#: The exported record keys: the store's, with ``sector_name`` (from the code) after ``sector``.
EXPORT_KEYS = (
    *repo.RECORD_EXPORT_KEYS[: _SECTOR + 1],
    "sector_name",
    *repo.RECORD_EXPORT_KEYS[_SECTOR + 1 :],
)


def _named_row(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        out[key] = value
        if key == "sector":
            out["sector_name"] = sector_name(value)
    return out


class _Counted:
    """Rows passed through, counted (the writer streams them; the caller reports how many)."""

    def __init__(self, rows: Iterator[dict[str, Any]]) -> None:
        self._rows = rows
        self.count = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for row in self._rows:
            self.count += 1
            yield row


class _CountedChunks:
    """Chunks of rows passed through, their rows counted."""

    def __init__(self, chunks: Iterator[list[Any]]) -> None:
        self._chunks = chunks
        self.count = 0

    def __iter__(self) -> Iterator[list[Any]]:
        for chunk in self._chunks:
            self.count += len(chunk)
            yield chunk
