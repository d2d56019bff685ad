"""Pairs of records: "not the same project" marks, and the rows duplicate proposals compare.

Keyword-only functions over the caller's session, as in :mod:`aidcurator.store.projects`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from aidcurator.domain import RecordStatus
from aidcurator.store.mapping import _chunks
from aidcurator.store.models import Article, Record
from aidcurator.store.project_models import NotSamePair, ProjectRecord
from aidcurator.store.projects import first_amounts

# ------------------------------------------------------------------------------ not the same


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def add_not_same(session: Session, *, records: tuple[int, int], actor: str) -> bool:
    """Record "not the same project" for two records; False when it was already there."""
    low, high = _pair(*records)
    exists = session.exec(
        select(NotSamePair.id).where(NotSamePair.record_low == low, NotSamePair.record_high == high)
    ).first()
    if exists is not None:
        return False
    session.add(NotSamePair(record_low=low, record_high=high, actor=actor))
    session.flush()
    return True


def remove_not_same(session: Session, *, records: tuple[int, int]) -> bool:
    low, high = _pair(*records)
    result = session.execute(
        sa.delete(NotSamePair).where(col(NotSamePair.record_low) == low, col(NotSamePair.record_high) == high)
    )
    return bool(getattr(result, "rowcount", 0))


def not_same_pairs(session: Session, *, record_ids: Sequence[int]) -> set[tuple[int, int]]:
    """The not-the-same pairs that involve any of ``record_ids`` (low id first)."""
    found: set[tuple[int, int]] = set()
    for chunk in _chunks(sorted(set(record_ids))):
        statement = select(NotSamePair.record_low, NotSamePair.record_high).where(
            sa.or_(col(NotSamePair.record_low).in_(chunk), col(NotSamePair.record_high).in_(chunk))
        )
        found.update((int(a), int(b)) for a, b in session.exec(statement))
    return found


# ------------------------------------------------------------------------------ duplicates


#: Columns of a dedupe row: what proposals compare.
DEDUPE_KEYS = (
    "record_id",
    "recipient_key",
    "donor_key",
    "year",
    "title",
    "article_title",
    "amount_value",
    "amount_currency",
    "project_id",
)


def _dedupe_select() -> Any:
    year = sa.func.coalesce(col(Record.year_start), sa.extract("year", col(Article.published)))
    recipient = sa.func.coalesce(col(Record.recipient_code), col(Record.recipient))
    donor = sa.func.coalesce(col(Record.donor_code), col(Record.donor))
    statement = (
        sa.select(
            col(Record.id),
            recipient,
            donor,
            year,
            col(Record.title),
            col(Article.title),
            col(ProjectRecord.project_id),
        )
        .join(Article, col(Article.id) == col(Record.article_id))
        .outerjoin(ProjectRecord, col(ProjectRecord.record_id) == col(Record.id))
        .where(col(Record.status) != RecordStatus.REJECTED, recipient.is_not(None))
    )
    return statement, recipient


def dedupe_blocks(session: Session, *, record_ids: Sequence[int]) -> set[tuple[str, int | None]]:
    """The (recipient key, year) blocks of ``record_ids`` (as :func:`dedupe_rows` reads them)."""
    statement, _ = _dedupe_select()
    statement = statement.with_only_columns(*statement.selected_columns[1:4:2])
    found: set[tuple[str, int | None]] = set()
    for chunk in _chunks(sorted(set(record_ids))):
        for recipient, year in session.execute(statement.where(col(Record.id).in_(chunk))):
            found.add((recipient, None if year is None else int(year)))
    return found


def dedupe_rows(
    session: Session,
    *,
    record_ids: Sequence[int] | None = None,
    blocks: Iterable[tuple[str, int | None]] | None = None,
) -> list[tuple[Any, ...]]:
    """Rows of :data:`DEDUPE_KEYS` for proposals: of ``record_ids``, or of every record whose
    recipient is one of ``blocks``' and whose year is within one of its year (undated blocks: any
    year), or of all records (neither given). Rejected records and records without recipient are
    left out."""
    statement, recipient = _dedupe_select()
    found: list[tuple[Any, ...]] = []
    if record_ids is not None:
        for chunk in _chunks(sorted(set(record_ids))):
            found.extend(session.execute(statement.where(col(Record.id).in_(chunk))).all())
    elif blocks is not None:
        near: dict[str, set[int | None]] = {}
        for key, block_year in blocks:
            years = near.setdefault(key, set())
            years.update((None,) if block_year is None else (block_year - 1, block_year, block_year + 1))
        for chunk in _chunks(sorted(near)):
            for row in session.execute(statement.where(recipient.in_(chunk))):
                years = near[row[1]]
                if None in years or row[3] is None or int(row[3]) in years:
                    found.append(row)
    else:
        found.extend(session.execute(statement).all())
    amounts = first_amounts(session, record_ids=[int(r[0]) for r in found])
    rows = []
    for record_id, recipient_key, donor_key, row_year, title, article_title, project_id in found:
        value, currency = amounts.get(int(record_id), (None, None))
        rows.append(
            (
                int(record_id),
                recipient_key,
                donor_key,
                None if row_year is None else int(row_year),
                title,
                article_title,
                value,
                currency,
                project_id,
            )
        )
    return rows
