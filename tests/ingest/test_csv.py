"""CSV files: delimiters, encodings, Chinese headers, row errors."""

from __future__ import annotations

import datetime as dt

import pytest

from aidcurator.ingest import IngestError, read_bytes
from aidcurator.ingest.csv_reader import sniff_delimiter


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiters(delimiter: str) -> None:
    rows = [
        ["Title", "Text", "Date", "Section"],
        ["Bridge", "Cost 9 million, paid in 2024.", "2025-03-04", "infra"],
    ]
    data = "\n".join(delimiter.join(f'"{cell}"' for cell in row) for row in rows).encode()
    (draft,) = read_bytes(data, "t.csv")
    assert draft.title == "Bridge"
    assert draft.text == "Cost 9 million, paid in 2024."
    assert draft.published == dt.date(2025, 3, 4)
    assert draft.metadata == {"Section": "infra"}
    assert draft.origin_position == "row 1"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_chinese_headers(encoding: str) -> None:
    text = (
        "标题,正文,来源,发布时间,链接,栏目\n"
        '援疆学校开学,"南京援建的学校今日开学，\n可容纳学生两千人。",新华日报,2025年9月1日,https://e.cn/1,教育\n'
        "医院启用,苏州援建的医院启用。,苏州日报,2025/8/15,,卫生\n"
    )
    first, second = read_bytes(text.encode(encoding), "cn.csv")
    assert first.title == "援疆学校开学"
    assert first.text == "南京援建的学校今日开学，\n可容纳学生两千人。"
    assert (first.source, first.published, first.url) == ("新华日报", dt.date(2025, 9, 1), "https://e.cn/1")
    assert first.metadata == {"栏目": "教育"}
    assert first.language == "zh"
    assert (second.published, second.url, second.origin_position) == (dt.date(2025, 8, 15), None, "row 2")


def test_row_without_text_names_the_row() -> None:
    data = b"title,body\nA,first\nB,second\nC,third\nD,\nE,fifth\n"
    with pytest.raises(IngestError) as caught:
        read_bytes(data, "rows.csv")
    assert str(caught.value) == "rows.csv: row 4: no text column/value"


def test_missing_text_column() -> None:
    with pytest.raises(IngestError) as caught:
        read_bytes(b"title,date\nA,2025-01-01\n", "t.csv")
    assert caught.value.reason == (
        "no text column (expected one of: text, body, content, article, 正文, 内容); columns are: title, date"
    )


def test_header_only_fails() -> None:
    with pytest.raises(IngestError, match="no data rows"):
        read_bytes(b"title,text\n", "h.csv")


def test_blank_rows_are_skipped_but_counted() -> None:
    data = b"text,lang\none,en\n\n,\nthree,EN\n"
    drafts = read_bytes(data, "b.csv")
    assert [(d.text, d.origin_position, d.language) for d in drafts] == [
        ("one", "row 1", "en"),
        ("three", "row 4", "en"),
    ]


def test_unparseable_date_and_extra_cells() -> None:
    (draft,) = read_bytes(b"Content,Published,\nBody text,next week,x,y\n", "e.csv")
    assert draft.published is None
    assert draft.metadata == {"column 3": "x", "published_raw": "next week", "extra_cells": ["y"]}


def test_sniff_delimiter() -> None:
    assert sniff_delimiter("a;b;c") == ";"
    assert sniff_delimiter("a\tb,c\td") == "\t"
    assert sniff_delimiter("text") == ","
