"""Running the extractor again over stored articles without losing anything a person did."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aidcurator.curation.base import Cancel, CuratorBase, Progress
from aidcurator.curation.history import touch
from aidcurator.curation.names import fill_candidate_codes
from aidcurator.curation.project_sync import projects_of_article, sync_project
from aidcurator.domain import CandidateRecord, Extraction, Origin, RecordStatus
from aidcurator.domain.fields import MACHINE_FIELDS
from aidcurator.domain.jsonvalues import jsonable
from aidcurator.domain.views import ArticleView
from aidcurator.store import Session, read_session, write_session
from aidcurator.store import repository as repo


@dataclass(slots=True)
class ReExtractReport:
    articles: int = 0
    records_added: int = 0
    records_refreshed: int = 0
    records_kept: int = 0
    records_removed: int = 0
    failures: list[tuple[int, str]] = field(default_factory=list)
    cancelled: bool = False


class ReExtractMixin(CuratorBase):
    """Re-extraction use case."""

    def re_extract(
        self,
        article_ids: Iterable[int] | None = None,
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        actor: str | None = None,
    ) -> ReExtractReport:
        """Run the extractor again (all articles when ``article_ids`` is None).

        Mentions are replaced. Records a person made or reviewed, and every curated field or
        amount, are kept as they are; untouched machine values are refreshed; new candidates are
        added; untouched pending machine records that no longer appear are removed.
        """
        if article_ids is None:
            with read_session(self.engine) as session:
                ids = repo.all_article_ids(session)
        else:
            ids = list(article_ids)
        report = ReExtractReport()
        who = self._who(actor)
        for index, article_id in enumerate(ids):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            if progress is not None:
                progress(index, len(ids), str(article_id))
            try:
                article = self.article(article_id)
                extraction = self._run_extractor(article.text, article.published)
                with write_session(self.engine) as session:
                    projects = projects_of_article(session, article_id)
                    self._re_extract_article(session, article, extraction, who, report)
                    for project_id in projects:  # refreshed values, records removed
                        sync_project(self, session, project_id)
            except Exception as exc:
                report.failures.append((article_id, f"{type(exc).__name__}: {exc}"))
                continue
            report.articles += 1
        if progress is not None and not report.cancelled:
            progress(len(ids), len(ids), "")
        return report

    def _re_extract_article(
        self,
        session: Session,
        article: ArticleView,
        extraction: Extraction,
        actor: str,
        report: ReExtractReport,
    ) -> None:
        text = article.text
        repo.replace_mentions(session, article_id=article.id, mentions=extraction.mentions)
        existing = repo.load_records_for_article(session, article_id=article.id)
        machine = [r for r in existing if r.origin == Origin.EXTRACTED]
        report.records_kept += len(existing) - len(machine)  # made by hand: never touched
        amounts_of = repo.load_amounts(session, record_ids=[r.id for r in machine if r.id is not None])
        candidates = extraction.records
        fill_candidate_codes(candidates)
        matched = _match_candidates(candidates, machine, amounts_of)

        records: list[Any] = [None] * len(candidates)
        amounts: list[list[Any]] = [[] for _ in candidates]
        refreshed: list[int] = []
        for index, candidate in enumerate(candidates):
            record = matched.get(index)
            if record is None:
                record, rows = repo.add_candidate_record(
                    session, article_id=article.id, text=text, candidate=candidate
                )
                records[index], amounts[index] = record, list(rows)
                refreshed.append(index)
                report.records_added += 1
                continue
            assert record.id is not None
            records[index] = record
            if record.status != RecordStatus.PENDING:
                stored = [a for a in amounts_of.get(record.id, []) if a.origin == Origin.EXTRACTED]
                amounts[index] = [_pick_amount(stored, ca.span) for ca in candidate.amounts]
                report.records_kept += 1
                continue
            amounts[index] = self._refresh_record(
                session, record, candidate, amounts_of.get(record.id, []), text, actor
            )
            refreshed.append(index)
            report.records_refreshed += 1
        session.flush()
        repo.link_candidates(candidates, records, amounts, only=refreshed)

        used = {r.id for r in records if r is not None}
        evidence_of = repo.load_evidence(
            session, record_ids=[r.id for r in machine if r.id not in used and r.id]
        )
        for record in machine:
            if record.id in used:
                continue
            untouched = (
                record.status == RecordStatus.PENDING
                and not record.curated_fields
                and all(
                    a.origin == Origin.EXTRACTED and not a.curated_fields
                    for a in amounts_of.get(record.id or 0, [])
                )
                and all(e.origin == Origin.EXTRACTED for e in evidence_of.get(record.id or 0, []))
            )
            if untouched:
                repo.add_edit(
                    session,
                    action="re_extract_remove",
                    actor=actor,
                    record_id=record.id,
                    article_id=article.id,
                    old_value={name: getattr(record, name) for name in MACHINE_FIELDS},
                )
                repo.delete_row(session, record)
                report.records_removed += 1
            else:
                report.records_kept += 1
        session.flush()

    def _refresh_record(
        self,
        session: Session,
        record: Any,
        candidate: CandidateRecord,
        current_amounts: list[Any],
        text: str,
        actor: str,
    ) -> list[Any]:
        """Refresh the untouched machine values of a pending record.

        Returns the stored amount for each of the candidate's amounts (None where a person's
        choice of amounts left one out).
        """
        assert record.id is not None
        curated = set(record.curated_fields or [])
        values = repo.candidate_values(candidate)
        changed = False

        def edit(field: str, old: Any, new: Any, amount_id: int | None = None) -> None:
            repo.add_edit(
                session,
                action="re_extract",
                actor=actor,
                record_id=record.id,
                amount_id=amount_id,
                article_id=record.article_id,
                field=field,
                old_value=old,
                new_value=new,
            )

        for name in MACHINE_FIELDS:
            if name in curated:
                continue
            old, new = getattr(record, name), values[name]
            if old != new:
                setattr(record, name, new)
                edit(name, old, new)
                changed = True
        extracted = jsonable(values)
        extracted[repo.KEY_FIELD] = repo.candidate_key(candidate)
        record.extracted = extracted
        record.flags = jsonable(dict(candidate.flags))

        # Pair candidate amounts with stored machine amounts by span (same, else overlapping).
        # When a person added or deleted amounts ("amounts" curated), the set is left alone.
        amounts_curated = "amounts" in curated
        free = [a for a in current_amounts if a.origin == Origin.EXTRACTED]
        paired: list[Any] = []
        for candidate_amount in candidate.amounts:
            span = candidate_amount.span
            repo.check_span(text, span.start, span.end, "amount span")
            row = _pick_amount(free, span)
            if row is not None:
                free.remove(row)
                new_values = repo.amount_values(candidate_amount)
                row_curated = set(row.curated_fields or [])
                for name, new in new_values.items():
                    old = getattr(row, name)
                    if name not in row_curated and old != new:
                        setattr(row, name, new)
                        edit(f"amount.{name}", old, new, row.id)
                        changed = True
                row.extracted = jsonable(new_values)
                row.start, row.end = span.start, span.end
            elif not amounts_curated:
                row = repo.add_candidate_amount(
                    session,
                    record_id=record.id,
                    position=repo.next_amount_position(session, record_id=record.id),
                    candidate_amount=candidate_amount,
                    text=text,
                )
                session.flush()
                edit("amount", None, row.text, row.id)
                changed = True
            paired.append(row)
        for row in free:
            if amounts_curated or row.curated_fields:
                continue
            edit("amount", row.text, None, row.id)
            repo.delete_row(session, row)
            changed = True

        evidence = repo.load_evidence(session, record_ids=[record.id]).get(record.id, [])
        old_spans = sorted(
            (e.field, e.start, e.end)
            for e in evidence
            if e.origin == Origin.EXTRACTED and e.field not in curated
        )
        new_spans = sorted(
            (name, span.start, span.end)
            for name, spans in candidate.evidence.items()
            if name not in curated
            for span in spans
        )
        if old_spans != new_spans:
            for e in evidence:
                if e.origin == Origin.EXTRACTED and e.field not in curated:
                    repo.delete_row(session, e)
            session.flush()
            for name, start, end in new_spans:
                repo.add_evidence(
                    session,
                    record_id=record.id,
                    field=name,
                    start=start,
                    end=end,
                    text=text,
                    origin=Origin.EXTRACTED,
                )
        if changed:
            touch(record)
        return paired

    # ------------------------------------------------------------------------------------- export


def _pick_amount(rows: Sequence[Any], span: Any) -> Any:
    """The row whose span equals ``span``, else the first that overlaps it."""
    for row in rows:
        if row.start == span.start and row.end == span.end:
            return row
    for row in rows:
        if row.start is not None and row.end is not None and row.start < span.end and span.start < row.end:
            return row
    return None


def _match_candidates(
    candidates: Sequence[CandidateRecord],
    machine: Sequence[Any],
    amounts_of: Mapping[int, Sequence[Any]],
) -> dict[int, Any]:
    """Pair new candidates with stored machine records: same key first, then overlapping anchor amount."""
    by_key: dict[str, Any] = {}
    for record in machine:
        key = (record.extracted or {}).get(repo.KEY_FIELD)
        if key and key not in by_key:
            by_key[key] = record
    matched: dict[int, Any] = {}
    used: set[int] = set()
    for index, candidate in enumerate(candidates):
        record = by_key.get(repo.candidate_key(candidate))
        if record is not None and record.id not in used:
            matched[index] = record
            used.add(record.id or 0)
    for index, candidate in enumerate(candidates):
        if index in matched or not candidate.amounts:
            continue
        span = candidate.amounts[0].span
        for record in machine:
            if record.id in used:
                continue
            anchors = [a for a in amounts_of.get(record.id or 0, []) if a.origin == Origin.EXTRACTED]
            anchor = anchors[0] if anchors else None
            if (
                anchor is not None
                and anchor.start is not None
                and anchor.end is not None
                and anchor.start < span.end
                and span.start < anchor.end
            ):
                matched[index] = record
                used.add(record.id or 0)
                break
    return matched
