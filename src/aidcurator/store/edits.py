"""The Edit history: one row per change, read per record or article."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from aidcurator.domain.jsonvalues import jsonable
from aidcurator.domain.views import (
    EditView,
)
from aidcurator.store.mapping import (
    _edit_view,
)
from aidcurator.store.models import Edit, Record, utcnow

#: The group the edits written now belong to (one undoable change); None outside a change.
_GROUP: ContextVar[str | None] = ContextVar("aidcurator_change_group", default=None)


@contextmanager
def change_group(group: str | None) -> Iterator[None]:
    """Every ``Edit`` written inside the block carries ``group`` in ``change_group``."""
    token = _GROUP.set(group)
    try:
        yield
    finally:
        _GROUP.reset(token)


def current_change_group() -> str | None:
    """The group of the change being written (parties hook: Edit rows written with Core)."""
    return _GROUP.get()


def add_edit(
    session: Session,
    *,
    action: str,
    actor: str,
    record_id: int | None = None,
    amount_id: int | None = None,
    article_id: int | None = None,
    project_id: int | None = None,
    field: str | None = None,
    old_value: Any = None,
    new_value: Any = None,
) -> None:
    session.add(
        Edit(
            record_id=record_id,
            amount_id=amount_id,
            project_id=project_id,
            article_id=article_id,
            action=action,
            field=field,
            old_value=jsonable(old_value),
            new_value=jsonable(new_value),
            actor=actor,
            at=utcnow(),
            change_group=_GROUP.get(),
        )
    )


def edits_for_record(session: Session, *, record_id: int) -> list[EditView]:
    statement = select(Edit).where(Edit.record_id == record_id).order_by(col(Edit.id))
    return [_edit_view(e) for e in session.exec(statement)]


def edits_for_article(session: Session, *, article_id: int) -> list[EditView]:
    record_ids = select(Record.id).where(Record.article_id == article_id)
    statement = (
        select(Edit)
        .where(sa.or_(col(Edit.article_id) == article_id, col(Edit.record_id).in_(record_ids)))
        .order_by(col(Edit.id))
    )
    return [_edit_view(e) for e in session.exec(statement)]


def recent_change_groups(session: Session, *, actor: str, limit: int) -> list[list[EditView]]:
    """The last ``limit`` groups of edits ``actor`` wrote in undoable changes, newest first; each
    group's edits in the order they were written."""
    latest = (
        select(Edit.change_group, sa.func.max(Edit.id).label("last"))
        .where(col(Edit.actor) == actor, col(Edit.change_group).is_not(None))
        .group_by(col(Edit.change_group))
        .order_by(sa.desc("last"))
        .limit(max(0, limit))
    )
    order = [group for group, _last in session.exec(latest)]
    if not order:
        return []
    rows = session.exec(select(Edit).where(col(Edit.change_group).in_(order)).order_by(col(Edit.id)))
    found: dict[str, list[EditView]] = {}
    for edit in rows:
        assert edit.change_group is not None
        found.setdefault(edit.change_group, []).append(_edit_view(edit))
    return [found[group] for group in order if group in found]


def last_edits(
    session: Session, *, record_ids: Sequence[int] = (), article_ids: Sequence[int] = ()
) -> dict[tuple[str, int], EditView]:
    """The newest edit of each record (key ``("record", id)``; project edits that name the record
    are not its edits) and of each article's own state
    (key ``("article", id)``: edits without a record)."""
    found: dict[tuple[str, int], EditView] = {}
    if record_ids:
        newest = (
            select(sa.func.max(Edit.id))
            .where(
                col(Edit.record_id).in_(list(record_ids)),
                col(Edit.project_id).is_(None),  # a project's edits leave the record as it was
                col(Edit.action) != "not_same",
            )
            .group_by(col(Edit.record_id))
        )
        for edit in session.exec(select(Edit).where(col(Edit.id).in_(newest))):
            assert edit.record_id is not None
            found[("record", edit.record_id)] = _edit_view(edit)
    if article_ids:
        newest = (
            select(sa.func.max(Edit.id))
            .where(col(Edit.article_id).in_(list(article_ids)), col(Edit.record_id).is_(None))
            .group_by(col(Edit.article_id))
        )
        for edit in session.exec(select(Edit).where(col(Edit.id).in_(newest))):
            assert edit.article_id is not None
            found[("article", edit.article_id)] = _edit_view(edit)
    return found
