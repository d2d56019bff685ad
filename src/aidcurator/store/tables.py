"""Plain tables for export (articles, mentions, edits) and the database's tallies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from aidcurator.domain import RecordStatus, ReviewState
from aidcurator.domain.views import Stats
from aidcurator.store.models import Amount, Article, Edit, Mention, Record

TableName = Literal["articles", "mentions", "edits"]


def table_rows(
    session: Session, *, what: TableName, article_ids: Sequence[int] | None = None
) -> list[dict[str, Any]]:
    """Rows of the articles, mentions or edits table (JSON columns as dicts/values)."""
    if what == "articles":
        statement = select(Article).order_by(col(Article.id))
        if article_ids is not None:
            statement = statement.where(col(Article.id).in_(list(article_ids)))
        return [
            {
                "article_id": a.id,
                "title": a.title,
                "source": a.source,
                "published": a.published,
                "url": a.url,
                "language": a.language,
                "review_state": ReviewState(a.review_state).value,
                "review_note": a.review_note,
                "content_hash": a.content_hash,
                "origin_file": a.origin_file,
                "origin_position": a.origin_position,
                "imported_at": a.imported_at,
                "extra": dict(a.extra or {}),
                "text": a.text,
            }
            for a in session.exec(statement)
        ]
    if what == "mentions":
        statement_m = select(Mention).order_by(col(Mention.article_id), col(Mention.start), col(Mention.id))
        if article_ids is not None:
            statement_m = statement_m.where(col(Mention.article_id).in_(list(article_ids)))
        return [
            {
                "mention_id": m.id,
                "article_id": m.article_id,
                "kind": m.kind,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "value": m.value,
                "currency": m.currency,
                "qualifier": m.qualifier,
                "value_max": m.value_max,
                "what": m.what,
                "data": dict(m.data or {}),
            }
            for m in session.exec(statement_m)
        ]
    if what == "edits":
        statement_e = select(Edit).order_by(col(Edit.id))
        if article_ids is not None:
            record_ids = select(Record.id).where(col(Record.article_id).in_(list(article_ids)))
            statement_e = statement_e.where(
                sa.or_(col(Edit.article_id).in_(list(article_ids)), col(Edit.record_id).in_(record_ids))
            )
        return [
            {
                "edit_id": e.id,
                "record_id": e.record_id,
                "amount_id": e.amount_id,
                "article_id": e.article_id,
                "action": e.action,
                "field": e.field,
                "old_value": e.old_value,
                "new_value": e.new_value,
                "at": e.at,
                "actor": e.actor,
            }
            for e in session.exec(statement_e)
        ]
    raise ValueError(f"unknown table {what!r}; choose articles, mentions or edits")


def stats(session: Session) -> Stats:
    by_state = {state.value: 0 for state in ReviewState}
    for state, n in session.exec(select(Article.review_state, func.count()).group_by(Article.review_state)):
        by_state[ReviewState(state).value] = int(n)
    by_status = {status.value: 0 for status in RecordStatus}
    for status, n in session.exec(select(Record.status, func.count()).group_by(Record.status)):
        by_status[RecordStatus(status).value] = int(n)

    def count(model: type) -> int:
        return int(session.exec(select(func.count()).select_from(model)).one())

    return Stats(
        articles=sum(by_state.values()),
        records=sum(by_status.values()),
        amounts=count(Amount),
        mentions=count(Mention),
        edits=count(Edit),
        articles_by_state=by_state,
        records_by_status=by_status,
    )
