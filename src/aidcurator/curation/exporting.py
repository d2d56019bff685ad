"""Writing the curated dataset (or a table of articles, mentions or edits) to a file."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from aidcurator.curation.base import CuratorBase
from aidcurator.curation.export_pool import EXPORT_KEYS, export_csv_side_by_side
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
        workers: int | None = None,
    ) -> int:
        """Write records (``status`` "accepted", "pending", "rejected" or "all") or a table to
        ``path`` as csv, json, jsonl or xlsx (``fmt`` defaults to the file's suffix). Records carry
        US-dollar values, constant dollars of ``usd_base_year`` (default: the deflator's last year).
        A large CSV of records is made by ``workers`` processes side by side (default: all cores).

        Returns the number of rows written. Raises ``ExportError`` / ``ValueError`` with a message.
        """
        from aidcurator.export import (
            ExportFormat,
            export_format,
            store_text,
            write_record_chunks,
            write_table,
        )

        fmt = fmt or Path(path).suffix.lstrip(".").lower()
        if not fmt:
            raise ValueError(
                f"cannot tell the export format from {os.fspath(path)!r}; choose csv, json, jsonl or xlsx"
            )
        wanted = None if status in (None, "all") else coerce_enum(RecordStatus, status, "status")
        if what not in ("records", "articles", "mentions", "edits"):
            raise ValueError(f"cannot export {what!r}; choose records, articles, mentions or edits")
        kind = export_format(fmt) if what == "records" else None
        if kind is ExportFormat.CSV and article_ids is None:
            written = export_csv_side_by_side(
                self.engine, path, status=wanted, usd_base_year=usd_base_year, workers=workers
            )
            if written is not None:
                return written
        with read_session(self.engine) as session:
            if kind is not None:
                flat = kind in (ExportFormat.CSV, ExportFormat.XLSX)  # first amount, evidence summary
                chunks = _CountedChunks(
                    (repo.iter_flat_record_chunks if flat else repo.iter_nested_record_chunks)(
                        session,
                        status=wanted,
                        article_ids=article_ids,
                        text_of=store_text(kind),
                        derived=("sector", sector_name),
                    )
                )
                write_record_chunks(EXPORT_KEYS, chunks, path, kind, usd_base_year=usd_base_year)
                return chunks.count
            rows = repo.table_rows(session, what=what, article_ids=article_ids)
        write_table(rows, path, fmt, sheet_name=what)
        return len(rows)


class _CountedChunks:
    """Chunks of rows passed through, their rows counted."""

    def __init__(self, chunks: Iterator[list[Any]]) -> None:
        self._chunks = chunks
        self.count = 0

    def __iter__(self) -> Iterator[list[Any]]:
        for chunk in self._chunks:
            self.count += len(chunk)
            yield chunk
