"""Records, their amounts and evidence: load, read, delete and restore, rows made by hand."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from aidcurator.domain import (
    Origin,
    RecordStatus,
)
from aidcurator.domain.fields import (
    AMOUNT_FIELDS,
)
from aidcurator.domain.views import (
    AmountView,
    EvidenceView,
    RecordSnapshot,
    RecordView,
)
from aidcurator.store.articles import (
    load_article,
)
from aidcurator.store.errors import NotFoundError
from aidcurator.store.mapping import (
    _chunks,
    _columns,
    amount_view,
    evidence_view,
    record_view,
)
from aidcurator.store.models import Amount, Evidence, Record
from aidcurator.store.project_models import PartyLink


def check_span(text: str, start: int, end: int, what: str = "span") -> None:
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start <= end <= len(text):
        raise ValueError(f"{what} [{start}, {end}) is outside the article text (length {len(text)})")


def add_evidence(
    session: Session, *, record_id: int, field: str, start: int, end: int, text: str, origin: Origin
) -> Evidence:
    check_span(text, start, end, f"evidence for {field}")
    evidence = Evidence(
        record_id=record_id, field=field, start=start, end=end, quote=text[start:end], origin=origin
    )
    session.add(evidence)
    return evidence


def load_record(session: Session, *, record_id: int) -> Record:
    record = session.get(Record, record_id)
    if record is None:
        raise NotFoundError(f"record {record_id} does not exist (it may have been deleted)")
    return record


def load_amount(session: Session, *, amount_id: int) -> Amount:
    amount = session.get(Amount, amount_id)
    if amount is None:
        raise NotFoundError(f"amount {amount_id} does not exist (it may have been deleted)")
    return amount


def load_records_for_article(session: Session, *, article_id: int) -> list[Record]:
    return list(session.exec(select(Record).where(Record.article_id == article_id).order_by(col(Record.id))))


def load_amounts(session: Session, *, record_ids: Sequence[int]) -> dict[int, list[Amount]]:
    result: dict[int, list[Amount]] = defaultdict(list)
    for chunk in _chunks(sorted(set(record_ids))):
        statement = (
            select(Amount)
            .where(col(Amount.record_id).in_(chunk))
            .order_by(col(Amount.position), col(Amount.id))
        )
        for amount in session.exec(statement):
            result[amount.record_id].append(amount)
    return result


def load_evidence(session: Session, *, record_ids: Sequence[int]) -> dict[int, list[Evidence]]:
    result: dict[int, list[Evidence]] = defaultdict(list)
    for chunk in _chunks(sorted(set(record_ids))):
        statement = (
            select(Evidence)
            .where(col(Evidence.record_id).in_(chunk))
            .order_by(col(Evidence.field), col(Evidence.start), col(Evidence.id))
        )
        for evidence in session.exec(statement):
            result[evidence.record_id].append(evidence)
    return result


def next_amount_position(session: Session, *, record_id: int) -> int:
    current = session.exec(select(func.max(Amount.position)).where(Amount.record_id == record_id)).one()
    return 0 if current is None else int(current) + 1


def _record_views(session: Session, records: Sequence[Record]) -> list[RecordView]:
    ids = [r.id for r in records if r.id is not None]
    amounts = load_amounts(session, record_ids=ids)
    evidence = load_evidence(session, record_ids=ids)
    return [record_view(r, amounts.get(r.id or 0, ()), evidence.get(r.id or 0, ())) for r in records]


def get_record(session: Session, *, record_id: int) -> RecordView | None:
    record = session.get(Record, record_id)
    if record is None:
        return None
    return _record_views(session, [record])[0]


def records_for_article(session: Session, *, article_id: int) -> list[RecordView]:
    return _record_views(session, load_records_for_article(session, article_id=article_id))


def amounts_for_record(session: Session, *, record_id: int) -> list[AmountView]:
    return [amount_view(a) for a in load_amounts(session, record_ids=[record_id]).get(record_id, [])]


def evidence_for_record(session: Session, *, record_id: int) -> list[EvidenceView]:
    return [evidence_view(e) for e in load_evidence(session, record_ids=[record_id]).get(record_id, [])]


def snapshot_record(session: Session, *, record_id: int) -> RecordSnapshot:
    record = load_record(session, record_id=record_id)
    amounts = load_amounts(session, record_ids=[record_id]).get(record_id, [])
    evidence = load_evidence(session, record_ids=[record_id]).get(record_id, [])
    children = session.exec(select(Record.id).where(Record.parent_id == record_id).order_by(col(Record.id)))
    amount_ids = [a.id for a in amounts]
    share_links: list[tuple[int, int]] = []
    if amount_ids:
        statement = select(Amount.id, Amount.share_of_id).where(
            col(Amount.share_of_id).in_(amount_ids), Amount.record_id != record_id
        )
        share_links = [
            (int(a), int(b)) for a, b in session.exec(statement) if a is not None and b is not None
        ]
    return RecordSnapshot(
        record=_columns(record),
        amounts=tuple(_columns(a) for a in amounts),
        evidence=tuple(_columns(e) for e in evidence),
        children=tuple(int(c) for c in children if c is not None),
        share_links=tuple(share_links),
        parties=tuple(  # parties hook: a deleted record's parties come back with it
            _columns(p) for p in session.exec(select(PartyLink).where(PartyLink.record_id == record_id))
        ),
    )


def delete_record_row(session: Session, *, record_id: int) -> None:
    record = load_record(session, record_id=record_id)
    session.delete(record)
    session.flush()


def restore_snapshot(session: Session, *, snapshot: RecordSnapshot) -> int:
    """Re-insert a deleted record, its amounts and evidence with their old ids and links."""
    record_id = snapshot.record_id
    if session.get(Record, record_id) is not None:
        raise ValueError(f"record {record_id} already exists; nothing to restore")
    load_article(session, article_id=int(snapshot.record["article_id"]))
    values = dict(snapshot.record)
    parent_id = values.get("parent_id")
    if parent_id is not None and session.get(Record, parent_id) is None:
        values["parent_id"] = None
    session.add(Record(**values))
    session.flush()
    amount_ids = {a["id"] for a in snapshot.amounts}
    pending_shares: list[tuple[Amount, int]] = []
    for amount_values_ in snapshot.amounts:
        values = dict(amount_values_)
        share_of = values.pop("share_of_id", None)
        amount = Amount(**values)
        session.add(amount)
        if share_of is not None:
            pending_shares.append((amount, share_of))
    for evidence_values in snapshot.evidence:
        session.add(Evidence(**evidence_values))
    for party_values in snapshot.parties:  # parties hook
        session.add(PartyLink(**party_values))
    session.flush()
    for amount, share_of in pending_shares:
        if share_of in amount_ids or session.get(Amount, share_of) is not None:
            amount.share_of_id = share_of
    if snapshot.children:  # a link put back, not an edit of the children: their versions stay
        session.execute(
            sa.update(Record)
            .where(col(Record.id).in_(list(snapshot.children)), col(Record.parent_id).is_(None))
            .values(parent_id=record_id)
            .execution_options(synchronize_session="fetch")
        )
    for other_amount_id, share_of in snapshot.share_links:
        other = session.get(Amount, other_amount_id)
        if other is not None and other.share_of_id is None:
            other.share_of_id = share_of
    session.flush()
    return record_id


def find_record_row(session: Session, *, record_id: int) -> Record | None:
    return session.get(Record, record_id)


def add_manual_record(session: Session, *, article_id: int, values: dict[str, Any]) -> Record:
    """A record typed by a person (every given field marked curated); flushed, so it has an id."""
    record = Record(
        article_id=article_id,
        origin=Origin.MANUAL,
        status=RecordStatus.PENDING,
        curated_fields=sorted(values),
        **values,
    )
    session.add(record)
    session.flush()
    return record


def add_manual_amount(
    session: Session, *, record_id: int, start: int | None, end: int | None, values: dict[str, Any]
) -> Amount:
    """An amount typed by a person, after the record's other amounts; flushed, so it has an id."""
    amount = Amount(
        record_id=record_id,
        position=next_amount_position(session, record_id=record_id),
        start=start,
        end=end,
        origin=Origin.MANUAL,
        curated_fields=[spec.name for spec in AMOUNT_FIELDS],
        **values,
    )
    session.add(amount)
    session.flush()
    return amount


def restore_amount_row(session: Session, *, amount: AmountView) -> None:
    """Re-insert a deleted amount with its old id (its share link only if the target still exists)."""
    if session.get(Amount, amount.id) is not None:
        raise ValueError(f"amount {amount.id} already exists; nothing to restore")
    share_of = amount.share_of_id
    if share_of is not None and session.get(Amount, share_of) is None:
        share_of = None
    session.add(
        Amount(
            id=amount.id,
            record_id=amount.record_id,
            position=amount.position,
            share_of_id=share_of,
            start=amount.start,
            end=amount.end,
            origin=amount.origin,
            extracted=dict(amount.extracted),
            curated_fields=list(amount.curated_fields),
            **{spec.name: getattr(amount, spec.name) for spec in AMOUNT_FIELDS if spec.name != "share_of_id"},
        )
    )
    session.flush()


def delete_row(session: Session, row: Any) -> None:
    """Delete one loaded row (record, amount or evidence) in the caller's transaction."""
    session.delete(row)
