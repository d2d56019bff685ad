"""Reading: articles, records, mentions, history, statistics and the article list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from aidcurator.curation.base import CuratorBase
from aidcurator.domain import ReviewState
from aidcurator.domain.views import (
    ArticleListRow,
    ArticleQuery,
    ArticleView,
    EditView,
    MentionView,
    RecordCounts,
    RecordView,
    Stats,
)
from aidcurator.store import NotFoundError, listing, read_session
from aidcurator.store import repository as repo


class QueriesMixin(CuratorBase):
    """Read-only use cases; each opens its own read session."""

    def article(self, article_id: int) -> ArticleView:
        with read_session(self.engine) as session:
            view = repo.get_article(session, article_id=article_id)
        if view is None:
            raise NotFoundError(f"article {article_id} does not exist")
        return view

    def list_articles(
        self,
        *,
        offset: int = 0,
        limit: int = 100,
        search: str = "",
        review_state: ReviewState | str | None = None,
        language: str | None = None,
        order_by: str = "published",
        descending: bool = True,
    ) -> list[ArticleListRow]:
        """One page of the article list (the same query as :meth:`article_page`)."""
        query = ArticleQuery(
            search=search or "",
            review_state=ReviewState(review_state) if review_state is not None else None,
            language=language,
            order_by=order_by,
            descending=descending,
        )
        return self.article_page(query, offset, limit)

    def count_articles(
        self, *, search: str = "", review_state: ReviewState | str | None = None, language: str | None = None
    ) -> int:
        """How many articles match the filters."""
        state = ReviewState(review_state) if review_state is not None else None
        return self.article_progress(
            ArticleQuery(search=search or "", review_state=state, language=language)
        )[1]

    def record_counts(self, article_ids: Sequence[int]) -> dict[int, RecordCounts]:
        with read_session(self.engine) as session:
            return repo.article_record_counts(session, article_ids=article_ids)

    def record(self, record_id: int) -> RecordView:
        with read_session(self.engine) as session:
            view = repo.get_record(session, record_id=record_id)
        if view is None:
            raise NotFoundError(f"record {record_id} does not exist (it may have been deleted)")
        return view

    def records(self, article_id: int) -> list[RecordView]:
        with read_session(self.engine) as session:
            return repo.records_for_article(session, article_id=article_id)

    def mentions(self, article_id: int, kinds: Iterable[str] | None = None) -> list[MentionView]:
        with read_session(self.engine) as session:
            return repo.mentions_for_article(session, article_id=article_id, kinds=kinds)

    def history(self, record_id: int) -> list[EditView]:
        with read_session(self.engine) as session:
            return repo.edits_for_record(session, record_id=record_id)

    def article_history(self, article_id: int) -> list[EditView]:
        """Every edit of an article's state and of its records, oldest first."""
        with read_session(self.engine) as session:
            return repo.edits_for_article(session, article_id=article_id)

    # -- the article list (one query in store.listing, shared by the window, CLI and export)

    def article_page(self, query: ArticleQuery, offset: int = 0, limit: int = 200) -> list[ArticleListRow]:
        """One page of the article list: filtered, ordered and paged in SQL."""
        with read_session(self.engine) as session:
            return listing.article_page(session, query=query, offset=offset, limit=limit)

    def article_rows(self, article_ids: Sequence[int]) -> dict[int, ArticleListRow]:
        """Fresh list rows for a few articles (after an edit changed their state or tallies)."""
        with read_session(self.engine) as session:
            return listing.article_rows(session, article_ids=article_ids)

    def article_progress(self, query: ArticleQuery) -> tuple[int, int]:
        """``(done, total)`` among the articles the query matches."""
        with read_session(self.engine) as session:
            return listing.article_progress(session, query=query)

    def article_in_list(self, query: ArticleQuery, article_id: int) -> bool:
        """Whether the article exists and the list's search and filters keep it."""
        with read_session(self.engine) as session:
            return listing.article_in_list(session, query=query, article_id=article_id)

    def article_languages(self) -> list[str]:
        with read_session(self.engine) as session:
            return listing.article_languages(session)

    def article_ids(self, query: ArticleQuery) -> list[int]:
        """Ids of every article the query matches (export of the current filter)."""
        with read_session(self.engine) as session:
            return listing.article_ids(session, query=query)

    def next_article_to_review(self, query: ArticleQuery, after: int | None) -> int | None:
        """The next article (in the list's order, wrapping) that still needs review: new or in
        progress, with pending records or none at all."""
        with read_session(self.engine) as session:
            return listing.next_article_to_review(session, query=query, after=after)

    def stats(self) -> Stats:
        with read_session(self.engine) as session:
            return repo.stats(session)
