"""Values for export read fast: raw DBAPI tuples, enum names mapped with one dict lookup, dates and
money converted once per distinct stored value."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from aidcurator.domain import AmountKind, Origin, Qualifier, RecordStatus
from aidcurator.domain.export_chunks import Memo
from aidcurator.domain.fields import RECORD_FIELDS

#: Memos hold at most this many values: unique time stamps would pile up.
MEMO_LIMIT = 50_000


def fetch(session: Session, statement: sa.Select[Any]) -> Sequence[Sequence[Any]]:
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


# Enum columns hold member names; read raw, they map to values with one dict lookup.
ENUM_VALUES: dict[type[Enum], dict[str | None, Any]] = {
    enum: {**{member.name: member.value for member in enum}, None: None}
    for enum in (
        Qualifier,
        AmountKind,
        RecordStatus,
        Origin,
        *(s.choices for s in RECORD_FIELDS if s.choices),
    )
}


def raw(column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    """``column`` read as the driver hands it (no result processing)."""
    return sa.type_coerce(column, sa.String)


class AsText:
    """Values of some columns as their export text (``text_of`` of what the column type reads),
    each distinct stored value converted once: dates and money repeat a lot."""

    def __init__(self, session: Session, text_of: Callable[[Any], Any]) -> None:
        self.dialect = session.get_bind().dialect
        self.text_of = text_of
        self.memos: dict[str, Memo] = {}

    def of(self, column: sa.Column[Any]) -> Memo:
        """``memo[raw]``: the export text of a raw value of ``column`` (None stays None)."""
        key = f"{column.table.name}.{column.name}"
        memo = self.memos.get(key)
        if memo is None or len(memo) > MEMO_LIMIT:
            process = _result_processor(column, self.dialect)
            text_of = self.text_of
            memo = self.memos[key] = Memo(
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
