"""What the window does, without widgets: selection state, undo commands, navigation, jobs.

:class:`WindowController` owns which article, record and amount are selected, runs every change
as an undoable command over ``curation`` (:mod:`aidcurator.gui.commands`), moves between records
and articles, runs background jobs (:mod:`aidcurator.gui.jobs`) and switches databases. It talks
to the window only through the small :class:`View` protocol, so a test can drive it with a fake
view and no widgets at all.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QUndoStack

from aidcurator.curation import ConflictError, StoreError
from aidcurator.domain import RecordStatus
from aidcurator.domain.fields import RECORD_FIELD, label
from aidcurator.gui import commands as cmd
from aidcurator.gui import selection
from aidcurator.gui.jobs import JobRunner
from aidcurator.gui.models import ArticleListModel

if TYPE_CHECKING:
    from aidcurator.curation import Curator
    from aidcurator.domain.views import AmountView, ArticleView, MentionView, RecordView

USER_ERRORS = (ValueError, LookupError, StoreError)


def sample_files() -> list[Path]:
    """The bundled sample articles."""
    from aidcurator.resources import resource_path

    return sorted(p for p in resource_path("samples").iterdir() if p.suffix == ".txt")


class View(Protocol):
    """What the controller needs from the window (a test passes a fake)."""

    def commit_pending(self) -> list[str]:
        """Save typing left in the form; the messages of values that were refused."""
        ...

    def show_article(self, article: ArticleView | None, mentions: Sequence[MentionView]) -> None: ...

    def show_records(self, records: Sequence[RecordView]) -> None: ...

    def update_record(self, record: RecordView) -> None:
        """One record of the list changed (the others did not)."""
        ...

    def show_record(self, record: RecordView | None, amount_id: int | None) -> None: ...

    def show_status_message(self, text: str, timeout_ms: int = 8000) -> None: ...

    def show_error(self, title: str, text: str, details: str = "") -> None: ...

    def show_field_error(self, field: str, message: str) -> None: ...

    def show_amount_error(self, message: str, *, revert_options: bool = False) -> None: ...

    def report_failures(self, title: str, summary: str, failures: Sequence[tuple[str, str]]) -> None: ...

    def ask(self, title: str, question: str) -> bool: ...

    def focused_field(self) -> str | None: ...

    def focus_field(self, name: str) -> None: ...

    def selected_span(self) -> tuple[int, int] | None: ...

    def select_span(self, start: int, end: int) -> None: ...

    def set_languages(self, languages: Sequence[str]) -> None: ...

    def set_busy(self, title: str | None, cancel: Callable[[], None] | None) -> None:
        """Show a cancellable progress dialog for ``title`` (None: close it)."""
        ...

    def show_progress(self, done: int, total: int, text: str) -> None: ...

    def job_finished(self, title: str) -> None: ...

    def database_opened(self, path: str) -> None: ...

    def database_failed(self, path: str) -> None: ...


class WindowController:
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
        self.amount_id: int | None = None
        self._evidence_cycle: tuple[int, str, int] = (0, "", 0)

    def start(self) -> None:
        """Load the first page of the article list and the languages (nothing selected yet)."""
        self.articles.reload()
        self.view.set_languages(self.curator.article_languages())

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
        if commit:
            self.view.commit_pending()
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
        self.mentions = self.curator.mentions(article_id)
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
        self.record_id = record.id if record is not None else None
        amounts = record.amounts if record is not None else ()
        keep = next((a.id for a in amounts if a.id == keep_amount), None) if keep_amount else None
        self.amount_id = keep if keep is not None else (amounts[0].id if amounts else None)
        self.view.show_record(record, self.amount_id)

    def choose_record(self, record_id: int | None) -> None:
        """The curator picked a record in the list: save their typing, then show it."""
        self.view.commit_pending()
        if record_id is not None and record_id == self.record_id:
            return
        self._select(record_id)

    def select_record(self, record_id: int, amount_id: int | None = None) -> None:
        if any(r.id == record_id for r in self.records):
            self.view.commit_pending()
            self._select(record_id, keep_amount=amount_id)

    def step_record(self, step: int) -> None:
        if not self.records:
            return
        ids = [r.id for r in self.records]
        current = ids.index(self.record_id) if self.record_id in ids else -1
        row = min(max(current + step, 0), len(ids) - 1)
        if row != current:
            self.view.commit_pending()
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

    def _refresh(self, record_id: int | None) -> None:
        """Re-read one record of the list after a change to it (and only it)."""
        if record_id is None:
            return
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
                self._refresh(command.record_id)
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

    def _record_for(self, record_id: int) -> RecordView | None:
        record = next((r for r in self.records if r.id == record_id), None)
        if record is not None:
            return record
        try:
            return self.curator.record(record_id)
        except LookupError:
            return None

    def _amount_for(self, record_id: int, amount_id: int) -> tuple[RecordView, AmountView] | None:
        record = self._record_for(record_id)
        amount = next((a for a in record.amounts if a.id == amount_id), None) if record else None
        return (record, amount) if record is not None and amount is not None else None

    # -- the form

    def set_field(self, record_id: int, field: str, value: Any) -> bool:
        record = self._record_for(record_id)
        if record is None:
            return False
        return self.push(
            cmd.SetFieldCommand(self, record, field, value),
            on_error=lambda message: self.view.show_field_error(field, message),
        )

    def set_status(self, record_id: int, status: str) -> bool:
        record = self._record_for(record_id)
        return record is not None and self.push(cmd.SetStatusCommand(self, record, status))

    def reset_field(self, record_id: int, field: str) -> bool:
        record = self._record_for(record_id)
        return record is not None and self.push(
            cmd.ResetFieldCommand(self, record, field),
            on_error=lambda message: self.view.show_field_error(field, message),
        )

    def set_amount_text(self, record_id: int, amount_id: int, text: str) -> bool:
        record = self._record_for(record_id)
        if record is None:
            return False
        if amount_id == 0:
            return self.push(cmd.AddAmountCommand(self, record, text), on_error=self.view.show_amount_error)
        found = self._amount_for(record_id, amount_id)
        if found is None:
            return False
        changes = {"text": text}
        description = f"set amount of record {record.id} to “{text}”"
        return self.push(
            cmd.UpdateAmountCommand(self, record, found[1], changes, description),
            on_error=self.view.show_amount_error,
        )

    def set_amount_option(self, record_id: int, amount_id: int, option: str, value: Any) -> bool:
        found = self._amount_for(record_id, amount_id)
        if found is None:
            return False
        record, amount = found
        shown = value if value not in (None, "") else "(none)"
        description = f"set {option.replace('_', ' ')} of amount “{amount.text}” to {shown}"
        return self.push(
            cmd.UpdateAmountCommand(self, record, amount, {option: value}, description),
            on_error=lambda message: self.view.show_amount_error(message, revert_options=True),
        )

    def reset_amount(self, record_id: int, amount_id: int) -> bool:
        found = self._amount_for(record_id, amount_id)
        return found is not None and self.push(
            cmd.ResetAmountCommand(self, *found), on_error=self.view.show_amount_error
        )

    def delete_amount(self, record_id: int, amount_id: int) -> bool:
        found = self._amount_for(record_id, amount_id)
        return found is not None and self.push(
            cmd.DeleteAmountCommand(self, *found), on_error=self.view.show_amount_error
        )

    # -- record actions

    def accept(self) -> None:
        self.set_status_and_advance(RecordStatus.ACCEPTED, across_articles=False)

    def reject(self) -> None:
        self.set_status_and_advance(RecordStatus.REJECTED, across_articles=False)

    def accept_and_next(self) -> None:
        self.set_status_and_advance(RecordStatus.ACCEPTED, across_articles=True)

    def set_status_and_advance(self, status: RecordStatus, *, across_articles: bool) -> None:
        refused = self.view.commit_pending()
        if refused:  # do not accept a record while a typed value beside it was refused
            self.status(f"Fix or undo the value marked in red first: {refused[0]}", 10000)
            return
        record = self.record
        if record is None:
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
        article_id = self.curator.next_article_with_pending(self.articles.query, self.article_id or None)
        if article_id is None:
            self.status("No unreviewed records left in the list", 8000)
            return
        self.open_article(article_id)

    def delete_record(self) -> None:
        record = self.record
        if record is not None:
            self.push(cmd.DeleteRecordCommand(self, record))

    def reset(self) -> None:
        """Put the focused field (or amount, or the whole record) back to the extracted value."""
        record = self.record
        if record is None:
            return
        focused = self.view.focused_field()
        amount = self.amount
        if focused == "amount" and amount is not None:
            self.push(cmd.ResetAmountCommand(self, record, amount), on_error=self.view.show_amount_error)
        elif focused and focused in record.curated_fields:
            self.push(cmd.ResetFieldCommand(self, record, focused))
        elif not self.push(cmd.ResetRecordCommand(self, record)):
            self.status("Nothing to reset: the record holds the extracted values", 5000)

    def jump_to_evidence(self, record_id: int | None = None, field: str | None = None) -> None:
        """Select the evidence of ``field`` (the focused one by default); again: the next span."""
        record = self._record_for(record_id) if record_id else self.record
        if record is None:
            return
        field = field or self.view.focused_field() or "amount"
        spans: list[tuple[int, int]] = []
        if field == "amount":
            amount = self.amount if record.id == self.record_id else None
            if amount is not None and amount.start is not None and amount.end is not None:
                spans.append((amount.start, amount.end))
            spans += [(ev.start, ev.end) for ev in record.evidence_for("amount")]
        else:
            names = RECORD_FIELD[field].evidence if field in RECORD_FIELD else (field,)
            spans = [(ev.start, ev.end) for name in names for ev in record.evidence_for(name)]
        spans = list(dict.fromkeys(spans))
        if not spans:
            self.status(f"No evidence for {field} in the article", 5000)
            return
        last_record, last_field, last_index = self._evidence_cycle
        index = (last_index + 1) % len(spans) if (last_record, last_field) == (record.id, field) else 0
        self._evidence_cycle = (record.id, field, index)
        start, end = spans[index]
        self.view.select_span(start, end)
        quote = self.article.text[start:end] if self.article is not None else ""
        self.status(f"Evidence for {field}: “{quote}”", 5000)

    # -- the article text

    def mention_clicked(self, mention: MentionView) -> None:
        owner = selection.owner_of_span(
            self.records, mention.start, mention.end, amounts_only=mention.kind == "amount"
        )
        if owner is not None:
            record, amount_id = owner
            self.select_record(record.id, amount_id)
            self.status(f"“{mention.text}” belongs to record {record.id}", 5000)
            return
        if mention.kind != "amount" or not self.article_id:
            return
        if self.view.ask(
            "New record?", f"No record uses “{mention.text}” yet. Create a new record with this amount?"
        ):
            self.create_record(
                amounts=[mention.text],
                evidence=[("amount", mention.start, mention.end)],
                text=f"new record for “{mention.text}”",
            )

    def _parses(self, text: str) -> bool:
        try:
            self.curator.amount_parser(text)
        except ValueError:
            return False
        return True

    def new_record(self) -> None:
        """A new record: from the selected text if there is one, else empty."""
        span = self.view.selected_span()
        if span is not None:
            self.new_record_from_span(*span)
        elif self.create_record(text="new record"):
            self.view.focus_field("donor")

    def new_record_from_span(self, start: int, end: int) -> None:
        """A record whose values come from the selected text and the mentions inside it."""
        if self.article is None:
            return
        draft = selection.draft_from_selection(self.article.text, start, end, self.mentions, self._parses)
        if draft is not None:
            self.create_record(
                fields=draft.fields,
                evidence=draft.evidence,
                amounts=draft.amounts,
                text="new record from selection",
            )

    def create_record(
        self,
        *,
        fields: dict[str, Any] | None = None,
        evidence: Sequence[tuple[str, int, int]] = (),
        amounts: Sequence[str] = (),
        text: str = "new record",
    ) -> bool:
        if not self.article_id:
            return False
        command = cmd.CreateRecordCommand(
            self, self.article_id, fields=fields, evidence=evidence, amounts=amounts, text=text
        )
        return self.push(command)

    def use_selection_as(self, field: str, start: int, end: int) -> bool:
        """Set a field of the current record (value and evidence) from the text ``[start, end)``."""
        record, article = self.record, self.article
        if record is None or article is None:
            return False
        quoted, start, end = selection.strip_span(article.text, start, end)
        if not quoted:
            return False
        if field == "amount":
            return self.push(
                cmd.AddAmountCommand(self, record, quoted, span=(start, end)),
                on_error=self.view.show_amount_error,
            )
        kind = RECORD_FIELD[field].type if field in RECORD_FIELD else "text"
        value = selection.field_value(kind, field, quoted, selection.inside(self.mentions, start, end))
        parts = [
            cmd.SetFieldCommand(self, record, field, value),
            cmd.EvidenceCommand(self, record, field, [(start, end)]),
        ]
        return self.push(
            cmd.MacroCommand(self, f"use “{quoted[:30]}” as {label(field)} of record {record.id}", parts),
            on_error=lambda message: self.view.show_field_error(field, message),
        )

    # ------------------------------------------------------------------------- databases

    def _same_settings(self, path: str) -> Curator:
        """Another database with this curator's extractor, amount parser and actor."""
        from aidcurator.curation import Curator

        old = self.curator  # the defaults stay lazy: read the settings, not the properties
        settings = {name: getattr(old, f"_{name}", None) for name in ("extractor", "amount_parser", "actor")}
        return Curator.open(path, **settings)

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
