"""Records made and removed by hand, and the evidence that ties a field to the text."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from aidcurator.curation import field_evidence
from aidcurator.curation.amounts import AmountsMixin
from aidcurator.curation.history import touch
from aidcurator.curation.names import canonical_value
from aidcurator.curation.project_sync import project_of_record, rejoin_project, sync_project
from aidcurator.curation.records import RecordsMixin
from aidcurator.curation.validation import check_record_years, coerce_field_value, evidence_name
from aidcurator.domain import UNKNOWN_CURRENCY, Origin
from aidcurator.domain.fields import RECORD_FIELD
from aidcurator.domain.views import RecordSnapshot, RecordView
from aidcurator.store import repository as repo
from aidcurator.store import write_session


def _record_values(snapshot: RecordSnapshot) -> dict[str, Any]:
    return {k: v for k, v in snapshot.record.items() if k in RECORD_FIELD or k == "status"}


class LifecycleMixin(RecordsMixin, AmountsMixin):
    """Create, delete and restore records; set evidence."""

    def create_record(
        self,
        article_id: int,
        fields: Mapping[str, Any] | None = None,
        evidence: Iterable[tuple[str, int, int]] = (),
        *,
        amounts: Iterable[str] = (),
        actor: str | None = None,
    ) -> int:
        """A record made by hand (origin manual, status pending); returns its id.

        ``amounts`` are amount texts such as ``"3.5亿元"``; ``evidence`` are ``(field, start, end)``.
        Everything is checked before anything is written.
        """
        values: dict[str, Any] = {}
        for name, value in (fields or {}).items():
            values[name], codes = canonical_value(name, coerce_field_value(name, value))
            values.update(codes)
        check_record_years(None, values)
        parsed_amounts = [self._amount_changes(text=text) for text in amounts]
        spans = [(evidence_name(name), start, end) for name, start, end in evidence]
        who = self._who(actor)
        with write_session(self.engine) as session:
            article = repo.load_article(session, article_id=article_id)
            parent_id = values.pop("parent_id", None)
            record = repo.add_manual_record(session, article_id=article_id, values=values)
            assert record.id is not None
            if parent_id is not None:
                self._check_parent(session, record, parent_id)
                record.parent_id = parent_id
            for changes in parsed_amounts:
                changes["currency"] = changes.pop("_text_currency", UNKNOWN_CURRENCY)
                repo.add_manual_amount(session, record_id=record.id, start=None, end=None, values=changes)
            for name, start, end in spans:
                repo.add_evidence(
                    session,
                    record_id=record.id,
                    field=name,
                    start=start,
                    end=end,
                    text=article.text,
                    origin=Origin.MANUAL,
                )
            repo.add_edit(
                session,
                action="create",
                actor=who,
                record_id=record.id,
                article_id=article_id,
                new_value={**values, **({"parent_id": parent_id} if parent_id is not None else {})},
            )
            session.flush()
            self._refresh_review_state(session, article_id, who, started=False)
            return record.id

    def delete_record(
        self, record_id: int, *, expected_version: int | None = None, actor: str | None = None
    ) -> RecordSnapshot:
        """Delete a record with its amounts and evidence; the snapshot lets :meth:`restore_record`
        recreate it exactly (same ids, links)."""
        who = self._who(actor)
        with write_session(self.engine) as session:
            self._load_for_change(session, record_id, expected_version)
            snapshot = repo.snapshot_record(session, record_id=record_id)
            article_id = int(snapshot.record["article_id"])
            project_id = project_of_record(session, record_id)
            snapshot = dataclasses.replace(snapshot, project_id=project_id)
            repo.delete_record_row(session, record_id=record_id)
            sync_project(self, session, project_id)  # its membership went with it
            repo.add_edit(
                session,
                action="delete",
                actor=who,
                record_id=record_id,
                article_id=article_id,
                old_value=_record_values(snapshot),
            )
            self._refresh_review_state(session, article_id, who, started=False)
            return snapshot

    def restore_record(self, snapshot: RecordSnapshot, *, actor: str | None = None) -> RecordView:
        """Put back a record removed by :meth:`delete_record`, with its old ids and links."""
        who = self._who(actor)
        with write_session(self.engine) as session:
            record_id = repo.restore_snapshot(session, snapshot=snapshot)
            article_id = int(snapshot.record["article_id"])
            repo.add_edit(
                session,
                action="restore",
                actor=who,
                record_id=record_id,
                article_id=article_id,
                new_value=_record_values(snapshot),
            )
            self._refresh_review_state(session, article_id, who, started=False)
            rejoin_project(self, session, record_id, snapshot.project_id)
            return self._view(session, record_id)

    def restore_field_evidence(
        self,
        record_id: int,
        field: str,
        rows: Sequence[field_evidence.EvidenceRow],
        *,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> RecordView:
        """Put back the evidence of ``field`` exactly as it was (spans and origins; for undo)."""
        with write_session(self.engine) as session:
            record = self._load_for_change(session, record_id, expected_version)
            names = RECORD_FIELD[field].evidence if field in RECORD_FIELD else (field,)
            if field_evidence.replace(session, record, names, rows, field, self._who(actor)):
                touch(record)
            return self._view(session, record_id)

    def set_evidence(
        self, record_id: int, field: str, start: int, end: int, *, actor: str | None = None
    ) -> RecordView:
        """Make ``[start, end)`` of the article the (only) evidence for ``field``."""
        return self.replace_evidence(record_id, field, [(start, end)], actor=actor)

    def replace_evidence(
        self,
        record_id: int,
        field: str,
        spans: Sequence[tuple[int, int]],
        *,
        expected_version: int | None = None,
        actor: str | None = None,
    ) -> RecordView:
        """Replace all evidence for ``field`` by ``spans`` (an empty list clears it)."""
        with write_session(self.engine) as session:
            record = self._load_for_change(session, record_id, expected_version)
            current = repo.load_evidence(session, record_ids=[record_id]).get(record_id, [])
            if field not in {ev.field for ev in current}:
                evidence_name(field)
            article = repo.load_article(session, article_id=record.article_id)
            old = [[ev.start, ev.end] for ev in current if ev.field == field]
            new = [[int(s), int(e)] for s, e in spans]
            if sorted(old) == sorted(new):
                return self._view(session, record_id)
            for ev in current:
                if ev.field == field:
                    repo.delete_row(session, ev)
            session.flush()
            for start, end in new:
                repo.add_evidence(
                    session,
                    record_id=record_id,
                    field=field,
                    start=start,
                    end=end,
                    text=article.text,
                    origin=Origin.MANUAL,
                )
            touch(record)
            repo.add_edit(
                session,
                action="evidence",
                actor=self._who(actor),
                record_id=record_id,
                article_id=record.article_id,
                field=field,
                old_value=old,
                new_value=new,
            )
            return self._view(session, record_id)
