"""The Edit history: one row per change, read per record or article."""

from __future__ import annotations

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


def add_edit(
    session: Session,
    *,
    action: str,
    actor: str,
    record_id: int | None = None,
    amount_id: int | None = None,
    article_id: int | None = None,
    field: str | None = None,
    old_value: Any = None,
    new_value: Any = None,
) -> None:
    session.add(
        Edit(
            record_id=record_id,
            amount_id=amount_id,
            article_id=article_id,
            action=action,
            field=field,
            old_value=jsonable(old_value),
            new_value=jsonable(new_value),
            actor=actor,
            at=utcnow(),
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
