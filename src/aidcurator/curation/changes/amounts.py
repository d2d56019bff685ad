"""Changes of a record's amounts: edit, reset, add, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aidcurator.curation.changes.base import AMOUNT_STATE_FIELDS, Change, _amount_in, quote
from aidcurator.domain import Origin
from aidcurator.domain.views import AmountView, RecordView

if TYPE_CHECKING:
    from aidcurator.curation import Curator


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
        self.old_evidence = [(e.field, e.start, e.end, str(e.origin)) for e in record.evidence_for("amount")]

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
        self._seen(
            curator,
            curator.restore_field_evidence(
                self.record_id, "amount", self.old_evidence, expected_version=self._version(curator)
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
