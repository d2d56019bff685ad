"""Undo commands: every change a curator makes is one ``QUndoCommand`` over ``curation``.

A command is applied once with :meth:`CurationCommand.apply` *before* it is pushed, so a value the
core refuses (``ValueError``, ``AmountParseError``, ``ConflictError``) raises to the caller, is
shown beside its field and never reaches the undo stack. Redo and undo call ``curation`` again;
each of those calls writes its own ``Edit`` row, so the history also shows what was undone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QUndoCommand

from aidcurator.domain import Origin, RecordStatus

if TYPE_CHECKING:
    from aidcurator.curation import Curator
    from aidcurator.domain.views import AmountView, RecordSnapshot, RecordView

AMOUNT_STATE_FIELDS = ("text", "value", "value_max", "currency", "qualifier", "kind")
FIELD_LABELS = {
    "record_kind": "record kind",
    "donor": "donor",
    "recipient": "recipient",
    "year_start": "start year",
    "year_end": "end year",
    "title": "title",
    "sector": "sector",
    "n_projects": "number of projects",
    "beneficiaries_people": "beneficiaries (people)",
    "beneficiaries_households": "beneficiaries (households)",
    "jobs": "jobs",
    "notes": "notes",
}


class CommandContext(Protocol):
    """What commands need from the window."""

    curator: Curator

    def after_change(self, command: CurationCommand, verb: str) -> None: ...

    def command_failed(self, command: CurationCommand, verb: str, error: Exception) -> None: ...


def _quote(value: Any) -> str:
    if value is None or value == "":
        return "(empty)"
    text = str(getattr(value, "value", value))
    return f"“{text if len(text) <= 40 else text[:39] + '…'}”"


class CurationCommand(QUndoCommand):
    """Base: subclasses implement ``_first`` (the first application), ``_redo`` and ``_undo``."""

    def __init__(self, ctx: CommandContext, text: str, article_id: int, record_id: int | None) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.article_id = article_id
        self.record_id = record_id
        self.amount_id: int | None = None
        # the record the window should show after this command ran (None: the article only)
        self.focus_record: int | None = record_id
        self._applied_now = False

    @property
    def curator(self) -> Curator:
        return self.ctx.curator

    def apply(self) -> bool:
        """Make the change now (raises if the core refuses it); False when nothing changed."""
        changed = self._first()
        self._applied_now = changed
        return changed

    def redo(self) -> None:
        if self._applied_now:  # QUndoStack.push calls redo(); the change is already made
            self._applied_now = False
            self.ctx.after_change(self, "Saved")
            return
        self._run(self._redo, "Redone")

    def undo(self) -> None:
        self._run(self._undo, "Undone")

    def _run(self, step: Any, verb: str) -> None:
        try:
            step()
        except Exception as exc:  # the database changed under us; tell the curator
            self.ctx.command_failed(self, verb, exc)
            return
        self.ctx.after_change(self, verb)

    def _first(self) -> bool:
        self._redo()
        return True

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class SetFieldCommand(CurationCommand):
    def __init__(self, ctx: CommandContext, record: RecordView, field: str, value: Any) -> None:
        label = FIELD_LABELS.get(field, field)
        super().__init__(ctx, f"set {label} of record {record.id}", record.article_id, record.id)
        self.field = field
        self.value = value
        self.old = getattr(record, field)
        self.new: Any = None
        self.version = record.version
        # undoing a first change goes back to the extracted value (and unmarks the field)
        self.reset_on_undo = (
            record.origin == Origin.EXTRACTED
            and field in record.extracted
            and field not in record.curated_fields
        )

    def _first(self) -> bool:
        view = self.curator.update_record_field(
            self.record_id, self.field, self.value, expected_version=self.version
        )
        self.new = getattr(view, self.field)
        self.setText(
            f"set {FIELD_LABELS.get(self.field, self.field)} of record {self.record_id} to {_quote(self.new)}"
        )
        return view.version != self.version

    def _redo(self) -> None:
        self.curator.update_record_field(self.record_id, self.field, self.new)

    def _undo(self) -> None:
        if self.reset_on_undo:
            self.curator.reset_to_extracted(self.record_id, self.field)
        else:
            self.curator.update_record_field(self.record_id, self.field, self.old)


class SetStatusCommand(CurationCommand):
    def __init__(self, ctx: CommandContext, record: RecordView, status: RecordStatus | str) -> None:
        self.new = RecordStatus(status)
        verb = {RecordStatus.ACCEPTED: "accept", RecordStatus.REJECTED: "reject"}.get(self.new, "reopen")
        super().__init__(ctx, f"{verb} record {record.id}", record.article_id, record.id)
        self.old = record.status
        self.version = record.version

    def _first(self) -> bool:
        if self.old == self.new:
            return False
        self.curator.set_status(self.record_id, self.new, expected_version=self.version)
        return True

    def _redo(self) -> None:
        self.curator.set_status(self.record_id, self.new)

    def _undo(self) -> None:
        self.curator.set_status(self.record_id, self.old)


def restore_amount(curator: Curator, before: AmountView, after: AmountView | None) -> None:
    """Put an amount back to ``before``: fields that were extracted go back to the extracted value
    (and lose their "changed" mark); fields a person had set are set again."""
    changed = [
        name for name in AMOUNT_STATE_FIELDS if after is None or getattr(before, name) != getattr(after, name)
    ]
    reset = [n for n in changed if before.origin == Origin.EXTRACTED and n not in before.curated_fields]
    again = [n for n in changed if n not in reset]
    if again:
        kwargs: dict[str, Any] = {}
        if "text" in again or "value" in again:
            kwargs["text"] = before.text
        for name in ("currency", "qualifier", "kind"):
            if name in again or "text" in kwargs:
                kwargs[name] = getattr(before, name)
        if "value_max" in again or "text" in kwargs:
            kwargs["value_max"] = before.value_max
        curator.update_amount(before.id, **kwargs)
    for name in reset:
        curator.reset_amount_to_extracted(before.id, name)


def _amount_in(view: RecordView, amount_id: int) -> AmountView | None:
    return next((a for a in view.amounts if a.id == amount_id), None)


class UpdateAmountCommand(CurationCommand):
    def __init__(
        self, ctx: CommandContext, record: RecordView, amount: AmountView, changes: dict[str, Any], text: str
    ) -> None:
        super().__init__(ctx, text, record.article_id, record.id)
        self.amount_id = amount.id
        self.before = amount
        self.after: AmountView | None = None
        self.changes = changes
        self.version = record.version

    def _first(self) -> bool:
        view = self.curator.update_amount(self.before.id, **self.changes, expected_version=self.version)
        self.after = _amount_in(view, self.before.id)
        return view.version != self.version

    def _redo(self) -> None:
        self.curator.update_amount(self.before.id, **self.changes)

    def _undo(self) -> None:
        restore_amount(self.curator, self.before, self.after)


class ResetFieldCommand(CurationCommand):
    def __init__(self, ctx: CommandContext, record: RecordView, field: str) -> None:
        label = FIELD_LABELS.get(field, field)
        super().__init__(
            ctx, f"reset {label} of record {record.id} to the extracted value", record.article_id, record.id
        )
        self.field = field
        self.old = getattr(record, field)
        self.curated = field in record.curated_fields

    def _first(self) -> bool:
        if not self.curated:
            return False
        self._redo()
        return True

    def _redo(self) -> None:
        self.curator.reset_to_extracted(self.record_id, self.field)

    def _undo(self) -> None:
        self.curator.update_record_field(self.record_id, self.field, self.old)


class ResetRecordCommand(CurationCommand):
    """Every changed field and amount of a record back to the extractor's values."""

    def __init__(self, ctx: CommandContext, record: RecordView) -> None:
        super().__init__(
            ctx, f"reset record {record.id} to the extracted values", record.article_id, record.id
        )
        self.before = record
        self.fields = [f for f in record.curated_fields if f in record.extracted]
        self.amounts = [a for a in record.amounts if a.origin == Origin.EXTRACTED and a.curated_fields]
        self.after_amounts: dict[int, AmountView | None] = {}

    def _first(self) -> bool:
        if not self.fields and not self.amounts:
            return False
        self._redo()
        return True

    def _redo(self) -> None:
        view = None
        if self.fields:
            view = self.curator.reset_to_extracted(self.record_id)
        for amount in self.amounts:
            view = self.curator.reset_amount_to_extracted(amount.id)
            self.after_amounts[amount.id] = _amount_in(view, amount.id)

    def _undo(self) -> None:
        for name in self.fields:
            self.curator.update_record_field(self.record_id, name, getattr(self.before, name))
        for amount in self.amounts:
            restore_amount(self.curator, amount, self.after_amounts.get(amount.id))


class ResetAmountCommand(CurationCommand):
    def __init__(self, ctx: CommandContext, record: RecordView, amount: AmountView) -> None:
        super().__init__(
            ctx, f"reset amount {_quote(amount.text)} to the extracted value", record.article_id, record.id
        )
        self.amount_id = amount.id
        self.before = amount
        self.after: AmountView | None = None

    def _first(self) -> bool:
        if self.before.origin != Origin.EXTRACTED or not self.before.curated_fields:
            return False
        self._redo()
        return True

    def _redo(self) -> None:
        view = self.curator.reset_amount_to_extracted(self.before.id)
        self.after = _amount_in(view, self.before.id)

    def _undo(self) -> None:
        restore_amount(self.curator, self.before, self.after)


class CreateRecordCommand(CurationCommand):
    def __init__(
        self,
        ctx: CommandContext,
        article_id: int,
        *,
        fields: dict[str, Any] | None = None,
        evidence: Sequence[tuple[str, int, int]] = (),
        amounts: Sequence[str] = (),
        text: str = "new record",
    ) -> None:
        super().__init__(ctx, text, article_id, None)
        self.fields = dict(fields or {})
        self.evidence = list(evidence)
        self.amounts = list(amounts)
        self.snapshot: RecordSnapshot | None = None

    def _first(self) -> bool:
        self.record_id = self.curator.create_record(
            self.article_id, self.fields, self.evidence, amounts=self.amounts
        )
        self.focus_record = self.record_id
        self.setText(f"{self.text()} (record {self.record_id})")
        return True

    def _redo(self) -> None:
        assert self.snapshot is not None
        self.curator.restore_record(self.snapshot)
        self.focus_record = self.record_id

    def _undo(self) -> None:
        assert self.record_id is not None
        self.snapshot = self.curator.delete_record(self.record_id)
        self.focus_record = None


class DeleteRecordCommand(CurationCommand):
    def __init__(self, ctx: CommandContext, record: RecordView) -> None:
        super().__init__(ctx, f"delete record {record.id}", record.article_id, record.id)
        self.snapshot: RecordSnapshot | None = None

    def _redo(self) -> None:
        assert self.record_id is not None
        self.snapshot = self.curator.delete_record(self.record_id)
        self.focus_record = None

    def _undo(self) -> None:
        assert self.snapshot is not None
        self.curator.restore_record(self.snapshot)
        self.focus_record = self.record_id


class AddAmountCommand(CurationCommand):
    def __init__(
        self, ctx: CommandContext, record: RecordView, text: str, span: tuple[int, int] | None = None
    ) -> None:
        super().__init__(
            ctx, f"add amount {_quote(text)} to record {record.id}", record.article_id, record.id
        )
        self.text_typed = text
        self.span = span
        self.version = record.version
        self.removed: AmountView | None = None

    def _first(self) -> bool:
        self.amount_id = self.curator.add_amount(
            self.record_id, self.text_typed, span=self.span, expected_version=self.version
        )
        return True

    def _redo(self) -> None:
        assert self.removed is not None
        self.curator.restore_amount(self.removed)

    def _undo(self) -> None:
        assert self.amount_id is not None
        self.removed = self.curator.delete_amount(self.amount_id)


class DeleteAmountCommand(CurationCommand):
    def __init__(self, ctx: CommandContext, record: RecordView, amount: AmountView) -> None:
        super().__init__(
            ctx, f"delete amount {_quote(amount.text)} of record {record.id}", record.article_id, record.id
        )
        self.amount_id = amount.id
        self.removed: AmountView | None = None

    def _redo(self) -> None:
        assert self.amount_id is not None
        self.removed = self.curator.delete_amount(self.amount_id)

    def _undo(self) -> None:
        assert self.removed is not None
        self.curator.restore_amount(self.removed)


class EvidenceCommand(CurationCommand):
    def __init__(
        self, ctx: CommandContext, record: RecordView, field: str, spans: Sequence[tuple[int, int]]
    ) -> None:
        super().__init__(
            ctx,
            f"set evidence for {FIELD_LABELS.get(field, field)} of record {record.id}",
            record.article_id,
            record.id,
        )
        self.field = field
        self.new = [tuple(s) for s in spans]
        self.old = [(ev.start, ev.end) for ev in record.evidence_for(field)]

    def _first(self) -> bool:
        if sorted(self.old) == sorted(self.new):
            return False
        self._redo()
        return True

    def _redo(self) -> None:
        self.curator.replace_evidence(self.record_id, self.field, self.new)

    def _undo(self) -> None:
        self.curator.replace_evidence(self.record_id, self.field, self.old)


class MacroCommand(CurationCommand):
    """Several commands that undo and redo as one (e.g. a value and its evidence)."""

    def __init__(self, ctx: CommandContext, text: str, parts: Sequence[CurationCommand]) -> None:
        first = parts[0]
        super().__init__(ctx, text, first.article_id, first.record_id)
        self.parts = list(parts)
        self.done: list[CurationCommand] = []

    def _first(self) -> bool:
        self.done = []
        try:
            for part in self.parts:
                if part.apply():
                    part._applied_now = False
                    self.done.append(part)
        except Exception:
            for part in reversed(self.done):
                part._undo()
            raise
        self.amount_id = next((p.amount_id for p in self.done if p.amount_id), None)
        return bool(self.done)

    def _redo(self) -> None:
        for part in self.done:
            part._redo()

    def _undo(self) -> None:
        for part in reversed(self.done):
            part._undo()
