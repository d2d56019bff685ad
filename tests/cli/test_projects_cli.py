"""``aidcurator projects …``: propose and apply, list, show, merge, split, not-same, set-source, export."""

import csv
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "curation"))  # the articles written for project tests

from project_texts import HOSPITAL, SCHOOL

from aidcurator.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A database with the three hospital articles and the school, imported from a JSONL table."""
    table = tmp_path / "articles.jsonl"
    lines = [
        {"title": t, "text": f"{t}\n\n{body}", "published": d.isoformat(), "url": f"https://example.org/{i}"}
        for i, (t, d, body) in enumerate([*HOSPITAL, SCHOOL])
    ]
    table.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    path = str(tmp_path / "db" / "cli.db")
    code, out, err = run(capsys, "import", str(table), "--db", path, "--workers", "1", "--propose")
    assert code == 0, err
    assert "3 possible duplicate projects among the new articles" in out
    assert out.count("R1 + R") + out.count("R2 + R3") == 3  # --propose lists them
    return path


def _table(tmp_path: Path, items) -> Path:
    table = tmp_path / "more.jsonl"
    lines = [{"title": t, "text": f"{t}\n\n{body}", "published": d.isoformat()} for t, d, body in items]
    table.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    return table


def test_import_counts_proposals_in_one_line_by_default(capsys, tmp_path: Path) -> None:
    db = str(tmp_path / "count.db")
    code, out, err = run(capsys, "import", str(_table(tmp_path, HOSPITAL)), "--db", db, "--workers", "1")
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0].startswith("Imported 3 articles")
    assert lines[1:] == [
        "3 possible duplicate projects among the new articles; see 'aidcurator projects propose'"
    ]

    other = tmp_path / "other"
    other.mkdir()
    code, out, _ = run(capsys, "import", str(_table(other, [SCHOOL])), "--db", db, "--workers", "1")
    assert code == 0 and len(out.strip().splitlines()) == 1  # nothing to propose: no line


def test_import_no_propose_skips_the_search(capsys, tmp_path: Path) -> None:
    db = str(tmp_path / "skip.db")
    table = _table(tmp_path, HOSPITAL)
    code, out, _ = run(capsys, "import", str(table), "--db", db, "--workers", "1", "--no-propose")
    assert code == 0 and "possible duplicate" not in out


def test_propose_apply_show_and_export(capsys, db: str, tmp_path: Path) -> None:
    code, out, _ = run(capsys, "projects", "propose", "--db", db)
    assert code == 0
    assert out.count("R1 + R") + out.count("R2 + R3") == 3 and "3 proposals" in out
    code, out, _ = run(capsys, "projects", "propose", "--db", db, "--apply")
    assert code == 0 and "project 1: 3 records" in out and "Merged 1 group" in out
    code, out, _ = run(capsys, "projects", "list", "--db", db)
    assert "1 project" in out and "3 records · pending" in out and "completed" in out
    code, out, _ = run(capsys, "projects", "show", "1", "--db", db)
    assert "pledged 2021-03-01 → committed 2021-09-10 → completed 2022-11-20" in out
    assert "≠ sources disagree" in out  # the titles
    assert "record 3" in out

    target = tmp_path / "projects.csv"
    code, out, _ = run(capsys, "projects", "export", str(target), "--db", db)
    assert code == 0 and "Wrote 1 project to" in out
    with target.open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["source_count"] == "3" and row["recipient_code"] == "KEN"
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    code, _, _ = run(capsys, "projects", "export", str(tmp_path / "p.json"), "--db", db)
    (item,) = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert item["amount_value"] == 120000000 and item["usd_nominal"] == 120000000


def test_merge_split_not_same_and_set_source(capsys, db: str) -> None:
    assert run(capsys, "projects", "create", "1", "2", "--db", db)[0] == 0
    assert run(capsys, "projects", "create", "3", "--db", db)[0] == 0
    code, out, _ = run(capsys, "projects", "merge", "1", "2", "--db", db)
    assert code == 0 and "Merge project 2 into project 1" in out
    code, out, _ = run(capsys, "projects", "set-source", "1", "title", "1", "--db", db)
    assert code == 0
    assert "China pledges loan" in run(capsys, "projects", "show", "1", "--db", db)[1]
    code, out, _ = run(capsys, "projects", "split", "3", "--db", db)
    assert code == 0 and "Split record 3 out of project 1" in out
    code, out, _ = run(capsys, "projects", "not-same", "1", "3", "--db", db)
    assert code == 0
    code, out, _ = run(capsys, "projects", "propose", "--db", db)
    assert "0 proposals" in out
    code, _, err = run(capsys, "projects", "split", "4", "--db", db)
    assert code == 1 and "record 4 is in no project" in err
    code, _, err = run(capsys, "projects", "show", "99", "--db", db)
    assert code == 1 and "project 99 does not exist" in err
    code, _, err = run(capsys, "projects", "set-source", "1", "amount", "x", "--db", db)
    assert code == 1 and "not a record id" in err


def test_set_facts(capsys, db: str) -> None:
    assert run(capsys, "projects", "create", "1", "2", "3", "--db", db)[0] == 0
    assert run(capsys, "projects", "create", "4", "--db", db)[0] == 0
    code, out, err = run(
        capsys,
        "projects",
        "set",
        "1",
        "--status",
        "accepted",
        "--parent",
        "2",
        "--actual-end",
        "2022-10-31",
        "--actual-end-estimated",
        "no",
        "--db",
        db,
    )
    assert code == 0, err
    assert "Set review status, parent, actual end of project 1" in out
    assert "review accepted · umbrella no · parent project 2" in out
    assert "recommended for aggregates yes (by AidData's rule)" in out
    assert "actual end       2022-10-31 (typed)" in out
    code, out, _ = run(capsys, "projects", "show", "1", "--db", db)
    assert "2022-10-31" in out and "typed by a curator" in out

    code, _, err = run(capsys, "projects", "set", "1", "--recommended", "no", "--db", db)
    assert code == 1 and "needs a reason" in err
    code, out, _ = run(
        capsys, "projects", "set", "1", "--recommended", "no", "--reason", "umbrella's child", "--db", db
    )
    assert code == 0 and "recommended for aggregates no (override: umbrella's child)" in out
    code, out, _ = run(capsys, "projects", "set", "1", "--recommended", "auto", "--db", db)
    assert "recommended for aggregates yes (by AidData's rule)" in out

    before = run(capsys, "projects", "show", "1", "--db", db)[1]
    code, _, err = run(capsys, "projects", "set", "1", "--planned-start", "2021-02-30", "--db", db)
    assert code == 1 and "planned start: '2021-02-30' is not a date; type YYYY-MM-DD" in err
    code, _, err = run(capsys, "projects", "set", "1", "--umbrella", "perhaps", "--db", db)
    assert code == 1 and "umbrella: 'perhaps' is not yes or no" in err
    code, _, err = run(capsys, "projects", "set", "1", "--db", db)
    assert code == 1 and "name at least one fact" in err
    assert run(capsys, "projects", "show", "1", "--db", db)[1] == before  # nothing written
    code, out, _ = run(capsys, "projects", "set", "1", "--actual-end", "source", "--db", db)
    assert code == 0 and "actual end       2022-11-20 (estimated)" in out
