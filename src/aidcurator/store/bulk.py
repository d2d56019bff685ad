"""Storing extracted articles in bulk: plain rows and executemany, no ORM objects.

Where an article is extracted (often a worker process), it becomes plain rows
(:mod:`aidcurator.store.bulk_rows`). The one writing process then only numbers them and hands them to the database: :func:`store_rows` stores many articles with
their mentions, candidate records, amounts, evidence and the links between shares in a few
``executemany`` calls, in the caller's transaction. Articles whose text is already stored (by
another importer, meanwhile) are skipped by ``INSERT … ON CONFLICT DO NOTHING`` on the content
hash, on SQLite and PostgreSQL alike, so two importers of one folder never fail on each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from aidcurator.store.bulk_rows import (
    AMOUNT_COLUMNS,
    EVIDENCE_COLUMNS,
    MENTION_COLUMNS,
    RECORD_COLUMNS,
    ArticleRows,
    unpack_rows,
)
from aidcurator.store.models import Amount, Article, Evidence, ExactDecimal, Mention, Record, utcnow
from aidcurator.store.parties import PartyRow, write_party_links


def _insert(session: Session, table: sa.Table) -> Any:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def insert_articles(session: Session, items: Sequence[ArticleRows]) -> list[int | None]:
    """Insert the articles; the id of each, or None where its text was already stored."""
    if not items:
        return []
    now = utcnow()
    statement = (
        _insert(session, Article.__table__)  # type: ignore[arg-type]
        .on_conflict_do_nothing(index_elements=["content_hash"])
        .returning(Article.__table__.c.id, Article.__table__.c.content_hash)  # type: ignore[attr-defined]
    )
    first: dict[str, ArticleRows] = {}  # a text twice in ``items``: the first one is stored
    for item in items:
        first.setdefault(item.content_hash, item)
    rows = [{**item.article, "imported_at": now} for item in first.values()]
    inserted = {digest: int(row_id) for row_id, digest in session.execute(statement, rows)}
    return [inserted.get(item.content_hash) if first[item.content_hash] is item else None for item in items]


def _new_ids(connection: sa.Connection, table: sa.Table, count: int) -> list[int]:
    """``count`` ids for new rows of ``table``, ascending. On SQLite the caller's write transaction
    holds the lock, so they are the ids the database would give (one more than the largest)."""
    if not count:
        return []
    if connection.dialect.name == "postgresql":
        sequence = connection.exec_driver_sql(
            f"SELECT pg_get_serial_sequence('{table.name}', 'id')"
        ).scalar_one()
        found = connection.exec_driver_sql(
            f"SELECT nextval('{sequence}') FROM generate_series(1, {int(count)})"
        ).scalars()
        return sorted(int(i) for i in found)
    largest = connection.execute(sa.select(sa.func.max(table.c.id))).scalar_one() or 0
    return list(range(largest + 1, largest + 1 + count))


class _Writer:
    """Raw ``INSERT``s of one table with the given columns; money bound by its column type, and
    columns the rows leave out given their defaults (columns added to the table later)."""

    def __init__(self, connection: sa.Connection, table: sa.Table, columns: Sequence[str]) -> None:
        dialect = connection.dialect
        self.connection = connection
        defaults = []
        for column in table.columns:
            if column.name in columns or column.name == "id" or column.default is None:
                continue
            default = column.default
            value = default.arg(None) if default.is_callable else default.arg  # type: ignore[attr-defined]
            process = column.type.dialect_impl(dialect).bind_processor(dialect)
            defaults.append((column.name, process(value) if process else value))
        self.defaults = tuple(value for _, value in defaults)
        names = [*columns, *(name for name, _ in defaults)]
        mark = "?" if dialect.paramstyle == "qmark" else "%s"
        quote = dialect.identifier_preparer.quote
        self.sql = (
            f"INSERT INTO {dialect.identifier_preparer.format_table(table)} "
            f"({', '.join(quote(name) for name in names)}) VALUES ({', '.join([mark] * len(names))})"
        )

    def insert(self, rows: list[tuple[Any, ...]]) -> None:
        if rows:
            extra = self.defaults
            self.connection.exec_driver_sql(self.sql, [(*row, *extra) for row in rows] if extra else rows)


def _clock(connection: sa.Connection, table: sa.Table, name: str, value: Any) -> Any:
    dialect = connection.dialect
    process = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
    return process(value) if process else value


#: Mention rows written per statement (bounds the memory a big article's mentions take twice).
MENTION_CHUNK = 20_000


def store_rows(session: Session, items: Sequence[ArticleRows]) -> list[int | None]:
    """Store articles with everything extracted from them; returns each article's id (None: its
    text was stored already). Articles with an ``error`` must be left out by the caller."""
    ids = insert_articles(session, items)
    stored = [(article_id, item) for article_id, item in zip(ids, items, strict=True) if article_id]
    if not stored:
        return ids
    connection = session.connection()
    together: list[tuple[int, ArticleRows]] = []  # articles in order, so ids follow it however batched
    for article_id, item in stored:
        together.append((article_id, item))
        if item.parts:  # a very large article's parts: one at a time, unpacked
            _store_extracted(connection, together)
            together = []
            for packed in item.parts:
                _store_extracted(connection, [(article_id, unpack_rows(packed))])
    if together:
        _store_extracted(connection, together)
    return ids


def _store_extracted(connection: sa.Connection, stored: list[tuple[int, ArticleRows]]) -> None:
    """Mentions, records, amounts, evidence, parties and links of stored articles."""
    dialect = connection.dialect
    record, amount = Record.__table__, Amount.__table__
    now = utcnow()
    created = _clock(connection, record, "created_at", now)  # type: ignore[arg-type]
    bind = ExactDecimal().process_bind_param
    record_ids = iter(_new_ids(connection, record, sum(len(i.records) for _, i in stored)))  # type: ignore[arg-type]
    amount_ids = iter(_new_ids(connection, amount, sum(len(i.amounts) for _, i in stored)))  # type: ignore[arg-type]
    mention_writer = _Writer(connection, Mention.__table__, MENTION_COLUMNS)  # type: ignore[arg-type]
    for article_id, item in stored:  # in chunks: a big article's mentions are not copied all at once
        for first in range(0, len(item.mentions), MENTION_CHUNK):
            mention_writer.insert(
                [
                    (article_id, k, s, e, t, bind(v, dialect), c, q, bind(m, dialect), w, d)
                    for k, s, e, t, v, c, q, m, w, d in item.mentions[first : first + MENTION_CHUNK]
                ]
            )
    records, amounts, evidence, links, shares = [], [], [], [], []
    parties: list[tuple[int, PartyRow]] = []
    for article_id, item in stored:
        here = [next(record_ids) for _ in item.records]
        records.extend(
            (i, article_id, None, created, created, *row) for i, row in zip(here, item.records, strict=True)
        )
        here_amounts = []
        for index, position, (text, value, value_max, *rest) in item.amounts:
            amount_id = next(amount_ids)
            here_amounts.append(amount_id)
            amounts.append(
                (
                    amount_id,
                    here[index],
                    position,
                    None,
                    text,
                    bind(value, dialect),
                    bind(value_max, dialect),
                    *rest,
                )
            )
        evidence.extend((here[index], *row) for index, row in item.evidence)
        parties.extend((here[index], row) for index, row in item.parties)
        links.extend((here[parent], here[index]) for index, parent in item.parents)
        shares.extend((here_amounts[target], here_amounts[index]) for index, target in item.shares)
    _Writer(
        connection,
        record,
        ("id", "article_id", "parent_id", "created_at", "updated_at", *RECORD_COLUMNS),  # type: ignore[arg-type]
    ).insert(records)
    _Writer(
        connection,
        amount,
        ("id", "record_id", "position", "share_of_id", *AMOUNT_COLUMNS),  # type: ignore[arg-type]
    ).insert(amounts)
    _Writer(connection, Evidence.__table__, ("record_id", *EVIDENCE_COLUMNS)).insert(evidence)  # type: ignore[arg-type]
    write_party_links(connection, parties)
    quote = dialect.identifier_preparer.quote
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    for table, column, rows in ((record, "parent_id", links), (amount, "share_of_id", shares)):
        if rows:
            connection.exec_driver_sql(
                f"UPDATE {dialect.identifier_preparer.format_table(table)} SET {quote(column)} = {mark} "  # type: ignore[arg-type]
                f"WHERE id = {mark}",
                rows,
            )
