"""Reading AidData tables (GCOF 1.0 snake_case, GCDF 3.0 headers) as reference rows. The rows are made up."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from aidcurator.ingest import IngestError
from aidcurator.ingest.reference_table import column_key, read_reference_table

GCOF_CSV = (
    "project_id,title,description,year,donor,recipient_condensed,recipient_iso3,amount,currency,usd_current,"
    "flow,status,crs_sector_code,umbrella\n"
    "2,China funds a made-up clinic,Long text we wrote.,2009,China,Kenya,KEN,300000000,CNY,43915000,"
    "Grant,Completion,120,0\n"
    '8,China lends for a made-up road,"Text, with a comma.",2010,China,Kenya,ken,"45,000,000.50",USD,,'
    "Loan (excluding debt rescheduling),Pipeline: Commitment,210,1\n"
)
GCDF_HEADERS = [
    "AidData Record ID", "Financier Country", "Recipient", "Recipient ISO-3", "Commitment Year", "Title",
    "Description", "Status", "Flow Type", "Sector Code", "Amount (Original Currency)", "Original Currency",
    "Amount (Nominal USD)", "Umbrella",
]  # fmt: skip
GCDF_ROW = [
    41, "China", "Ghana", "GHA", 2015, "Made-up power plant loan", "Text we wrote.", "Implementation",
    "Loan", 230, 1500000000.0, "USD", 1500000000.0, "No",
]  # fmt: skip


def test_gcof_csv_rows_are_exact_and_mapped(tmp_path: Path) -> None:
    path = tmp_path / "gcof.csv"
    path.write_text(GCOF_CSV, encoding="utf-8-sig")
    table = read_reference_table(path)
    assert table.flavour == "gcof1"
    first, second = table.rows
    assert first["ref_id"] == "2" and first["recipient_code"] == "KEN" and first["year"] == 2009
    assert first["amount"] == Decimal("300000000") and first["usd_nominal"] == Decimal("43915000")
    assert first["flow_type"] == "grant" and first["status"] == "completed" and first["umbrella"] is False
    assert first["data"]["description"] == "Long text we wrote."
    assert second["amount"] == Decimal("45000000.50") and second["usd_nominal"] is None
    assert second["recipient_code"] == "KEN" and second["flow_type"] == "loan" and second["umbrella"] is True
    assert second["status"] == "committed"


def test_without_descriptions_drops_the_description_column(tmp_path: Path) -> None:
    path = tmp_path / "gcof.csv"
    path.write_text(GCOF_CSV, encoding="utf-8")
    rows = read_reference_table(path, without_descriptions=True).rows
    assert all("description" not in row["data"] for row in rows)
    assert rows[0]["title"] == "China funds a made-up clinic"


def test_gcdf3_workbook_headers_are_detected(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet("GCDF_3.0")
    sheet.append(GCDF_HEADERS)
    sheet.append(GCDF_ROW)
    path = tmp_path / "gcdf.xlsx"
    book.save(path)
    table = read_reference_table(path)
    assert table.flavour == "gcdf3"
    row = table.rows[0]
    assert row["ref_id"] == "41" and row["recipient_code"] == "GHA" and row["year"] == 2015
    assert (
        row["amount"] == Decimal("1500000000")
        and row["sector_code"] == "230"
        and row["status"] == "implementation"
    )
    assert row["flow_type"] == "loan" and row["donor"] == "China" and row["umbrella"] is False
    assert column_key("Recipient ISO-3") == "recipient_iso_3"


def test_jsonl_numbers_stay_exact(tmp_path: Path) -> None:
    path = tmp_path / "gcof.jsonl"
    lines = [{"project_id": 6, "year": 2001, "amount": 600000.25, "currency": "USD", "recipient_iso3": "AGO"}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    assert read_reference_table(path).rows[0]["amount"] == Decimal("600000.25")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "people.csv",
            "name,age\nAna,3\n",
            "no project_id (GCOF 1.0) or AidData Record ID (GCDF 3.0) column",
        ),
        ("bad_year.csv", "project_id,year\n1,two thousand\n", "line 2: year 'two thousand' is not a number"),
        ("twice.csv", "project_id,year\n1,2001\n1,2002\n", "line 3: id 1 appears twice (also line 2)"),
        ("no_id.csv", "project_id,year\n,2001\n", "line 2: no project id"),
        ("empty.csv", "project_id,year\n", "no rows in the table"),
        ("broken.jsonl", '{"project_id": 1}\n{"project_id": \n', "line 2: malformed JSON"),
        ("table.txt", "project_id\n1\n", "not an AidData table: expected one of"),
    ],
)
def test_bad_tables_give_one_line(tmp_path: Path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        read_reference_table(path)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
