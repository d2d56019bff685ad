"""Cells of the export files: CSV text (exact numbers, formula injection neutralised), XLSX values
(exact numbers as numbers only when Excel holds them exactly) and exact JSON text."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import Enum
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from aidcurator.domain.jsonvalues import EXACT
from aidcurator.export.atomic import ExportError


def decimal_text(value: Decimal) -> str:
    """Exact plain notation: ``214000000``, ``0.5``, ``-12.25`` (no exponent, no trailing zeros)."""
    if not value.is_finite():
        raise ExportError(f"Cannot export the non-finite number {value}.")
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _plain(value: Any) -> Any:
    """Enums become their values; everything else is returned unchanged."""
    return value.value if isinstance(value, Enum) else value


_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number
_EXCEL_MAX_CELL_CHARS = 32_767


def neutralize(text: str) -> str:
    """Prefix ``'`` to text a spreadsheet would read as a formula (OWASP CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_PREFIXES) else text


def _unsupported(value: Any) -> ExportError:
    return ExportError(f"Cannot export a value of type {type(value).__name__}: {value!r}")


def _finite_float(value: float) -> float | None:
    """NaN means missing (None); infinities cannot be exported."""
    if math.isnan(value):
        return None
    if math.isinf(value):
        raise ExportError(f"Cannot export the non-finite number {value}.")
    return value


_FORMULA_STARTS = frozenset(_FORMULA_PREFIXES)


_NONE_TYPE = type(None)
_FORMULA_AFTER_SEPARATOR = re.compile("\x00[" + re.escape("".join(_FORMULA_PREFIXES)) + "]")


class _Final(str):
    """A CSV cell already written out (a number or a date): written as it is, never neutralised."""

    __slots__ = ()


def csv_text(value: Any) -> str | None:
    """The CSV text of a date, time stamp or number, marked as final (None stays None): the store
    converts each distinct stored value with it once (``text_of``), instead of once per cell."""
    return None if value is None else _Final(_csv_cell(value))


def _csv_rows(rows: Sequence[Sequence[Any]]) -> Sequence[Sequence[Any]]:
    """A batch of CSV rows, converted a column at a time (:func:`_csv_columns`); the rows
    themselves when no column needs converting."""
    if not rows:
        return rows
    columns = list(zip(*rows, strict=True))
    converted = _csv_columns(columns)
    return rows if converted is columns else list(zip(*converted, strict=True))


def _csv_columns(columns: list[Sequence[Any]]) -> list[Sequence[Any]]:
    """The columns of a batch of CSV rows, converted: a column of ints and Nones needs nothing
    (csv writes them as digits and ""), nor one of :func:`csv_text` texts, a column of texts
    only when one starts like a formula; other columns go through :func:`_csv_cell`. Same
    output as :func:`_csv_row` on each row; ``columns`` itself when none needs converting."""
    converted: list[Sequence[Any]] = []
    changed = False
    for column in columns:
        kinds = set(map(type, column))
        kinds.discard(_NONE_TYPE)
        if kinds <= {int} or kinds == {_Final}:
            converted.append(column)
            continue
        if kinds == {str}:
            texts = "\x00" + "\x00".join(filter(None, column))
            if not _FORMULA_AFTER_SEPARATOR.search(texts):
                converted.append(column)
                continue
            converted.append(_csv_row(column))
        elif kinds == {dt.datetime} or kinds == {dt.date}:
            converted.append([None if v is None else v.isoformat() for v in column])
        else:
            converted.append(_csv_row(column))
        changed = True
    return converted if changed else columns


def _csv_row(row: Sequence[Any]) -> list[Any]:
    """One CSV row. None and int need nothing (csv writes them as "" and digits), a str only its
    formula check; everything else goes through :func:`_csv_cell`."""
    starts, cell = _FORMULA_STARTS, _csv_cell
    return [
        ("'" + v if v[:1] in starts else v)
        if type(v) is str
        else (v if v is None or type(v) is int else cell(v))
        for v in row
    ]


def _csv_cell(value: Any) -> str:
    """One CSV field: numbers exact and untouched, strings neutralized, None empty."""
    kind = type(value)  # fast paths for the common plain types (called once per cell)
    if value is None:
        return ""
    if kind is str:
        return "'" + value if value[:1] in _FORMULA_STARTS else value
    if kind is _Final:
        return value
    if kind is int:
        return str(value)
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, float):
        number = _finite_float(value)
        return "" if number is None else repr(number)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, str):
        return neutralize(value)
    if isinstance(value, Mapping | list | tuple):
        return neutralize(_json_text(value))
    raise _unsupported(value)


def _xlsx_cell(value: Any) -> Any:
    """One XLSX cell: exact numbers as numbers, otherwise exact text; strings neutralized."""
    value = _plain(value)
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int | Decimal):
        return _xlsx_number(Decimal(value))
    if isinstance(value, float):
        return _finite_float(value)
    if isinstance(value, dt.datetime):
        # Excel has no time zones: an aware datetime is kept exact as ISO text.
        return value.isoformat() if value.utcoffset() is not None else value
    if isinstance(value, dt.date | dt.time):
        return value
    if isinstance(value, str):
        return _xlsx_text(neutralize(value))
    if isinstance(value, Mapping | list | tuple):
        return _xlsx_text(neutralize(_json_text(value)))
    raise _unsupported(value)


def _xlsx_number(value: Decimal) -> int | float | str:
    """An Excel number when Excel holds it exactly, else the exact digits as text."""
    text = decimal_text(value)
    if len(value.normalize(EXACT).as_tuple().digits) <= _EXCEL_DIGITS:
        if value == value.to_integral_value():
            return int(text)
        number = float(value)
        if Decimal(repr(number)) == value:
            return number
    return text


def _xlsx_text(text: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    # Control characters other than tab/newline/CR are not allowed in XML: drop them. XML readers
    # turn CR and CRLF into LF anyway; do it here so every reader sees the same text.
    text = ILLEGAL_CHARACTERS_RE.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > _EXCEL_MAX_CELL_CHARS:
        raise ExportError(
            f"A text of {len(text)} characters does not fit in an Excel cell "
            f"(limit {_EXCEL_MAX_CELL_CHARS}); export to CSV or JSON instead."
        )
    return text


def _json_text(value: Any) -> str:
    """Exact JSON for plain Python values: Decimals as exact numbers, dates as ISO strings."""
    value = _plain(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, float):
        number = _finite_float(value)
        return "null" if number is None else repr(number)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dt.date | dt.time):
        return json.dumps(value.isoformat())
    if isinstance(value, Mapping):
        items = (
            f"{json.dumps(str(_plain(k)), ensure_ascii=False)}: {_json_text(v)}" for k, v in value.items()
        )
        return "{" + ", ".join(items) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_json_text(v) for v in value) + "]"
    raise _unsupported(value)


def json_token(value: Any) -> str:
    """The exact JSON text of a value, as :func:`_json_text` writes it; fast for the usual types."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)  # what json.dumps(value, ensure_ascii=False) gives
    if value is None:
        return "null"
    if kind is int:
        return str(value)
    if kind is Decimal:
        return decimal_text(value)
    return _json_text(value)
