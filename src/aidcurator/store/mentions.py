"""Mentions: what the extractor found, replaced whole on each extraction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import sqlalchemy as sa
from sqlmodel import Session, col, select

from aidcurator import domain
from aidcurator.domain.jsonvalues import jsonable
from aidcurator.domain.views import (
    MentionView,
)
from aidcurator.store.mapping import (
    _mention_view,
)
from aidcurator.store.models import Mention


def replace_mentions(session: Session, *, article_id: int, mentions: Sequence[domain.Mention]) -> int:
    """Drop the article's mentions and store ``mentions`` instead."""
    session.exec(sa.delete(Mention).where(col(Mention.article_id) == article_id))
    for mention in mentions:
        session.add(
            Mention(
                article_id=article_id,
                kind=str(mention.kind),
                start=mention.start,
                end=mention.end,
                text=mention.text,
                value=mention.value,
                currency=mention.currency,
                qualifier=str(mention.qualifier) if mention.qualifier is not None else None,
                value_max=mention.value_max,
                what=mention.what,
                data=jsonable(dict(mention.data)),
            )
        )
    session.flush()
    return len(mentions)


def mentions_for_article(
    session: Session, *, article_id: int, kinds: Iterable[str] | None = None
) -> list[MentionView]:
    statement = select(Mention).where(Mention.article_id == article_id)
    if kinds is not None:
        statement = statement.where(col(Mention.kind).in_([str(k) for k in kinds]))
    statement = statement.order_by(col(Mention.start), col(Mention.end), col(Mention.id))
    return [_mention_view(m) for m in session.exec(statement)]
