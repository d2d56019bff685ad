"""Strings a spreadsheet would run as formulas are neutralized in CSV and XLSX; numbers are not."""

from __future__ import annotations

import json

import openpyxl
import pandas as pd

from aidcurator.export import write_records

INJECTION_TITLE = '=HYPERLINK("http://evil.example","点我")'  # same as the records fixture

DANGEROUS = {
    "title": INJECTION_TITLE,
    "donor": "+1",
    "recipient": "-x",
    "sector": "@SUM(A1:A2)",
    "notes": "\tcmd",
    "last_edited_by": "\rreturn",
}


def test_fixture_holds_the_dangerous_strings(records):
    assert {k: records[1][k] for k in DANGEROUS} == DANGEROUS


def test_csv_neutralizes_strings_but_not_numbers(records, tmp_path):
    path = write_records(records, tmp_path / "r.csv", "csv")
    row = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig").iloc[1]
    for column, text in DANGEROUS.items():
        assert row[column] == "'" + text, column
    assert row["jobs"] == "-5"
    assert row["amount_value"] == "-5"
    assert row["amount_text"] == "亏损5元"
    raw = path.read_bytes().decode("utf-8-sig")
    assert ",-5," in raw
    assert "'-5" not in raw


def test_xlsx_neutralizes_strings_but_not_numbers(records, tmp_path):
    path = write_records(records, tmp_path / "r.xlsx", "xlsx")
    sheet = openpyxl.load_workbook(path)["records"]
    header = [cell.value for cell in sheet[1]]
    row = {name: cell for name, cell in zip(header, sheet[3], strict=True)}
    for column, text in DANGEROUS.items():
        # XLSX text has LF line ends (XML turns a CR into LF), so "\rreturn" reads back "'\nreturn".
        assert row[column].value == "'" + text.replace("\r", "\n"), column
        assert row[column].data_type == "s", column
    assert row["jobs"].value == -5
    assert row["jobs"].data_type == "n"
    assert row["amount_value"].value == -5
    assert row["amount_value"].data_type == "n"
    assert not any(cell.data_type == "f" for line in sheet.iter_rows() for cell in line)


def test_xlsx_read_back_with_pandas_shows_prefix(records, tmp_path):
    path = write_records(records, tmp_path / "r.xlsx", "xlsx")
    frame = pd.read_excel(path, dtype=object)
    assert frame.loc[1, "title"] == "'" + INJECTION_TITLE
    assert frame.loc[1, "jobs"] == -5


def test_summaries_starting_with_formula_chars_are_neutralized(records, tmp_path):
    records[0]["amounts"][1]["text"] = "=2+2"
    path = write_records(records, tmp_path / "r.csv", "csv")
    row = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig").iloc[0]
    assert row["other_amounts"].startswith("'=2+2 = 699200000")


def test_json_and_jsonl_are_written_verbatim(records, tmp_path):
    data = json.loads(write_records(records, tmp_path / "r.json", "json").read_text("utf-8"))
    lines = write_records(records, tmp_path / "r.jsonl", "jsonl").read_text("utf-8").splitlines()
    for row in (data[1], json.loads(lines[1])):
        for column, text in DANGEROUS.items():
            assert row[column] == text
        assert row["jobs"] == -5
