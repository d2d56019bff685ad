"""CSV files with a header row; the delimiter (comma, semicolon or tab) is sniffed."""

from __future__ import annotations

import csv
import io

from aidcurator.domain import ArticleDraft
from aidcurator.ingest.errors import IngestError
from aidcurator.ingest.fields import FIELD_ALIASES, FieldError, draft_from_fields, field_for

DELIMITERS = (",", ";", "\t")


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that occurs most often in the header line (comma when none does)."""
    counts = {delimiter: header_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def read_csv(text: str, name: str) -> list[ArticleDraft]:
    """Articles of a CSV file, one per non-blank data row.

    Rows are numbered from 1 after the header (origin_position ``"row N"``); cells of
    unknown columns go to ``metadata`` as strings, cells beyond the header to
    ``metadata["extra_cells"]``.
    """
    header_line = next((line for line in text.split("\n") if line.strip()), "")
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(header_line))
    try:
        first = next(reader)
        while not any(cell.strip() for cell in first):  # blank lines before the header
            first = next(reader)
        header = _header(first)
        if not any(field_for(column) == "text" for column in header):
            expected = ", ".join(FIELD_ALIASES["text"])
            raise IngestError(
                name, f"no text column (expected one of: {expected}); columns are: {', '.join(header)}"
            )
        drafts = [
            _draft(header, row, name, number)
            for number, row in enumerate(reader, start=1)
            if any(cell.strip() for cell in row)
        ]
    except StopIteration:
        raise IngestError(name, "no header row") from None
    except csv.Error as error:
        raise IngestError(name, f"malformed CSV near line {reader.line_num}: {error}") from None
    if not drafts:
        raise IngestError(name, "no data rows after the header")
    return drafts


def _draft(header: list[str], row: list[str], name: str, number: int) -> ArticleDraft:
    where = f"row {number}"
    pairs = list(zip(header, row, strict=False))
    try:
        draft = draft_from_fields(pairs, noun="column")
    except FieldError as error:
        raise IngestError(name, f"{where}: {error}") from None
    if len(row) > len(header):
        draft.metadata["extra_cells"] = row[len(header) :]
    draft.origin_position = where
    return draft


def _header(row: list[str]) -> list[str]:
    """Column names, stripped; an empty name becomes ``column N``."""
    return [cell.strip() or f"column {number}" for number, cell in enumerate(row, start=1)]
