"""Reference projects (AidData tables) and the reconciliation facts of curated projects.

Bulk paths are SQLAlchemy Core: reference rows are inserted in chunks (a re-import skips the ids
the dataset already holds: ``dataset`` + ``ref_id`` is unique), and the facts the matcher needs are
read as plain tuples. A confirmed or rejected match is a guarded ORM write with an ``Edit`` row
carrying ``project_id``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from aidcurator.domain.errors import ConflictError
from aidcurator.domain.jsonvalues import jsonable
from aidcurator.domain.reconcile import ProjectFacts, ReferenceFacts
from aidcurator.store import edits
from aidcurator.store.errors import NotFoundError
from aidcurator.store.models import Edit, Record, utcnow
from aidcurator.store.project_models import Project, ProjectRecord, ReferenceProject

#: Rows per INSERT statement.
CHUNK = 1000
#: Edit actions of the reconciliation.
CONFIRM, REJECT, UNREJECT = "reference_confirm", "reference_reject", "reference_unreject"

_REF = ReferenceProject.__table__  # type: ignore[attr-defined]
_PROJECT = Project.__table__  # type: ignore[attr-defined]


def insert_references(
    session: Session, *, dataset: str, rows: Sequence[Mapping[str, Any]]
) -> tuple[int, int]:
    """Insert the rows not yet in ``dataset``; returns ``(inserted, skipped)``."""
    existing = set(
        session.connection().execute(sa.select(_REF.c.ref_id).where(_REF.c.dataset == dataset)).scalars()
    )
    new = [{**row, "dataset": dataset} for row in rows if row["ref_id"] not in existing]
    connection = session.connection()
    for start in range(0, len(new), CHUNK):
        connection.execute(sa.insert(_REF), new[start : start + CHUNK])
    return len(new), len(rows) - len(new)


def reference_datasets(session: Session) -> dict[str, int]:
    """Dataset name → number of reference projects."""
    statement = sa.select(_REF.c.dataset, sa.func.count()).group_by(_REF.c.dataset).order_by(_REF.c.dataset)
    return {name: count for name, count in session.connection().execute(statement)}


def reference_facts(
    session: Session, *, dataset: str | None = None, ids: Iterable[int] | None = None
) -> list[ReferenceFacts]:
    """Every reference project's structured fields (or those of ``ids``; US dollars: the dataset's
    own nominal value)."""
    c = _REF.c
    statement = sa.select(
        c.id,
        c.ref_id,
        c.dataset,
        c.title,
        c.donor,
        c.recipient,
        c.recipient_code,
        c.year,
        c.amount,
        c.currency,
        c.usd_nominal,
        c.sector_code,
        c.flow_type,
    )
    if dataset is not None:
        statement = statement.where(c.dataset == dataset)
    if ids is not None:
        statement = statement.where(c.id.in_(list(ids)))
    return [
        ReferenceFacts(
            id=r.id,
            ref_id=r.ref_id,
            dataset=r.dataset,
            title=r.title,
            donor=r.donor,
            recipient=r.recipient,
            recipient_code=r.recipient_code,
            year=r.year,
            amount=r.amount,
            currency=r.currency,
            usd=r.usd_nominal,
            sector_code=r.sector_code,
            flow_type=r.flow_type,
        )
        for r in session.connection().execute(statement.order_by(c.id))
    ]


def project_facts(session: Session, *, project_ids: Iterable[int] | None = None) -> list[ProjectFacts]:
    """Curated projects' structured fields (``usd`` left empty: the caller converts)."""
    c = _PROJECT.c
    statement = sa.select(
        c.id,
        c.title,
        c.donor,
        c.donor_code,
        c.recipient,
        c.recipient_code,
        c.commitment_year,
        c.amount_value,
        c.amount_currency,
        c.sector,
        c.flow_type,
    ).order_by(c.id)
    if project_ids is not None:
        statement = statement.where(c.id.in_(list(project_ids)))
    return [
        ProjectFacts(
            id=r.id,
            title=r.title,
            donor=r.donor,
            donor_code=r.donor_code,
            recipient=r.recipient,
            recipient_code=r.recipient_code,
            year=r.commitment_year,
            amount=r.amount_value,
            currency=r.amount_currency,
            sector=r.sector,
            flow_type=r.flow_type,
        )
        for r in session.connection().execute(statement)
    ]


def project_reference(session: Session, *, project_id: int) -> tuple[int | None, float | None, int]:
    """A project's confirmed reference id, its score and the project's version."""
    row = (
        session.connection()
        .execute(
            sa.select(_PROJECT.c.reference_id, _PROJECT.c.reference_score, _PROJECT.c.version).where(
                _PROJECT.c.id == project_id
            )
        )
        .first()
    )
    if row is None:
        raise NotFoundError(f"project {project_id} not found")
    return row.reference_id, row.reference_score, row.version


def projects_confirming(session: Session, *, reference_ids: Iterable[int]) -> dict[int, list[int]]:
    """Reference id → the projects that confirmed it (ids in order)."""
    wanted = list(reference_ids)
    if not wanted:
        return {}
    statement = (
        sa.select(_PROJECT.c.reference_id, _PROJECT.c.id)
        .where(_PROJECT.c.reference_id.in_(wanted))
        .order_by(_PROJECT.c.id)
    )
    found: dict[int, list[int]] = defaultdict(list)
    for reference_id, project_id in session.connection().execute(statement):
        found[reference_id].append(project_id)
    return dict(found)


def set_project_reference(
    session: Session,
    *,
    project_id: int,
    reference_id: int | None,
    score: float | None,
    expected_version: int | None,
    actor: str,
) -> int:
    """Confirm ``reference_id`` (None: clear) for a project; returns its new version.

    Raises :class:`ConflictError` when the project is not at ``expected_version`` (None: no check).
    """
    project = session.get(Project, project_id)
    if project is None:
        raise NotFoundError(f"project {project_id} not found")
    if expected_version is not None and project.version != expected_version:
        raise ConflictError(
            f"project {project_id} was changed elsewhere since you loaded it "
            f"(now version {project.version}, yours {expected_version}); reload it and try again"
        )
    if reference_id is not None and session.get(ReferenceProject, reference_id) is None:
        raise NotFoundError(f"reference project {reference_id} not found")
    old = project.reference_id
    project.reference_id, project.reference_score = reference_id, score
    project.updated_at = utcnow()
    _edit(session, project_id, CONFIRM, actor, old, reference_id)
    session.flush()
    return project.version


def add_rejection(
    session: Session, *, project_id: int, reference_id: int, actor: str, undo: bool = False
) -> None:
    """Record that a curator rejected (or, ``undo``, un-rejected) a proposed reference for a project."""
    if session.get(Project, project_id) is None:
        raise NotFoundError(f"project {project_id} not found")
    _edit(session, project_id, UNREJECT if undo else REJECT, actor, None, reference_id)


def rejected_references(session: Session) -> dict[int, frozenset[int]]:
    """Project id → the reference ids a curator rejected (and did not un-reject), from the history."""
    statement = (
        sa.select(Edit.project_id, Edit.action, Edit.new_value)  # type: ignore[call-overload]
        .where(Edit.action.in_((REJECT, UNREJECT)))  # type: ignore[attr-defined]
        .order_by(Edit.id)
    )
    state: dict[int, dict[int, bool]] = defaultdict(dict)
    for project_id, action, value in session.connection().execute(statement):
        state[project_id][int(value)] = action == REJECT
    return {p: frozenset(r for r, on in refs.items() if on) for p, refs in state.items()}


def _edit(session: Session, project_id: int, action: str, actor: str, old: Any, new: Any) -> None:
    session.add(
        Edit(
            project_id=project_id,
            action=action,
            field="reference_id",
            old_value=jsonable(old),
            new_value=jsonable(new),
            actor=actor,
            at=utcnow(),
            change_group=edits._GROUP.get(),  # the undoable change this belongs to, as add_edit does
        )
    )


def export_rows(session: Session) -> list[dict[str, Any]]:
    """One dict per project for the AidData-compatible export: its fields, source count and match."""
    p, r = _PROJECT.c, _REF.c
    member_table, record_table = ProjectRecord.__table__, Record.__table__  # type: ignore[attr-defined]
    member, record = member_table.c, record_table.c
    sources = (
        sa.select(member.project_id, sa.func.count(sa.distinct(record.article_id)).label("n"))
        .select_from(member_table)
        .join(record_table, record.id == member.record_id)
        .group_by(member.project_id)
        .subquery()
    )
    statement = (
        sa.select(
            p.id,
            p.title,
            p.donor,
            p.donor_code,
            p.recipient,
            p.recipient_code,
            p.commitment_year,
            p.amount_value,
            p.amount_currency,
            p.sector,
            p.flow_type,
            p.project_status,
            p.umbrella,
            p.recommended_override,
            p.review_status,
            p.reference_score,
            r.dataset.label("reference_dataset"),
            r.ref_id.label("reference_ref_id"),
            sa.func.coalesce(sources.c.n, 0).label("sources_count"),
        )
        .outerjoin(_REF, r.id == p.reference_id)
        .outerjoin(sources, sources.c.project_id == p.id)
        .order_by(p.id)
    )
    return [dict(row._mapping) for row in session.connection().execute(statement)]
