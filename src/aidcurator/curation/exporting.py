"""Writing the curated dataset (or a table of articles, mentions or edits) to a file."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from aidcurator.curation.base import CuratorBase
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
    ) -> int:
        """Write records (``status`` "accepted", "pending", "rejected" or "all") or a table to
        ``path`` as csv, json, jsonl or xlsx (``fmt`` defaults to the file's suffix).

        Returns the number of rows written. Raises ``ExportError`` / ``ValueError`` with a message.
        """
        from aidcurator.export import write_records, write_table

        fmt = fmt or Path(path).suffix.lstrip(".").lower()
        if not fmt:
            raise ValueError(
                f"cannot tell the export format from {os.fspath(path)!r}; choose csv, json, jsonl or xlsx"
            )
        wanted = None if status in (None, "all") else coerce_enum(RecordStatus, status, "status")
        with read_session(self.engine) as session:
            if what == "records":
                rows = repo.record_export_rows(session, status=wanted, article_ids=article_ids)
            elif what in ("articles", "mentions", "edits"):
                rows = repo.table_rows(session, what=what, article_ids=article_ids)
            else:
                raise ValueError(f"cannot export {what!r}; choose records, articles, mentions or edits")
        if what == "records":
            write_records(rows, path, fmt)
        else:
            write_table(rows, path, fmt, sheet_name=what)
        return len(rows)
