"""Each format reads back with pandas equal to the input: exact amounts, Chinese intact."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from decimal import Decimal
from typing import Any

import openpyxl
import pandas as pd
import pytest

from aidcurator.export import AMOUNT_COLUMNS, RECORD_COLUMNS, ExportError, ExportFormat, write_records

FLAT_COLUMNS = [*RECORD_COLUMNS, *AMOUNT_COLUMNS, "n_amounts", "other_amounts", "evidence"]

FIRST_ROW_CSV = {
    "record_id": "1",
    "article_id": "11",
    "article_title": "新疆日报",
    "article_source": "新疆日报",
    "article_url": "https://example.cn/a/1",
    "article_published": "2023-05-01",
    "record_kind": "project",
    "donor": "扬州",
    "donor_code": "cn-yangzhou",
    "recipient": "新源县",
    "recipient_code": "xj-xinyuan",
    "year_start": "2021",
    "year_end": "2023",
    "title": "扬州援疆项目",
    "sector": "education",
    "flow_type": "",
    "project_status": "",
    "n_projects": "12",
    "beneficiaries_people": "3000",
    "beneficiaries_households": "",
    "jobs": "150",
    "notes": "含\n两行备注",
    "reject_reason": "",
    "status": "accepted",
    "origin": "extracted",
    "created_at": "2023-05-02T08:30:00",
    "updated_at": "2023-05-03T09:15:30",
    "version": "3",
    "last_edited_by": "curator",
    "last_edited_at": "2023-05-03T09:15:30",
    # parties: empty when the records carry none
    "funding_agencies": "",
    "implementing_agencies": "",
    "cofinancing_agencies": "",
    "receiving_agencies": "",
    "amount_text": "2.14亿元",
    "amount_value": "214000000",
    "amount_value_max": "",
    "amount_currency": "CNY",
    "amount_qualifier": "exact",
    "amount_kind": "committed",
    "amount_period_start": "",
    "amount_period_end": "",
    "n_amounts": "3",
    "other_amounts": "6.992亿元 = 699200000 CNY (planned); 1262万元 = 12620000 CNY (spent)",
    "evidence": "donor: «扬州» [0:2]; amount: «2.14亿元» [10:17]",
}


def _without_usd(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The exported records less the US-dollar keys the writer adds to each amount (tests/export/test_usd.py)."""
    return [
        {**r, "amounts": [{k: v for k, v in a.items() if not k.startswith("usd_")} for a in r["amounts"]]}
        for r in data
    ]


def _jsonable(value: Any) -> Any:
    """What the records should look like after a JSON round trip (dates as ISO text)."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --- CSV ---------------------------------------------------------------------------------------


def test_csv_reads_back_exact(records, tmp_path):
    path = write_records(records, tmp_path / "records.csv", ExportFormat.CSV)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(frame.columns) == FLAT_COLUMNS
    first = frame.iloc[0].to_dict()
    assert {k: v for k, v in first.items() if not k.startswith("amount_usd_")} == FIRST_ROW_CSV
    assert (first["amount_usd_year"], first["amount_usd_reason"]) == ("2021", "")
    assert frame["amount_value"].tolist() == ["214000000", "-5", "0.5"]
    assert frame["amount_value_max"].tolist() == ["", "", "0.75"]
    assert [Decimal(v) for v in frame["amount_value"]] == [r["amounts"][0]["value"] for r in records]
    assert frame.iloc[2]["article_published"] == ""
    assert frame.iloc[2]["other_amounts"] == ""


def test_csv_bytes_bom_crlf_and_no_float_noise(records, tmp_path):
    raw = write_records(records, tmp_path / "records.csv", "csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    assert not raw[3:].startswith(codecs.BOM_UTF8)
    assert raw.split(b"\r\n", 1)[0].decode("utf-8-sig").startswith("record_id,article_id,")
    assert raw.endswith(b"\r\n")
    text = raw.decode("utf-8-sig")
    assert "扬州援疆项目" in text
    assert ",214000000," in text
    for noise in ("214000000.0", "2.14e", "2.14E", "213999999", "699199999"):
        assert noise not in text


def test_csv_numbers_parse_as_numbers_by_default(records, tmp_path):
    path = write_records(records, tmp_path / "records.csv", "csv")
    frame = pd.read_csv(path, encoding="utf-8-sig")
    assert frame["amount_value"].tolist() == [214000000, -5, 0.5]
    assert frame["jobs"].tolist() == [150, -5, 150]


# --- JSON / JSONL ------------------------------------------------------------------------------


def test_json_is_nested_and_exact(records, tmp_path):
    path = write_records(records, tmp_path / "records.json", ExportFormat.JSON)
    text = path.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    data = json.loads(text, parse_float=Decimal)
    assert _without_usd(data) == _jsonable(records)
    assert all("usd_nominal" in a for r in data for a in r["amounts"])
    assert list(data[0]) == list(records[0])
    assert isinstance(data[0]["amounts"], list)
    assert [a["value"] for a in data[0]["amounts"]] == [214000000, 699200000, 12620000]
    assert all(type(a["value"]) is int for a in data[0]["amounts"])
    assert data[2]["amounts"][0]["value"] == Decimal("0.5")
    assert '"value": 214000000,' in text
    assert '"value": 0.5,' in text
    assert "扬州援疆项目" in text


def test_json_reads_back_with_pandas(records, tmp_path):
    path = write_records(records, tmp_path / "records.json", "json")
    frame = pd.read_json(path, dtype=False, precise_float=True)
    assert list(frame.columns) == list(records[0])
    assert frame["title"].tolist() == [r["title"] for r in records]
    assert frame["article_published"].tolist()[:2] == ["2023-05-01", "2023-05-01"]
    amounts = frame.loc[0, "amounts"]
    assert isinstance(amounts, list)
    assert [a["value"] for a in amounts] == [214000000, 699200000, 12620000]
    assert frame.loc[0, "evidence"][0] == {"field": "donor", "start": 0, "end": 2, "quote": "扬州"}


def test_jsonl_one_nested_record_per_line(records, tmp_path):
    path = write_records(records, tmp_path / "records.jsonl", ExportFormat.JSONL)
    raw = path.read_bytes()
    assert b"\r" not in raw.replace(b"\\r", b"")
    lines = raw.decode("utf-8").splitlines()
    assert len(lines) == 3
    assert _without_usd([json.loads(line, parse_float=Decimal) for line in lines]) == _jsonable(records)
    frame = pd.read_json(path, lines=True, dtype=False)
    assert frame["record_id"].tolist() == [1, 2, 3]
    assert frame["donor"].tolist()[0] == "扬州"
    assert frame.loc[2, "amounts"][0]["value_max"] == 0.75


def test_empty_json_and_jsonl(tmp_path):
    assert json.loads(write_records([], tmp_path / "e.json", "json").read_text("utf-8")) == []
    assert write_records([], tmp_path / "e.jsonl", "jsonl").read_bytes() == b""


# --- XLSX --------------------------------------------------------------------------------------


def test_xlsx_reads_back_exact(records, tmp_path):
    path = write_records(records, tmp_path / "records.xlsx", ExportFormat.XLSX)
    frame = pd.read_excel(path, sheet_name="records", dtype=object)
    assert list(frame.columns) == FLAT_COLUMNS
    assert frame["title"].tolist()[0] == "扬州援疆项目"
    assert frame["amount_value"].tolist() == [214000000, -5, 0.5]
    assert [type(v) for v in frame["amount_value"]] == [int, int, float]
    assert frame.loc[2, "amount_value_max"] == 0.75
    assert frame.loc[0, "other_amounts"] == FIRST_ROW_CSV["other_amounts"]
    assert frame.loc[0, "evidence"] == FIRST_ROW_CSV["evidence"]
    assert frame.loc[0, "notes"] == "含\n两行备注"
    assert pd.Timestamp(frame.loc[0, "article_published"]) == pd.Timestamp("2023-05-01")
    assert pd.Timestamp(frame.loc[0, "created_at"]) == pd.Timestamp("2023-05-02 08:30:00")
    assert pd.isna(frame.loc[2, "article_published"])


def test_xlsx_keeps_values_excel_cannot_hold_as_exact_text(tmp_path, make_record, make_amount):
    rows = [
        make_record(1, amounts=[make_amount(1, "a", Decimal("12345678901234567.891"))]),
        make_record(2, amounts=[make_amount(2, "b", Decimal("1234567890123456789"))]),
        make_record(3, amounts=[make_amount(3, "c", Decimal("0.1"))]),
        make_record(4, amounts=[make_amount(4, "d", Decimal("699200000.00"))]),
    ]
    path = write_records(rows, tmp_path / "big.xlsx", "xlsx")
    sheet = openpyxl.load_workbook(path).active
    column = FLAT_COLUMNS.index("amount_value") + 1
    cells = [sheet.cell(row=r, column=column) for r in range(2, 6)]
    assert [c.value for c in cells] == ["12345678901234567.891", "1234567890123456789", 0.1, 699200000]
    assert [c.data_type for c in cells] == ["s", "s", "n", "n"]


def test_xlsx_aware_datetime_is_iso_text(tmp_path, make_record):
    aware = dt.datetime(2023, 5, 2, 8, 30, tzinfo=dt.UTC)
    path = write_records([make_record(1, created_at=aware)], tmp_path / "tz.xlsx", "xlsx")
    frame = pd.read_excel(path, dtype=object)
    assert frame.loc[0, "created_at"] == "2023-05-02T08:30:00+00:00"


# --- formats and errors ------------------------------------------------------------------------


def test_format_accepts_plain_strings_and_rejects_unknown(records, tmp_path):
    assert write_records(records, tmp_path / "r.csv", "CSV").exists()
    with pytest.raises(ExportError, match="Unknown export format"):
        write_records(records, tmp_path / "r.txt", "txt")
    assert not (tmp_path / "r.txt").exists()


def test_unsupported_value_is_an_export_error(tmp_path, make_record):
    with pytest.raises(ExportError, match="bytes"):
        write_records([make_record(1, notes=b"raw")], tmp_path / "r.csv", "csv")
    assert list(tmp_path.iterdir()) == []
