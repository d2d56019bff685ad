"""Serializers, one per format: each writes rows (or JSON text) into an open binary handle."""

from __future__ import annotations

import codecs
import contextlib
import csv
import gc
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from types import SimpleNamespace
from typing import IO, TYPE_CHECKING, Any

from aidcurator.export.cells import _csv_rows, _json_text, _xlsx_cell

if TYPE_CHECKING:
    import pandas as pd


def _write_csv(frame: pd.DataFrame, handle: IO[bytes]) -> None:
    _write_csv_batches(iter([(list(frame.columns), list(frame.itertuples(index=False, name=None)))]), handle)


def _write_csv_batches(
    batches: Iterator[tuple[list[str], Sequence[Sequence[Any]]]], handle: IO[bytes]
) -> None:
    """Batches of ``(columns, rows)``: the columns (the header, in the first) then the rows."""
    handle.write(codecs.BOM_UTF8)  # UTF-8 with BOM
    text_of = _CsvText()
    for columns, rows in batches:
        if columns:
            handle.write(text_of(_csv_rows([columns])).encode("utf-8"))
        handle.write(text_of(_csv_rows(rows)).encode("utf-8"))


def _write_csv_chunks(
    header: Sequence[str], chunks: Iterable[Sequence[Sequence[Any]]], handle: IO[bytes]
) -> None:
    """The header, then chunks of rows of CSV cells (None, int, str: converted and neutralised),
    each written and encoded at once."""
    handle.write(codecs.BOM_UTF8)  # UTF-8 with BOM
    text_of = _CsvText()
    handle.write(text_of(_csv_rows([header])).encode("utf-8"))
    for rows in chunks:
        handle.write(text_of(rows).encode("utf-8"))


@contextlib.contextmanager
def without_cycle_collection() -> Iterator[None]:
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


class _CsvText:
    """Rows as CSV text (RFC 4180, ``\\r\\n`` line ends)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.writer = csv.writer(SimpleNamespace(write=self.parts.append), lineterminator="\r\n")

    def __call__(self, rows: Iterable[Sequence[Any]]) -> str:
        self.writer.writerows(rows)
        text = "".join(self.parts)
        self.parts.clear()
        return text


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


def _write_json_lines(batches: Iterable[list[str]], handle: IO[bytes], *, lines: bool) -> None:
    """Records already in JSON text, a batch at a time: a line each (JSONL), or one array."""
    written = False
    for batch in batches:
        if not batch:
            continue
        text = "\n".join(batch) + "\n" if lines else (",\n" if written else "[\n") + ",\n".join(batch)
        handle.write(text.encode("utf-8"))
        written = True
    if not lines:
        handle.write(b"\n]\n" if written else b"[]\n")
