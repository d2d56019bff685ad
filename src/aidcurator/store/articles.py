"""Articles: add, find by content hash, load, review-state tallies."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from aidcurator.domain import (
    ArticleDraft,
    RecordStatus,
)
from aidcurator.domain.jsonvalues import jsonable
from aidcurator.domain.views import (
    ArticleView,
    RecordCounts,
)
from aidcurator.store.errors import NotFoundError
from aidcurator.store.mapping import (
    _article_row,
    _chunks,
)
from aidcurator.store.models import Article, Record


def add_article(session: Session, *, draft: ArticleDraft, content_hash: str) -> int:
    article = Article(
        title=draft.title or "",
        source=draft.source,
        published=draft.published,
        url=draft.url,
        language=draft.language,
        text=draft.text,
        content_hash=content_hash,
        origin_file=draft.origin_file,
        origin_position=draft.origin_position,
        extra=jsonable(dict(draft.metadata)),
    )
    session.add(article)
    session.flush()
    assert article.id is not None
    return article.id


def find_article_by_hash(session: Session, *, content_hash: str) -> int | None:
    return session.exec(select(Article.id).where(Article.content_hash == content_hash)).first()


def existing_hashes(session: Session, *, hashes: Iterable[str]) -> set[str]:
    wanted = sorted(set(hashes))
    found: set[str] = set()
    for chunk in _chunks(wanted):
        found.update(session.exec(select(Article.content_hash).where(col(Article.content_hash).in_(chunk))))
    return found


def get_article(session: Session, *, article_id: int) -> ArticleView | None:
    article = session.get(Article, article_id)
    if article is None:
        return None
    row = _article_row(article)
    return ArticleView(
        id=row.id,
        title=row.title,
        source=row.source,
        published=row.published,
        url=row.url,
        language=row.language,
        review_state=row.review_state,
        imported_at=row.imported_at,
        origin_file=row.origin_file,
        origin_position=row.origin_position,
        text=article.text,
        content_hash=article.content_hash,
        extra=dict(article.extra or {}),
        review_note=article.review_note,
        metadata_version=article.metadata_version,
    )


def load_article(session: Session, *, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"article {article_id} does not exist")
    return article


def all_article_ids(session: Session) -> list[int]:
    return list(session.exec(select(Article.id).order_by(Article.id)))


def escape_like(text: str, escape: str = "\\") -> str:
    """Make user text literal inside a LIKE pattern."""
    return text.replace(escape, escape * 2).replace("%", escape + "%").replace("_", escape + "_")


def article_record_counts(session: Session, *, article_ids: Sequence[int]) -> dict[int, RecordCounts]:
    """Records per status for each article id asked for (articles without records get zeros)."""
    tallies: dict[int, dict[RecordStatus, int]] = {aid: {} for aid in article_ids}
    ids = sorted(set(article_ids))
    for chunk in _chunks(ids):
        statement = (
            select(Record.article_id, Record.status, func.count())
            .where(col(Record.article_id).in_(chunk))
            .group_by(Record.article_id, Record.status)
        )
        for article_id, status, n in session.exec(statement):
            tallies.setdefault(article_id, {})[RecordStatus(status)] = int(n)
    return {
        aid: RecordCounts(
            total=sum(t.values()),
            pending=t.get(RecordStatus.PENDING, 0),
            accepted=t.get(RecordStatus.ACCEPTED, 0),
            rejected=t.get(RecordStatus.REJECTED, 0),
        )
        for aid, t in tallies.items()
    }


def record_statuses_for_article(session: Session, *, article_id: int) -> list[RecordStatus]:
    statement = select(Record.status).where(Record.article_id == article_id)
    return [RecordStatus(s) for s in session.exec(statement)]


def all_content_hashes(session: Session) -> list[str]:
    """Every stored article's content hash (for import workers to skip known texts)."""
    return [str(h) for h in session.exec(select(Article.content_hash))]


def update_article_metadata(
    session: Session, *, article_id: int, expected_version: int, values: dict[str, Any]
) -> bool:
    """Write ``values`` (metadata columns) to one article if it is still at ``expected_version``.

    The version goes up by one in the same UPDATE, whose WHERE clause carries the old version, so
    of two writers that read the same version only the first succeeds. Returns False (nothing
    written) when the article is at another version or gone.
    """
    table = Article.__table__
    result = session.execute(
        sa.update(table)
        .where(table.c.id == article_id, table.c.metadata_version == expected_version)
        .values(**values, metadata_version=table.c.metadata_version + 1)
    )
    for stale in [o for o in session.identity_map.values() if isinstance(o, Article) and o.id == article_id]:
        session.expire(stale)
    return result.rowcount == 1
