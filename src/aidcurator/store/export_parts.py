"""The parts of exported records that live in other tables: amounts, evidence (and the fields a
person typed, which have none), the last edit. Each is read for a chunk of records at once, by
``scope`` (conditions on ``record``: the chunk's key range)."""

from __future__ import annotations

from collections.abc import Container, Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from aidcurator.domain import AmountKind, Origin, Qualifier
from aidcurator.domain.export_chunks import AMOUNT_KEYS, EVIDENCE_KEYS, TYPED
from aidcurator.domain.fields import RECORD_FIELDS
from aidcurator.store.export_values import ENUM_VALUES, AsText, fetch, raw
from aidcurator.store.models import Amount, Edit, Evidence, Record

_AMOUNT_COLUMNS = ("id", *AMOUNT_KEYS[1:-1], "share_of_id")
# Positions of the columns converted after reading, in an amount tuple.
_VALUE, _VALUE_MAX, _QUALIFIER, _KIND = (
    AMOUNT_KEYS.index(k) for k in ("value", "value_max", "qualifier", "kind")
)


def amount_columns(table: Any, text: AsText | None) -> list[sa.ColumnElement[Any]]:
    """The columns of ``table`` (the amount table or an alias) in :data:`AMOUNT_KEYS` order; enums
    read raw (see :func:`convert_amounts`), money too with ``text``."""
    raws = ("qualifier", "kind") if text is None else ("qualifier", "kind", "value", "value_max")
    return [raw(table.c[name]) if name in raws else table.c[name] for name in _AMOUNT_COLUMNS]


def amount_parts(
    offset: int, text: AsText | None
) -> tuple[list[str], dict[str, Any], dict[str, Any], list[int]]:
    """How a row function (:func:`row_function`) reads an amount whose :func:`amount_columns`
    start at ``offset`` of its row ``r``: the parts (enums as values, money as text with
    ``text``), the names they use, the names of money memos (by column) to renew per chunk, and
    the parts that are free text."""
    amount = Amount.__table__
    parts = [f"r[{offset + at}]" for at in range(len(AMOUNT_KEYS))]
    names = {"QUALIFIERS": ENUM_VALUES[Qualifier], "KINDS": ENUM_VALUES[AmountKind]}
    parts[_QUALIFIER] = f"QUALIFIERS[{parts[_QUALIFIER]}]"
    parts[_KIND] = f"KINDS[{parts[_KIND]}]"
    memos = {}
    if text is not None:
        memos = {"VALUES": amount.c.value, "VALUES_MAX": amount.c.value_max}
        parts[_VALUE] = f"VALUES[{parts[_VALUE]}]"
        parts[_VALUE_MAX] = f"VALUES_MAX[{parts[_VALUE_MAX]}]"
    return parts, names, memos, [AMOUNT_KEYS.index("text"), AMOUNT_KEYS.index("currency")]


def amounts_of(
    session: Session, scope: list[Any], text: AsText | None, keep: Container[int], *where: Any
) -> list[Sequence[Any]]:
    """The amounts of the records of ``scope`` that are in ``keep`` (record ids; and ``where``,
    conditions on ``amount``) as columns: the record id, then :data:`AMOUNT_KEYS`, in record
    order, then position."""
    amount, record = Amount.__table__, Record.__table__
    statement = (
        sa.select(amount.c.record_id, *amount_columns(amount, text))
        .join(record, record.c.id == amount.c.record_id)
        .where(*scope, *where)
        .order_by(record.c.article_id, record.c.id, amount.c.position, amount.c.id)
    )
    columns = _columns(fetch(session, statement), keep, 1 + len(AMOUNT_KEYS))
    if not columns[0]:
        return columns
    if text is not None:
        columns[1 + _VALUE] = list(map(text.of(amount.c.value).__getitem__, columns[1 + _VALUE]))
        columns[1 + _VALUE_MAX] = list(map(text.of(amount.c.value_max).__getitem__, columns[1 + _VALUE_MAX]))
    columns[1 + _QUALIFIER] = list(map(ENUM_VALUES[Qualifier].__getitem__, columns[1 + _QUALIFIER]))
    columns[1 + _KIND] = list(map(ENUM_VALUES[AmountKind].__getitem__, columns[1 + _KIND]))
    return columns


def grouped(keys: Iterable[int], items: Iterable[Any]) -> dict[int, list[Any]]:
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


def _columns(rows: Sequence[Sequence[Any]], keep: Container[int], width: int) -> list[Sequence[Any]]:
    """The columns of ``rows`` whose first value is in ``keep`` (``width`` columns)."""
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True)) or [() for _ in range(width)]
    if not all(map(keep.__contains__, set(columns[0]))):  # rows of records the filters left out
        columns = list(zip(*(row for row in rows if row[0] in keep), strict=True)) or [
            () for _ in range(width)
        ]
    return columns


def evidence_of(session: Session, scope: list[Any], keep: Container[int]) -> list[Sequence[Any]]:
    """The evidence spans of the records of ``scope`` that are in ``keep`` (record ids) as
    columns: the record id, then :data:`EVIDENCE_KEYS`, in record order, then span order (typed
    fields not included)."""
    evidence, record = Evidence.__table__, Record.__table__
    statement = (
        sa.select(
            evidence.c.record_id,
            evidence.c.field,
            evidence.c.start,
            evidence.c.end,
            evidence.c.quote,
            raw(evidence.c.origin),
        )
        .join(record, record.c.id == evidence.c.record_id)
        .where(*scope)
        .order_by(record.c.article_id, record.c.id, evidence.c.id)  # the indexes' order: no sort
    )
    columns = _columns(fetch(session, statement), keep, 1 + len(EVIDENCE_KEYS))
    columns[-1] = list(map(ENUM_VALUES[Origin].__getitem__, columns[-1]))
    return columns


def evidence_summary(session: Session) -> sa.ScalarSelect[Any]:
    """A record's evidence as its one-cell summary ``field: «quote» [start:end]; …`` (None
    without any), made by the database in a subquery correlated with ``record``."""
    evidence, record = Evidence.__table__, Record.__table__
    as_text = lambda column: sa.cast(column, sa.Text)  # noqa: E731
    span = (  # the columns are NOT NULL, so the concatenation is never NULL
        as_text(evidence.c.field) + ": «" + as_text(evidence.c.quote) + "» ["
        + as_text(evidence.c.start) + ":" + as_text(evidence.c.end) + "]"
    )  # fmt: skip
    separator = sa.literal_column("'; '")
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import aggregate_order_by

        joined = sa.func.string_agg(span, aggregate_order_by(separator, evidence.c.id))
        return sa.select(joined).where(evidence.c.record_id == record.c.id).scalar_subquery()
    # SQLite's group_concat joins in the order its input comes: spans in id order.
    spans = (
        sa.select(span.label("span"))
        .where(evidence.c.record_id == record.c.id)
        .order_by(evidence.c.id)
        .correlate(record)
        .subquery()
    )
    return sa.select(sa.func.group_concat(spans.c.span, separator)).scalar_subquery()


def with_typed(summary: str | None, names: Sequence[str]) -> str:
    """An evidence summary followed by the ``field: typed`` entries of ``names``."""
    typed = "; ".join(f"{name}: {TYPED}" for name in names)
    return f"{summary}; {typed}" if summary else typed


#: Fields whose provenance the export reports (the machine fields with evidence names).
_PROVENANCE_FIELDS = tuple(
    (spec.name, spec.evidence)
    for spec in RECORD_FIELDS
    if spec.machine and spec.evidence and spec.type != "code"
)


def typed_fields(session: Session, scope: list[Any]) -> dict[int, list[str]]:
    """Per-field provenance: the fields (and ``amount``) a person typed that have no evidence
    left, per record of ``scope``; each gets an entry ``(field, None, None, None, "typed")``
    instead of a quote."""
    record, amount, evidence = Record.__table__, Amount.__table__, Evidence.__table__
    manual = Origin.MANUAL.name
    typed_amounts = {
        record_id
        for record_id, curated, origin, start in session.execute(
            sa.select(amount.c.record_id, amount.c.curated_fields, raw(amount.c.origin), amount.c.start)
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
    for start in range(0, len(candidates), 500):
        for record_id, field in session.execute(
            sa.select(evidence.c.record_id, evidence.c.field).where(
                evidence.c.record_id.in_(candidates[start : start + 500])
            )
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


def last_edits(session: Session, scope: list[Any], text: AsText | None = None) -> dict[int, tuple[str, Any]]:
    """Who edited each record of the chunk (``scope``: conditions on ``record``) last, and when."""
    edit, record = Edit.__table__, Record.__table__
    latest = (
        sa.select(edit.c.record_id, sa.func.max(edit.c.id).label("edit_id"))
        .join(record, record.c.id == edit.c.record_id)
        .where(*scope)
        .group_by(edit.c.record_id)
        .subquery()
    )
    at = edit.c.at if text is None else raw(edit.c.at)
    statement = sa.select(edit.c.record_id, edit.c.actor, at).join(latest, edit.c.id == latest.c.edit_id)
    if text is None:
        return {rid: (actor, when) for rid, actor, when in session.execute(statement)}
    convert = text.of(edit.c.at)
    return {rid: (actor, convert[when]) for rid, actor, when in session.execute(statement)}
