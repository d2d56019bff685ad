"""Plain text, Markdown and news digests."""

from __future__ import annotations

import datetime as dt

from aidcurator.ingest import read_bytes
from aidcurator.ingest.digest import is_source_line, split_digest
from aidcurator.ingest.titles import MAX_DERIVED_TITLE, derive_title

DIGEST = """对口支援
Search documents
南京援建学校开学
Jin Ling Wan Bao· 2025-09-01 08:30
南京援建的第三中学今日开学，可容纳学生两千人。

项目总投资一亿元。
苏州医院新楼启用
Gu Su Ri Bao • 2025-08-15
苏州援建的人民医院新楼正式启用·设有床位三百张。
# Aid reaches Kashgar villages
Tian Shan Net | 2025-07-02 21:04:05
Three villages received new water pipes worth 2 million yuan.
"""


def test_digest_is_split_into_articles() -> None:
    drafts = read_bytes(DIGEST.encode("utf-8"), "digest.txt")
    assert [d.title for d in drafts] == [
        "南京援建学校开学",
        "苏州医院新楼启用",
        "Aid reaches Kashgar villages",
    ]
    assert [d.source for d in drafts] == ["Jin Ling Wan Bao", "Gu Su Ri Bao", "Tian Shan Net"]
    assert [d.published for d in drafts] == [dt.date(2025, 9, 1), dt.date(2025, 8, 15), dt.date(2025, 7, 2)]
    assert [d.origin_position for d in drafts] == ["article 1", "article 2", "article 3"]
    assert [d.language for d in drafts] == ["zh", "zh", "en"]
    assert {d.origin_file for d in drafts} == {"digest.txt"}


def test_digest_text_is_title_newline_body() -> None:
    first, second, third = split_digest(DIGEST)
    assert (
        first.text == "南京援建学校开学\n南京援建的第三中学今日开学，可容纳学生两千人。\n\n项目总投资一亿元。"
    )
    assert second.text == "苏州医院新楼启用\n苏州援建的人民医院新楼正式启用·设有床位三百张。"
    assert (
        third.text
        == "Aid reaches Kashgar villages\nThree villages received new water pipes worth 2 million yuan."
    )
    assert all(d.text.startswith(d.title) for d in (first, second, third))
    assert "对口支援" not in first.text and "Search documents" not in first.text
    assert "Jin Ling" not in first.text


def test_digest_keeps_time_in_metadata() -> None:
    first, second, third = split_digest(DIGEST)
    assert first.metadata == {"published_time": "08:30"}
    assert second.metadata == {}
    assert third.metadata == {"published_time": "21:04:05"}


def test_digest_with_gb18030_bytes() -> None:
    drafts = read_bytes(DIGEST.encode("gb18030"), "digest.txt")
    assert len(drafts) == 3
    assert drafts[1].title == "苏州医院新楼启用"


def test_single_article_with_one_source_line_is_a_digest_of_one() -> None:
    text = "Hospital opens in Hotan\nXinhua · 2024-05-06\nThe new hospital has 300 beds.\n"
    (draft,) = read_bytes(text.encode(), "one.txt")
    assert draft.title == "Hospital opens in Hotan"
    assert draft.source == "Xinhua"
    assert draft.published == dt.date(2024, 5, 6)
    assert draft.text == "Hospital opens in Hotan\nThe new hospital has 300 beds."
    assert draft.origin_position == "article 1"


def test_plain_article_keeps_whole_text() -> None:
    text = "\n  Aid projects in Turpan  \n\nThis year 102 projects are planned.\r\nFunds: 376 million yuan.\n"
    (draft,) = read_bytes(text.encode(), "plain.txt")
    assert draft.title == "Aid projects in Turpan"
    assert draft.text == text.replace("\r\n", "\n")
    assert draft.origin_position is None
    assert draft.source is None and draft.published is None
    assert draft.language == "en"


def test_markdown_heading_marks_are_removed_from_title_only() -> None:
    text = "## 援疆项目进展 ##\n\n今年计划实施项目一百个。\n"
    (draft,) = read_bytes(text.encode(), "notes.md")
    assert draft.title == "援疆项目进展"
    assert draft.text == text
    assert draft.language == "zh"


def test_derived_title_is_cut() -> None:
    title = derive_title("x" * 500)
    assert len(title) == MAX_DERIVED_TITLE
    assert title.endswith("…")


def test_source_line_recognition() -> None:
    assert is_source_line("Xin Hua Ri Bao· 2025-12-23 23:56")
    assert is_source_line("Ren Min Ri Bao · 2025-10-09")
    assert is_source_line("人民网 | 2025/10/09 22:22")
    assert not is_source_line("援某·甲市工作组的深厚情谊")
    assert not is_source_line("· 2025-12-23 23:56")
    assert not is_source_line("2024 · 2025-12-23")
    assert not is_source_line("A" * 100 + " · 2025-12-23")
    assert not is_source_line("Xinhua · 2025-12-23 and more words")


def test_source_line_without_title_is_not_a_digest() -> None:
    text = "Xinhua · 2024-05-06\nThe new hospital has 300 beds.\n"
    assert split_digest(text) == []
    (draft,) = read_bytes(text.encode(), "x.txt")
    assert draft.text == text
    # not a digest, but a header line: its publisher and date are read, and it is not the title
    assert (draft.source, draft.published) == ("Xinhua", dt.date(2024, 5, 6))
    assert draft.title == "The new hospital has 300 beds."


def test_unparseable_digest_date_is_kept_raw() -> None:
    (draft,) = split_digest("Title\nAgency · 2025-02-30\nBody.")
    assert draft.published is None
    assert draft.metadata["published_raw"] == "2025-02-30"
