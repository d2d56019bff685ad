"""One row per project: sources, status history, recommended for aggregates, US dollars, file formats."""

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from aidcurator.domain.project_views import ProjectView, SourceRecord, StatusEvent
from aidcurator.export import ExportError
from aidcurator.export.projects import PROJECT_COLUMNS, project_rows, write_projects


def _member(record_id: int, published: dt.date, title: str) -> SourceRecord:
    return SourceRecord(
        record_id=record_id,
        article_id=record_id + 100,
        article_title=title,
        url=f"https://example.org/{record_id}",
        published=published,
        record_kind="project",
    )


def _view(**columns: object) -> ProjectView:
    members = (
        _member(8, dt.date(2021, 9, 10), "Signed"),
        _member(7, dt.date(2021, 3, 1), "=Pledged"),
    )
    events = (
        StatusEvent("committed", dt.date(2021, 9, 10), record_id=8),
        StatusEvent("pledged", dt.date(2021, 3, 1), record_id=7),
    )
    base: dict[str, object] = {
        "title": "Hospital",
        "donor": "中国",
        "donor_code": "CHN",
        "recipient": "肯尼亚",
        "recipient_code": "KEN",
        "commitment_year": 2014,
        "amount_value": Decimal("1000000.50"),
        "amount_currency": "CNY",
        "project_status": "committed",
        "umbrella": False,
        "recommended_override": None,
        "recommended_reason": None,
        "review_status": "accepted",
    }
    base.update(columns)
    sources = {"title": 7, "donor": 8, "amount": 8, "commitment_year": None}
    return ProjectView(id=5, version=4, columns=base, members=members, events=events, sources=sources)


def test_row_has_sources_history_recommendation_and_usd() -> None:
    (row,) = project_rows([_view()], usd_base_year=2020)
    assert list(row) == list(PROJECT_COLUMNS)
    assert row["status_history"] == "pledged 2021-03-01 → committed 2021-09-10"
    assert (row["title_source"], row["title_source_title"]) == (7, "=Pledged")
    assert (row["donor_source"], row["donor_source_title"]) == (8, "Signed")
    assert row["commitment_year_source"] is None and row["commitment_year_source_title"] is None
    assert row["source_count"] == 2
    assert row["source_record_ids"] == "7 | 8"  # oldest source first
    assert row["source_dates"] == "2021-03-01 | 2021-09-10"
    assert row["source_urls"] == "https://example.org/7 | https://example.org/8"
    assert row["recommended_for_aggregates"] is True and row["recommended_derived"] is True
    assert row["usd_year"] == 2014 and row["usd_base_year"] == 2020
    assert isinstance(row["usd_nominal"], Decimal) and row["usd_nominal"] > 0
    assert row["usd_constant"] > row["usd_nominal"] and row["usd_reason"] is None
    assert row["amount_value"] == Decimal("1000000.50")  # the curated amount is never changed


def test_override_umbrella_and_a_currency_without_rate() -> None:
    rows = project_rows(
        [
            _view(recommended_override=False, recommended_reason="double counted"),
            _view(umbrella=True),
            _view(project_status="pledged"),
            _view(amount_currency="MOP", commitment_year=1998),
            _view(commitment_year=None),
        ]
    )
    assert [r["recommended_for_aggregates"] for r in rows] == [False, False, False, True, True]
    assert rows[0]["recommended_derived"] is True and rows[0]["recommended_reason"] == "double counted"
    assert (rows[3]["usd_nominal"], rows[3]["usd_reason"]) == (None, "no rate for MOP 1998")
    assert (rows[4]["usd_nominal"], rows[4]["usd_reason"]) == (None, "no year")


def test_csv_is_excel_friendly_and_json_exact(tmp_path: Path) -> None:
    target = write_projects([_view()], tmp_path / "p.csv", "csv")
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with target.open(encoding="utf-8-sig", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["title_source_title"] == "'=Pledged"  # a formula is neutralised
    assert row["source_titles"] == "'=Pledged | Signed"
    assert row["amount_value"] == "1000000.5" and row["donor"] == "中国"
    write_projects([_view()], tmp_path / "p.json", "json")
    text = (tmp_path / "p.json").read_text(encoding="utf-8")
    assert '"amount_value": 1000000.5' in text
    (item,) = json.loads(text)
    assert item["title_source_title"] == "=Pledged" and item["recommended_for_aggregates"] is True


def test_empty_export_has_the_header_and_failures_leave_the_target(tmp_path: Path) -> None:
    target = write_projects([], tmp_path / "none.csv", "csv")
    assert target.read_text(encoding="utf-8-sig").splitlines()[0].split(",") == list(PROJECT_COLUMNS)
    with pytest.raises(ExportError, match="does not exist"):
        write_projects([_view()], tmp_path / "missing" / "p.csv", "csv")
    with pytest.raises(ExportError, match="Unknown export format"):
        write_projects([_view()], tmp_path / "p.txt", "txt")
