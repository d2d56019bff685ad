"""Curated records and other tables → pandas DataFrame → CSV / JSON / JSONL / XLSX files.

The store layer hands plain Python rows (dicts of str, int, Decimal, date, datetime, None, ...);
nothing here touches the database or Qt. pandas and openpyxl are imported inside functions so that
importing this module (and opening the window) stays fast.

What every export guarantees:

- **Exact numbers.** Amounts are ``Decimal`` and never pass through ``float`` on their way to CSV or
  JSON: ``Decimal("214000000")`` is written ``214000000``, ``Decimal("0.5")`` is written ``0.5``
  (plain notation, no exponent, trailing zeros dropped). In XLSX a value becomes an Excel number only
  when Excel can hold it exactly (at most 15 significant digits and, for fractions, a float that
  round-trips to the same Decimal); otherwise it is written as text with its exact digits.
- **CSV for Excel.** UTF-8 *with* BOM (``utf-8-sig``) so Excel shows Chinese correctly, comma
  separated, one header row, ``\\r\\n`` line ends (RFC 4180, what Excel itself writes). Line breaks
  inside a field are kept as they are, inside quotes. Dates and datetimes are ISO 8601 text.
- **Formula injection.** In CSV and XLSX every *string* cell that starts with ``=``, ``+``, ``-``,
  ``@``, tab or carriage return gets a leading ``'`` (OWASP "CSV injection"). Numbers are never
  touched, so ``-5`` stays the number ``-5``. JSON and JSONL are written verbatim: they are
  data-interchange formats that spreadsheets do not open as formulas.
- **Atomic writes.** The file is written to a temporary file in the target's folder, flushed and
  fsynced, then moved onto the target with ``os.replace``. If anything goes wrong the temporary file
  is removed and an existing target is left exactly as it was. Ordinary failures raise
  :class:`ExportError` (with the cause chained); ``KeyboardInterrupt``/``SystemExit`` are cleaned up
  after and then propagate unchanged, so Ctrl-C still stops the program.

JSON is one array with one record per line; JSONL is one record per line. Both are UTF-8 without BOM,
``\\n`` line ends, non-ASCII characters written as themselves, dates as ISO 8601 strings. Records keep
``amounts`` and ``evidence`` nested as lists of objects; dict values (e.g. article metadata) stay
objects in JSON and become JSON text in CSV/XLSX.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import gc
import io
import json
import math
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from aidcurator.domain.jsonvalues import EXACT
from aidcurator.export.atomic import STALE_TEMP_SECONDS, ExportError, _atomic_write
from aidcurator.export.flat import (
    AMOUNT_COLUMNS,
    RECORD_COLUMNS,
    _flat_batches,
    _flat_tuple,
    _plain,
    decimal_text,
    records_frame,
    table_frame,
)
from aidcurator.export.usd import UsdColumns

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "AMOUNT_COLUMNS",
    "RECORD_COLUMNS",
    "STALE_TEMP_SECONDS",
    "ExportError",
    "ExportFormat",
    "csv_text",
    "decimal_text",
    "neutralize",
    "records_frame",
    "table_frame",
    "write_records",
    "write_table",
]


class ExportFormat(StrEnum):
    """File formats an export can be written in."""

    CSV = "csv"
    JSON = "json"
    JSONL = "jsonl"
    XLSX = "xlsx"


#: Scalar record keys in the order the store layer provides them (used when there are no records):
#: the article, every field of the field table, then status and history columns.
RECORDS_SHEET = "records"
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_EXCEL_DIGITS = 15  # Excel keeps 15 significant digits of a number
_EXCEL_MAX_CELL_CHARS = 32_767


# ---------------------------------------------------------------------------------------------
# Frames
# Public writers


def write_records(
    records: Iterable[Mapping[str, Any]],
    path: str | os.PathLike[str],
    fmt: ExportFormat | str,
    *,
    usd_base_year: int | None = None,
) -> Path:
    """Write curated records atomically; CSV/XLSX are flat (``records_frame``), JSON/JSONL nested.

    Every amount gets its US-dollar values (``export.usd``; constant dollars of ``usd_base_year``,
    default the deflator table's last year). ``records`` may be a generator: rows are written as
    they come, a batch at a time, so memory stays flat however many records there are. Returns the
    path written. Raises :class:`ExportError` on any failure.
    """
    fmt = _format(fmt)
    records = UsdColumns(usd_base_year).records(records)
    target = _target(path)

    def write(handle: IO[bytes]) -> None:
        if fmt is ExportFormat.CSV:
            _write_csv_batches(_flat_batches(records), handle)
        elif fmt is ExportFormat.XLSX:
            _write_xlsx_batches(_flat_batches(records), handle, RECORDS_SHEET)
        else:
            _write_json(records, handle, lines=fmt is ExportFormat.JSONL)

    _atomic_write(target, write)
    return target


def write_record_tuples(
    scalar_keys: Sequence[str],
    chunks: Iterable[Sequence[tuple[Sequence[Any], Sequence[Sequence[Any]], Sequence[Sequence[Any]]]]],
    path: str | os.PathLike[str],
    fmt: ExportFormat | str,
    *,
    usd_base_year: int | None = None,
) -> Path:
    """Write records given as ``(scalars, amounts, evidence)`` tuples to CSV or XLSX, flat as
    :func:`records_frame` makes them: the store's fast path for large exports (no dict per row).

    ``scalars`` follow ``scalar_keys``; an amount is ``(id, text, value, value_max, currency,
    qualifier, kind, period_start, period_end, share_of_id)``, evidence ``(field, start, end, quote, origin)``.
    The first amount's US-dollar columns use constant dollars of ``usd_base_year``.
    """
    fmt = _format(fmt)
    if fmt not in (ExportFormat.CSV, ExportFormat.XLSX):
        raise ExportError(f"records as tuples are written to CSV or XLSX, not {fmt.value}")
    text_of = csv_text if fmt is ExportFormat.CSV else None  # CSV: dollars as their text, once each
    usd = UsdColumns(usd_base_year).first_usd(scalar_keys, text_of)
    target = _target(path)
    columns = [*scalar_keys, *AMOUNT_COLUMNS, "n_amounts", "other_amounts", "evidence"]

    def batches() -> Iterator[tuple[list[str], list[list[Any]]]]:
        yield columns, []
        for chunk in chunks:
            yield [], [_flat_tuple(s, a, e, usd(s, a) if a else None) for s, a, e in chunk]

    def write(handle: IO[bytes]) -> None:
        with _without_cycle_collection():
            if fmt is ExportFormat.CSV:
                _write_csv_batches(batches(), handle)
            else:
                _write_xlsx_batches(batches(), handle, RECORDS_SHEET)

    _atomic_write(target, write)
    return target


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a large export runs: it makes millions of small
    tuples and lists, no cycles, and each chunk is freed by reference counting as soon as it is
    written, so the collector's passes over them (a quarter of the export's time) find nothing.
    It runs again afterwards, also when the export fails."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def write_table(
    rows: Iterable[Mapping[str, Any]],
    path: str | os.PathLike[str],
    fmt: ExportFormat | str,
    *,
    columns: Sequence[str] | None = None,
    sheet_name: str = "data",
) -> Path:
    """Write a flat table (articles, mentions, edits) atomically.

    ``columns`` picks and orders the columns (default: all keys, first-seen order); ``sheet_name``
    names the XLSX sheet. Dict and list values are JSON text in CSV/XLSX and nested in JSON.
    """
    fmt = _format(fmt)
    target = _target(path)
    rows = list(rows)

    def write(handle: IO[bytes]) -> None:
        if fmt is ExportFormat.CSV:
            _write_csv(table_frame(rows, columns), handle)
        elif fmt is ExportFormat.XLSX:
            _write_xlsx(table_frame(rows, columns), handle, sheet_name)
        else:
            picked = rows if columns is None else [{c: row.get(c) for c in columns} for row in rows]
            _write_json(picked, handle, lines=fmt is ExportFormat.JSONL)

    _atomic_write(target, write)
    return target


def _format(fmt: ExportFormat | str) -> ExportFormat:
    try:
        return ExportFormat(str(fmt).lower().lstrip("."))
    except ValueError:
        choices = ", ".join(f.value for f in ExportFormat)
        raise ExportError(f"Unknown export format {fmt!r}; choose one of {choices}.") from None


def _target(path: str | os.PathLike[str]) -> Path:
    """Check the target before anything is written."""
    target = Path(path)
    if target.is_symlink():  # write through the link, next to the real file
        target = target.resolve()
    if not target.parent.is_dir():
        raise ExportError(f"Cannot export to {target}: the folder {target.parent} does not exist.")
    if target.is_dir():
        raise ExportError(f"Cannot export to {target}: it is a folder, not a file.")
    return target


# ---------------------------------------------------------------------------------------------
# Serializers (one per format; each writes into an open binary handle)


def _write_csv(frame: pd.DataFrame, handle: IO[bytes]) -> None:
    _write_csv_batches(iter([(list(frame.columns), list(frame.itertuples(index=False, name=None)))]), handle)


def _write_csv_batches(
    batches: Iterator[tuple[list[str], Sequence[Sequence[Any]]]], handle: IO[bytes]
) -> None:
    handle.write(codecs.BOM_UTF8)  # UTF-8 with BOM: a batch is written and encoded at once
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    for columns, rows in batches:
        if columns:
            writer.writerows(_csv_rows([columns]))
        writer.writerows(_csv_rows(rows))
        handle.write(text.getvalue().encode("utf-8"))
        text.seek(0)
        text.truncate()


#: Excel's row limit; larger exports continue on further sheets ("records (2)", …).
XLSX_MAX_ROWS = 1_048_576


def _write_xlsx(frame: pd.DataFrame, handle: IO[bytes], sheet_name: str) -> None:
    _write_xlsx_batches(
        iter([(list(frame.columns), list(frame.itertuples(index=False, name=None)))]), handle, sheet_name
    )


def _write_xlsx_batches(
    batches: Iterator[tuple[list[str], Sequence[Sequence[Any]]]], handle: IO[bytes], sheet_name: str
) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    sheets: list[Any] = []
    header: list[str] = []
    used = XLSX_MAX_ROWS  # rows on the current sheet: a new sheet before the first row

    def new_sheet() -> Any:
        title = sheet_name if not sheets else f"{sheet_name} ({len(sheets) + 1})"
        sheet = book.create_sheet(title=title[:31])
        sheet.freeze_panes = "A2"
        cells = []
        for name in header:
            cell = WriteOnlyCell(sheet, value=_xlsx_cell(name))
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
        sheets.append(sheet)
        return sheet

    try:
        sheet = None
        for columns, rows in batches:
            if columns:
                header = columns
            for row in rows:
                if used >= XLSX_MAX_ROWS:
                    sheet, used = new_sheet(), 1
                sheet.append([_xlsx_cell(value) for value in row])
                used += 1
        if not sheets:
            new_sheet()
        book.save(handle)
    except BaseException:
        for open_sheet in sheets:
            _discard_sheet(open_sheet)
        raise


def _discard_sheet(sheet: Any) -> None:
    """Remove the scratch file a failed write-only sheet keeps in the system temp folder.

    openpyxl only deletes it on save or at interpreter exit; this reaches into its private
    ``_writer`` and so is best effort.
    """
    with contextlib.suppress(Exception):
        if not sheet.closed:
            sheet.close()
    with contextlib.suppress(Exception):
        sheet._writer.cleanup()


def _write_json(rows: Iterable[Mapping[str, Any]], handle: IO[bytes], *, lines: bool) -> None:
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
    try:
        if lines:
            for row in rows:
                text.write(_json_text(row) + "\n")
        else:
            text.write("[")
            written = 0
            for row in rows:
                text.write((",\n" if written else "\n") + _json_text(row))
                written += 1
            text.write("\n]\n" if written else "]\n")
        text.flush()
    finally:
        text.detach()


# ---------------------------------------------------------------------------------------------
# Cell conversion


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
    """A batch of CSV rows, converted a column at a time: a column of ints and Nones needs nothing
    (csv writes them as digits and ""), a column of texts only when one starts like a formula;
    other columns go through :func:`_csv_cell`. Same output as :func:`_csv_row` on each row; the
    rows themselves when no column needs converting."""
    if not rows:
        return rows
    converted: list[Sequence[Any]] = []
    changed = False
    for column in zip(*rows, strict=True):
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
    return list(zip(*converted, strict=True)) if changed else rows


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
