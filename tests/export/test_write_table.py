"""write_table for articles, mentions and edits: flat, exact, metadata dicts as JSON text."""

from __future__ import annotations

import codecs
import datetime as dt
import json
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from aidcurator.export import ExportFormat, write_table

ARTICLES = [
    {
        "article_id": 11,
        "title": "扬州援疆项目进展",
        "source": "新疆日报",
        "url": "https://example.cn/a/1",
        "published": dt.date(2023, 5, 1),
        "lang": "zh",
        "content_hash": "ab12",
        "metadata": {"lang": "zh", "tags": ["援疆", "扬州"], "score": Decimal("0.5"), "pages": 2},
        "imported_at": dt.datetime(2023, 5, 2, 8, 30),
    },
    {
        "article_id": 12,
        "title": "=cmd|' /C calc'!A0",
        "source": None,
        "url": None,
        "published": None,
        "lang": "zh",
        "content_hash": "cd34",
        "metadata": {},
        "imported_at": dt.datetime(2023, 5, 2, 9, 0),
    },
]

MENTIONS = [
    {"mention_id": 1, "article_id": 11, "kind": "amount", "start": 10, "end": 17, "text": "2.14亿元",
     "value": Decimal("214000000"), "unit": "CNY"},
    {"mention_id": 2, "article_id": 11, "kind": "amount", "start": 30, "end": 37, "text": "6.992亿元",
     "value": Decimal("699200000"), "unit": "CNY"},
    {"mention_id": 3, "article_id": 11, "kind": "count", "start": 40, "end": 44, "text": "-5个",
     "value": Decimal("-5"), "unit": None},
]  # fmt: skip

EDITS = [
    {"edit_id": 1, "record_id": 1, "field": "donor", "old": "扬州市", "new": "扬州",
     "at": dt.datetime(2023, 5, 3, 9, 15, 30), "by": "curator"},
    {"edit_id": 2, "record_id": 1, "field": "amount_value", "old": "214000000", "new": "=1+1",
     "at": dt.datetime(2023, 5, 3, 9, 16), "by": "+curator"},
]  # fmt: skip


def _csv(path):
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_articles_csv_metadata_as_exact_json_text(tmp_path):
    path = write_table(ARTICLES, tmp_path / "articles.csv", ExportFormat.CSV)
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    frame = _csv(path)
    assert list(frame.columns) == list(ARTICLES[0])
    assert frame.loc[0, "title"] == "扬州援疆项目进展"
    assert frame.loc[0, "published"] == "2023-05-01"
    assert frame.loc[0, "imported_at"] == "2023-05-02T08:30:00"
    assert frame.loc[0, "metadata"] == '{"lang": "zh", "tags": ["援疆", "扬州"], "score": 0.5, "pages": 2}'
    assert json.loads(frame.loc[0, "metadata"], parse_float=Decimal) == ARTICLES[0]["metadata"]
    assert frame.loc[1, "metadata"] == "{}"
    assert frame.loc[1, "title"] == "'=cmd|' /C calc'!A0"
    assert frame.loc[1, "source"] == ""


def test_articles_json_keeps_metadata_nested(tmp_path):
    path = write_table(ARTICLES, tmp_path / "articles.json", "json")
    data = json.loads(path.read_text("utf-8"), parse_float=Decimal)
    assert data[0]["metadata"] == ARTICLES[0]["metadata"]
    assert data[0]["published"] == "2023-05-01"
    assert data[1]["title"] == ARTICLES[1]["title"]
    frame = pd.read_json(path, dtype=False)
    assert frame.loc[0, "metadata"]["tags"] == ["援疆", "扬州"]


def test_articles_xlsx(tmp_path):
    path = write_table(ARTICLES, tmp_path / "articles.xlsx", "xlsx", sheet_name="articles")
    frame = pd.read_excel(path, sheet_name="articles", dtype=object)
    assert frame.loc[0, "title"] == "扬州援疆项目进展"
    assert json.loads(frame.loc[0, "metadata"])["tags"] == ["援疆", "扬州"]
    assert frame.loc[1, "title"] == "'=cmd|' /C calc'!A0"
    assert pd.Timestamp(frame.loc[0, "published"]) == pd.Timestamp("2023-05-01")


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_mentions_values_exact_in_every_format(tmp_path, fmt):
    path = write_table(MENTIONS, tmp_path / f"mentions.{fmt}", fmt)
    if fmt is ExportFormat.CSV:
        values = [Decimal(v) for v in _csv(path)["value"]]
    elif fmt is ExportFormat.XLSX:
        values = pd.read_excel(path, dtype=object)["value"].tolist()
    elif fmt is ExportFormat.JSON:
        values = [row["value"] for row in json.loads(path.read_text("utf-8"))]
    else:
        values = [json.loads(line)["value"] for line in path.read_text("utf-8").splitlines()]
    assert values == [214000000, 699200000, -5]
    assert values == [m["value"] for m in MENTIONS]
    if fmt is not ExportFormat.CSV:
        assert all(type(v) is int for v in values)


def test_mentions_csv_text_neutralized_numbers_not(tmp_path):
    frame = _csv(write_table(MENTIONS, tmp_path / "mentions.csv", "csv"))
    assert frame["text"].tolist() == ["2.14亿元", "6.992亿元", "'-5个"]
    assert frame["value"].tolist() == ["214000000", "699200000", "-5"]


def test_edits_all_formats_round_trip(tmp_path):
    csv_frame = _csv(write_table(EDITS, tmp_path / "edits.csv", "csv"))
    assert csv_frame["new"].tolist() == ["扬州", "'=1+1"]
    assert csv_frame["by"].tolist() == ["curator", "'+curator"]
    assert csv_frame["at"].tolist() == ["2023-05-03T09:15:30", "2023-05-03T09:16:00"]

    sheet = openpyxl.load_workbook(write_table(EDITS, tmp_path / "edits.xlsx", "xlsx")).active
    assert sheet["E3"].value == "'=1+1"
    assert sheet["E3"].data_type == "s"
    assert sheet["F2"].value == dt.datetime(2023, 5, 3, 9, 15, 30)

    lines = write_table(EDITS, tmp_path / "edits.jsonl", "jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["new"] for line in lines] == ["扬州", "=1+1"]


def test_columns_select_and_order(tmp_path):
    path = write_table(EDITS, tmp_path / "edits.csv", "csv", columns=["field", "new", "missing"])
    frame = _csv(path)
    assert list(frame.columns) == ["field", "new", "missing"]
    assert frame["missing"].tolist() == ["", ""]
    data = json.loads(write_table(EDITS, tmp_path / "e.json", "json", columns=["new"]).read_text("utf-8"))
    assert data == [{"new": "扬州"}, {"new": "=1+1"}]


def test_rows_with_different_keys(tmp_path):
    rows = [{"a": 1}, {"b": "扬州", "a": 2}]
    frame = _csv(write_table(rows, tmp_path / "t.csv", "csv"))
    assert list(frame.columns) == ["a", "b"]
    assert frame.to_dict("records") == [{"a": "1", "b": ""}, {"a": "2", "b": "扬州"}]
