"""Review actions of the window: mark an article done, skip it, flag it for a second look, reopen
it; mark a record unsure or reject it with a reason. Each is one undoable command.

The window holds one :class:`ReviewActions` as ``window.review``; the action table names its
methods (``review.mark_done`` …). ``ask_reason`` is the one question it asks; tests replace it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from aidcurator.curation import changes
from aidcurator.domain import RecordStatus, ReviewState
from aidcurator.gui.commands import CurationCommand

if TYPE_CHECKING:
    from aidcurator.gui.controller import WindowController


class ReviewStateCommand(CurationCommand):
    """Set the article's review state (with a reason) as one undoable command."""


class ReviewActions:
    """Review-state and second-look actions over the window's controller."""

    def __init__(self, window: QWidget, controller: WindowController) -> None:
        self.window = window
        self.controller = controller

    def ask_reason(self, title: str, label: str, text: str = "") -> str | None:
        """An optional reason typed by the curator (None: cancelled)."""
        value, ok = QInputDialog.getText(self.window, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None

    # -- articles

    def _set_article_state(self, state: ReviewState, reason: str | None, *, advance: bool) -> None:
        ctl = self.controller
        if ctl.article is None:
            return
        ctl.view.commit_pending()
        article = ctl.curator.article(ctl.article_id)
        done = ctl.push(ReviewStateCommand(ctl, changes.SetReviewState(article, state, reason)))
        if done and advance:
            ctl.go_to_next_article_to_review()

    def mark_done(self) -> None:
        """Done (an article without records: "no aid record"), then the next article to review."""
        ctl = self.controller
        undecided = [r for r in ctl.records if r.status in (RecordStatus.PENDING, RecordStatus.UNSURE)]
        if undecided and not ctl.view.ask(
            "Mark article done?",
            f"{len(undecided)} record(s) of this article are not accepted or rejected yet. Mark it done anyway?",
        ):
            return
        self._set_article_state(ReviewState.DONE, changes.review_keep(), advance=True)

    def skip(self) -> None:
        reason = self.ask_reason("Skip article", "Why skip it? (optional)")
        if reason is not None:
            self._set_article_state(ReviewState.SKIPPED, reason, advance=True)

    def flag(self) -> None:
        reason = self.ask_reason("Second look", "What should the second look check? (optional)")
        if reason is not None:
            self._set_article_state(ReviewState.FLAGGED, reason, advance=True)

    def reopen(self) -> None:
        self._set_article_state(ReviewState.IN_PROGRESS, None, advance=False)

    # -- records

    def _set_record_status(self, status: RecordStatus, title: str, label: str) -> None:
        ctl = self.controller
        record = ctl.record
        if record is None:
            return
        if ctl.view.commit_pending():
            return
        reason = self.ask_reason(title, label, record.reject_reason or "")
        if reason is None:
            return
        record = ctl.record
        if record is not None:
            ctl.push(ReviewStateCommand(ctl, changes.SetStatus(record, status, reason)))

    def mark_unsure(self) -> None:
        self._set_record_status(RecordStatus.UNSURE, "Unsure", "What needs a second look? (optional)")

    def reject_with_reason(self) -> None:
        self._set_record_status(RecordStatus.REJECTED, "Reject record", "Why reject it? (optional)")
