"""Rows for export (records joined with articles, plain tables) and statistics."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from aidcurator.domain import (
    AmountKind,
    Origin,
    Qualifier,
    RecordStatus,
    ReviewState,
)
from aidcurator.domain.fields import (
    RECORD_FIELDS,
)
from aidcurator.domain.jsonvalues import jsonable
from aidcurator.domain.views import (
    Stats,
)
from aidcurator.store.models import Amount, Article, Edit, Mention, Record
from aidcurator.store.records import (
    load_amounts,
    load_evidence,
)

EXPORT_FIELDS = tuple(spec for spec in RECORD_FIELDS if spec.name != "parent_id")

TableName = Literal["articles", "mentions", "edits"]


def _last_edits(session: Session, record_ids: Sequence[int]) -> dict[int, tuple[str, Any]]:
    latest = (
        select(Edit.record_id, func.max(Edit.id).label("edit_id"))
        .where(col(Edit.record_id).is_not(None))
        .group_by(Edit.record_id)
        .subquery()
    )
    statement = select(Edit.record_id, Edit.actor, Edit.at).join(latest, col(Edit.id) == latest.c.edit_id)
    wanted = set(record_ids)
    return {rid: (actor, at) for rid, actor, at in session.exec(statement) if rid in wanted}


def record_export_rows(
    session: Session, *, status: RecordStatus | str | None = None, article_ids: Sequence[int] | None = None
) -> list[dict[str, Any]]:
    """Records joined with their article, amounts and evidence, in the export contract's shape.

    One query per table; rows ordered by article id, then record id.
    """
    statement = (
        select(Record, Article.title, Article.source, Article.url, Article.published)
        .join(Article, col(Article.id) == col(Record.article_id))
        .order_by(col(Record.article_id), col(Record.id))
    )
    if status is not None:
        statement = statement.where(col(Record.status) == RecordStatus(status))
    if article_ids is not None:
        statement = statement.where(col(Record.article_id).in_(list(article_ids)))
    joined = list(session.exec(statement))
    ids = [rec.id for rec, *_ in joined if rec.id is not None]
    amounts = load_amounts(session, record_ids=ids) if ids else {}
    evidence = load_evidence(session, record_ids=ids) if ids else {}
    last = _last_edits(session, ids) if ids else {}
    rows: list[dict[str, Any]] = []
    for record, title, source, url, published in joined:
        assert record.id is not None
        actor, at = last.get(record.id, (None, None))
        rows.append(
            {
                "record_id": record.id,
                "article_id": record.article_id,
                "article_title": title,
                "article_source": source,
                "article_url": url,
                "article_published": published,
                **{spec.name: jsonable(getattr(record, spec.name)) for spec in EXPORT_FIELDS},
                "status": RecordStatus(record.status).value,
                "origin": Origin(record.origin).value,
                "created_at": record.created_at,
                "updated_at": record.updated_at,
                "version": record.version,
                "last_edited_by": actor,
                "last_edited_at": at,
                "amounts": [
                    {
                        "amount_id": a.id,
                        "text": a.text,
                        "value": a.value,
                        "value_max": a.value_max,
                        "currency": a.currency,
                        "qualifier": Qualifier(a.qualifier).value,
                        "kind": AmountKind(a.kind).value,
                        "period_start": a.period_start,
                        "period_end": a.period_end,
                        "share_of_amount_id": a.share_of_id,
                    }
                    for a in amounts.get(record.id, [])
                ],
                "evidence": [
                    {"field": e.field, "start": e.start, "end": e.end, "quote": e.quote}
                    for e in evidence.get(record.id, [])
                ],
            }
        )
    return rows


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
