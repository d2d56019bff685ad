"""Exports read back equal to the store."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from curation_support import _AMOUNTS, EN_TEXT, ZH_TEXT, StubExtractor, count_rows, import_zh  # noqa: F401

from aidcurator.curation import Curator
from aidcurator.store import read_session
from aidcurator.store import repository as repo

# --------------------------------------------------------------------------------------- export


def _exportable(curator: Curator) -> list[dict]:
    article_id = import_zh(curator, '=HYPERLINK("http://x")')
    for record in curator.records(article_id):
        curator.accept(record.id)
    curator.update_record_field(curator.records(article_id)[0].id, "notes", "备注：已核对")
    with read_session(curator.engine) as session:
        return repo.record_export_rows(session, status="accepted")


def _text(value) -> str:
    """How a store value reads back from CSV (Excel's view of it)."""
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return str(value)


def assert_export_matches(target: Path, fmt: str, rows: list[dict]) -> None:
    """Read an export back with pandas and compare it with the store's rows, exactly."""
    import pandas as pd

    if fmt in ("csv", "xlsx"):
        if fmt == "csv":
            assert target.read_bytes().startswith(b"\xef\xbb\xbf")
            frame = pd.read_csv(target, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            columns = [k for k in rows[0] if k not in ("amounts", "evidence")]
        else:
            frame = pd.read_excel(target, dtype=str, keep_default_na=False)
            # Excel keeps numbers and text exactly; dates become Excel dates, so compare the rest.
            columns = [
                k
                for k in rows[0]
                if k not in ("amounts", "evidence", "article_published") and not k.endswith("_at")
            ]
        assert len(frame) == len(rows)
        for column in columns:
            assert list(frame[column]) == [_text(r[column]) for r in rows], column
        assert list(frame["amount_value"]) == [_text(r["amounts"][0]["value"]) for r in rows]
        assert list(frame["amount_text"]) == [r["amounts"][0]["text"] for r in rows]
        assert list(frame["amount_currency"]) == [r["amounts"][0]["currency"] for r in rows]
        return
    frame = pd.read_json(target, lines=fmt == "jsonl", dtype=False)
    assert list(frame["record_id"]) == [r["record_id"] for r in rows]
    assert list(frame["article_title"]) == [r["article_title"] for r in rows]  # JSON is verbatim
    text = target.read_text(encoding="utf-8")
    decoded = (
        json.loads(text, parse_float=Decimal)
        if fmt == "json"
        else [json.loads(line, parse_float=Decimal) for line in text.splitlines()]
    )
    for got, want in zip(decoded, rows, strict=True):
        assert [Decimal(str(a["value"])) for a in got["amounts"]] == [a["value"] for a in want["amounts"]]
        assert [a["text"] for a in got["amounts"]] == [a["text"] for a in want["amounts"]]
        assert got["evidence"] == [dict(e) for e in want["evidence"]]
        for key in ("donor", "recipient", "title", "notes", "n_projects", "status", "version"):
            assert got[key] == want[key], key


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "jsonl"])
def test_exports_read_back_equal_to_the_store(curator: Curator, tmp_path: Path, fmt: str) -> None:
    rows = _exportable(curator)
    target = tmp_path / f"out.{fmt}"
    assert curator.export(target) == len(rows) == 3  # format from the suffix
    assert_export_matches(target, fmt, rows)
    text = target.read_bytes()
    if fmt in ("json", "jsonl"):
        assert "备注：已核对".encode() in text and b'"value": 376000000' in text
    if fmt == "csv":
        assert b"'=HYPERLINK" in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "jsonl"])
def test_seed_exports_read_back_equal_to_the_store(
    real_curator: Curator, seeds_dir: Path, tmp_path: Path, fmt: str
) -> None:
    report = real_curator.import_paths(sorted(seeds_dir.glob("*.txt")))
    assert report.ok and report.imported == 6
    with read_session(real_curator.engine) as session:
        rows = repo.record_export_rows(session, status=None)
    assert rows
    target = tmp_path / f"seeds.{fmt}"
    assert real_curator.export(target, status="all") == len(rows)
    assert_export_matches(target, fmt, rows)


def test_export_tables_and_status_filter(curator: Curator, tmp_path: Path) -> None:
    import pandas as pd

    _exportable(curator)
    assert curator.export(tmp_path / "none.csv", status="pending") == 0
    assert curator.export(tmp_path / "all.csv", status="all") == 3
    assert curator.export(tmp_path / "articles.xlsx", what="articles") == 1
    assert curator.export(tmp_path / "mentions.jsonl", what="mentions") == 3
    edits = curator.export(tmp_path / "edits.csv", what="edits")
    assert edits == len(pd.read_csv(tmp_path / "edits.csv", encoding="utf-8-sig"))
    with pytest.raises(ValueError, match="cannot export"):
        curator.export(tmp_path / "x.csv", what="people")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="export format"):
        curator.export(tmp_path / "noext")


def test_stats(curator: Curator) -> None:
    article_id = import_zh(curator)
    curator.accept(curator.records(article_id)[0].id)
    stats = curator.stats()
    assert stats.articles_by_state == {"new": 0, "in_progress": 1, "done": 0, "skipped": 0, "flagged": 0}
    assert stats.records_by_status == {"pending": 2, "accepted": 1, "rejected": 0, "unsure": 0}
