"""Queries behind the window's article list, and bulk inserts for benchmarks.

Everything is filtered, ordered and paged in SQL with bound parameters; user text only ever
reaches the database as a parameter of a ``LIKE`` pattern. Results are plain frozen dataclasses
that can cross threads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from aidcurator.domain import FINISHED_STATES, RecordStatus, ReviewState
from aidcurator.domain.views import ARTICLE_LIST_ORDER, ArticleListRow, ArticleQuery
from aidcurator.store import dashboard
from aidcurator.store.models import Amount, Article, Evidence, Mention, Record
from aidcurator.store.project_models import Project, ProjectRecord
from aidcurator.store.search import search_condition


def _record_count(*, pending_only: bool = False) -> sa.ScalarSelect[Any]:
    statement = select(func.count()).select_from(Record).where(col(Record.article_id) == col(Article.id))
    if pending_only:
        statement = statement.where(col(Record.status) == RecordStatus.PENDING)
    return statement.scalar_subquery()


def _filters(query: ArticleQuery) -> list[sa.ColumnElement[bool]]:
    filters: list[sa.ColumnElement[bool]] = []
    search = query.search.strip()
    if search:
        columns = (col(Article.title), col(Article.source), col(Article.text))
        filters.append(search_condition(columns, search))
    if query.review_state is not None:
        filters.append(col(Article.review_state) == ReviewState(query.review_state))
    if query.language is not None:
        filters.append(col(Article.language) == query.language)
    if query.chart is not None:
        filters.append(dashboard.article_condition(query.chart))
    return filters


def _ordering(query: ArticleQuery, n_records: Any) -> list[Any]:
    if query.order_by not in ARTICLE_LIST_ORDER:
        raise ValueError(f"cannot order articles by {query.order_by!r}; choose one of {ARTICLE_LIST_ORDER}")
    key = n_records if query.order_by == "n_records" else col(getattr(Article, query.order_by))
    id_column = col(Article.id)
    if query.descending:
        return [key.desc(), id_column.desc()]
    return [key.asc(), id_column.asc()]


def article_page(
    session: Session, *, query: ArticleQuery, offset: int = 0, limit: int = 200
) -> list[ArticleListRow]:
    """One page of the article list."""
    n_records = _record_count().label("n_records")
    n_pending = _record_count(pending_only=True).label("n_pending")
    statement = (
        select(
            Article.id,
            Article.title,
            Article.source,
            Article.published,
            Article.language,
            Article.review_state,
            n_records,
            n_pending,
            Article.review_note,
        )
        .where(*_filters(query))
        .order_by(*_ordering(query, n_records))
        .offset(max(0, offset))
        .limit(max(0, limit))
    )
    return [
        ArticleListRow(
            id=row[0],
            title=row[1],
            source=row[2],
            published=row[3],
            language=row[4],
            review_state=ReviewState(row[5]),
            n_records=int(row[6]),
            n_pending=int(row[7]),
            review_note=row[8],
        )
        for row in session.exec(statement)
    ]


def article_rows(session: Session, *, article_ids: Sequence[int]) -> dict[int, ArticleListRow]:
    """Fresh list rows for a few articles (after an edit changed their state or tallies)."""
    if not article_ids:
        return {}
    statement = select(
        Article.id,
        Article.title,
        Article.source,
        Article.published,
        Article.language,
        Article.review_state,
        _record_count(),
        _record_count(pending_only=True),
        Article.review_note,
    ).where(col(Article.id).in_(list(article_ids)))
    return {
        row[0]: ArticleListRow(
            id=row[0],
            title=row[1],
            source=row[2],
            published=row[3],
            language=row[4],
            review_state=ReviewState(row[5]),
            n_records=int(row[6]),
            n_pending=int(row[7]),
            review_note=row[8],
        )
        for row in session.exec(statement)
    }


def article_progress(session: Session, *, query: ArticleQuery) -> tuple[int, int]:
    """``(done, total)`` among the articles the query matches (its order is ignored); skipped
    articles count as done (finished)."""
    finished = col(Article.review_state).in_(sorted(FINISHED_STATES))
    done = func.sum(sa.case((finished, 1), else_=0))
    statement = select(func.count(), done).select_from(Article).where(*_filters(query))
    total, n_done = session.exec(statement).one()
    return int(n_done or 0), int(total or 0)


def article_in_list(session: Session, *, query: ArticleQuery, article_id: int) -> bool:
    """Whether the article exists and the query's search and filters keep it in the list."""
    statement = select(Article.id).where(col(Article.id) == article_id, *_filters(query))
    return session.exec(statement).first() is not None


def article_languages(session: Session) -> list[str]:
    """The languages present, for the language filter."""
    statement = (
        select(Article.language)
        .where(col(Article.language).is_not(None))
        .distinct()
        .order_by(Article.language)
    )
    return [lang for lang in session.exec(statement) if lang]


# --------------------------------------------------------------------------------- bulk inserts


def bulk_insert(session: Session, *, table: str, rows: Iterable[Mapping[str, Any]], batch: int = 5000) -> int:
    """Insert plain rows into ``article``, ``record``, ``amount``, ``evidence``, ``mention``, ``project``
    or ``projectrecord`` with executemany batches (no ORM objects); for building large test and
    benchmark databases.

    Rows must carry explicit ids when later rows refer to them. Returns the number inserted.
    """
    models = {
        "article": Article,
        "record": Record,
        "amount": Amount,
        "evidence": Evidence,
        "mention": Mention,
        "project": Project,
        "projectrecord": ProjectRecord,
    }
    model = models.get(table)
    if model is None:
        raise ValueError(f"bulk_insert cannot fill {table!r}; choose one of {', '.join(models)}")
    statement = sa.insert(model)
    count = 0
    chunk: list[Mapping[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= batch:
            session.execute(statement, chunk)
            count += len(chunk)
            chunk = []
    if chunk:
        session.execute(statement, chunk)
        count += len(chunk)
    return count


def article_ids(session: Session, *, query: ArticleQuery) -> list[int]:
    """Ids of every article the query matches (for "export the current filter")."""
    statement = select(Article.id).where(*_filters(query)).order_by(col(Article.id))
    return [int(i) for i in session.exec(statement) if i is not None]


def next_article_to_review(session: Session, *, query: ArticleQuery, after: int | None) -> int | None:
    """The first article after ``after`` (in the query's order; from the top when None or when
    ``after`` is not in the list) that still needs review, wrapping around; None when there is none.

    An article needs review when it is new or in progress and has pending records or no records at
    all (the curator still has to say it holds no aid record). Articles marked done, skipped or
    flagged for a second look are passed over: the curator decided about them.
    """
    has_records = sa.exists().where(col(Record.article_id) == col(Article.id))
    pending = sa.exists().where(
        col(Record.article_id) == col(Article.id), col(Record.status) == RecordStatus.PENDING
    )
    open_state = col(Article.review_state).in_([ReviewState.NEW, ReviewState.IN_PROGRESS])
    needs_review = sa.and_(open_state, sa.or_(pending, ~has_records))
    n_records = _record_count().label("n_records")
    wanted = needs_review if after is None else sa.or_(needs_review, col(Article.id) == after)
    statement = (
        select(Article.id, n_records).where(*_filters(query), wanted).order_by(*_ordering(query, n_records))
    )
    ids = [int(row[0]) for row in session.exec(statement)]
    if after is None or after not in ids:
        return next((i for i in ids if i != after), None)
    position = ids.index(after)
    ordered = ids[position + 1 :] + ids[:position]
    return ordered[0] if ordered else None
