"""Records for export, joined with their article: a chunk at a time (Core selects, keyset paging:
memory stays flat whatever the number of records) and a column at a time (no object, dict or
tuple per record on the fast paths)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from aidcurator.domain import Origin, RecordStatus
from aidcurator.domain.export_chunks import AMOUNT_KEYS, EVIDENCE_KEYS, TYPED, FlatChunk, NestedChunk
from aidcurator.domain.fields import RECORD_FIELDS
from aidcurator.domain.parties import PARTY_EXPORT_COLUMNS
from aidcurator.store.export_parts import (
    amount_columns,
    amounts_of,
    convert_amounts,
    evidence_of,
    evidence_summary,
    grouped,
    last_edits,
    typed_fields,
    with_typed,
)
from aidcurator.store.export_values import ENUM_VALUES, MEMO_LIMIT, AsText, Memo, fetch, raw
from aidcurator.store.models import Amount, Article, Record
from aidcurator.store.parties import party_columns
from aidcurator.store.tables import TableName, stats, table_rows

__all__ = [
    "AMOUNT_EXPORT_KEYS",
    "EVIDENCE_EXPORT_KEYS",
    "EXPORT_CHUNK",
    "EXPORT_FIELDS",
    "RECORD_EXPORT_KEYS",
    "TYPED",
    "TableName",
    "iter_flat_record_chunks",
    "iter_nested_record_chunks",
    "iter_record_export_rows",
    "record_export_rows",
    "stats",
    "table_rows",
]

EXPORT_FIELDS = tuple(spec for spec in RECORD_FIELDS if spec.name != "parent_id")

#: The scalar keys of an exported record, in the order of the scalar columns.
RECORD_EXPORT_KEYS = (
    "record_id", "article_id", "article_title", "article_source", "article_url", "article_published",
    *(spec.name for spec in EXPORT_FIELDS), "status", "origin", "created_at", "updated_at", "version",
    "last_edited_by", "last_edited_at", *PARTY_EXPORT_COLUMNS.values(),
)  # fmt: skip
AMOUNT_EXPORT_KEYS = AMOUNT_KEYS
EVIDENCE_EXPORT_KEYS = EVIDENCE_KEYS
EXPORT_CHUNK = 5000  # records fetched and written at a time: memory stays flat whatever the size

_READ = RECORD_EXPORT_KEYS.index("last_edited_by")  # the scalar columns the record query reads
Derived = tuple[str, Callable[[Any], Any]]


def iter_flat_record_chunks(
    session: Session,
    *,
    status: RecordStatus | str | None = None,
    article_ids: Sequence[int] | None = None,
    chunk_size: int = EXPORT_CHUNK,
    text_of: Callable[[Any], Any] | None = None,
    derived: Derived | None = None,
) -> Iterator[FlatChunk]:
    """Records as :class:`FlatChunk` s (scalars in :data:`RECORD_EXPORT_KEYS` order), ordered by
    article id, then record id, at most ``chunk_size`` at a time. One query reads each chunk's
    records with their article, first amount, number of amounts and evidence summary.

    With ``text_of``, dates, time stamps and money come as ``text_of(value)`` (a writer's text
    for them), converted once per distinct stored value instead of once per cell. ``derived``
    (``(key, function)``) adds a scalar computed from the key's value right after it, once per
    distinct value."""
    record, amount = Record.__table__, Amount.__table__
    first = amount.alias("first_amount")
    text = AsText(session, text_of) if text_of is not None else None
    of_record = amount.c.record_id == record.c.id
    first_id = sa.select(amount.c.id).where(of_record).order_by(amount.c.position, amount.c.id).limit(1)
    n_amounts = sa.select(sa.func.count(amount.c.id)).where(of_record).scalar_subquery()
    extra = [*amount_columns(first, text), n_amounts, evidence_summary(session)]
    statement = _record_query(text, extra).outerjoin(first, first.c.id == first_id.scalar_subquery())
    other = Amount.__table__.alias("other_amount")
    several = sa.exists().where(other.c.record_id == amount.c.record_id, other.c.id != amount.c.id)
    derive = _derivation(derived)
    for columns, scope, rows_of in _pages(
        session, statement, _filters(session, status, article_ids), chunk_size
    ):
        end = len(columns) - len(extra)
        firsts, (counts, summaries) = columns[end:-2], columns[-2:]
        convert_amounts(firsts, text)
        summaries = list(summaries)
        for record_id, names in typed_fields(session, scope).items():
            row = rows_of.get(record_id)
            if row is not None:
                summaries[row] = with_typed(summaries[row], names)
        others: dict[int, list[tuple[Any, ...]]] = {}
        if any(count > 1 for count in counts):
            found = amounts_of(session, scope, text, rows_of, several)
            others = {
                row: items[1:] for row, items in grouped(found[0], zip(*found[1:], strict=True)).items()
            }
        yield FlatChunk(
            scalars=_scalars(session, columns[:end], scope, text, derive),
            first_amount=firsts,
            n_amounts=counts,
            other_amounts=others,
            evidence=summaries,
        )


def iter_nested_record_chunks(
    session: Session,
    *,
    status: RecordStatus | str | None = None,
    article_ids: Sequence[int] | None = None,
    chunk_size: int = EXPORT_CHUNK,
    text_of: Callable[[Any], Any] | None = None,
    derived: Derived | None = None,
) -> Iterator[NestedChunk]:
    """Records as :class:`NestedChunk` s, with all their amounts and evidence (spans, then the
    fields a person typed); otherwise as :func:`iter_flat_record_chunks`."""
    text = AsText(session, text_of) if text_of is not None else None
    statement = _record_query(text, [])
    derive = _derivation(derived)
    for columns, scope, rows_of in _pages(
        session, statement, _filters(session, status, article_ids), chunk_size
    ):
        spans = [
            (row, field, start, end, quote, origin)
            for record_id, field, start, end, quote, origin in evidence_of(session, scope)
            if (row := rows_of.get(record_id)) is not None
        ]
        typed = [
            (row, name, None, None, None, TYPED)
            for record_id, names in typed_fields(session, scope).items()
            if (row := rows_of.get(record_id)) is not None
            for name in names
        ]
        if typed:  # after the record's spans (the sort is stable)
            spans = sorted(spans + typed, key=lambda span: span[0])
        yield NestedChunk(
            scalars=_scalars(session, columns, scope, text, derive),
            amounts=amounts_of(session, scope, text, rows_of),
            evidence=list(zip(*spans, strict=True)) if spans else [[] for _ in range(1 + len(EVIDENCE_KEYS))],
        )


def iter_record_export_rows(
    session: Session,
    *,
    status: RecordStatus | str | None = None,
    article_ids: Sequence[int] | None = None,
    chunk_size: int = EXPORT_CHUNK,
) -> Iterator[list[dict[str, Any]]]:
    """The same records in the export contract's dict shape (amounts and evidence nested)."""
    for chunk in iter_nested_record_chunks(
        session, status=status, article_ids=article_ids, chunk_size=chunk_size
    ):
        amounts = grouped(chunk.amounts[0], zip(*chunk.amounts[1:], strict=True))
        evidence = grouped(chunk.evidence[0], zip(*chunk.evidence[1:], strict=True))
        yield [
            {
                **dict(zip(RECORD_EXPORT_KEYS, scalars, strict=True)),
                "amounts": [dict(zip(AMOUNT_KEYS, a, strict=True)) for a in amounts.get(row, ())],
                "evidence": [dict(zip(EVIDENCE_KEYS, e, strict=True)) for e in evidence.get(row, ())],
            }
            for row, scalars in enumerate(zip(*chunk.scalars, strict=True))
        ]


def record_export_rows(
    session: Session, *, status: RecordStatus | str | None = None, article_ids: Sequence[int] | None = None
) -> list[dict[str, Any]]:
    """Every row of :func:`iter_record_export_rows` in one list (small exports, tests)."""
    return [
        row
        for chunk in iter_record_export_rows(session, status=status, article_ids=article_ids)
        for row in chunk
    ]


# ---------------------------------------------------------------------------------------------
# The record query, a page at a time


def _record_query(text: AsText | None, extra: list[Any]) -> sa.Select[Any]:
    """The records joined with their article: the scalar columns up to ``version`` (enums read
    raw, dates too with ``text``), then ``extra``."""
    record, article = Record.__table__, Article.__table__
    as_text = text is not None
    return sa.select(
        record.c.id,
        record.c.article_id,
        article.c.title,
        article.c.source,
        article.c.url,
        raw(article.c.published) if as_text else article.c.published,
        *(raw(record.c[spec.name]) if spec.choices else record.c[spec.name] for spec in EXPORT_FIELDS),
        raw(record.c.status),
        raw(record.c.origin),
        *(raw(c) if as_text else c for c in (record.c.created_at, record.c.updated_at)),
        record.c.version,
        *extra,
    ).join(article, article.c.id == record.c.article_id)


def _filters(
    session: Session, status: RecordStatus | str | None, article_ids: Sequence[int] | None
) -> list[Any]:
    filters: list[Any] = []
    if status is not None:
        filters.append(_status_is(session, RecordStatus(status)))
    if article_ids is not None:
        filters.append(Record.__table__.c.article_id.in_(list(article_ids)))
    return filters


def _status_is(session: Session, status: RecordStatus) -> sa.ColumnElement[bool]:
    """``record.status = status`` for the paged export query. On SQLite written ``+record.status``, so
    the planner walks the (article_id, id) order instead of the status index, which made it sort every
    matching record again for each chunk (quadratic in the number of accepted records)."""
    column = Record.__table__.c.status
    if session.get_bind().dialect.name != "sqlite":
        return column == status
    return sa.literal_column(f"+{Record.__table__.name}.status", sa.String) == status.name


def _pages(
    session: Session, statement: sa.Select[Any], filters: list[Any], chunk_size: int
) -> Iterator[tuple[list[Any], list[Any], dict[int, int]]]:
    """``(columns, scope, rows_of)`` per page of ``statement``'s rows in (article id, record id)
    order: the page's columns, its key range (conditions on ``record`` for the other selects) and
    each record id's row number."""
    record = Record.__table__
    key = sa.tuple_(record.c.article_id, record.c.id)
    statement = statement.where(*filters).order_by(record.c.article_id, record.c.id).limit(chunk_size)
    after: tuple[int, int] | None = None
    while True:
        page = statement if after is None else statement.where(key > sa.tuple_(*after))
        rows = fetch(session, page)
        if not rows:
            return
        # The other selects read the chunk's key range: one index range. Without the filters, which
        # can make SQLite pick a worse index (the status one, for every matching record); the rows
        # of records they leave out are dropped.
        scope = [key <= sa.tuple_(rows[-1][1], rows[-1][0])]
        if after is not None:
            scope.append(key > sa.tuple_(*after))
        columns = list(zip(*rows, strict=True))
        yield columns, scope, {record_id: row for row, record_id in enumerate(columns[0])}
        after = (rows[-1][1], rows[-1][0])


#: The enum columns of the record query (by position) and their values by member name.
_ENUMS = [
    *((6 + i, ENUM_VALUES[spec.choices]) for i, spec in enumerate(EXPORT_FIELDS) if spec.choices),
    (RECORD_EXPORT_KEYS.index("status"), ENUM_VALUES[RecordStatus]),
    (RECORD_EXPORT_KEYS.index("origin"), ENUM_VALUES[Origin]),
]
_DATES = [
    (RECORD_EXPORT_KEYS.index("article_published"), Article.__table__.c.published),
    (RECORD_EXPORT_KEYS.index("created_at"), Record.__table__.c.created_at),
    (RECORD_EXPORT_KEYS.index("updated_at"), Record.__table__.c.updated_at),
]
_NO_PARTIES = (None,) * len(PARTY_EXPORT_COLUMNS)


def _scalars(
    session: Session,
    columns: list[Any],
    scope: list[Any],
    text: AsText | None,
    derive: tuple[int, Memo] | None,
) -> list[Sequence[Any]]:
    """The scalar columns of a page: those read (enums as values, dates as text with ``text``),
    the last edit, the parties, and the derived column."""
    converted = _ENUMS if text is None else [*_ENUMS, *((at, text.of(column)) for at, column in _DATES)]
    for at, values in converted:
        columns[at] = list(map(values.__getitem__, columns[at]))
    ids = columns[0]
    last = last_edits(session, scope, text)
    never = (None, None)
    edited = [last.get(record_id, never) for record_id in ids] if last else [never] * len(ids)
    parties = party_columns(session, scope)  # parties hook: one "Name (type)|…" cell per role
    scalars = [
        *columns[:_READ],
        *zip(*edited, strict=True),
        *zip(*(parties.get(record_id, _NO_PARTIES) for record_id in ids), strict=True),
    ]
    if derive is not None:
        at, memo = derive
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        scalars.insert(at + 1, list(map(memo.__getitem__, scalars[at])))
    return scalars


def _derivation(derived: Derived | None) -> tuple[int, Memo] | None:
    return None if derived is None else (RECORD_EXPORT_KEYS.index(derived[0]), Memo(derived[1]))
