"""What the window does, without widgets: selection state, undo commands, navigation, jobs.

:class:`WindowController` owns which article, record and amount are selected, runs every change
as an undoable command over ``curation`` (:mod:`aidcurator.gui.commands`), moves between records
and articles, runs background jobs (:mod:`aidcurator.gui.jobs`) and switches databases. It talks
to the window only through the small :class:`View` protocol, so a test can drive it with a fake
view and no widgets at all.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack

from aidcurator.curation import ConflictError, StoreError, sample_files
from aidcurator.domain import RecordStatus
from aidcurator.gui import commands as cmd
from aidcurator.gui.jobs import JobRunner
from aidcurator.gui.models import ArticleListModel
from aidcurator.gui.record_edits import RecordEditing
from aidcurator.gui.view import View

if TYPE_CHECKING:
    from aidcurator.curation import Curator
    from aidcurator.domain.views import AmountView, ArticleView, MentionView, RecordView

USER_ERRORS = (ValueError, LookupError, StoreError)


class WindowController(RecordEditing):
    """Selection state and use cases of the workbench window (the ``CommandContext`` of commands)."""

    def __init__(
        self,
        curator: Curator,
        view: View,
        *,
        page_size: int = 200,
        open_curator: Callable[[str], Curator] | None = None,
    ) -> None:
        self.curator = curator
        self.view = view
        self.articles = ArticleListModel(curator, page_size=page_size)
        self.undo_stack = QUndoStack()
        self.jobs = JobRunner(self)
        self._open_curator = open_curator or self._same_settings
        self.article_id = 0
        self.article: ArticleView | None = None
        self.mentions: list[MentionView] = []
        self.records: list[RecordView] = []
        self.record_id: int | None = None
        self.draft: RecordView | None = None  # a new record in the form, not stored yet
        self.amount_id: int | None = None
        self._evidence_cycle: tuple[int, str, int] = (0, "", 0)
        self._revealed: tuple[int, int | None] | None = None  # article and record last scrolled to

    def start(self) -> None:
        """Load the first page of the article list and the languages (nothing selected yet)."""
        self.articles.reload()
        self.view.set_languages(self.curator.article_languages())
        cmd.restore_undo_stack(self, self.undo_stack)

    # ------------------------------------------------------------------------------ state

    @property
    def record(self) -> RecordView | None:
        return next((r for r in self.records if r.id == self.record_id), None)

    @property
    def amount(self) -> AmountView | None:
        record = self.record
        if record is None or self.amount_id is None:
            return None
        return next((a for a in record.amounts if a.id == self.amount_id), None)

    def status(self, text: str, timeout_ms: int = 8000) -> None:
        self.view.show_status_message(text, timeout_ms)

    # ------------------------------------------------------------------------- articles

    def open_article(self, article_id: int, record_id: int | None = None, *, commit: bool = True) -> None:
        """Put an article on screen and select one of its records (the first unreviewed by default).

        Typing left in the form is committed first, except while an undo command is running
        (``commit=False``): a command must not start another one.
        """
        if commit and not self.can_leave():
            return
        if not article_id:
            self.article_id, self.article, self.mentions, self.records = 0, None, [], []
            self.view.show_article(None, ())
            self.view.show_records(())
            self._show_record(None)
            return
        try:
            article = self.curator.article(article_id)
        except LookupError as exc:
            self.status(str(exc), 8000)
            return
        self.article_id, self.article = article_id, article
        self._revealed = None  # a new text starts at its top
        self.mentions = self.curator.mentions(article_id) + self.curator.party_mentions(article_id)
        self.view.show_article(article, self.mentions)
        self.reload_records(select=record_id, prefer_pending=record_id is None)

    def select_first_article(self) -> bool:
        if self.articles.rowCount() == 0:
            return False
        first = self.articles.article_at(0)
        if first is not None and first.id != self.article_id:
            self.open_article(first.id)
        return True

    def step_article(self, step: int) -> None:
        current = self.articles.row_of(self.article_id) if self.article_id else -1
        row = current + step if current >= 0 else 0
        if row >= self.articles.rowCount() and self.articles.canFetchMore():
            self.articles.fetchMore()
        target = self.articles.article_at(row) if row >= 0 else None
        if target is not None:
            self.open_article(target.id)

    def next_article(self) -> None:
        self.step_article(1)

    def previous_article(self) -> None:
        self.step_article(-1)

    # -------------------------------------------------------------------------- records

    def reload_records(
        self, *, select: int | None = None, prefer_pending: bool = False, keep_amount: int | None = None
    ) -> None:
        """Read the article's records again and select ``select`` (or a pending one, or the first)."""
        self.records = self.curator.records(self.article_id) if self.article_id else []
        self.view.show_records(self.records)
        self._select(select, prefer_pending=prefer_pending, keep_amount=keep_amount)

    def _select(
        self, record_id: int | None, *, prefer_pending: bool = False, keep_amount: int | None = None
    ) -> None:
        record = next((r for r in self.records if r.id == record_id), None) if record_id else None
        if record is None and prefer_pending:
            record = next((r for r in self.records if r.status == RecordStatus.PENDING), None)
        if record is None and self.records:
            record = self.records[0]
        self._show_record(record, keep_amount=keep_amount)

    def _show_record(self, record: RecordView | None, *, keep_amount: int | None = None) -> None:
        if self.draft is not None:
            self.draft = None
            self.status("The empty new record was not kept", 6000)
        self.record_id = record.id if record is not None else None
        amounts = record.amounts if record is not None else ()
        keep = next((a.id for a in amounts if a.id == keep_amount), None) if keep_amount else None
        self.amount_id = keep if keep is not None else (amounts[0].id if amounts else None)
        self.view.show_record(record, self.amount_id)
        if record is not None and self._revealed != (self.article_id, record.id):
            self._revealed = (self.article_id, record.id)
            span = self.record_span(record)
            if span is not None:
                self.view.reveal_span(*span)

    def record_span(self, record: RecordView) -> tuple[int, int] | None:
        """Where a record is in the text: its selected amount, else its amount evidence, else any."""
        amount = next((a for a in record.amounts if a.id == self.amount_id), None)
        if amount is not None and amount.start is not None and amount.end is not None:
            return amount.start, amount.end
        placed = [(a.start, a.end) for a in record.amounts if a.start is not None and a.end is not None]
        evidence = record.evidence_for("amount") or list(record.evidence)
        spans = placed + [(ev.start, ev.end) for ev in evidence]
        return spans[0] if spans else None

    def can_leave(self) -> bool:
        """Save the typing left in the form; False (and say why) while a typed value is refused.

        A refused value stays on screen with its message until it is fixed or cancelled (Esc):
        moving to another record or article would drop it without a word.
        """
        refused = self.view.commit_pending()
        if refused:
            self.status(
                f"Fix or undo the value marked in red first (Esc restores the saved value): {refused[0]}",
                10000,
            )
            return False
        return True

    def choose_record(self, record_id: int | None) -> None:
        """The curator picked a record in the list: save their typing, then show it."""
        if record_id is None or record_id == self.record_id:
            self.view.commit_pending()
            return
        if self.can_leave():
            self._select(record_id)

    def select_record(self, record_id: int, amount_id: int | None = None) -> None:
        if any(r.id == record_id for r in self.records) and self.can_leave():
            self._select(record_id, keep_amount=amount_id)

    def step_record(self, step: int) -> None:
        if not self.records:
            return
        ids = [r.id for r in self.records]
        current = ids.index(self.record_id) if self.record_id in ids else -1
        row = min(max(current + step, 0), len(ids) - 1)
        if row != current and self.can_leave():
            self._select(ids[row])

    def next_record(self) -> None:
        self.step_record(1)

    def previous_record(self) -> None:
        self.step_record(-1)

    def choose_amount(self, amount_id: int) -> None:
        self.amount_id = amount_id or None
        amount = self.amount
        if amount is not None and amount.start is not None and amount.end is not None:
            self.view.select_span(amount.start, amount.end)

    def _refresh(self, record_id: int | None, fresh: RecordView | None = None) -> None:
        """Show one record of the list as a change left it (``fresh``, else read again)."""
        if record_id is None:
            return
        if fresh is None or fresh.id != record_id:
            try:
                fresh = self.curator.record(record_id)
            except LookupError:
                fresh = None
        if fresh is None or fresh.article_id != self.article_id:
            self.records = [r for r in self.records if r.id != record_id]
            self.view.show_records(self.records)
            return
        for number, record in enumerate(self.records):
            if record.id == record_id:
                self.records[number] = fresh
                self.view.update_record(fresh)
                return
        self.records = sorted([*self.records, fresh], key=lambda r: r.id)
        self.view.show_records(self.records)

    # -------------------------------------------------------------------------- commands

    def push(self, command: cmd.CurationCommand, on_error: Callable[[str], None] | None = None) -> bool:
        """Apply a command now and put it on the undo stack; refused values go to ``on_error``."""
        try:
            changed = command.apply()
        except ConflictError as exc:  # changed elsewhere (another window, the command line)
            self._refused(str(exc), on_error)
            self.reload_records(select=command.record_id)
            return False
        except USER_ERRORS as exc:
            self._refused(str(exc), on_error)
            return False
        if not changed:  # e.g. the typed text normalises to what is stored: show what is stored
            self._refresh(self.record_id)
            self._select(self.record_id, keep_amount=self.amount_id)
            return False
        self.undo_stack.push(command)
        return True

    def _refused(self, message: str, on_error: Callable[[str], None] | None) -> None:
        if on_error is not None:
            on_error(message)
        self.status(f"Not saved: {message}", 10000)

    def after_change(self, command: cmd.CurationCommand, verb: str) -> None:
        """A command ran (first time, undo or redo): refresh the one record and article it changed."""
        self.articles.refresh_articles([command.article_id])
        reveal = verb != "Saved" or isinstance(command, cmd.CreateRecordCommand)
        if command.article_id != self.article_id:
            self.open_article(command.article_id, record_id=command.focus_record, commit=False)
        else:
            select = command.focus_record if reveal and command.focus_record else self.record_id
            keep = command.amount_id or self.amount_id
            if isinstance(command, cmd.CreateRecordCommand | cmd.DeleteRecordCommand):
                # links from and to other records (parents, shares) may have changed with it
                self.reload_records(select=select, keep_amount=keep)
            else:
                self._refresh(command.record_id, command.view)  # the view the command's last step returned
                self._select(select, keep_amount=keep)
        if verb == "Saved" and isinstance(command, cmd.DeleteRecordCommand):
            message = f"Deleted record {command.record_id} — Ctrl+Z brings it back"
        else:
            message = f"{verb}: {command.text()}"
        self.status(message, 8000)

    def command_failed(self, command: cmd.CurationCommand, verb: str, error: Exception) -> None:
        action = "undo" if verb == "Undone" else "redo"
        self.status(f"Could not {action} “{command.text()}”: {error}", 15000)
        self.view.show_error(f"Could not {action}", f"Could not {action} “{command.text()}”.", str(error))
        if self.article_id:
            self.reload_records(select=self.record_id)

    # -- record actions

    def accept(self) -> None:
        self.set_status_and_advance(RecordStatus.ACCEPTED, across_articles=False)

    def reject(self) -> None:
        self.set_status_and_advance(RecordStatus.REJECTED, across_articles=False)

    def accept_and_next(self) -> None:
        self.set_status_and_advance(RecordStatus.ACCEPTED, across_articles=True)

    def set_status_and_advance(self, status: RecordStatus, *, across_articles: bool) -> None:
        if not self.can_leave():  # do not accept a record while a typed value beside it was refused
            return
        record = self.record
        if record is None:
            if across_articles:  # an article without records: on to the next one to review
                self.go_to_next_article_to_review()
            return
        if record.status != status:
            self.push(cmd.SetStatusCommand(self, record, status))
        self.go_to_next_pending(after=record.id, across_articles=across_articles)

    def go_to_next_pending(self, *, after: int, across_articles: bool) -> None:
        """The next unreviewed record in this article; else (if asked) in the next article that has one."""
        ids = [r.id for r in self.records]
        position = ids.index(after) if after in ids else -1
        order = self.records[position + 1 :] + self.records[: max(position, 0)]
        following = next((r for r in order if r.status == RecordStatus.PENDING), None)
        if following is not None:
            self.select_record(following.id)
            return
        if not across_articles:
            self.status("Every record of this article is reviewed", 6000)
            return
        self.go_to_next_article_to_review()

    def go_to_next_article_to_review(self) -> None:
        """The next article with pending records or none at all (not done, skipped or flagged)."""
        article_id = self.curator.next_article_to_review(self.articles.query, self.article_id or None)
        if article_id is None:
            self.status("No unreviewed records left in the list", 8000)
            return
        self.open_article(article_id)
        if not self.records:
            self.status(
                "No records found in this article: add one, or mark it done (Ctrl+D) or skip it", 10000
            )

    # ------------------------------------------------------------------------- databases

    def _same_settings(self, path: str) -> Curator:
        """Another database with this curator's extractor, amount parser and actor."""
        return self.curator.reopen(path)

    def open_database(self, path: str | os.PathLike[str]) -> bool:
        """Switch to another database (created and upgraded if needed)."""
        if self.jobs.job is not None:
            self.status("Wait for the running task to finish first", 6000)
            return False
        self.view.commit_pending()
        try:
            curator = self._open_curator(str(path))
        except Exception as exc:
            self.view.show_error("Cannot open database", f"Cannot open {path}.", str(exc))
            self.view.database_failed(str(path))
            return False
        old, self.curator = self.curator, curator
        self.undo_stack.clear()
        cmd.restore_undo_stack(self, self.undo_stack)
        self.article_id = 0
        self.articles.set_source(curator)
        self.view.set_languages(curator.article_languages())
        self.open_article(0)
        old.close()
        self.view.database_opened(str(path))
        self.select_first_article()
        self.status(f"Opened {path}", 8000)
        self.offer_samples_if_empty()
        return True

    def offer_samples_if_empty(self) -> None:
        if (
            self.articles.progress[1] == 0
            and self.articles.rowCount() == 0
            and self.view.ask(
                "Load sample articles?",
                "This database has no articles yet. Load the bundled sample articles "
                "(Chinese and English news about aid projects) to try AidCurator?",
            )
        ):
            self.jobs.import_paths(sample_files())
