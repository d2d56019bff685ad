"""Which records an export reads: conditions on status, articles and article-id spans, and spans
that split the records into parts of equal size (for exporting parts side by side)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from aidcurator.domain import RecordStatus
from aidcurator.store.models import Record

#: Article ids ``(first, stop)``: ``first <= id < stop``, None for no bound.
ArticleSpan = tuple[int | None, int | None]


def record_filters(
    session: Session,
    status: RecordStatus | str | None,
    article_ids: Sequence[int] | None,
    article_span: ArticleSpan = (None, None),
) -> list[Any]:
    """Conditions on ``record`` for the records with ``status`` (None: any), of ``article_ids``
    (None: all) and of the articles in ``article_span``."""
    filters: list[Any] = []
    article_id = Record.__table__.c.article_id
    if status is not None:
        filters.append(_status_is(session, RecordStatus(status)))
    if article_ids is not None:
        filters.append(article_id.in_(list(article_ids)))
    first, stop = article_span
    if first is not None:
        filters.append(article_id >= first)
    if stop is not None:
        filters.append(article_id < stop)
    return filters


def count_records(session: Session, *, status: RecordStatus | str | None) -> int:
    """How many records have ``status`` (None: all)."""
    where = record_filters(session, status, None)
    return session.execute(
        sa.select(sa.func.count()).select_from(Record.__table__).where(*where)
    ).scalar_one()


def article_spans(session: Session, *, status: RecordStatus | str | None, parts: int) -> list[ArticleSpan]:
    """Ranges of article ids ``(first, stop)`` that split the records with ``status`` into about
    ``parts`` parts of equal size, in order, each article's records in one part (for exporting the
    parts side by side); at least one span."""
    record = Record.__table__
    filters = record_filters(session, status, None)
    total = count_records(session, status=status)
    ordered = sa.select(record.c.article_id).where(*filters).order_by(record.c.article_id, record.c.id)
    bounds: list[int] = []
    lowest = session.execute(ordered.limit(1)).scalar()  # a span must not end before it starts
    for part in range(1, max(1, parts)):
        at = session.execute(ordered.offset(total * part // parts).limit(1)).scalar()
        if at is not None and at > (bounds[-1] if bounds else lowest):
            bounds.append(at)
    edges: list[int | None] = [None, *bounds, None]
    return [(edges[i], edges[i + 1]) for i in range(len(edges) - 1)]


def _status_is(session: Session, status: RecordStatus) -> sa.ColumnElement[bool]:
    """``record.status = status`` for the paged export query. On SQLite written ``+record.status``, so
    the planner walks the (article_id, id) order instead of the status index, which made it sort every
    matching record again for each chunk (quadratic in the number of accepted records)."""
    column = Record.__table__.c.status
    if session.get_bind().dialect.name != "sqlite":
        return column == status
    return sa.literal_column(f"+{Record.__table__.name}.status", sa.String) == status.name
