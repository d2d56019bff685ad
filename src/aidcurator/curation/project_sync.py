"""Keep a project's stored columns in step with its records: after a member record changes (a
field, its status, an amount, the record deleted), the project it belongs to is recomputed in the
same transaction. A record in no project costs one indexed lookup.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, Final

from aidcurator.curation.project_base import refresh
from aidcurator.domain.project_views import SourceRecord
from aidcurator.store import Session
from aidcurator.store import projects as store

#: The record fields a project reads (its amounts count too; the review status does not).
PROJECT_SOURCE_FIELDS: Final = frozenset(f.name for f in dataclasses.fields(SourceRecord)) - {
    "record_id",
    "article_id",
    "article_title",
    "url",
    "published",
    "amount_value",
    "amount_currency",
    "status",
}


def project_of_record(session: Session, record_id: int) -> int | None:
    """The project ``record_id`` belongs to (None: none)."""
    return store.projects_of(session, record_ids=[record_id]).get(record_id)


def sync_project(curator: Any, session: Session, project_id: int | None) -> None:
    """Recompute ``project_id``'s fields, status history and status from its members now.

    When this curator's undo book held the project at the version it had, the book moves on with
    it, so undoing an earlier project change of this window still matches (a record edit is not
    a change "elsewhere")."""
    if project_id is None:
        return
    project = store.find_project(session, project_id=project_id)
    if project is None:
        return
    before = project.version
    refresh(session, project)
    book = getattr(curator, "project_versions", None)
    if book is None or book.get(project_id) != before:
        return
    after = store.find_project(session, project_id=project_id)
    if after is None:
        book.pop(project_id, None)
    else:
        session.flush()
        book[project_id] = after.version


def sync_record_project(
    curator: Any, session: Session, record_id: int, fields: Iterable[str] | None = None
) -> None:
    """Recompute the project ``record_id`` belongs to, if any (see the module); with ``fields``,
    only when one of them is a field projects read (a note changes no project)."""
    if fields is not None and PROJECT_SOURCE_FIELDS.isdisjoint(fields):
        return
    sync_project(curator, session, project_of_record(session, record_id))


def projects_of_article(session: Session, article_id: int) -> list[int]:
    """The projects that hold a record of the article."""
    return store.project_ids_of_articles(session, article_ids=[article_id])


def rejoin_project(curator: Any, session: Session, record_id: int, project_id: int | None) -> None:
    """Put a restored record back into the project it was deleted from, if that still exists
    (a project its deletion left empty is gone)."""
    if project_id is None or store.find_project(session, project_id=project_id) is None:
        return
    store.set_members(session, project_id=project_id, record_ids=[record_id])
    sync_project(curator, session, project_id)
