"""Records for export, joined with their article: a chunk at a time (Core selects, keyset paging:
memory stays flat whatever the number of records) and a column at a time (no object, dict or
tuple per record on the fast paths)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from aidcurator.domain import Origin, RecordStatus
from aidcurator.domain.export_chunks import (
    AMOUNT_KEYS,
    EVIDENCE_KEYS,
    TYPED,
    FlatChunk,
    Memo,
    NestedChunk,
    Rows,
)
from aidcurator.domain.fields import RECORD_FIELDS
from aidcurator.domain.parties import PARTY_EXPORT_COLUMNS
from aidcurator.store.export_parts import (
    amount_columns,
    amount_parts,
    amounts_of,
    evidence_of,
    evidence_summary,
    grouped,
    last_edits,
    typed_fields,
    with_typed,
)
from aidcurator.store.export_scope import ArticleSpan, article_spans, count_records, record_filters
from aidcurator.store.export_values import ENUM_VALUES, MEMO_LIMIT, AsText, fetch, raw
from aidcurator.store.models import Amount, Article, Record
from aidcurator.store.parties import party_columns
from aidcurator.store.tables import TableName, stats, table_rows

__all__ = [
    "AMOUNT_EXPORT_KEYS",
    "EVIDENCE_EXPORT_KEYS",
    "EXPORT_CHUNK",
    "EXPORT_FIELDS",
    "FLAT_EXPORT_CHUNK",
    "RECORD_EXPORT_KEYS",
    "TYPED",
    "TableName",
    "article_spans",
    "count_records",
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
FLAT_EXPORT_CHUNK = 10_000  # flat rows are smaller: fewer, larger chunks (each costs a few selects)

_READ = RECORD_EXPORT_KEYS.index("last_edited_by")  # the scalar columns the record query reads
Derived = tuple[str, Callable[[Any], Any]]


def iter_flat_record_chunks(
    session: Session,
    *,
    status: RecordStatus | str | None = None,
    article_ids: Sequence[int] | None = None,
    chunk_size: int = FLAT_EXPORT_CHUNK,
    text_of: Callable[[Any], Any] | None = None,
    derived: Derived | None = None,
    article_span: ArticleSpan = (None, None),
) -> Iterator[FlatChunk]:
    """Records as :class:`FlatChunk` s (scalars in :data:`RECORD_EXPORT_KEYS` order), ordered by
    article id, then record id, at most ``chunk_size`` at a time. One query reads each chunk's
    records with their article, first amount, number of amounts and evidence summary.

    With ``text_of``, dates, time stamps and money come as ``text_of(value)`` (a writer's text
    for them), converted once per distinct stored value instead of once per cell. ``derived``
    (``(key, function)``) adds a scalar computed from the key's value right after it, once per
    distinct value. ``article_span`` ``(first, stop)`` keeps the records of articles with
    ``first <= id < stop`` (None: unbounded), one part of :func:`article_spans`."""
    record, amount = Record.__table__, Amount.__table__
    first = amount.alias("first_amount")
    text = AsText(session, text_of) if text_of is not None else None
    of_record = amount.c.record_id == record.c.id
    first_id = sa.select(amount.c.id).where(of_record).order_by(amount.c.position, amount.c.id).limit(1)
    n_amounts = sa.select(sa.func.count(amount.c.id)).where(of_record).scalar_subquery()
    statement = _record_query(
        text, [*amount_columns(first, text), n_amounts, evidence_summary(session)]
    ).outerjoin(first, first.c.id == first_id.scalar_subquery())
    other = Amount.__table__.alias("other_amount")
    several = sa.exists().where(other.c.record_id == amount.c.record_id, other.c.id != amount.c.id)
    rows = _RecordRows(text, derived)
    counted = _READ + len(AMOUNT_KEYS)  # the number of amounts, then the evidence summary
    rows.add(*amount_parts(_READ, text))
    rows.add([f"r[{counted}]", f"SUMMARIES.get(r[0], r[{counted + 1}])"], texts=[1])
    for raw_rows, scope, ids in _pages(
        session, statement, record_filters(session, status, article_ids, article_span), chunk_size
    ):
        summaries: dict[int, str] = {}
        typed = typed_fields(session, scope)
        if typed:
            summary_of = {row[0]: row[counted + 1] for row in raw_rows}  # raw: the database's summary
            summaries = {
                record_id: with_typed(summary_of[record_id], names)
                for record_id, names in typed.items()
                if record_id in summary_of
            }
        others: dict[int, list[tuple[Any, ...]]] = {}
        if max(map(itemgetter(counted), raw_rows)) > 1:  # records with several amounts
            found = amounts_of(session, scope, text, set(ids), several)
            others = {
                record_id: amounts[1:]
                for record_id, amounts in grouped(found[0], zip(*found[1:], strict=True)).items()
            }
        yield FlatChunk(
            rows=rows.convert(session, scope, raw_rows, SUMMARIES=summaries),
            other_amounts=others,
            texts=frozenset(rows.texts),
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
    rows = _RecordRows(text, derived)
    for raw_rows, scope, ids in _pages(
        session, statement, record_filters(session, status, article_ids), chunk_size
    ):
        order = {record_id: row for row, record_id in enumerate(ids)}
        evidence = evidence_of(session, scope, order)
        typed = [
            (record_id, name, None, None, None, TYPED)
            for record_id, names in typed_fields(session, scope).items()
            if record_id in order
            for name in names
        ]
        if typed:  # after the record's spans (the sort is stable)
            spans = sorted([*zip(*evidence, strict=True), *typed], key=lambda span: order[span[0]])
            evidence = list(zip(*spans, strict=True))
        yield NestedChunk(
            rows=rows.convert(session, scope, raw_rows),
            amounts=amounts_of(session, scope, text, order),
            evidence=evidence,
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
                "amounts": [dict(zip(AMOUNT_KEYS, a, strict=True)) for a in amounts.get(scalars[0], ())],
                "evidence": [dict(zip(EVIDENCE_KEYS, e, strict=True)) for e in evidence.get(scalars[0], ())],
            }
            for scalars in chunk.rows.made()
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


def _read_columns() -> list[sa.Column[Any]]:
    """The columns of the scalars the record query reads, up to ``version``."""
    record, article = Record.__table__, Article.__table__
    return [
        record.c.id,
        record.c.article_id,
        article.c.title,
        article.c.source,
        article.c.url,
        article.c.published,
        *(record.c[spec.name] for spec in EXPORT_FIELDS),
        record.c.status,
        record.c.origin,
        record.c.created_at,
        record.c.updated_at,
        record.c.version,
    ]


def _record_query(text: AsText | None, extra: list[Any]) -> sa.Select[Any]:
    """The records joined with their article: the scalar columns up to ``version`` (enums read
    raw, dates too with ``text``), then ``extra``."""
    record, article = Record.__table__, Article.__table__
    raws = _ENUMS.keys() | (_DATES.keys() if text is not None else set())
    columns = [raw(column) if at in raws else column for at, column in enumerate(_read_columns())]
    return sa.select(*columns, *extra).join(article, article.c.id == record.c.article_id)


def _pages(
    session: Session, statement: sa.Select[Any], filters: list[Any], chunk_size: int
) -> Iterator[tuple[Sequence[Sequence[Any]], list[Any], list[int]]]:
    """``(rows, scope, ids)`` per page of ``statement``'s rows in (article id, record id) order:
    the page's rows, its key range (conditions on ``record`` for the other selects) and its
    record ids."""
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
        yield rows, scope, [row[0] for row in rows]
        after = (rows[-1][1], rows[-1][0])


#: The enum columns of the record query (by position) and their values by member name.
_ENUMS = {
    **{6 + i: ENUM_VALUES[spec.choices] for i, spec in enumerate(EXPORT_FIELDS) if spec.choices},
    RECORD_EXPORT_KEYS.index("status"): ENUM_VALUES[RecordStatus],
    RECORD_EXPORT_KEYS.index("origin"): ENUM_VALUES[Origin],
}
_DATES = {
    RECORD_EXPORT_KEYS.index("article_published"): Article.__table__.c.published,
    RECORD_EXPORT_KEYS.index("created_at"): Record.__table__.c.created_at,
    RECORD_EXPORT_KEYS.index("updated_at"): Record.__table__.c.updated_at,
}


#: The free-text columns of the record query (str or None: no enum, date or number).
_FREE_TEXT = {
    at
    for at, column in enumerate(_read_columns())
    for kind in [column.type.impl if isinstance(column.type, sa.types.TypeDecorator) else column.type]
    if isinstance(kind, sa.String) and not isinstance(kind, sa.Enum)
}


class _RecordRows:
    """The record query's rows as export rows: enums as values, dates as text (with ``text``),
    then the last edit and the parties, the derived scalar after its key, then what
    :meth:`add` adds, as :class:`Rows` (expressions over the query's rows, made in one pass by
    the writer)."""

    def __init__(self, text: AsText | None, derived: Derived | None) -> None:
        self.text = text
        self.names: dict[str, Any] = {
            "NEVER": (None, None),
            "NO_PARTIES": (None,) * len(PARTY_EXPORT_COLUMNS),
        }
        self.memos: dict[str, sa.Column[Any]] = {}  # text memos, renewed when they grow too large
        self.derive = None if derived is None else Memo(derived[1])
        derived_at = -1 if derived is None else RECORD_EXPORT_KEYS.index(derived[0])
        if derived_at >= _READ:
            raise ValueError(f"cannot derive a column from {derived[0]!r}")  # type: ignore[index]
        self.parts: list[str] = []  # one per value of the rows made
        self.texts: set[int] = set()  # the positions of free text in them
        for at in range(_READ):
            part = f"r[{at}]"
            if at in _ENUMS:
                part = self._name(f"E{at}", _ENUMS[at], part)
            elif at in _DATES and text is not None:
                self.memos[f"D{at}"] = _DATES[at]
                part = f"D{at}[{part}]"
            self.add([part], texts=[0] if at in _FREE_TEXT else [])
            if at == derived_at:
                self.add([self._name("DERIVED", self.derive, part)], texts=[0])
        # last_edited_by and last_edited_at, then the parties ("Name (type)|…" per role)
        self.add([f"LAST.get(r[0], NEVER)[{at}]" for at in range(2)], texts=[0])
        parties = range(len(PARTY_EXPORT_COLUMNS))
        self.add([f"PARTIES.get(r[0], NO_PARTIES)[{at}]" for at in parties], texts=parties)

    def _name(self, name: str, mapping: Any, part: str) -> str:
        self.names[name] = mapping
        return f"{name}[{part}]"

    def add(
        self,
        parts: list[str],
        names: dict[str, Any] | None = None,
        memos: dict[str, sa.Column[Any]] | None = None,
        texts: Iterable[int] = (),
    ) -> None:
        """Further parts (one value each), the names they use, the text memos (by column) they
        use, and which of them (positions in ``parts``) are free text."""
        self.texts.update(len(self.parts) + at for at in texts)
        self.parts.extend(parts)
        self.names.update(names or {})
        self.memos.update(memos or {})

    def convert(
        self, session: Session, scope: list[Any], rows: Sequence[Sequence[Any]], **names: Any
    ) -> Rows:
        """The :class:`Rows` of a page's ``rows`` (``names``: the page's values of further names)."""
        text, namespace = self.text, self.names
        if text is not None:
            namespace.update({name: text.of(column) for name, column in self.memos.items()})
        if self.derive is not None and len(self.derive) > MEMO_LIMIT:
            self.derive.clear()
        namespace["LAST"] = last_edits(session, scope, text)
        namespace["PARTIES"] = party_columns(session, scope)  # parties hook: "Name (type)|…" per role
        namespace.update(names)
        return Rows(raw=rows, parts=self.parts, names=dict(namespace))
