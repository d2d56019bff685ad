"""The controller's edits of the selected record: form fields, amounts, evidence, new records.

:class:`RecordEditing` is a part of :class:`~aidcurator.gui.controller.WindowController`: each
method turns what the curator did into an undoable command (:mod:`aidcurator.gui.commands`) and
pushes it; a refused value goes back to the view beside its field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from aidcurator.curation import names
from aidcurator.domain import Origin, RecordStatus
from aidcurator.domain.fields import RECORD_FIELD, RECORD_FIELDS, label
from aidcurator.domain.views import RecordView
from aidcurator.gui import commands as cmd
from aidcurator.gui import selection

if TYPE_CHECKING:
    from aidcurator.curation import Curator
    from aidcurator.domain.views import AmountView, ArticleView, MentionView
    from aidcurator.gui.view import View

#: The id of a new record the form shows before it is saved (no stored record has it).
DRAFT_ID = 0


def draft_record(article_id: int) -> RecordView:
    """An empty new record for the form; stored only when its first value is entered."""
    now = dt.datetime.now(dt.UTC)
    return RecordView(
        id=DRAFT_ID,
        article_id=article_id,
        **{spec.name: spec.default for spec in RECORD_FIELDS},
        status=RecordStatus.PENDING,
        origin=Origin.MANUAL,
        created_at=now,
        updated_at=now,
        version=0,
    )


class RecordEditing:
    """Edits of the current record and article (a mixin of the window controller)."""

    curator: Curator
    view: View
    article_id: int
    article: ArticleView | None
    mentions: list[MentionView]
    records: list[RecordView]
    record_id: int | None
    draft: RecordView | None
    _evidence_cycle: tuple[int, str, int]

    if TYPE_CHECKING:  # provided by the controller

        @property
        def record(self) -> RecordView | None: ...

        @property
        def amount(self) -> AmountView | None: ...

        def push(
            self, command: cmd.CurationCommand, on_error: Callable[[str], None] | None = None
        ) -> bool: ...

        def status(self, text: str, timeout_ms: int = 8000) -> None: ...

        def select_record(self, record_id: int, amount_id: int | None = None) -> None: ...

        def can_leave(self) -> bool: ...

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
        on_error = lambda message: self.view.show_field_error(field, message)  # noqa: E731
        if record_id == DRAFT_ID:
            return self._save_draft(on_error, fields={field: value}, text=f"new record with {label(field)}")
        record = self._record_for(record_id)
        if record is None:
            return False
        return self.push(cmd.SetFieldCommand(self, record, field, value), on_error=on_error)

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
        if record_id == DRAFT_ID:
            return self._save_draft(
                self.view.show_amount_error, amounts=[text], text=f"new record for “{text}”"
            )
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
        else:
            self.reset_record(record)

    def reset_record(self, record: RecordView) -> bool:
        """Put every changed field of the record back to the extracted values, once confirmed."""
        if record.origin == Origin.MANUAL:
            self.status(
                f"Record {record.id} was made by hand: it has no extracted values to go back to", 6000
            )
            return False
        changed = [  # a code follows its name, so the name alone is listed
            label(name)
            for name in record.curated_fields
            if name in RECORD_FIELD and RECORD_FIELD[name].type != "code"
        ]
        if not record.curated_fields:
            self.status("Nothing to reset: the record holds the extracted values", 5000)
            return False
        what = ", ".join(changed) if changed else "its amounts"
        if not self.view.ask(
            "Reset the whole record?",
            f"Put every value you changed in record {record.id} ({what}) back to what was extracted?"
            " Ctrl+Z brings your values back.",
        ):
            self.status("Reset cancelled; nothing changed", 5000)
            return False
        if not self.push(cmd.ResetRecordCommand(self, record)):
            return False
        self.status(
            f"Record {record.id} reset to the extracted values — Ctrl+Z brings your values back", 10000
        )
        return True

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
        """A new record: from the selected text if there is one, else an empty form.

        The empty record is stored when its first value is entered (one undoable step) and
        forgotten when the curator moves on with it still empty.
        """
        span = self.view.selected_span()
        if span is not None:
            self.new_record_from_span(*span)
            return
        if not self.article_id or not self.can_leave():
            return
        self.draft = draft_record(self.article_id)
        self.record_id = self.amount_id = None
        self.view.show_record(self.draft, None)
        self.view.focus_field("donor")
        self.status(
            "New record: it is saved when you enter its first value (left empty, it is not kept)", 10000
        )

    def _save_draft(self, on_error: Callable[[str], None], **values: Any) -> bool:
        """Store the new record with its first value (``create_record`` arguments)."""
        draft, self.draft = self.draft, None
        if draft is not None and self.create_record(on_error=on_error, **values):
            return True
        self.draft = draft
        return False

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
        on_error: Callable[[str], None] | None = None,
    ) -> bool:
        if not self.article_id:
            return False
        command = cmd.CreateRecordCommand(
            self, self.article_id, fields=fields, evidence=evidence, amounts=amounts, text=text
        )
        return self.push(command, on_error=on_error)

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
        spec = RECORD_FIELD.get(field)
        found = selection.inside(self.mentions, start, end)
        value = selection.field_value(spec.type if spec else "text", field, quoted, found)
        if spec is not None and spec.vocabulary == "place":  # the canonical name the extractor writes
            place = names.place_for_span(article.text, start, end, self.mentions)
            value = place.value if place is not None else value
        command = cmd.SetFieldCommand(self, record, field, value, spans=[(start, end)])
        command.setText(f"use “{quoted[:30]}” as {label(field)} of record {record.id}")
        return self.push(command, on_error=lambda message: self.view.show_field_error(field, message))
