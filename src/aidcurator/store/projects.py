"""Projects: rows, members, status events, states for undo, the list, and project edits.

Keyword-only functions over the caller's session, as in :mod:`aidcurator.store.repository`.
Reads return the plain views of :mod:`aidcurator.domain.project_views`; ``load_project`` returns
the ORM row for the curation layer to change inside its own transaction (every UPDATE carries the
project's version in its WHERE clause).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from aidcurator.domain.dashboard import ChartFilter
from aidcurator.domain.project_views import ProjectRow, ProjectState, SourceRecord, StatusEvent
from aidcurator.store.dashboard import project_condition
from aidcurator.store.edits import add_edit
from aidcurator.store.errors import NotFoundError
from aidcurator.store.mapping import _chunks, _columns
from aidcurator.store.models import Amount, Article, Edit, Record, utcnow
from aidcurator.store.project_models import Project, ProjectRecord, ProjectStatusEvent

_EVENT_KEYS = ("status", "on_date", "record_id", "article_id", "origin", "date_estimated", "note")


def _value(value: Any) -> Any:
    return getattr(value, "value", value)


# ------------------------------------------------------------------------------ rows and members


def load_project(session: Session, *, project_id: int) -> Project:
    project = session.get(Project, project_id)
    if project is None:
        raise NotFoundError(f"project {project_id} does not exist (it may have been merged or split)")
    return project


def find_project(session: Session, *, project_id: int) -> Project | None:
    return session.get(Project, project_id)


def add_project(session: Session) -> Project:
    """A new, empty project (flushed, so it has an id)."""
    project = Project()
    session.add(project)
    session.flush()
    return project


def delete_project(session: Session, *, project_id: int) -> None:
    session.execute(sa.delete(ProjectRecord).where(col(ProjectRecord.project_id) == project_id))
    session.execute(sa.delete(ProjectStatusEvent).where(col(ProjectStatusEvent.project_id) == project_id))
    project = session.get(Project, project_id)
    if project is not None:
        session.delete(project)
    session.flush()


def project_columns(project: Project) -> dict[str, Any]:
    return _columns(project)


def member_ids(session: Session, *, project_id: int) -> list[int]:
    statement = (
        select(ProjectRecord.record_id)
        .where(ProjectRecord.project_id == project_id)
        .order_by(col(ProjectRecord.record_id))
    )
    return [int(r) for r in session.exec(statement)]


def projects_of(session: Session, *, record_ids: Sequence[int]) -> dict[int, int]:
    """Record id → the project it belongs to (records in no project are left out)."""
    found: dict[int, int] = {}
    for chunk in _chunks(sorted(set(record_ids))):
        statement = select(ProjectRecord.record_id, ProjectRecord.project_id).where(
            col(ProjectRecord.record_id).in_(chunk)
        )
        found.update((int(r), int(p)) for r, p in session.exec(statement))
    return found


def set_members(session: Session, *, project_id: int, record_ids: Iterable[int]) -> None:
    """Make the records members of ``project_id`` (taking them out of any other project)."""
    ids = sorted(set(record_ids))
    for chunk in _chunks(ids):
        session.execute(sa.delete(ProjectRecord).where(col(ProjectRecord.record_id).in_(chunk)))
    session.flush()
    session.add_all(ProjectRecord(project_id=project_id, record_id=r) for r in ids)
    session.flush()


def remove_members(session: Session, *, record_ids: Iterable[int]) -> None:
    """Take the records out of whatever project they are in."""
    for chunk in _chunks(sorted(set(record_ids))):
        session.execute(sa.delete(ProjectRecord).where(col(ProjectRecord.record_id).in_(chunk)))
    session.flush()


def record_ids_for_articles(session: Session, *, article_ids: Sequence[int]) -> list[int]:
    found: list[int] = []
    for chunk in _chunks(sorted(set(article_ids))):
        statement = select(Record.id).where(col(Record.article_id).in_(chunk)).order_by(col(Record.id))
        found.extend(int(r) for r in session.exec(statement) if r is not None)
    return found


def existing_record_ids(session: Session, *, record_ids: Sequence[int]) -> set[int]:
    found: set[int] = set()
    for chunk in _chunks(sorted(set(record_ids))):
        found.update(int(r) for r in session.exec(select(Record.id).where(col(Record.id).in_(chunk))))
    return found


def source_records(session: Session, *, record_ids: Sequence[int]) -> list[SourceRecord]:
    """The records with their article's title, URL and date and their first amount, by id."""
    ids = sorted(set(record_ids))
    rows: list[SourceRecord] = []
    amounts = first_amounts(session, record_ids=ids)
    for chunk in _chunks(ids):
        statement = (
            select(Record, Article.title, Article.url, Article.published)
            .join(Article, col(Article.id) == col(Record.article_id))
            .where(col(Record.id).in_(chunk))
            .order_by(col(Record.id))
        )
        for record, title, url, published in session.exec(statement):
            assert record.id is not None
            value, currency = amounts.get(record.id, (None, None))
            rows.append(
                SourceRecord(
                    record_id=record.id,
                    article_id=record.article_id,
                    article_title=title or "",
                    url=url,
                    published=published,
                    record_kind=_value(record.record_kind),
                    title=record.title,
                    donor=record.donor,
                    donor_code=record.donor_code,
                    recipient=record.recipient,
                    recipient_code=record.recipient_code,
                    year_start=record.year_start,
                    year_end=record.year_end,
                    sector=record.sector,
                    flow_type=_value(record.flow_type),
                    project_status=_value(record.project_status),
                    amount_value=value,
                    amount_currency=currency,
                    status=_value(record.status),
                )
            )
    return rows


def first_amounts(session: Session, *, record_ids: Sequence[int]) -> dict[int, tuple[Any, str]]:
    """Record id → (value, currency) of its first amount."""
    found: dict[int, tuple[Any, str]] = {}
    for chunk in _chunks(sorted(set(record_ids))):
        statement = (
            select(Amount.record_id, Amount.value, Amount.currency)
            .where(col(Amount.record_id).in_(chunk))
            .order_by(col(Amount.record_id), col(Amount.position), col(Amount.id))
        )
        for record_id, value, currency in session.exec(statement):
            found.setdefault(int(record_id), (value, currency))
    return found


# ------------------------------------------------------------------------------ status events


def _event(row: ProjectStatusEvent) -> StatusEvent:
    return StatusEvent(id=row.id, **{key: getattr(row, key) for key in _EVENT_KEYS})


def status_events(session: Session, *, project_id: int) -> list[StatusEvent]:
    statement = (
        select(ProjectStatusEvent)
        .where(ProjectStatusEvent.project_id == project_id)
        .order_by(col(ProjectStatusEvent.id))
    )
    return [_event(row) for row in session.exec(statement)]


def replace_events(
    session: Session, *, project_id: int, events: Iterable[StatusEvent], origin: str | None = None
) -> None:
    """Replace the project's events (only those of ``origin`` when given) by ``events``."""
    statement = sa.delete(ProjectStatusEvent).where(col(ProjectStatusEvent.project_id) == project_id)
    if origin is not None:
        statement = statement.where(col(ProjectStatusEvent.origin) == origin)
    session.execute(statement)
    add_events(session, project_id=project_id, events=events)


def add_events(session: Session, *, project_id: int, events: Iterable[StatusEvent]) -> None:
    session.add_all(
        ProjectStatusEvent(project_id=project_id, **{key: getattr(e, key) for key in _EVENT_KEYS})
        for e in events
    )
    session.flush()


def delete_event(session: Session, *, project_id: int, event_id: int) -> StatusEvent:
    row = session.get(ProjectStatusEvent, event_id)
    if row is None or row.project_id != project_id:
        raise NotFoundError(f"project {project_id} has no status event {event_id}")
    event = _event(row)
    session.delete(row)
    session.flush()
    return event


# ------------------------------------------------------------------------------ states (undo)


def project_state(session: Session, *, project_id: int) -> ProjectState:
    """The project as undo needs it (``columns`` None when it does not exist)."""
    project = session.get(Project, project_id)
    if project is None:
        return ProjectState(project_id, None)
    session.flush()
    return ProjectState(
        project_id,
        project_columns(project),
        tuple(member_ids(session, project_id=project_id)),
        tuple(status_events(session, project_id=project_id)),
    )


def put_state(session: Session, *, state: ProjectState) -> Project | None:
    """Make the project what ``state`` holds: its columns (the version moves on), its members
    (records since deleted are left out) and its events; ``columns`` None deletes it."""
    if state.columns is None:
        delete_project(session, project_id=state.project_id)
        return None
    values = {k: v for k, v in state.columns.items() if k not in ("id", "version")}
    project = session.get(Project, state.project_id)
    if project is None:
        project = Project(id=state.project_id, **values)
        session.add(project)
    else:
        for key, value in values.items():
            setattr(project, key, value)
        project.updated_at = utcnow()
    session.flush()
    members = existing_record_ids(session, record_ids=state.record_ids)
    session.execute(
        sa.delete(ProjectRecord).where(
            col(ProjectRecord.project_id) == state.project_id,
            col(ProjectRecord.record_id).not_in(sorted(members)),
        )
    )
    set_members(session, project_id=state.project_id, record_ids=members)
    events = [e for e in state.events if e.record_id is None or e.record_id in members]
    replace_events(session, project_id=state.project_id, events=events)
    return project


# ------------------------------------------------------------------------------ the list


def project_rows(
    session: Session,
    *,
    search: str = "",
    offset: int = 0,
    limit: int = 200,
    ids: Sequence[int] | None = None,
    chart: ChartFilter | None = None,
) -> list[ProjectRow]:
    """One page of projects, newest first, with their member counts (search in title, donor,
    recipient; ``chart``: only the projects of a dashboard bar)."""
    counts = (
        select(ProjectRecord.project_id, sa.func.count().label("n"))
        .group_by(col(ProjectRecord.project_id))
        .subquery()
    )
    statement = (
        select(Project, sa.func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.project_id == col(Project.id))
        .order_by(col(Project.id).desc())
    )
    if ids is not None:
        statement = statement.where(col(Project.id).in_(list(ids)))
    if chart is not None:
        statement = statement.where(project_condition(chart))
    if search:
        pattern = f"%{search.replace('%', '').replace('_', '')}%"
        statement = statement.where(
            sa.or_(
                col(Project.title).ilike(pattern),
                col(Project.donor).ilike(pattern),
                col(Project.recipient).ilike(pattern),
            )
        )
    statement = statement.offset(max(0, offset)).limit(max(0, limit))
    rows = []
    for project, n in session.exec(statement):
        assert project.id is not None
        rows.append(
            ProjectRow(
                id=project.id,
                version=project.version,
                title=project.title,
                donor=project.donor,
                recipient=project.recipient,
                commitment_year=project.commitment_year,
                amount_value=project.amount_value,
                amount_currency=project.amount_currency,
                project_status=project.project_status,
                review_status=project.review_status,
                n_records=int(n),
            )
        )
    return rows


def all_project_ids(session: Session) -> list[int]:
    return [int(p) for p in session.exec(select(Project.id).order_by(col(Project.id)))]


# ------------------------------------------------------------------------------ history


def add_project_edit(
    session: Session,
    *,
    project_id: int | None,
    action: str,
    actor: str,
    field: str | None = None,
    old_value: Any = None,
    new_value: Any = None,
    record_id: int | None = None,
    article_id: int | None = None,
) -> None:
    """An ``Edit`` of a project (``edit.project_id``), in the current change group."""
    add_edit(
        session,
        action=action,
        actor=actor,
        record_id=record_id,
        article_id=article_id,
        project_id=project_id,
        field=field,
        old_value=old_value,
        new_value=new_value,
    )


def project_edits(session: Session, *, project_id: int) -> list[dict[str, Any]]:
    """The project's history, oldest first (plain dicts: action, field, old, new, at, actor, group)."""
    statement = select(Edit).where(Edit.project_id == project_id).order_by(col(Edit.id))
    return [
        {
            "id": e.id,
            "action": e.action,
            "field": e.field,
            "record_id": e.record_id,
            "old_value": e.old_value,
            "new_value": e.new_value,
            "at": e.at,
            "actor": e.actor,
            "change_group": e.change_group,
        }
        for e in session.exec(statement)
    ]


def last_project_groups(session: Session, *, project_ids: Sequence[int]) -> dict[int, str | None]:
    """The change group of each project's newest edit."""
    if not project_ids:
        return {}
    newest = (
        select(sa.func.max(Edit.id))
        .where(col(Edit.project_id).in_(list(project_ids)))
        .group_by(col(Edit.project_id))
    )
    rows = session.exec(select(Edit.project_id, Edit.change_group).where(col(Edit.id).in_(newest)))
    return {int(pid): group for pid, group in rows if pid is not None}


def project_ids_of_articles(session: Session, *, article_ids: Sequence[int]) -> list[int]:
    """The projects that hold a record of these articles (one query a chunk)."""
    found: set[int] = set()
    for chunk in _chunks(sorted(set(article_ids))):
        statement = (
            select(ProjectRecord.project_id)
            .join(Record, col(Record.id) == col(ProjectRecord.record_id))
            .where(col(Record.article_id).in_(chunk))
            .distinct()
        )
        found.update(int(p) for p in session.exec(statement))
    return sorted(found)
