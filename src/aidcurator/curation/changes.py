"""Undoable changes: what one curator action did, and how to undo and redo it. No Qt.

A change is applied once with :meth:`Change.apply`; then :meth:`Change.undo` and
:meth:`Change.redo` alternate. Each step goes through the :class:`~aidcurator.curation.Curator`
(so each writes its own ``Edit``) and carries the record version the change left behind: when
another window, process or the command line changed the record in between, the step raises
:class:`~aidcurator.curation.history.ConflictError` and writes nothing, so neither change is lost.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aidcurator.domain import Origin, RecordStatus
from aidcurator.domain.fields import label
from aidcurator.domain.views import AmountView, RecordSnapshot, RecordView

if TYPE_CHECKING:
    from aidcurator.curation import Curator

#: Amount fields whose earlier state undo puts back.
AMOUNT_STATE_FIELDS = ("text", "value", "value_max", "currency", "qualifier", "kind")


def quote(value: Any) -> str:
    """A short quoted rendering of a value for undo-menu texts."""
    if value is None or value == "":
        return "(empty)"
    text = str(getattr(value, "value", value))
    return f"“{text if len(text) <= 40 else text[:39] + '…'}”"


def _amount_in(view: RecordView, amount_id: int) -> AmountView | None:
    return next((a for a in view.amounts if a.id == amount_id), None)


class Change:
    """Base: subclasses implement ``_first`` (the first application), ``_redo`` and ``_undo``.

    ``expected`` is the record version the person saw when they acted. The versions that later
    steps expect are kept in the curator's ``change_versions`` book (record id → the version this
    curator's own changes left), shared by every change of one window: undoing an older change
    after a newer one was undone still matches, while a change made elsewhere does not.
    """

    def __init__(self, text: str, article_id: int, record_id: int | None, version: int | None = None) -> None:
        self.text = text
        self.article_id = article_id
        self.record_id = record_id
        self.amount_id: int | None = None
        self.focus_record: int | None = record_id  # the record to show after a step (None: the article)
        self.expected = version
        self.view: RecordView | None = None  # the record as the last step left it

    def apply(self, curator: Curator) -> bool:
        """Make the change now (raises if the core refuses it); False when nothing changed."""
        if self.record_id is not None and self.expected is not None:
            curator.change_versions[self.record_id] = self.expected  # what the person acted on
        return self._first(curator)

    def redo(self, curator: Curator) -> None:
        self._redo(curator)

    def undo(self, curator: Curator) -> None:
        self._undo(curator)

    def _version(self, curator: Curator) -> int | None:
        if self.record_id is None:
            return self.expected
        return curator.change_versions.get(self.record_id, self.expected)

    def _seen(self, curator: Curator, view: RecordView) -> RecordView:
        self.view = view
        curator.change_versions[view.id] = view.version
        return view

    def _refresh(self, curator: Curator) -> None:
        assert self.record_id is not None
        self._seen(curator, curator.record(self.record_id))

    def _first(self, curator: Curator) -> bool:
        self._redo(curator)
        return True

    def _redo(self, curator: Curator) -> None:
        raise NotImplementedError

    def _undo(self, curator: Curator) -> None:
        raise NotImplementedError


class SetField(Change):
    def __init__(self, record: RecordView, field: str, value: Any) -> None:
        super().__init__(
            f"set {label(field)} of record {record.id}", record.article_id, record.id, record.version
        )
        self.field = field
        self.value = value
        self.old = getattr(record, field)
        self.new: Any = None
        # undoing a first change goes back to the extracted value (and unmarks the field)
        self.reset_on_undo = (
            record.origin == Origin.EXTRACTED
            and field in record.extracted
            and field not in record.curated_fields
        )

    def _first(self, curator: Curator) -> bool:
        before = self._version(curator)
        view = self._seen(
            curator,
            curator.update_record_field(
                self.record_id, self.field, self.value, expected_version=self._version(curator)
            ),
        )
        self.new = getattr(view, self.field)
        self.text = f"set {label(self.field)} of record {self.record_id} to {quote(self.new)}"
        return view.version != before

    def _redo(self, curator: Curator) -> None:
        self._seen(
            curator,
            curator.update_record_field(
                self.record_id, self.field, self.new, expected_version=self._version(curator)
            ),
        )

    def _undo(self, curator: Curator) -> None:
        if self.reset_on_undo:
            self._seen(
                curator,
                curator.reset_to_extracted(
                    self.record_id, self.field, expected_version=self._version(curator)
                ),
            )
        else:
            self._seen(
                curator,
                curator.update_record_field(
                    self.record_id, self.field, self.old, expected_version=self._version(curator)
                ),
            )


class SetStatus(Change):
    def __init__(self, record: RecordView, status: RecordStatus | str) -> None:
        self.new = RecordStatus(status)
        verb = {RecordStatus.ACCEPTED: "accept", RecordStatus.REJECTED: "reject"}.get(self.new, "reopen")
        super().__init__(f"{verb} record {record.id}", record.article_id, record.id, record.version)
        self.old = record.status

    def _first(self, curator: Curator) -> bool:
        if self.old == self.new:
            return False
        self._redo(curator)
        return True

    def _redo(self, curator: Curator) -> None:
        self._seen(
            curator, curator.set_status(self.record_id, self.new, expected_version=self._version(curator))
        )

    def _undo(self, curator: Curator) -> None:
        self._seen(
            curator, curator.set_status(self.record_id, self.old, expected_version=self._version(curator))
        )


def restore_amount(
    curator: Curator, before: AmountView, after: AmountView | None, *, expected_version: int | None = None
) -> RecordView:
    """Put an amount back to ``before``: fields that were extracted go back to the extracted value
    (and lose their "changed" mark); fields a person had set are set again. Returns the record."""
    changed = [
        name for name in AMOUNT_STATE_FIELDS if after is None or getattr(before, name) != getattr(after, name)
    ]
    reset = [n for n in changed if before.origin == Origin.EXTRACTED and n not in before.curated_fields]
    again = [n for n in changed if n not in reset]
    version = expected_version
    view: RecordView | None = None
    if again:
        kwargs: dict[str, Any] = {}
        if "text" in again or "value" in again:
            kwargs["text"] = before.text
            kwargs["value"] = before.value
        for name in ("currency", "qualifier", "kind"):
            if name in again or "text" in kwargs:
                kwargs[name] = getattr(before, name)
        if "value_max" in again or "text" in kwargs:
            kwargs["value_max"] = before.value_max
        view = curator.update_amount(before.id, **kwargs, expected_version=version)
        version = view.version
    for name in reset:
        view = curator.reset_amount_to_extracted(before.id, name, expected_version=version)
        version = view.version
    return view if view is not None else curator.record(before.record_id)


class UpdateAmount(Change):
    def __init__(self, record: RecordView, amount: AmountView, changes: dict[str, Any], text: str) -> None:
        super().__init__(text, record.article_id, record.id, record.version)
        self.amount_id = amount.id
        self.before = amount
        self.after: AmountView | None = None
        self.changes = changes

    def _first(self, curator: Curator) -> bool:
        before = self._version(curator)
        view = self._seen(
            curator,
            curator.update_amount(self.before.id, **self.changes, expected_version=self._version(curator)),
        )
        self.after = _amount_in(view, self.before.id)
        return view.version != before

    def _redo(self, curator: Curator) -> None:
        self._seen(
            curator,
            curator.update_amount(self.before.id, **self.changes, expected_version=self._version(curator)),
        )

    def _undo(self, curator: Curator) -> None:
        self._seen(
            curator, restore_amount(curator, self.before, self.after, expected_version=self._version(curator))
        )


class ResetField(Change):
    def __init__(self, record: RecordView, field: str) -> None:
        super().__init__(
            f"reset {label(field)} of record {record.id} to the extracted value",
            record.article_id,
            record.id,
            record.version,
        )
        self.field = field
        self.old = getattr(record, field)
        self.curated = field in record.curated_fields

    def _first(self, curator: Curator) -> bool:
        if not self.curated:
            return False
        self._redo(curator)
        return True

    def _redo(self, curator: Curator) -> None:
        self._seen(
            curator,
            curator.reset_to_extracted(self.record_id, self.field, expected_version=self._version(curator)),
        )

    def _undo(self, curator: Curator) -> None:
        self._seen(
            curator,
            curator.update_record_field(
                self.record_id, self.field, self.old, expected_version=self._version(curator)
            ),
        )


class ResetRecord(Change):
    """Every changed field and amount of a record back to the extractor's values."""

    def __init__(self, record: RecordView) -> None:
        super().__init__(
            f"reset record {record.id} to the extracted values", record.article_id, record.id, record.version
        )
        self.before = record
        self.fields = [f for f in record.curated_fields if f in record.extracted]
        self.amounts = [a for a in record.amounts if a.origin == Origin.EXTRACTED and a.curated_fields]
        self.after_amounts: dict[int, AmountView | None] = {}

    def _first(self, curator: Curator) -> bool:
        if not self.fields and not self.amounts:
            return False
        self._redo(curator)
        return True

    def _redo(self, curator: Curator) -> None:
        if self.fields:
            self._seen(
                curator, curator.reset_to_extracted(self.record_id, expected_version=self._version(curator))
            )
        for amount in self.amounts:
            view = self._seen(
                curator, curator.reset_amount_to_extracted(amount.id, expected_version=self._version(curator))
            )
            self.after_amounts[amount.id] = _amount_in(view, amount.id)

    def _undo(self, curator: Curator) -> None:
        for name in self.fields:
            self._seen(
                curator,
                curator.update_record_field(
                    self.record_id, name, getattr(self.before, name), expected_version=self._version(curator)
                ),
            )
        for amount in self.amounts:
            self._seen(
                curator,
                restore_amount(
                    curator,
                    amount,
                    self.after_amounts.get(amount.id),
                    expected_version=self._version(curator),
                ),
            )


class ResetAmount(Change):
    def __init__(self, record: RecordView, amount: AmountView) -> None:
        super().__init__(
            f"reset amount {quote(amount.text)} to the extracted value",
            record.article_id,
            record.id,
            record.version,
        )
        self.amount_id = amount.id
        self.before = amount
        self.after: AmountView | None = None

    def _first(self, curator: Curator) -> bool:
        if self.before.origin != Origin.EXTRACTED or not self.before.curated_fields:
            return False
        self._redo(curator)
        return True

    def _redo(self, curator: Curator) -> None:
        view = self._seen(
            curator,
            curator.reset_amount_to_extracted(self.before.id, expected_version=self._version(curator)),
        )
        self.after = _amount_in(view, self.before.id)

    def _undo(self, curator: Curator) -> None:
        self._seen(
            curator, restore_amount(curator, self.before, self.after, expected_version=self._version(curator))
        )


class CreateRecord(Change):
    def __init__(
        self,
        article_id: int,
        *,
        fields: dict[str, Any] | None = None,
        evidence: Sequence[tuple[str, int, int]] = (),
        amounts: Sequence[str] = (),
        text: str = "new record",
    ) -> None:
        super().__init__(text, article_id, None)
        self.fields = dict(fields or {})
        self.evidence = list(evidence)
        self.amounts = list(amounts)
        self.snapshot: RecordSnapshot | None = None

    def _first(self, curator: Curator) -> bool:
        self.record_id = curator.create_record(
            self.article_id, self.fields, self.evidence, amounts=self.amounts
        )
        self.focus_record = self.record_id
        self._refresh(curator)
        self.text = f"{self.text} (record {self.record_id})"
        return True

    def _redo(self, curator: Curator) -> None:
        assert self.snapshot is not None
        self._seen(curator, curator.restore_record(self.snapshot))
        self.focus_record = self.record_id

    def _undo(self, curator: Curator) -> None:
        assert self.record_id is not None
        self.snapshot = curator.delete_record(self.record_id, expected_version=self._version(curator))
        self.focus_record = None


class DeleteRecord(Change):
    def __init__(self, record: RecordView) -> None:
        super().__init__(f"delete record {record.id}", record.article_id, record.id, record.version)
        self.snapshot: RecordSnapshot | None = None

    def _redo(self, curator: Curator) -> None:
        assert self.record_id is not None
        self.snapshot = curator.delete_record(self.record_id, expected_version=self._version(curator))
        self.focus_record = None

    def _undo(self, curator: Curator) -> None:
        assert self.snapshot is not None
        self._seen(curator, curator.restore_record(self.snapshot))
        self.focus_record = self.record_id


class AddAmount(Change):
    def __init__(self, record: RecordView, text: str, span: tuple[int, int] | None = None) -> None:
        super().__init__(
            f"add amount {quote(text)} to record {record.id}", record.article_id, record.id, record.version
        )
        self.text_typed = text
        self.span = span
        self.removed: AmountView | None = None

    def _first(self, curator: Curator) -> bool:
        self.amount_id = curator.add_amount(
            self.record_id, self.text_typed, span=self.span, expected_version=self._version(curator)
        )
        self._refresh(curator)
        return True

    def _redo(self, curator: Curator) -> None:
        assert self.removed is not None
        curator.restore_amount(self.removed, expected_version=self._version(curator))
        self._refresh(curator)

    def _undo(self, curator: Curator) -> None:
        assert self.amount_id is not None
        self.removed = curator.delete_amount(self.amount_id, expected_version=self._version(curator))
        self._refresh(curator)


class DeleteAmount(Change):
    def __init__(self, record: RecordView, amount: AmountView) -> None:
        super().__init__(
            f"delete amount {quote(amount.text)} of record {record.id}",
            record.article_id,
            record.id,
            record.version,
        )
        self.amount_id = amount.id
        self.removed: AmountView | None = None

    def _redo(self, curator: Curator) -> None:
        assert self.amount_id is not None
        self.removed = curator.delete_amount(self.amount_id, expected_version=self._version(curator))
        self._refresh(curator)

    def _undo(self, curator: Curator) -> None:
        assert self.removed is not None
        curator.restore_amount(self.removed, expected_version=self._version(curator))
        self._refresh(curator)


class SetEvidence(Change):
    def __init__(self, record: RecordView, field: str, spans: Sequence[tuple[int, int]]) -> None:
        super().__init__(
            f"set evidence for {label(field)} of record {record.id}",
            record.article_id,
            record.id,
            record.version,
        )
        self.field = field
        self.new = [tuple(s) for s in spans]
        self.old = [(ev.start, ev.end) for ev in record.evidence_for(field)]

    def _first(self, curator: Curator) -> bool:
        if sorted(self.old) == sorted(self.new):
            return False
        self._redo(curator)
        return True

    def _redo(self, curator: Curator) -> None:
        self._seen(
            curator,
            curator.replace_evidence(
                self.record_id, self.field, self.new, expected_version=self._version(curator)
            ),
        )

    def _undo(self, curator: Curator) -> None:
        self._seen(
            curator,
            curator.replace_evidence(
                self.record_id, self.field, self.old, expected_version=self._version(curator)
            ),
        )


class Macro(Change):
    """Several changes of one record that undo and redo as one (e.g. a value and its evidence)."""

    def __init__(self, text: str, parts: Sequence[Change]) -> None:
        first = parts[0]
        super().__init__(text, first.article_id, first.record_id, first.expected)
        self.parts = list(parts)
        self.done: list[Change] = []

    def _took(self, part: Change) -> None:
        if part.view is not None:
            self.view = part.view

    def _first(self, curator: Curator) -> bool:
        self.done = []
        try:
            for part in self.parts:
                if part._first(curator):
                    self.done.append(part)
                self._took(part)
        except Exception:
            for part in reversed(self.done):
                part._undo(curator)
                self._took(part)
            raise
        self.amount_id = next((p.amount_id for p in self.done if p.amount_id), None)
        return bool(self.done)

    def _redo(self, curator: Curator) -> None:
        for part in self.done:
            part._redo(curator)
            self._took(part)

    def _undo(self, curator: Curator) -> None:
        for part in reversed(self.done):
            part._undo(curator)
            self._took(part)
