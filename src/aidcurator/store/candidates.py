"""Persisting the extractor's candidate records (identity, values, links between shares)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from aidcurator import domain
from aidcurator.domain import (
    AmountKind,
    CandidateRecord,
    Origin,
    Qualifier,
    RecordKind,
    RecordStatus,
)
from aidcurator.domain.fields import (
    MACHINE_FIELDS,
    RECORD_FIELDS,
)
from aidcurator.domain.jsonvalues import jsonable
from aidcurator.store.models import Amount, Record
from aidcurator.store.parties import add_candidate_parties
from aidcurator.store.records import (
    add_evidence,
    check_span,
)

KEY_FIELD = "_key"  # inside Record.extracted: identifies the candidate across re-extractions


def candidate_values(candidate: CandidateRecord) -> dict[str, Any]:
    """The machine field values of a candidate, as Python values."""
    values = {name: getattr(candidate, name) for name in MACHINE_FIELDS}
    for spec in RECORD_FIELDS:  # choice fields as their enum members (the extractor may give plain text)
        if spec.choices is not None and spec.name in values:
            raw = values[spec.name]
            values[spec.name] = spec.choices(raw) if raw is not None else spec.default
    values["record_kind"] = values["record_kind"] or RecordKind.PROJECT
    return values


def candidate_key(candidate: CandidateRecord) -> str:
    """A stable identity for a candidate across re-extractions: its anchor amount's span."""
    if candidate.amounts:
        span = candidate.amounts[0].span
        return f"amount:{span.start}-{span.end}"
    spans = sorted((f, s.start, s.end) for f, spans in candidate.evidence.items() for s in spans)
    if spans:
        return "evidence:" + ";".join(f"{f}@{a}-{b}" for f, a, b in spans)
    return "fields:" + json.dumps(jsonable(candidate_values(candidate)), sort_keys=True, ensure_ascii=False)


def amount_values(candidate_amount: domain.CandidateAmount) -> dict[str, Any]:
    return {
        "text": candidate_amount.text,
        "value": Decimal(candidate_amount.value),
        "value_max": Decimal(candidate_amount.value_max) if candidate_amount.value_max is not None else None,
        "currency": candidate_amount.currency or domain.UNKNOWN_CURRENCY,
        "qualifier": Qualifier(candidate_amount.qualifier),
        "kind": AmountKind(candidate_amount.kind),
        "period_start": candidate_amount.period_start,
        "period_end": candidate_amount.period_end,
    }


def add_candidate_amount(
    session: Session, *, record_id: int, position: int, candidate_amount: domain.CandidateAmount, text: str
) -> Amount:
    span = candidate_amount.span
    check_span(text, span.start, span.end, "amount span")
    values = amount_values(candidate_amount)
    amount = Amount(
        record_id=record_id,
        position=position,
        start=span.start,
        end=span.end,
        origin=Origin.EXTRACTED,
        extracted=jsonable(values),
        **values,
    )
    session.add(amount)
    return amount


def add_candidate_record(
    session: Session, *, article_id: int, text: str, candidate: CandidateRecord
) -> tuple[Record, list[Amount]]:
    """Store one candidate record with its amounts and evidence (links are set by ``link_candidates``)."""
    values = candidate_values(candidate)
    extracted = jsonable(values)
    extracted[KEY_FIELD] = candidate_key(candidate)
    record = Record(
        article_id=article_id,
        status=RecordStatus.PENDING,
        origin=Origin.EXTRACTED,
        extracted=extracted,
        flags=jsonable(dict(candidate.flags)),
        **values,
    )
    session.add(record)
    session.flush()
    assert record.id is not None
    amounts = [
        add_candidate_amount(session, record_id=record.id, position=pos, candidate_amount=ca, text=text)
        for pos, ca in enumerate(candidate.amounts)
    ]
    for field, spans in candidate.evidence.items():
        for span in spans:
            add_evidence(
                session,
                record_id=record.id,
                field=field,
                start=span.start,
                end=span.end,
                text=text,
                origin=Origin.EXTRACTED,
            )
    session.flush()
    add_candidate_parties(session, record_id=record.id, text=text, parties=candidate.parties)  # parties hook
    return record, amounts


def link_candidates(
    candidates: Sequence[CandidateRecord],
    records: Sequence[Record | None],
    amounts: Sequence[Sequence[Amount | None]],
    *,
    only: Iterable[int] | None = None,
) -> None:
    """Resolve ``parent_index`` and ``share_of`` (indexes into ``candidates``) into row ids.

    ``records[i]``/``amounts[i]`` are the rows stored for ``candidates[i]``; only the indexes in
    ``only`` (default: all) are changed, and never a link a person set (curated ``parent_id`` /
    ``share_of_id``). ``amounts[i]`` may hold None for an amount that was not stored.
    """
    indexes = range(len(candidates)) if only is None else only
    for index in indexes:
        candidate, record = candidates[index], records[index]
        if record is None:
            continue
        parent = candidate.parent_index
        if "parent_id" not in (record.curated_fields or []):
            target = records[parent] if parent is not None and 0 <= parent < len(records) else None
            record.parent_id = target.id if target is not None and target is not record else None
        for candidate_amount, row in zip(candidate.amounts, amounts[index], strict=False):
            if row is None or "share_of_id" in (row.curated_fields or []):
                continue
            share = candidate_amount.share_of
            parents = amounts[share] if share is not None and 0 <= share < len(amounts) else ()
            target_amount = parents[0] if parents else None
            row.share_of_id = (
                target_amount.id if target_amount is not None and target_amount is not row else None
            )


def add_candidate_records(
    session: Session, *, article_id: int, text: str, candidates: Sequence[CandidateRecord]
) -> list[int]:
    """Store the extractor's candidate records with amounts, parent/share links and evidence."""
    stored = [
        add_candidate_record(session, article_id=article_id, text=text, candidate=c) for c in candidates
    ]
    records = [record for record, _ in stored]
    link_candidates(candidates, records, [amounts for _, amounts in stored])
    session.flush()
    return [record.id for record in records if record.id is not None]
