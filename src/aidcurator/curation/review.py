"""An article's review state: moved along by record decisions, or set by hand with a reason.

``new`` → ``in progress`` when work starts; ``done`` when every record is accepted or rejected (or
by hand, e.g. "no aid record" for an article the extractor found nothing in); ``skipped`` and
``flagged`` (a second look) only by hand, and record decisions never move an article out of them.
"""

from __future__ import annotations

from typing import Any

from aidcurator.curation.base import CuratorBase
from aidcurator.curation.history import ConflictError
from aidcurator.curation.validation import coerce_enum
from aidcurator.domain import DECIDED_STATUSES, ReviewState
from aidcurator.domain.views import ArticleView
from aidcurator.store import Session, write_session
from aidcurator.store import repository as repo

#: The reason given when an article without records is marked done.
NO_AID_RECORD = "no aid record"
#: States only a person sets; record decisions leave them alone.
MANUAL_STATES = frozenset({ReviewState.SKIPPED, ReviewState.FLAGGED})
#: "Leave the reason as it is" (the default of ``reason`` arguments).
KEEP: Any = object()


def clean_reason(reason: str | None) -> str | None:
    """A reason as stored: stripped, empty as None."""
    text = (reason or "").strip()
    return text or None


class ReviewMixin(CuratorBase):
    """Article review states."""

    def _refresh_review_state(self, session: Session, article_id: int, actor: str, *, started: bool) -> None:
        """new → in progress when work starts; all records decided → done; one undecided again →
        in progress. Skipped and flagged articles stay as the curator left them."""
        article = repo.load_article(session, article_id=article_id)
        old = ReviewState(article.review_state)
        if old in MANUAL_STATES:
            return
        statuses = repo.record_statuses_for_article(session, article_id=article_id)
        new = old
        if statuses and all(s in DECIDED_STATUSES for s in statuses):
            new = ReviewState.DONE
        elif (old == ReviewState.NEW and started) or (
            old == ReviewState.DONE and any(s not in DECIDED_STATUSES for s in statuses)
        ):
            new = ReviewState.IN_PROGRESS
        if new != old:
            self._set_state(session, article, old, new, actor)

    @staticmethod
    def _set_state(session: Session, article: Any, old: ReviewState, new: ReviewState, actor: str) -> None:
        article.review_state = new
        repo.add_edit(
            session,
            action="review_state",
            actor=actor,
            article_id=article.id,
            field="review_state",
            old_value=old,
            new_value=new,
        )

    def set_review_state(
        self,
        article_id: int,
        state: ReviewState | str,
        *,
        reason: str | None = KEEP,
        expected_state: ReviewState | str | None = None,
        actor: str | None = None,
    ) -> ArticleView:
        """Mark an article new, in progress, done, skipped or flagged by hand, with an optional reason.

        Marking an article done that has no records gives the reason "no aid record" unless one
        is given. Going back to new or in progress clears the reason. With ``expected_state``
        nothing is written (``ConflictError``) when the article is no longer in that state.
        """
        new = coerce_enum(ReviewState, state, "review state")
        who = self._who(actor)
        with write_session(self.engine) as session:
            article = repo.load_article(session, article_id=article_id)
            old = ReviewState(article.review_state)
            if expected_state is not None and old != ReviewState(expected_state):
                raise ConflictError(
                    f"article {article_id} was changed elsewhere (it is now {old.value}, "
                    f"not {ReviewState(expected_state).value}); reload it and try again"
                )
            if new in (ReviewState.NEW, ReviewState.IN_PROGRESS):
                note = None
            elif reason is KEEP:
                note = article.review_note if new == old else None
            else:
                note = clean_reason(reason)
            no_records = not repo.record_statuses_for_article(session, article_id=article_id)
            if new == ReviewState.DONE and note is None and reason is KEEP and no_records:
                note = NO_AID_RECORD
            if old != new:
                self._set_state(session, article, old, new, who)
            if note != article.review_note:
                repo.add_edit(
                    session,
                    action="review_state",
                    actor=who,
                    article_id=article_id,
                    field="review_note",
                    old_value=article.review_note,
                    new_value=note,
                )
                article.review_note = note
            session.flush()
            view = repo.get_article(session, article_id=article_id)
            assert view is not None
            return view
