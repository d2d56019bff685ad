"""Storing extracted articles in bulk: SQLAlchemy Core ``INSERT``s with executemany, no ORM objects.

One call stores many articles with their mentions, candidate records, amounts, evidence and the
links between shares, in the caller's transaction. Articles whose text is already stored (by
another importer, meanwhile) are skipped by ``INSERT … ON CONFLICT DO NOTHING`` on the content
hash, on SQLite and PostgreSQL alike, so two importers of one folder never fail on each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from aidcurator.domain import ArticleDraft, Extraction, Origin, RecordStatus, ReviewState
from aidcurator.domain.jsonvalues import dumps_stored, jsonable
from aidcurator.store.candidates import KEY_FIELD, amount_values, candidate_key, candidate_values
from aidcurator.store.models import Amount, Article, Evidence, ExactDecimal, Mention, Record, utcnow
from aidcurator.store.records import check_span


@dataclass(slots=True)
class ExtractedArticle:
    """An article to store with what the extractor found in it."""

    draft: ArticleDraft
    content_hash: str
    extraction: Extraction
    # the mentions as compact rows (see :func:`mention_rows`), when a worker process made them
    mentions: list[tuple[Any, ...]] | None = None


def mention_rows(mentions: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Mentions as plain tuples in ``_MENTION_COLUMNS`` order without the article id, their data as
    JSON text: cheap to send between processes and ready for the database."""
    dumps = dumps_stored
    return [
        (
            str(m.kind), m.start, m.end, m.text, m.value, m.currency,
            str(m.qualifier) if m.qualifier is not None else None, m.value_max, m.what, dumps(m.data),
        )
        for m in mentions
    ]  # fmt: skip


def _insert(session: Session, table: sa.Table) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def _article_rows(items: Sequence[ExtractedArticle]) -> list[dict[str, Any]]:
    now = utcnow()
    return [
        {
            "title": item.draft.title or "",
            "source": item.draft.source,
            "published": item.draft.published,
            "url": item.draft.url,
            "language": item.draft.language,
            "text": item.draft.text,
            "content_hash": item.content_hash,
            "origin_file": item.draft.origin_file,
            "origin_position": item.draft.origin_position,
            "imported_at": now,
            "review_state": ReviewState.NEW,
            "extra": jsonable(dict(item.draft.metadata)),
        }
        for item in items
    ]


def insert_articles(session: Session, items: Sequence[ExtractedArticle]) -> list[int | None]:
    """Insert the articles; the id of each, or None where its text was already stored."""
    if not items:
        return []
    statement = (
        _insert(session, Article.__table__)  # type: ignore[arg-type]
        .on_conflict_do_nothing(index_elements=["content_hash"])
        .returning(Article.__table__.c.id, Article.__table__.c.content_hash)  # type: ignore[attr-defined]
    )
    inserted = {digest: int(row_id) for row_id, digest in session.execute(statement, _article_rows(items))}
    return [inserted.get(item.content_hash) for item in items]


_MENTION_COLUMNS = (
    "article_id",
    "kind",
    "start",
    "end",
    "text",
    "value",
    "currency",
    "qualifier",
    "value_max",
    "what",
    "data",
)


def _insert_mentions(session: Session, rows: list[tuple[Any, ...]]) -> None:
    """Mentions are most of the rows: one DBAPI executemany, money converted by its column type."""
    connection = session.connection()
    dialect = connection.dialect
    bind = ExactDecimal().process_bind_param
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    quoted = ", ".join(dialect.identifier_preparer.quote(name) for name in _MENTION_COLUMNS)
    table = dialect.identifier_preparer.format_table(Mention.__table__)  # type: ignore[arg-type]
    sql = f"INSERT INTO {table} ({quoted}) VALUES ({', '.join([mark] * len(_MENTION_COLUMNS))})"
    values = [
        (
            a,
            kind,
            start,
            end,
            text,
            bind(value, dialect),
            currency,
            qualifier,
            bind(value_max, dialect),
            what,
            data,
        )
        for a, kind, start, end, text, value, currency, qualifier, value_max, what, data in rows
    ]
    connection.exec_driver_sql(sql, values)


def _returning_ids(session: Session, table: sa.Table, rows: list[dict[str, Any]]) -> list[int]:
    if not rows:
        return []
    statement = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [int(row_id) for (row_id,) in session.execute(statement, rows)]


def store_extracted(session: Session, items: Sequence[ExtractedArticle]) -> list[int | None]:
    """Store articles with everything extracted from them; returns each article's id (None: skipped)."""
    ids = insert_articles(session, items)
    stored = [
        (article_id, item) for article_id, item in zip(ids, items, strict=True) if article_id is not None
    ]
    mentions: list[tuple[Any, ...]] = []
    record_rows: list[dict[str, Any]] = []
    owners: list[tuple[int, ExtractedArticle, int]] = []  # (article id, item, candidate index)
    now = utcnow()
    for article_id, item in stored:
        rows = item.mentions if item.mentions is not None else mention_rows(item.extraction.mentions)
        mentions.extend((article_id, *row) for row in rows)
        for index, candidate in enumerate(item.extraction.records):
            values = candidate_values(candidate)
            extracted = jsonable(values)
            extracted[KEY_FIELD] = candidate_key(candidate)
            record_rows.append(
                {
                    **values,
                    "article_id": article_id,
                    "parent_id": None,
                    "status": RecordStatus.PENDING,
                    "notes": None,
                    "origin": Origin.EXTRACTED,
                    "extracted": extracted,
                    "curated_fields": [],
                    "flags": jsonable(dict(candidate.flags)),
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
            )
            owners.append((article_id, item, index))
    if mentions:
        _insert_mentions(session, mentions)
    record_ids = _returning_ids(session, Record.__table__, record_rows)  # type: ignore[arg-type]
    _store_amounts_and_evidence(session, owners, record_ids)
    return ids


def _store_amounts_and_evidence(
    session: Session, owners: list[tuple[int, ExtractedArticle, int]], record_ids: list[int]
) -> None:
    amount_rows: list[dict[str, Any]] = []
    amount_owner: list[tuple[int, int]] = []  # (record position in owners, amount index)
    evidence_rows: list[dict[str, Any]] = []
    for position, ((_article_id, item, index), record_id) in enumerate(zip(owners, record_ids, strict=True)):
        text = item.draft.text
        candidate = item.extraction.records[index]
        for amount_index, candidate_amount in enumerate(candidate.amounts):
            span = candidate_amount.span
            check_span(text, span.start, span.end, "amount span")
            values = amount_values(candidate_amount)
            amount_rows.append(
                {
                    **values,
                    "record_id": record_id,
                    "position": amount_index,
                    "share_of_id": None,
                    "start": span.start,
                    "end": span.end,
                    "origin": Origin.EXTRACTED,
                    "extracted": jsonable(values),
                    "curated_fields": [],
                }
            )
            amount_owner.append((position, amount_index))
        for field, spans in candidate.evidence.items():
            for span in spans:
                check_span(text, span.start, span.end, f"evidence for {field}")
                evidence_rows.append(
                    {
                        "record_id": record_id,
                        "field": field,
                        "start": span.start,
                        "end": span.end,
                        "quote": text[span.start : span.end],
                        "origin": Origin.EXTRACTED,
                    }
                )
    amount_ids = _returning_ids(session, Amount.__table__, amount_rows)  # type: ignore[arg-type]
    if evidence_rows:
        session.execute(sa.insert(Evidence.__table__), evidence_rows)  # type: ignore[arg-type]
    _link(session, owners, record_ids, amount_owner, amount_ids)


def _link(
    session: Session,
    owners: list[tuple[int, ExtractedArticle, int]],
    record_ids: list[int],
    amount_owner: list[tuple[int, int]],
    amount_ids: list[int],
) -> None:
    """Parent records and the amounts shares are part of, from the candidates' indexes."""
    first_amount: dict[int, int] = {}
    for (position, amount_index), amount_id in zip(amount_owner, amount_ids, strict=True):
        if amount_index == 0:
            first_amount[position] = amount_id
    # positions of one article's candidates are consecutive: base + candidate index
    base = {position: position - index for position, (_a, _i, index) in enumerate(owners)}
    parents: list[dict[str, int]] = []
    shares: list[dict[str, int]] = []
    for position, (_article_id, item, index) in enumerate(owners):
        candidate = item.extraction.records[index]
        count = len(item.extraction.records)
        parent = candidate.parent_index
        if parent is not None and 0 <= parent < count and parent != index:
            parents.append({"row_id": record_ids[position], "target": record_ids[base[position] + parent]})
    for (position, amount_index), amount_id in zip(amount_owner, amount_ids, strict=True):
        _article_id, item, index = owners[position]
        share = item.extraction.records[index].amounts[amount_index].share_of
        if share is None or not 0 <= share < len(item.extraction.records):
            continue
        target = first_amount.get(base[position] + share)
        if target is not None and target != amount_id:
            shares.append({"row_id": amount_id, "target": target})
    for table, column, rows in (
        (Record.__table__, "parent_id", parents),
        (Amount.__table__, "share_of_id", shares),
    ):
        if rows:
            statement = (
                sa.update(table)  # type: ignore[arg-type]
                .where(table.c.id == sa.bindparam("row_id"))  # type: ignore[attr-defined]
                .values({column: sa.bindparam("target")})
            )
            session.connection().execute(statement, rows)
