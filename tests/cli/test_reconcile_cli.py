"""``aidcurator reference import | match | export-aiddata`` (a made-up reference table)."""

import sqlite3
from pathlib import Path

import pytest

from aidcurator.cli import main

TABLE = (
    "project_id,title,description,year,donor,recipient_condensed,recipient_iso3,amount,currency,usd_current,"
    "flow,status,crs_sector_code,umbrella\n"
    "10,China funds a made-up clinic,Text we wrote.,2010,China,Kenya,KEN,300000000,CNY,44315000,Grant,Completion,120,0\n"
    "12,China lends for a made-up road,Text we wrote.,2010,China,Kenya,KEN,20000000,USD,20000000,"
    "Loan (excluding debt rescheduling),Pipeline: Commitment,210,0\n"
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def table(tmp_path: Path) -> Path:
    path = tmp_path / "gcof.csv"
    path.write_text(TABLE, encoding="utf-8")
    return path


def _rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def _add_project(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute(
            "INSERT INTO project (title, recipient_code, commitment_year, amount_value, amount_currency, sector, "
            "flow_type, field_sources, review_status, umbrella, planned_start_estimated, actual_start_estimated, "
            "planned_end_estimated, actual_end_estimated, created_at, updated_at, version) VALUES "
            "('Clinic', 'KEN', 2010, '300000000', 'CNY', '121', 'grant', '{}', 'pending', 0, 0, 0, 0, 0, "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"
        )


def test_import_twice_then_match_confirm_and_export(
    capsys, table: Path, db_path: Path, tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys, "reference", "import", str(table), "--without-descriptions", "--db", str(db_path)
    )
    assert code == 0 and "Imported 2 reference projects into dataset 'gcof1'" in out
    code, out, _ = run(capsys, "reference", "import", str(table), "--db", str(db_path))
    assert code == 0 and "Imported 0 reference projects" in out and "2 already there" in out
    assert _rows(db_path, "SELECT count(*) FROM referenceproject") == [(2,)]
    assert "description" not in _rows(db_path, "SELECT data FROM referenceproject")[0][0]

    _add_project(db_path)
    code, out, _ = run(capsys, "reference", "match", "--confirm-above", "0.9", "--db", str(db_path))
    assert code == 0
    assert "project 1 #1: gcof1 10 score" in out and "recipient KEN" in out
    assert "Confirmed 1 of 1 projects" in out
    assert _rows(
        db_path, "SELECT r.ref_id FROM project p JOIN referenceproject r ON r.id = p.reference_id"
    ) == [("10",)]

    out_file = tmp_path / "aiddata.csv"
    code, out, _ = run(capsys, "reference", "export-aiddata", str(out_file), "--db", str(db_path))
    assert code == 0 and "Wrote 1 project to" in out
    header = out_file.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("project_id,title,year,donor,recipient_condensed,recipient_iso3,amount,currency")


def test_a_bad_table_is_one_error_line_and_nothing_imported(capsys, tmp_path: Path, db_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        TABLE + "14,Another,Text,twenty,China,Kenya,KEN,1,USD,1,Grant,Completion,120,0\n", encoding="utf-8"
    )
    code, out, err = run(capsys, "reference", "import", str(bad), "--db", str(db_path))
    assert code == 1 and out == ""
    assert (
        err.count("\n") == 1 and err.startswith("error: ") and "line 4: year 'twenty' is not a number" in err
    )
    assert _rows(db_path, "SELECT count(*) FROM referenceproject") == [(0,)]
    code, _, err = run(capsys, "reference", "import", str(tmp_path / "missing.csv"), "--db", str(db_path))
    assert code == 1 and "no such file" in err


def test_match_without_references_says_what_to_do(capsys, table: Path, db_path: Path) -> None:
    run(capsys, "reference", "import", str(table), "--db", str(db_path))
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM referenceproject")
    code, _, err = run(capsys, "reference", "match", "--db", str(db_path))
    assert code == 1 and "aidcurator reference import FILE" in err
