"""Changing a record: its fields, its status, its article's review state, back to extracted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aidcurator.curation import field_evidence
from aidcurator.curation.history import change, mark_curated, touch
from aidcurator.curation.names import canonical_value
from aidcurator.curation.project_sync import sync_record_project
from aidcurator.curation.review import KEEP, ReviewMixin, clean_reason
from aidcurator.curation.validation import (
    check_record_years,
    coerce_enum,
    coerce_field_value,
    decode_stored,
)
from aidcurator.domain import Origin, RecordStatus
from aidcurator.domain.fields import MACHINE_FIELDS, RECORD_FIELD
from aidcurator.domain.views import RecordView
from aidcurator.store import Session, write_session
from aidcurator.store import repository as repo


class RecordsMixin(ReviewMixin):
    """Record field and status use cases."""

    def update_record_field(
        self,
        record_id: int,
        field: str,
        value: Any,
        *,
        expected_version: int | None = None,
        actor: str | None = None,
        evidence: Sequence[tuple[int, int]] | None = None,
    ) -> RecordView:
        """Set one record field (typed text such as ``"1,200"`` is accepted for numbers).

        Bumps the version, marks the field as curated and writes an Edit. Nothing is written when
        the value does not fit the field (``ValueError``) or the version is stale (``ConflictError``).
        An unchanged value writes nothing and returns the record as it is.

        Donor and recipient are stored as the gazetteer's canonical name with their code, a sector
        as its code (:func:`~aidcurator.curation.names.canonical_value`). Evidence follows the
        value: a typed change drops the field's old quotes; ``evidence`` spans (from "Use as")
        replace them.
        """
        new, codes = canonical_value(field, coerce_field_value(field, value))
        who = self._who(actor)
        with write_session(self.engine) as session:
            record = self._load_for_change(session, record_id, expected_version)
            if field == "parent_id" and new is not None:
                self._check_parent(session, record, new)
            check_record_years(record, {field: new})
            # evidence first: its flush then leaves the record row alone (one version step in all)
            if evidence is not None:
                rows = [(field, int(s), int(e), Origin.MANUAL.value) for s, e in evidence]
                names = RECORD_FIELD[field].evidence
                changed = field_evidence.replace(session, record, names, rows, field, who)
            elif getattr(record, field) != new:
                stale = field_evidence.stale_names(field, record.curated_fields or [])
                changed = field_evidence.drop(session, record, stale, field, who)
            else:
                changed = False
            changed = change(session, record, field, new, actor=who) or changed
            for code_field, code in codes.items():
                changed = change(session, record, code_field, code, actor=who) or changed
                if field in (record.curated_fields or []):
                    mark_curated(record, code_field)
            if changed:
                touch(record)
            sync_record_project(self, session, record_id, [field, *codes])
            return self._view(session, record_id)

    @staticmethod
    def _check_parent(session: Session, record: Any, parent_id: int) -> None:
        if parent_id == record.id:
            raise ValueError("a record cannot be its own parent")
        parent = repo.load_record(session, record_id=parent_id)
        if parent.article_id != record.article_id:
            raise ValueError(f"record {parent_id} belongs to another article")
        seen = {record.id}
        while parent is not None and parent.parent_id is not None:
            if parent.parent_id in seen:
                raise ValueError("that parent would make a cycle of records")
            seen.add(parent.id)
            parent = repo.find_record_row(session, record_id=parent.parent_id)

    def set_status(
        self,
        record_id: int,
        status: RecordStatus | str,
        *,
        reason: str | None = KEEP,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> RecordView:
        """Accept, reject, mark unsure or reset a record to pending; moves its article's review
        state along.

        ``reason`` (rejected or unsure records) sets ``reject_reason``; left out, the reason is
        kept. Accepting or going back to pending clears it.
        """
        new = coerce_enum(RecordStatus, status, "status")
        who = self._who(actor)
        with write_session(self.engine) as session:
            record = self._load_for_change(session, record_id, expected_version)
            if new in (RecordStatus.ACCEPTED, RecordStatus.PENDING):
                note = None
            else:
                note = record.reject_reason if reason is KEEP else clean_reason(reason)
            moved = change(session, record, "status", new, actor=who, action="status", mark="keep")
            noted = change(session, record, "reject_reason", note, actor=who, action="status", mark="keep")
            if moved or noted:
                touch(record)
                session.flush()
            if moved:
                self._refresh_review_state(session, record.article_id, who, started=True)
            return self._view(session, record_id)

    def accept(self, record_id: int, **kwargs: Any) -> RecordView:
        return self.set_status(record_id, RecordStatus.ACCEPTED, **kwargs)

    def reject(self, record_id: int, **kwargs: Any) -> RecordView:
        return self.set_status(record_id, RecordStatus.REJECTED, **kwargs)

    def mark_unsure(self, record_id: int, **kwargs: Any) -> RecordView:
        """A record that needs a second look (``reason`` optional)."""
        return self.set_status(record_id, RecordStatus.UNSURE, **kwargs)

    def reset_to_extracted(
        self,
        record_id: int,
        field: str | None = None,
        *,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> RecordView:
        """Put one field (or every curated field) back to the extractor's value."""
        with write_session(self.engine) as session:
            record = self._load_for_change(session, record_id, expected_version)
            if record.origin == Origin.MANUAL:
                raise ValueError(f"record {record_id} was made by hand; it has no extracted values")
            extracted = record.extracted or {}
            if field is None:
                names = [n for n in (record.curated_fields or []) if n in MACHINE_FIELDS]
            elif field in MACHINE_FIELDS:
                code_field = RECORD_FIELD[field].code_field
                names = [field] if code_field is None else [field, code_field]
            else:
                raise ValueError(f"{field!r} has no extracted value to go back to")
            who = self._who(actor)
            values = {name: decode_stored(RECORD_FIELD[name], extracted.get(name)) for name in names}
            check_record_years(record, values)
            for name, new in values.items():
                change(session, record, name, new, actor=who, action="reset", mark="uncurated")
            if names:
                touch(record)
            sync_record_project(self, session, record_id, names)
            return self._view(session, record_id)
