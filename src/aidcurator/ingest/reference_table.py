"""AidData tables (GCOF 1.0 snake_case or GCDF 3.0 column names; CSV, XLSX, JSON Lines, JSON) as
reference-project rows.

Which columns hold which field is data (``resources/reference/aiddata.json``). A row becomes a dict
with the keys of :data:`ROW_KEYS`; ``data`` keeps the whole row as read (AidData's own column names,
JSON-safe values) for the AidData-compatible export. Amounts are exact (Decimal from the text, or
from a float's shortest text for XLSX cells and JSON numbers). A file is read completely or not at
all: any bad row raises :class:`IngestError` with one line naming the file, line and reason.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

from aidcurator.ingest.encoding import decode_text
from aidcurator.ingest.errors import IngestError
from aidcurator.resources import resource_path

ROW_KEYS = (
    "ref_id",
    "title",
    "donor",
    "recipient",
    "recipient_code",
    "year",
    "amount",
    "currency",
    "usd_nominal",
    "sector_code",
    "flow_type",
    "status",
    "umbrella",
    "data",
)
#: Columns that hold descriptive text, dropped with ``without_descriptions``.
DESCRIPTION_COLUMNS = frozenset({"description", "staff_comments"})
SUFFIXES = (".csv", ".tsv", ".xlsx", ".jsonl", ".json")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_TRUE = frozenset({"1", "true", "yes", "y", "t"})


@dataclass(slots=True)
class ReferenceTable:
    """The rows of one file and the column flavour it was read as (``gcof1`` or ``gcdf3``)."""

    flavour: str
    rows: list[dict[str, Any]]


@cache
def aiddata_rules() -> dict[str, Any]:
    """``resources/reference/aiddata.json``: columns per dataset, vocabularies, sector groups."""
    with resource_path("reference", "aiddata.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def column_key(name: str) -> str:
    """A column name as compared: lower case, runs of other characters as ``_``."""
    return _NOT_WORD.sub("_", str(name).strip().lower()).strip("_")


def read_reference_table(
    path: str | Path, *, flavour: str | None = None, without_descriptions: bool = False
) -> ReferenceTable:
    """Read an AidData table; ``flavour`` (``gcof1``/``gcdf3``) is detected from the columns when None."""
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise IngestError(name, f"not an AidData table: expected one of {', '.join(SUFFIXES)}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(name, exc.strerror or str(exc)) from None
    if suffix == ".xlsx":
        records = _xlsx_rows(data, name)
    elif suffix in (".jsonl", ".json"):
        records = _json_rows(decode_text(data, name), name, lines=suffix == ".jsonl")
    else:
        records = _csv_rows(decode_text(data, name), name)
    return rows_from_records(records, name, flavour=flavour, without_descriptions=without_descriptions)


def rows_from_records(
    records: Iterable[tuple[str, Mapping[str, Any]]],
    name: str,
    *,
    flavour: str | None = None,
    without_descriptions: bool = False,
) -> ReferenceTable:
    """``(where, row)`` pairs as reference rows; ``where`` names the line in error messages."""
    datasets = aiddata_rules()["datasets"]
    if flavour is not None and flavour not in datasets:
        raise IngestError(name, f"unknown AidData table kind {flavour!r}; choose {' or '.join(datasets)}")
    rows: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    columns: dict[str, str] | None = None
    dropped: set[str] = set()
    for where, record in records:
        if columns is None:
            keys = {column_key(k): k for k in record}
            flavour = flavour or _detect(keys, name)
            columns = _columns(datasets[flavour]["fields"], keys, name, flavour)
            dropped = (
                {k for k in record if column_key(k) in DESCRIPTION_COLUMNS} if without_descriptions else set()
            )
        row = _row(record, columns, where, name, dropped)
        if row["ref_id"] in seen:
            raise IngestError(name, f"{where}: id {row['ref_id']} appears twice (also {seen[row['ref_id']]})")
        seen[row["ref_id"]] = where
        rows.append(row)
    if not rows or flavour is None:
        raise IngestError(name, "no rows in the table")
    return ReferenceTable(flavour, rows)


def _detect(keys: Mapping[str, str], name: str) -> str:
    for flavour, spec in aiddata_rules()["datasets"].items():
        if any(column in keys for column in spec["detect"]):
            return flavour
    raise IngestError(
        name, "not an AidData table: no project_id (GCOF 1.0) or AidData Record ID (GCDF 3.0) column"
    )


def _columns(
    fields: Mapping[str, list[str]], keys: Mapping[str, str], name: str, flavour: str
) -> dict[str, str]:
    """Our field → the file's column name."""
    found = {}
    for field_name, aliases in fields.items():
        column = next((keys[a] for a in aliases if a in keys), None)
        if column is not None:
            found[field_name] = column
    if "ref_id" not in found:
        raise IngestError(name, f"no id column for {flavour} (expected {fields['ref_id'][0]})")
    return found


def _row(
    record: Mapping[str, Any], columns: Mapping[str, str], where: str, name: str, dropped: set[str]
) -> dict[str, Any]:
    rules = aiddata_rules()

    def get(field_name: str) -> Any:
        column = columns.get(field_name)
        value = None if column is None else record.get(column)
        return None if _blank(value) else value

    ref_id = _id_text(get("ref_id"))
    if ref_id is None:
        raise IngestError(name, f"{where}: no project id")
    try:
        amount, usd = _decimal(get("amount")), _decimal(get("usd_nominal"))
        year = _integer(get("year"))
    except ValueError as exc:
        raise IngestError(name, f"{where}: {exc}") from None
    flow, status = _text(get("flow_type")), _text(get("status"))
    sector = _id_text(get("sector_code"))
    data = {str(k): _json_safe(v) for k, v in record.items() if k not in dropped}
    return {
        "ref_id": ref_id,
        "title": _text(get("title")),
        "donor": _text(get("donor")),
        "recipient": _text(get("recipient")),
        "recipient_code": (_text(get("recipient_code")) or "").upper() or None,
        "year": year,
        "amount": amount,
        "currency": (_text(get("currency")) or "").upper() or None,
        "usd_nominal": usd,
        "sector_code": sector,
        "flow_type": rules["flow"].get(flow, flow) if flow else None,
        "status": rules["status"].get(status, status) if status else None,
        "umbrella": str(get("umbrella") or "").strip().lower() in _TRUE,
        "data": data,
    }


# ----------------------------------------------------------------------------------------- values


def _blank(value: Any) -> bool:
    if value is None:
        return True
    kind = value.__class__
    if kind is str:
        return not value.strip()
    return kind is float and math.isnan(value)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _id_text(value: Any) -> str | None:
    """An id as text: ``4``, ``4.0`` and ``"4"`` are all ``"4"``."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    return text[:-2] if re.fullmatch(r"\d+\.0", text) else text or None


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"amount {value!r} is not a number")
    text = repr(value) if isinstance(value, float) else str(value).strip().replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"amount {value!r} is not a number") from None
    if not number.is_finite():
        return None
    return number.normalize() if number == number.to_integral_value() else number


def _integer(value: Any) -> int | None:
    if value is None:
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"year {value!r} is not a number") from None
    if number != number.to_integral_value():
        raise ValueError(f"year {value!r} is not a whole number")
    return int(number)


def _json_safe(value: Any) -> Any:
    if value.__class__ is str:
        return value if value.strip() else None
    if _blank(value):
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


# ---------------------------------------------------------------------------------------- readers


def _csv_rows(text: str, name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader, None)
    if not header:
        raise IngestError(name, "empty table")
    header = [h.strip().lstrip("\ufeff") for h in header]
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise IngestError(name, f"line {reader.line_num}: {len(row)} cells under {len(header)} columns")
        yield f"line {reader.line_num}", dict(zip(header, row, strict=False))


def _json_rows(text: str, name: str, *, lines: bool) -> Iterator[tuple[str, dict[str, Any]]]:
    if not lines:
        try:
            items = json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise IngestError(name, f"malformed JSON at line {exc.lineno}: {exc.msg}") from None
        if not isinstance(items, list):
            raise IngestError(name, "expected a JSON list of project objects")
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise IngestError(name, f"item {number}: not a JSON object")
            yield f"item {number}", item
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line, parse_float=Decimal)
        except json.JSONDecodeError as exc:
            raise IngestError(
                name, f"line {number}: malformed JSON at column {exc.colno}: {exc.msg}"
            ) from None
        if not isinstance(item, dict):
            raise IngestError(name, f"line {number}: not a JSON object")
        yield f"line {number}", item


def _xlsx_rows(data: bytes, name: str) -> Iterator[tuple[str, dict[str, Any]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise IngestError(name, f"cannot read the workbook ({type(exc).__name__})") from None
    sheet = _data_sheet(book)
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise IngestError(name, "empty sheet")
    columns = [str(h).strip() if h is not None else "" for h in header]
    for number, row in enumerate(rows, start=2):
        if all(_blank(cell) for cell in row):
            continue
        yield f"row {number}", {c: v for c, v in zip(columns, row, strict=False) if c}


def _data_sheet(book: Any) -> Any:
    """The sheet holding the projects (GCDF 3.0 has a ``GCDF_3.0`` sheet beside notes)."""
    for sheet in book.worksheets:
        if sheet.title.upper().startswith(("GCDF", "GCOF", "DATA")):
            return sheet
    return book.worksheets[0]
