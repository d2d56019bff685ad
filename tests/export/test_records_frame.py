"""records_frame: one flat row per record, exact values, readable summaries."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest

from aidcurator.export import (
    AMOUNT_COLUMNS,
    RECORD_COLUMNS,
    ExportError,
    decimal_text,
    neutralize,
    records_frame,
    table_frame,
)

FLAT_COLUMNS = [*RECORD_COLUMNS, *AMOUNT_COLUMNS, "n_amounts", "other_amounts", "evidence"]


def test_columns_follow_record_keys_then_primary_amount_then_summaries(records):
    frame = records_frame(records)
    assert list(frame.columns) == FLAT_COLUMNS
    assert len(frame) == 3
    assert (frame.dtypes == "object").all()


def test_primary_amount_is_the_first_and_stays_decimal(records):
    row = records_frame(records).iloc[0]
    assert row["amount_text"] == "2.14亿元"
    assert isinstance(row["amount_value"], Decimal)
    assert row["amount_value"] == Decimal("214000000")
    assert row["amount_currency"] == "CNY"
    assert row["amount_kind"] == "committed"
    assert row["amount_value_max"] is None
    assert row["n_amounts"] == 3


def test_other_amounts_and_evidence_are_readable_strings(records):
    row = records_frame(records).iloc[0]
    assert row["other_amounts"] == "6.992亿元 = 699200000 CNY (planned); 1262万元 = 12620000 CNY (spent)"
    assert row["evidence"] == "donor: «扬州» [0:2]; amount: «2.14亿元» [10:17]"


def test_range_and_missing_parts(records):
    frame = records_frame(records)
    sparse = frame.iloc[2]
    assert sparse["amount_value"] == Decimal("0.5")
    assert sparse["amount_value_max"] == Decimal("0.75")
    assert sparse["other_amounts"] is None
    assert sparse["evidence"] is None
    assert sparse["article_published"] is None
    assert frame.iloc[0]["article_published"] == dt.date(2023, 5, 1)


def test_record_without_amounts_has_empty_amount_columns(records):
    row = records_frame([{**records[0], "amounts": [], "evidence": []}]).iloc[0]
    assert all(row[c] is None for c in AMOUNT_COLUMNS)
    assert row["n_amounts"] == 0


def test_no_records_gives_headers_only():
    frame = records_frame([])
    assert list(frame.columns) == FLAT_COLUMNS
    assert frame.empty


def test_table_frame_unions_keys_in_first_seen_order():
    frame = table_frame([{"a": 1, "b": 2}, {"c": 3, "a": 4}])
    assert list(frame.columns) == ["a", "b", "c"]
    assert frame.iloc[0]["c"] is None
    assert list(table_frame([{"a": 1, "b": 2}], columns=["b"]).columns) == ["b"]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("214000000"), "214000000"),
        (Decimal("2.14E+8"), "214000000"),
        (Decimal("214000000.00"), "214000000"),
        (Decimal("0.5"), "0.5"),
        (Decimal("0.50"), "0.5"),
        (Decimal("-12.25"), "-12.25"),
        (Decimal("1E-7"), "0.0000001"),
        (Decimal("-0"), "0"),
        (Decimal("12345678901234567890.123456789"), "12345678901234567890.123456789"),
    ],
)
def test_decimal_text_is_exact_plain_notation(value, text):
    assert decimal_text(value) == text
    assert Decimal(text) == value


def test_decimal_text_rejects_nan():
    with pytest.raises(ExportError):
        decimal_text(Decimal("NaN"))


@pytest.mark.parametrize("text", ["=1+1", "+1", "-x", "@SUM(A1)", "\tx", "\rx"])
def test_neutralize_prefixes_formula_starts(text):
    assert neutralize(text) == "'" + text


@pytest.mark.parametrize("text", ["扬州援疆", "a=b", "", "'=already", " =1"])
def test_neutralize_leaves_other_text(text):
    assert neutralize(text) == text


def test_importing_export_does_not_import_pandas_or_openpyxl():
    code = "import sys, aidcurator.export; print(sorted({'pandas', 'openpyxl'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
