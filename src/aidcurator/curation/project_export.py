"""Writing one row per project (the record-level export stays in ``exporting``)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from aidcurator.curation.base import CuratorBase
from aidcurator.curation.project_base import project_view
from aidcurator.domain.project_views import ProjectView
from aidcurator.store import projects as store
from aidcurator.store import read_session


class ProjectExportMixin(CuratorBase):
    """Project export use case."""

    def export_projects(
        self,
        path: str | os.PathLike[str],
        fmt: str | None = None,
        *,
        project_ids: Sequence[int] | None = None,
        usd_base_year: int | None = None,
    ) -> int:
        """Write every project (or ``project_ids``) to ``path`` as csv, json, jsonl or xlsx (``fmt``
        defaults to the file's suffix); returns the number of rows. Raises ``ExportError`` /
        ``ValueError`` with a message."""
        from aidcurator.export.projects import write_projects

        fmt = fmt or Path(path).suffix.lstrip(".").lower()
        if not fmt:
            raise ValueError(
                f"cannot tell the export format from {os.fspath(path)!r}; choose csv, json, jsonl or xlsx"
            )
        views = list(self._project_views(project_ids))
        write_projects(views, path, fmt, usd_base_year=usd_base_year)
        return len(views)

    def _project_views(self, project_ids: Sequence[int] | None) -> Iterator[ProjectView]:
        with read_session(self.engine) as session:
            ids = store.all_project_ids(session) if project_ids is None else list(project_ids)
            for project_id in ids:
                yield project_view(session, project_id)
