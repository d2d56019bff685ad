"""Changes of a record: fields, status, reset, create, delete, evidence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aidcurator.curation import field_evidence
from aidcurator.curation.changes.amounts import restore_amount
from aidcurator.curation.changes.base import Change, _amount_in, quote
from aidcurator.curation.review import KEEP, clean_reason
from aidcurator.domain import Origin, RecordStatus
from aidcurator.domain.fields import RECORD_FIELD, label
from aidcurator.domain.views import AmountView, RecordSnapshot, RecordView

if TYPE_CHECKING:
    from aidcurator.curation import Curator


class SetField(Change):
    """A field set to a typed value (its old evidence goes) or, with ``spans``, to a value taken
    from the article (the spans become its evidence); undo puts value and evidence back."""

    def __init__(
        self, record: RecordView, field: str, value: Any, spans: Sequence[tuple[int, int]] | None = None
    ) -> None:
        super().__init__(
            f"set {label(field)} of record {record.id}", record.article_id, record.id, record.version
        )
        self.field = field
        self.value = value
        self.spans = [tuple(s) for s in spans] if spans is not None else None
        self.old = getattr(record, field)
        self.new: Any = None
        names = RECORD_FIELD[field].evidence if field in RECORD_FIELD else ()
        self.old_evidence = field_evidence.evidence_rows(record, names)
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
                self.record_id,
                self.field,
                self.value,
                expected_version=self._version(curator),
                evidence=self.spans,
            ),
        )
        self.new = getattr(view, self.field)
        self.text = f"set {label(self.field)} of record {self.record_id} to {quote(self.new)}"
        return view.version != before

    def _redo(self, curator: Curator) -> None:
        self._seen(
            curator,
            curator.update_record_field(
                self.record_id,
                self.field,
                self.new,
                expected_version=self._version(curator),
                evidence=self.spans,
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
        self._seen(
            curator,
            curator.restore_field_evidence(
                self.record_id, self.field, self.old_evidence, expected_version=self._version(curator)
            ),
        )


class SetStatus(Change):
    """Accept, reject, mark unsure or reopen a record; ``reason`` (rejected or unsure) is kept
    in ``reject_reason`` (``KEEP``: leave it as it is)."""

    def __init__(self, record: RecordView, status: RecordStatus | str, reason: str | None = KEEP) -> None:
        self.new = RecordStatus(status)
        verb = {
            RecordStatus.ACCEPTED: "accept",
            RecordStatus.REJECTED: "reject",
            RecordStatus.UNSURE: "mark unsure",
        }.get(self.new, "reopen")
        super().__init__(f"{verb} record {record.id}", record.article_id, record.id, record.version)
        self.old = record.status
        self.old_reason = record.reject_reason
        self.reason = reason

    def _first(self, curator: Curator) -> bool:
        if self.old == self.new and (self.reason is KEEP or clean_reason(self.reason) == self.old_reason):
            return False
        self._redo(curator)
        return True

    def _redo(self, curator: Curator) -> None:
        self._seen(
            curator,
            curator.set_status(
                self.record_id, self.new, reason=self.reason, expected_version=self._version(curator)
            ),
        )

    def _undo(self, curator: Curator) -> None:
        self._seen(
            curator,
            curator.set_status(
                self.record_id, self.old, reason=self.old_reason, expected_version=self._version(curator)
            ),
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
        self.old_evidence = field_evidence.evidence_rows(record, RECORD_FIELD[field].evidence)

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
        self._seen(
            curator,
            curator.restore_field_evidence(
                self.record_id, self.field, self.old_evidence, expected_version=self._version(curator)
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
            rows = field_evidence.evidence_rows(self.before, RECORD_FIELD[name].evidence)
            self._seen(
                curator,
                curator.restore_field_evidence(
                    self.record_id, name, rows, expected_version=self._version(curator)
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
