"""Rows for export (records joined with articles, plain tables) and statistics."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from enum import Enum
from itertools import groupby, repeat
from operator import itemgetter
from typing import Any, Literal

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from aidcurator.domain import (
    AmountKind,
    Origin,
    Qualifier,
    RecordStatus,
    ReviewState,
)
from aidcurator.domain.fields import (
    RECORD_FIELDS,
)
from aidcurator.domain.parties import PARTY_EXPORT_COLUMNS
from aidcurator.domain.views import (
    Stats,
)
from aidcurator.store.models import Amount, Article, Edit, Evidence, Mention, Record
from aidcurator.store.parties import party_columns

EXPORT_FIELDS = tuple(spec for spec in RECORD_FIELDS if spec.name != "parent_id")

TableName = Literal["articles", "mentions", "edits"]


#: The scalar keys of an exported record, in the order of the scalar tuples.
RECORD_EXPORT_KEYS = (
    "record_id", "article_id", "article_title", "article_source", "article_url", "article_published",
    *(spec.name for spec in EXPORT_FIELDS), "status", "origin", "created_at", "updated_at", "version",
    "last_edited_by", "last_edited_at", *PARTY_EXPORT_COLUMNS.values(),
)  # fmt: skip
EXPORT_CHUNK = 5000  # records fetched and written at a time: memory stays flat whatever the size


def _in_chunks(ids: Sequence[int], size: int = 500) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _fetch(session: Session, statement: sa.Select[Any]) -> Sequence[Sequence[Any]]:
    """Every row of ``statement``: plain DBAPI tuples when no selected column needs result
    processing (integers, texts, columns read raw with ``type_coerce``), since building a Row per
    row costs more than the query itself; SQLAlchemy's rows otherwise."""
    dialect = session.get_bind().dialect
    result = session.execute(statement)
    cursor = result.cursor  # type: ignore[attr-defined]
    if any(  # the processors SQLAlchemy would use, for the types the driver reports
        column.type.dialect_impl(dialect).result_processor(dialect, description[1]) is not None
        for column, description in zip(statement.selected_columns, cursor.description, strict=True)
    ):
        return result.all()
    try:
        return cursor.fetchall()
    finally:
        result.close()


def _last_edits(
    session: Session, scope: list[Any], text: _AsText | None = None
) -> dict[int, tuple[str, Any]]:
    """Who edited each record of the chunk (``scope``: conditions on ``record``) last, and when."""
    edit, record = Edit.__table__, Record.__table__
    latest = (
        sa.select(edit.c.record_id, sa.func.max(edit.c.id).label("edit_id"))
        .join(record, record.c.id == edit.c.record_id)
        .where(*scope)
        .group_by(edit.c.record_id)
        .subquery()
    )
    at = edit.c.at if text is None else sa.type_coerce(edit.c.at, sa.String)
    statement = sa.select(edit.c.record_id, edit.c.actor, at).join(latest, edit.c.id == latest.c.edit_id)
    if text is None:
        return {rid: (actor, when) for rid, actor, when in session.execute(statement)}
    convert = text.of(edit.c.at)
    return {rid: (actor, convert[when]) for rid, actor, when in session.execute(statement)}


def _amounts_by_record(
    session: Session, scope: list[Any], text: _AsText | None = None
) -> dict[int, list[tuple[Any, ...]]]:
    """The amounts of the records of ``scope`` (conditions on ``record``), per record."""
    amount, record = Amount.__table__, Record.__table__
    raw = ("qualifier", "kind") if text is None else ("qualifier", "kind", "value", "value_max")
    columns = [
        sa.type_coerce(amount.c[name], sa.String) if name in raw else amount.c[name]
        for name in _AMOUNT_COLUMNS
    ]
    statement = (
        sa.select(amount.c.record_id, *columns)
        .join(record, record.c.id == amount.c.record_id)
        .where(*scope)
        .order_by(record.c.article_id, record.c.id, amount.c.position, amount.c.id)
    )
    rows = _fetch(session, statement)
    if not rows:
        return {}
    # a column at a time: each conversion is one map() over the column
    table: list[Any] = list(zip(*rows, strict=True))
    if text is not None:
        table[3] = map(text.of(amount.c.value).__getitem__, table[3])
        table[4] = map(text.of(amount.c.value_max).__getitem__, table[4])
    table[6] = map(_ENUM_VALUES[Qualifier].__getitem__, table[6])
    table[7] = map(_ENUM_VALUES[AmountKind].__getitem__, table[7])
    return _grouped(table[0], zip(*table[1:], strict=True))  # in AMOUNT_EXPORT_KEYS order


def _grouped(keys: Iterable[int], items: Iterable[Any]) -> dict[int, list[Any]]:
    """The items in lists per key, in their order."""
    found: dict[int, list[Any]] = {}
    get = found.get
    for key, item in zip(keys, items, strict=True):
        same = get(key)
        if same is None:
            found[key] = [item]
        else:
            same.append(item)
    return found


def _evidence_by_record(session: Session, scope: list[Any]) -> dict[int, list[tuple[Any, ...]]]:
    """The evidence of the records of ``scope`` (conditions on ``record``), then an entry per
    typed field, per record."""
    evidence, record = Evidence.__table__, Record.__table__
    statement = (
        sa.select(
            evidence.c.record_id,
            evidence.c.field,
            evidence.c.start,
            evidence.c.end,
            evidence.c.quote,
            sa.type_coerce(evidence.c.origin, sa.String),
        )
        .join(record, record.c.id == evidence.c.record_id)
        .where(*scope)
        .order_by(record.c.article_id, record.c.id, evidence.c.id)  # the indexes' order: no sort
    )
    found: dict[int, list[tuple[Any, ...]]] = {}
    origins = _ENUM_VALUES[Origin]
    for record_id, field, start, end, quote, origin in _fetch(session, statement):
        found.setdefault(record_id, []).append((field, start, end, quote, origins[origin]))
    for record_id, names in _typed_fields(session, scope).items():
        found[record_id] = found.get(record_id, []) + [(name, None, None, None, TYPED) for name in names]
    return found


def _evidence_texts(session: Session, scope: list[Any]) -> dict[int, str]:
    """Each record's evidence as its one-cell summary ``field: «quote» [start:end]; …`` (then
    ``field: typed`` per typed field), each span's text made by the database: what the flat
    writers make of :func:`_evidence_by_record`'s tuples, without a tuple per span."""
    evidence, record = Evidence.__table__, Record.__table__
    as_text = lambda column: sa.cast(column, sa.Text)  # noqa: E731
    span = (  # the columns are NOT NULL, so the concatenation is never NULL
        as_text(evidence.c.field) + ": «" + as_text(evidence.c.quote) + "» ["
        + as_text(evidence.c.start) + ":" + as_text(evidence.c.end) + "]"
    )  # fmt: skip
    statement = (
        sa.select(evidence.c.record_id, span)
        .join(record, record.c.id == evidence.c.record_id)
        .where(*scope)
        .order_by(record.c.article_id, record.c.id, evidence.c.id)  # the indexes' order: no sort
    )
    second = itemgetter(1)
    texts = {
        record_id: "; ".join(map(second, spans))
        for record_id, spans in groupby(_fetch(session, statement), itemgetter(0))
    }
    for record_id, names in _typed_fields(session, scope).items():
        typed = "; ".join(f"{name}: {TYPED}" for name in names)
        texts[record_id] = f"{texts[record_id]}; {typed}" if record_id in texts else typed
    return texts


#: Fields whose provenance the export reports (the machine fields with evidence names).
_PROVENANCE_FIELDS = tuple(
    (spec.name, spec.evidence)
    for spec in RECORD_FIELDS
    if spec.machine and spec.evidence and spec.type != "code"
)


def _typed_fields(session: Session, scope: list[Any]) -> dict[int, list[str]]:
    """Per-field provenance: the fields (and ``amount``) a person typed that have no evidence
    left, per record of ``scope``; each gets an entry ``(field, None, None, None, "typed")``
    instead of a quote."""
    record, amount, evidence = Record.__table__, Amount.__table__, Evidence.__table__
    manual = Origin.MANUAL.name
    typed_amounts = {
        record_id
        for record_id, curated, origin, start in session.execute(
            sa.select(
                amount.c.record_id,
                amount.c.curated_fields,
                sa.type_coerce(amount.c.origin, sa.String),
                amount.c.start,
            )
            .join(record, record.c.id == amount.c.record_id)
            .where(*scope)
            # Only amounts a person touched can be typed: skip decoding the untouched ones' JSON.
            .where(
                sa.or_(
                    _json_text(amount.c.curated_fields) != "[]",
                    amount.c.origin == Origin.MANUAL,  # the enum type binds it (native on PostgreSQL)
                )
            )
        )
        if "text" in (curated or ()) or (origin == manual and start is None)
    }
    curated_fields = {
        record_id: curated or ()
        for record_id, curated in session.execute(
            sa.select(record.c.id, record.c.curated_fields)
            .where(*scope)
            .where(_json_text(record.c.curated_fields) != "[]")  # untouched records have no typed field
        )
    }
    candidates = sorted(typed_amounts | curated_fields.keys())
    if not candidates:
        return {}
    evidence_names: dict[int, set[str]] = {}
    for ids in _in_chunks(candidates):
        for record_id, field in session.execute(
            sa.select(evidence.c.record_id, evidence.c.field).where(evidence.c.record_id.in_(ids))
        ):
            evidence_names.setdefault(record_id, set()).add(field)
    typed: dict[int, list[str]] = {}
    for record_id in candidates:
        names = evidence_names.get(record_id, set())
        curated = curated_fields.get(record_id, ())
        extra = [
            name
            for name, evidence_of in _PROVENANCE_FIELDS
            if name in curated and not names.intersection(evidence_of)
        ]
        if record_id in typed_amounts and "amount" not in names and "amount" not in extra:
            extra.append("amount")
        if extra:
            typed[record_id] = extra
    return typed


def _json_text(column: sa.Column[Any]) -> sa.ColumnElement[Any]:
    """A JSON column as its stored text (``[]`` for an empty list on SQLite and PostgreSQL)."""
    return sa.cast(column, sa.Text)


_AMOUNT_COLUMNS = (
    "id",
    "text",
    "value",
    "value_max",
    "currency",
    "qualifier",
    "kind",
    "period_start",
    "period_end",
    "share_of_id",
)
#: The keys of an exported amount, in the order of the amount tuples.
AMOUNT_EXPORT_KEYS = ("amount_id", *_AMOUNT_COLUMNS[1:-1], "share_of_amount_id")
#: The keys of an exported evidence span, in the order of the evidence tuples (``origin``:
#: extracted, manual, or typed for a value a person typed, which has no quote).
EVIDENCE_EXPORT_KEYS = ("field", "start", "end", "quote", "origin")
TYPED = "typed"


def _enum_value(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


# Enum columns hold member names; read raw, they map to values with one dict lookup.
_ENUM_VALUES: dict[type[Enum], dict[str | None, Any]] = {
    enum: {**{member.name: member.value for member in enum}, None: None}
    for enum in (
        Qualifier,
        AmountKind,
        RecordStatus,
        Origin,
        *(s.choices for s in RECORD_FIELDS if s.choices),
    )
}


class _AsText:
    """Values of some columns as their export text (``text_of`` of what the column type reads),
    each distinct stored value converted once: dates and money repeat a lot."""

    def __init__(self, session: Session, text_of: Callable[[Any], Any]) -> None:
        self.dialect = session.get_bind().dialect
        self.text_of = text_of
        self.memos: dict[str, _Memo] = {}

    def of(self, column: sa.Column[Any]) -> _Memo:
        """``memo[raw]``: the export text of a raw value of ``column`` (None stays None)."""
        key = f"{column.table.name}.{column.name}"
        memo = self.memos.get(key)
        if memo is None or len(memo) > 50_000:  # bounded: unique time stamps would pile up
            process = _result_processor(column, self.dialect)
            text_of = self.text_of
            memo = self.memos[key] = _Memo(
                lambda raw: None if raw is None else text_of(process(raw) if process else raw)
            )
        return memo


def _result_processor(column: sa.Column[Any], dialect: sa.Dialect) -> Callable[[Any], Any] | None:
    """What SQLAlchemy applies to a raw value of ``column``. A driver whose processor needs the
    type the server reports (psycopg's NUMERIC) hands Python values already: only a
    TypeDecorator's own step is left then."""
    try:
        return column.type.dialect_impl(dialect).result_processor(dialect, None)
    except (TypeError, sa.exc.SQLAlchemyError):
        decorator = column.type
        if isinstance(decorator, sa.types.TypeDecorator):
            return lambda raw: decorator.process_result_value(raw, dialect)
        return None


class _Memo(dict[Any, Any]):
    def __init__(self, convert: Callable[[Any], Any]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.convert(key)
        return value


def _status_is(session: Session, status: RecordStatus) -> sa.ColumnElement[bool]:
    """``record.status = status`` for the paged export query. On SQLite written ``+record.status``, so
    the planner walks the (article_id, id) order instead of the status index, which made it sort every
    matching record again for each chunk (quadratic in the number of accepted records)."""
    column = Record.__table__.c.status
    if session.get_bind().dialect.name != "sqlite":
        return column == status
    return sa.literal_column(f"+{Record.__table__.name}.status", sa.String) == status.name


def iter_record_export_tuples(
    session: Session,
    *,
    status: RecordStatus | str | None = None,
    article_ids: Sequence[int] | None = None,
    chunk_size: int = EXPORT_CHUNK,
    text_of: Callable[[Any], Any] | None = None,
    evidence_summary: bool = False,
    derived: tuple[str, Callable[[Any], Any]] | None = None,
) -> Iterator[list[tuple[tuple[Any, ...], list[tuple[Any, ...]], Any]]]:
    """Records joined with their article, as ``(scalars, amounts, evidence)`` tuples (scalars in
    :data:`RECORD_EXPORT_KEYS` order, amounts in ``AMOUNT_EXPORT_KEYS`` order, evidence in
    ``EVIDENCE_EXPORT_KEYS`` order), ordered by article id, then record id, in lists of at most
    ``chunk_size`` (Core selects, keyset paging: memory does not grow with the number of records).

    With ``text_of``, dates, time stamps and money come as ``text_of(value)`` (a CSV writer's
    text for them), converted once per distinct stored value instead of once per cell. With
    ``evidence_summary``, a record's evidence comes as its one-cell summary text (None without
    any; see :func:`_evidence_texts`) instead of a list. ``derived`` (``(key, function)``) adds a
    scalar computed from the key's value right after it, once per distinct value."""
    record, article = Record.__table__, Article.__table__
    text = _AsText(session, text_of) if text_of is not None else None
    # enum columns are read raw (member names) and mapped to values with one dict lookup
    enums = [*(spec.choices for spec in EXPORT_FIELDS), RecordStatus, Origin]
    columns = [
        *(record.c[spec.name] for spec in EXPORT_FIELDS),
        record.c.status,
        record.c.origin,
    ]
    as_text = text is not None
    statement = (
        sa.select(
            record.c.id,
            record.c.article_id,
            article.c.title,
            article.c.source,
            article.c.url,
            sa.type_coerce(article.c.published, sa.String) if as_text else article.c.published,
            *(
                sa.type_coerce(c, sa.String) if e is not None else c
                for c, e in zip(columns, enums, strict=True)
            ),
            *(
                sa.type_coerce(c, sa.String) if as_text else c
                for c in (record.c.created_at, record.c.updated_at)
            ),
            record.c.version,
        )
        .join(article, article.c.id == record.c.article_id)
        .order_by(record.c.article_id, record.c.id)
        .limit(chunk_size)
    )
    filters: list[Any] = []
    if status is not None:
        filters.append(_status_is(session, RecordStatus(status)))
    if article_ids is not None:
        filters.append(record.c.article_id.in_(list(article_ids)))
    statement = statement.where(*filters)
    mapped = [(6 + i, _ENUM_VALUES[e]) for i, e in enumerate(enums) if e is not None]
    width = 6 + len(columns)  # where created_at and updated_at are
    key = sa.tuple_(record.c.article_id, record.c.id)
    after: tuple[int, int] | None = None
    derive = _Memo(derived[1]) if derived is not None else _Memo(lambda value: value)
    while True:
        page = statement if after is None else statement.where(key > sa.tuple_(*after))
        rows = _fetch(session, page)
        if not rows:
            return
        # The other selects read the chunk's key range: one index range. Without the filters, which
        # can make SQLite pick a worse index (the status one, for every matching record); the rows
        # of records they leave out are never looked up.
        scope = [key <= sa.tuple_(rows[-1][1], rows[-1][0])]
        if after is not None:
            scope.append(key > sa.tuple_(*after))
        amounts = _amounts_by_record(session, scope, text)
        evidence: Mapping[int, Any] = (
            _evidence_texts(session, scope) if evidence_summary else _evidence_by_record(session, scope)
        )
        last = _last_edits(session, scope, text)
        # a column at a time: each conversion is one map() over the column
        table: list[Any] = list(zip(*rows, strict=True))
        converted = mapped
        if text is not None:  # fetched per chunk: the memos stay bounded
            converted = [
                *mapped,
                (5, text.of(article.c.published)),
                (width, text.of(record.c.created_at)),
                (width + 1, text.of(record.c.updated_at)),
            ]
        for index, names in converted:
            table[index] = map(names.__getitem__, table[index])
        ids = table[0]
        never = (None, None)
        edited = [last.get(record_id, never) for record_id in ids] if last else [never] * len(ids)
        table.append([who for who, _ in edited])
        table.append([when for _, when in edited])
        parties = party_columns(session, scope)  # parties hook: one "Name (type)|…" cell per role
        no_parties = (None,) * len(PARTY_EXPORT_COLUMNS)
        table.extend(zip(*(parties.get(record_id, no_parties) for record_id in ids), strict=True))
        if derived is not None:
            if len(derive) > 50_000:  # bounded, like the text memos
                derive.clear()
            at = RECORD_EXPORT_KEYS.index(derived[0])
            source = table[at] = list(table[at])
            table.insert(at + 1, map(derive.__getitem__, source))
        no_rows: list[tuple[Any, ...]] = []
        no_evidence: Any = None if evidence_summary else no_rows
        yield list(
            zip(
                zip(*table, strict=True),
                map(amounts.get, ids, repeat(no_rows)),
                map(evidence.get, ids, repeat(no_evidence)),
                strict=True,
            )
        )
        after = (rows[-1][1], rows[-1][0])


def iter_record_export_rows(
    session: Session,
    *,
    status: RecordStatus | str | None = None,
    article_ids: Sequence[int] | None = None,
    chunk_size: int = EXPORT_CHUNK,
) -> Iterator[list[dict[str, Any]]]:
    """The same records in the export contract's dict shape (amounts and evidence nested)."""
    for chunk in iter_record_export_tuples(
        session, status=status, article_ids=article_ids, chunk_size=chunk_size
    ):
        yield [
            {
                **dict(zip(RECORD_EXPORT_KEYS, scalars, strict=True)),
                "amounts": [dict(zip(AMOUNT_EXPORT_KEYS, a, strict=True)) for a in amounts],
                "evidence": [dict(zip(EVIDENCE_EXPORT_KEYS, e, strict=True)) for e in evidence],
            }
            for scalars, amounts, evidence in chunk
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


def table_rows(
    session: Session, *, what: TableName, article_ids: Sequence[int] | None = None
) -> list[dict[str, Any]]:
    """Rows of the articles, mentions or edits table (JSON columns as dicts/values)."""
    if what == "articles":
        statement = select(Article).order_by(col(Article.id))
        if article_ids is not None:
            statement = statement.where(col(Article.id).in_(list(article_ids)))
        return [
            {
                "article_id": a.id,
                "title": a.title,
                "source": a.source,
                "published": a.published,
                "url": a.url,
                "language": a.language,
                "review_state": ReviewState(a.review_state).value,
                "review_note": a.review_note,
                "content_hash": a.content_hash,
                "origin_file": a.origin_file,
                "origin_position": a.origin_position,
                "imported_at": a.imported_at,
                "extra": dict(a.extra or {}),
                "text": a.text,
            }
            for a in session.exec(statement)
        ]
    if what == "mentions":
        statement_m = select(Mention).order_by(col(Mention.article_id), col(Mention.start), col(Mention.id))
        if article_ids is not None:
            statement_m = statement_m.where(col(Mention.article_id).in_(list(article_ids)))
        return [
            {
                "mention_id": m.id,
                "article_id": m.article_id,
                "kind": m.kind,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "value": m.value,
                "currency": m.currency,
                "qualifier": m.qualifier,
                "value_max": m.value_max,
                "what": m.what,
                "data": dict(m.data or {}),
            }
            for m in session.exec(statement_m)
        ]
    if what == "edits":
        statement_e = select(Edit).order_by(col(Edit.id))
        if article_ids is not None:
            record_ids = select(Record.id).where(col(Record.article_id).in_(list(article_ids)))
            statement_e = statement_e.where(
                sa.or_(col(Edit.article_id).in_(list(article_ids)), col(Edit.record_id).in_(record_ids))
            )
        return [
            {
                "edit_id": e.id,
                "record_id": e.record_id,
                "amount_id": e.amount_id,
                "article_id": e.article_id,
                "action": e.action,
                "field": e.field,
                "old_value": e.old_value,
                "new_value": e.new_value,
                "at": e.at,
                "actor": e.actor,
            }
            for e in session.exec(statement_e)
        ]
    raise ValueError(f"unknown table {what!r}; choose articles, mentions or edits")


def stats(session: Session) -> Stats:
    by_state = {state.value: 0 for state in ReviewState}
    for state, n in session.exec(select(Article.review_state, func.count()).group_by(Article.review_state)):
        by_state[ReviewState(state).value] = int(n)
    by_status = {status.value: 0 for status in RecordStatus}
    for status, n in session.exec(select(Record.status, func.count()).group_by(Record.status)):
        by_status[RecordStatus(status).value] = int(n)

    def count(model: type) -> int:
        return int(session.exec(select(func.count()).select_from(model)).one())

    return Stats(
        articles=sum(by_state.values()),
        records=sum(by_status.values()),
        amounts=count(Amount),
        mentions=count(Mention),
        edits=count(Edit),
        articles_by_state=by_state,
        records_by_status=by_status,
    )
