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

import itertools
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from aidcurator.domain.export_chunks import FlatChunk, NestedChunk
from aidcurator.export.atomic import STALE_TEMP_SECONDS, ExportError, _atomic_write
from aidcurator.export.atomic import checked_target as _target
from aidcurator.export.cells import (
    _csv_rows,
    csv_text,
    decimal_text,
    json_token,
    neutralize,
)
from aidcurator.export.csv_parts import csv_header, csv_part, write_csv_parts
from aidcurator.export.flat import (
    AMOUNT_COLUMNS,
    RECORD_COLUMNS,
    FlatRows,
    _flat_batches,
    flat_chunk,
    records_frame,
    table_frame,
)
from aidcurator.export.nested import record_lines
from aidcurator.export.usd import UsdColumns
from aidcurator.export.writers import (
    _write_csv,
    _write_csv_batches,
    _write_csv_chunks,
    _write_json,
    _write_json_lines,
    _write_xlsx,
    _write_xlsx_batches,
    without_cycle_collection,
)

__all__ = [
    "AMOUNT_COLUMNS",
    "RECORD_COLUMNS",
    "STALE_TEMP_SECONDS",
    "ExportError",
    "ExportFormat",
    "csv_header",
    "csv_part",
    "csv_text",
    "decimal_text",
    "export_format",
    "json_token",
    "neutralize",
    "records_frame",
    "store_text",
    "table_frame",
    "write_csv_parts",
    "write_record_chunks",
    "write_record_tuples",
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


# ---------------------------------------------------------------------------------------------
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
    fmt = export_format(fmt)
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


def write_record_chunks(
    scalar_keys: Sequence[str],
    chunks: Iterable[FlatChunk] | Iterable[NestedChunk],
    path: str | os.PathLike[str],
    fmt: ExportFormat | str,
    *,
    usd_base_year: int | None = None,
) -> Path:
    """Write records handed a chunk at a time, the store's fast path for large exports:
    :class:`FlatChunk` s to CSV or XLSX (flat as :func:`records_frame` makes them),
    :class:`NestedChunk` s to JSON or JSONL (as :func:`write_records` writes them).

    Scalars follow ``scalar_keys``. US-dollar values use constant dollars of ``usd_base_year``.
    For CSV every value must be None, an int, a str or :func:`csv_text` (as the store hands them
    with ``text_of=store_text("csv")``); free text is neutralised in the chunks' ``texts``."""
    return _write_chunks(scalar_keys, chunks, path, fmt, usd_base_year, checked=True)


def _write_chunks(
    scalar_keys: Sequence[str],
    chunks: Iterable[FlatChunk] | Iterable[NestedChunk],
    path: str | os.PathLike[str],
    fmt: ExportFormat | str,
    usd_base_year: int | None,
    *,
    checked: bool,
) -> Path:
    """:func:`write_record_chunks`; unless ``checked``, CSV cells of any kind are converted."""
    fmt = export_format(fmt)
    usd = UsdColumns(usd_base_year)
    target = _target(path)
    header = csv_header(scalar_keys)

    def write(handle: IO[bytes]) -> None:
        with without_cycle_collection():
            if fmt is ExportFormat.CSV:
                flat = FlatRows(scalar_keys, usd, csv_text, neutralize=checked)  # dollars as text
                rows = (flat.rows(chunk) for chunk in chunks)  # type: ignore[arg-type]
                _write_csv_chunks(header, rows if checked else map(_csv_rows, rows), handle)
            elif fmt is ExportFormat.XLSX:
                flat = FlatRows(scalar_keys, usd)
                rows = (([], flat.rows(chunk)) for chunk in chunks)  # type: ignore[arg-type]
                _write_xlsx_batches(itertools.chain([(header, [])], rows), handle, RECORDS_SHEET)
            else:
                lines = record_lines(scalar_keys, chunks, usd)  # type: ignore[arg-type]
                _write_json_lines(lines, handle, lines=fmt is ExportFormat.JSONL)

    _atomic_write(target, write)
    return target


def store_text(fmt: ExportFormat | str) -> Callable[[Any], Any]:
    """How :func:`write_record_chunks` wants dates, time stamps and money from the store (its
    ``text_of``): as their final CSV text for CSV, as Python values otherwise."""
    return csv_text if export_format(fmt) is ExportFormat.CSV else _as_it_is


def _as_it_is(value: Any) -> Any:
    return value


def write_record_tuples(
    scalar_keys: Sequence[str],
    chunks: Iterable[
        Sequence[tuple[Sequence[Any], Sequence[Sequence[Any]], Sequence[Sequence[Any]] | str | None]]
    ],
    path: str | os.PathLike[str],
    fmt: ExportFormat | str,
    *,
    usd_base_year: int | None = None,
) -> Path:
    """Write records given as ``(scalars, amounts, evidence)`` tuples to CSV or XLSX, flat as
    :func:`records_frame` makes them (see :func:`write_record_chunks`).

    ``scalars`` follow ``scalar_keys``; an amount is a tuple in ``AMOUNT_KEYS`` order (``id,
    text, value, value_max, currency, qualifier, kind, period_start, period_end, share_of_id``),
    evidence a list of ``(field, start, end, quote, origin)`` or its summary text.
    """
    fmt = export_format(fmt)
    if fmt not in (ExportFormat.CSV, ExportFormat.XLSX):
        raise ExportError(f"records as tuples are written to CSV or XLSX, not {fmt.value}")
    flat = (flat_chunk(chunk) for chunk in chunks if chunk)
    return _write_chunks(scalar_keys, flat, path, fmt, usd_base_year, checked=False)


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
    fmt = export_format(fmt)
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


def export_format(fmt: ExportFormat | str) -> ExportFormat:
    """The format named ``fmt`` (``csv``, ``.CSV``, …); :class:`ExportError` for an unknown one."""
    try:
        return ExportFormat(str(fmt).lower().lstrip("."))
    except ValueError:
        choices = ", ".join(f.value for f in ExportFormat)
        raise ExportError(f"Unknown export format {fmt!r}; choose one of {choices}.") from None
