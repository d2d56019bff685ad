"""Past Excel's row limit, an XLSX export continues on further sheets instead of writing an unreadable file."""

from openpyxl import load_workbook

from aidcurator import export
from aidcurator.export import writers


def test_rows_past_the_limit_go_on_a_second_sheet(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(writers, "XLSX_MAX_ROWS", 4)  # header + 3 rows a sheet
    rows = [{"n": number, "text": f"第{number}条"} for number in range(7)]
    path = export.write_table(rows, tmp_path / "big.xlsx", "xlsx", sheet_name="records")
    book = load_workbook(path, read_only=True)
    assert book.sheetnames == ["records", "records (2)", "records (3)"]
    values = [tuple(row) for name in book.sheetnames for row in book[name].iter_rows(values_only=True)]
    assert values == [
        ("n", "text"), (0, "第0条"), (1, "第1条"), (2, "第2条"),
        ("n", "text"), (3, "第3条"), (4, "第4条"), (5, "第5条"),
        ("n", "text"), (6, "第6条"),
    ]  # fmt: skip
