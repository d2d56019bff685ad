"""Undo commands: each curator action is one ``QUndoCommand`` wrapping a :mod:`aidcurator.curation.changes` change.

A command is applied once with :meth:`CurationCommand.apply` *before* it is pushed, so a value the
core refuses (``ValueError``, ``AmountParseError``, ``ConflictError``) raises to the caller, is
shown beside its field and never reaches the undo stack. Redo and undo call the change again;
each step checks the record's version, so undoing after someone else changed the record reports
a conflict instead of overwriting their change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QUndoCommand

from aidcurator.curation import changes
from aidcurator.domain import RecordStatus
from aidcurator.domain.fields import RECORD_FIELDS

#: Record field → its label in undo texts and messages (from the field table).
FIELD_LABELS = {spec.name: spec.label.lower() for spec in RECORD_FIELDS}

if TYPE_CHECKING:
    from aidcurator.curation import Curator
    from aidcurator.domain.views import AmountView, RecordView


class CommandContext(Protocol):
    """What commands need from the window."""

    curator: Curator

    def after_change(self, command: CurationCommand, verb: str) -> None: ...

    def command_failed(self, command: CurationCommand, verb: str, error: Exception) -> None: ...


class CurationCommand(QUndoCommand):
    """One change on the undo stack."""

    def __init__(self, ctx: CommandContext, change: changes.Change) -> None:
        super().__init__(change.text)
        self.ctx = ctx
        self.change = change
        self._applied_now = False

    # the window reads these to know what to show after a step
    @property
    def article_id(self) -> int:
        return self.change.article_id

    @property
    def record_id(self) -> int | None:
        return self.change.record_id

    @property
    def amount_id(self) -> int | None:
        return self.change.amount_id

    @property
    def focus_record(self) -> int | None:
        return self.change.focus_record

    @property
    def view(self) -> RecordView | None:
        """The record as the last step left it (None when it was deleted or not read)."""
        return self.change.view

    @property
    def curator(self) -> Curator:
        return self.ctx.curator

    def apply(self) -> bool:
        """Make the change now (raises if the core refuses it); False when nothing changed."""
        changed = self.change.apply(self.curator)
        self.setText(self.change.text)
        self._applied_now = changed
        return changed

    def redo(self) -> None:
        if self._applied_now:  # QUndoStack.push calls redo(); the change is already made
            self._applied_now = False
            self.ctx.after_change(self, "Saved")
            return
        self._run(self.change.redo, "Redone")

    def undo(self) -> None:
        self._run(self.change.undo, "Undone")

    def _run(self, step: Any, verb: str) -> None:
        try:
            step(self.curator)
        except Exception as exc:  # the database changed under us; tell the curator
            self.ctx.command_failed(self, verb, exc)
            return
        self.ctx.after_change(self, verb)


class SetFieldCommand(CurationCommand):
    def __init__(
        self,
        ctx: CommandContext,
        record: RecordView,
        field: str,
        value: Any,
        spans: Sequence[tuple[int, int]] | None = None,
    ) -> None:
        super().__init__(ctx, changes.SetField(record, field, value, spans))


class SetStatusCommand(CurationCommand):
    def __init__(self, ctx: CommandContext, record: RecordView, status: RecordStatus | str) -> None:
        super().__init__(ctx, changes.SetStatus(record, status))


class UpdateAmountCommand(CurationCommand):
    def __init__(
        self, ctx: CommandContext, record: RecordView, amount: AmountView, changes_: dict[str, Any], text: str
    ) -> None:
        super().__init__(ctx, changes.UpdateAmount(record, amount, changes_, text))


class ResetFieldCommand(CurationCommand):
    def __init__(self, ctx: CommandContext, record: RecordView, field: str) -> None:
        super().__init__(ctx, changes.ResetField(record, field))


class ResetRecordCommand(CurationCommand):
    def __init__(self, ctx: CommandContext, record: RecordView) -> None:
        super().__init__(ctx, changes.ResetRecord(record))


class ResetAmountCommand(CurationCommand):
    def __init__(self, ctx: CommandContext, record: RecordView, amount: AmountView) -> None:
        super().__init__(ctx, changes.ResetAmount(record, amount))


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
        super().__init__(
            ctx,
            changes.CreateRecord(article_id, fields=fields, evidence=evidence, amounts=amounts, text=text),
        )


class DeleteRecordCommand(CurationCommand):
    def __init__(self, ctx: CommandContext, record: RecordView) -> None:
        super().__init__(ctx, changes.DeleteRecord(record))


class AddAmountCommand(CurationCommand):
    def __init__(
        self, ctx: CommandContext, record: RecordView, text: str, span: tuple[int, int] | None = None
    ) -> None:
        super().__init__(ctx, changes.AddAmount(record, text, span))


class DeleteAmountCommand(CurationCommand):
    def __init__(self, ctx: CommandContext, record: RecordView, amount: AmountView) -> None:
        super().__init__(ctx, changes.DeleteAmount(record, amount))


class EvidenceCommand(CurationCommand):
    def __init__(
        self, ctx: CommandContext, record: RecordView, field: str, spans: Sequence[tuple[int, int]]
    ) -> None:
        super().__init__(ctx, changes.SetEvidence(record, field, spans))


class MacroCommand(CurationCommand):
    """Several commands that undo and redo as one (e.g. a value and its evidence)."""

    def __init__(self, ctx: CommandContext, text: str, parts: Sequence[CurationCommand]) -> None:
        super().__init__(ctx, changes.Macro(text, [part.change for part in parts]))


class RestoredCommand(CurationCommand):
    """A change of an earlier session put back on the undo stack (pushing it changes nothing)."""

    def __init__(self, ctx: CommandContext, change: changes.RestoredChange) -> None:
        super().__init__(ctx, change)
        self._loading = True

    def redo(self) -> None:
        if self._loading:
            self._loading = False
            return
        super().redo()


def restore_undo_stack(ctx: CommandContext, stack: Any) -> int:
    """Put the actor's last changes of earlier sessions on ``stack`` (oldest at the bottom)."""
    restored = changes.restored_changes(ctx.curator)
    for change in reversed(restored):
        stack.push(RestoredCommand(ctx, change))
    stack.setClean()
    return len(restored)
