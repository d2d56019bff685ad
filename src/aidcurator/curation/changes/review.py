"""Changes of an article's review state (done, skipped, flagged, reopened) with a reason."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aidcurator.curation.changes.base import Change
from aidcurator.curation.review import KEEP, clean_reason
from aidcurator.domain import ReviewState
from aidcurator.domain.views import ArticleView

if TYPE_CHECKING:
    from aidcurator.curation import Curator

#: Undo-menu verbs of the review states.
VERBS = {
    ReviewState.NEW: "reopen",
    ReviewState.IN_PROGRESS: "reopen",
    ReviewState.DONE: "mark done",
    ReviewState.SKIPPED: "skip",
    ReviewState.FLAGGED: "flag for a second look",
}


class SetReviewState(Change):
    """Set an article's review state by hand. Undo and redo check the article is still in the
    state the last step left (else ``ConflictError``, nothing written)."""

    def __init__(self, article: ArticleView, state: ReviewState | str, reason: str | None = KEEP) -> None:
        self.new = ReviewState(state)
        super().__init__(f"{VERBS[self.new]} article {article.id}", article.id, None)
        self.focus_record = None
        self.old = article.review_state
        self.old_reason = article.review_note
        self.reason = reason
        self.after: ArticleView | None = None

    def _first(self, curator: Curator) -> bool:
        unchanged_reason = self.reason is KEEP or clean_reason(self.reason) == self.old_reason
        if self.old == self.new and unchanged_reason:
            return False
        self.after = curator.set_review_state(
            self.article_id, self.new, reason=self.reason, expected_state=self.old
        )
        if self.after.review_note:
            self.text = f"{self.text} ({self.after.review_note})"
        return True

    def _redo(self, curator: Curator) -> None:
        assert self.after is not None
        self.after = curator.set_review_state(
            self.article_id, self.new, reason=self.after.review_note, expected_state=self.old
        )

    def _undo(self, curator: Curator) -> None:
        assert self.after is not None
        curator.set_review_state(
            self.article_id, self.old, reason=self.old_reason, expected_state=self.after.review_state
        )
