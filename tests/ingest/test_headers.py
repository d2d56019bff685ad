"""Header lines at the top of an article: publication date, source, and titles without site suffixes.

Every text here is written for these tests.
"""

from __future__ import annotations

import datetime as dt

import pytest

from aidcurator.ingest import read_bytes
from aidcurator.ingest.headers import is_header_line, read_header
from aidcurator.ingest.titles import strip_site_suffix

D = dt.date


@pytest.mark.parametrize(
    ("line", "published", "source"),
    [
        ("发布时间：2025-11-20 来源：广州日报", D(2025, 11, 20), "广州日报"),
        ("发布时间：2025-11-20来源：广州日报作者：王小明", D(2025, 11, 20), "广州日报"),
        ("来源：西藏日报 2024-11-20", D(2024, 11, 20), "西藏日报"),
        ("2024年11月20日 08:30 来源：新华网", D(2024, 11, 20), "新华网"),
        ("时间：2023/05/06", D(2023, 5, 6), None),
        ("发布日期：2022年3月1日", D(2022, 3, 1), None),
        ("2024-11-20 星期三", D(2024, 11, 20), None),
        ("2024-11-20 新华网", D(2024, 11, 20), "新华网"),
        ("Published: 2021-06-18 | Source: Xinhua", D(2021, 6, 18), "Xinhua"),
        ("By Jane Doe | China Daily | Updated: 2021-06-18 09:12", D(2021, 6, 18), "China Daily"),
        ("June 18, 2021", D(2021, 6, 18), None),
        ("18 June 2021", D(2021, 6, 18), None),
        ("Publisher: Tianshan Evening News", None, "Tianshan Evening News"),
        ("作者：王小明 责任编辑：李小红", None, None),
    ],
)
def test_header_line_forms(line: str, published: dt.date | None, source: str | None) -> None:
    for title in ("援建学校开学", "A school opens in Hotan"):
        text = f"{title}\n{line}\n项目总投资三千万元，今年九月开学。\n"
        header = read_header(text)
        assert (header.published, header.source) == (published, source)
        assert header.lines == [1]


def test_author_and_editor_are_not_the_source() -> None:
    header = read_header("援建学校开学\n作者：王小明 责任编辑：李小红\n来源：天山晚报\n正文从这里开始。\n")
    assert header.source == "天山晚报"
    assert header.lines == [1, 2]


@pytest.mark.parametrize(
    "line",
    [
        "2024年11月20日，湖南省援建的学校开学。",
        "On June 18, 2021 the province signed an agreement",
        "2024年11月20日 湖南援建学校开学",
        "湖南援建学校",
        "The school | the hospital | the road",
    ],
)
def test_body_lines_are_not_header_lines(line: str) -> None:
    header = read_header(f"Title\n{line}\nMore text.\n")
    assert (header.published, header.source, header.lines) == (None, None, [])
    assert not is_header_line(line)


def test_dates_after_the_first_paragraph_are_not_taken() -> None:
    text = "援建学校开学\n湖南援建的学校今天开学，可容纳学生两千人。\n来源：天山晚报 2024-11-20\n"
    assert read_header(text) == read_header("")


def test_only_the_first_lines_count() -> None:
    filler = "".join(f"第{n}段\n" for n in range(10))
    header = read_header(f"标题\n{filler}发布时间：2025-11-20 来源：广州日报\n")
    assert (header.published, header.source) == (None, None)


def test_plain_text_article_keeps_its_text_and_gets_date_source_and_title() -> None:
    text = "发布时间：2025-11-20 来源：广州日报\n援建学校开学_新闻中心_示例网\n\n今年投入资金三千万元。\n"
    (draft,) = read_bytes(text.encode("utf-8"), "a.txt")
    assert draft.text == text  # offsets of the body do not move
    assert (draft.published, draft.source) == (D(2025, 11, 20), "广州日报")
    assert draft.title == "援建学校开学"


def test_english_text_article() -> None:
    text = "School opens in Hotan - Example Daily\nBy Jane Doe | China Daily | Updated: 2021-06-18 09:12\n\nThe school cost 3 million yuan this year.\n"
    (draft,) = read_bytes(text.encode(), "b.txt")
    assert draft.text == text
    assert (draft.title, draft.source, draft.published) == (
        "School opens in Hotan",
        "China Daily",
        D(2021, 6, 18),
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("援建学校开学_新闻中心_新浪网", "援建学校开学"),
        ("援建学校开学 - 中国日报网", "援建学校开学"),
        ("援建学校开学|人民网", "援建学校开学"),
        ("School opens in Hotan - Xinhua | English.news.cn", "School opens in Hotan"),
        ("School opens in Hotan — China Daily", "School opens in Hotan"),
        ("School opens in Hotan | example.org", "School opens in Hotan"),
        ("Aid to Turpan - an overview", "Aid to Turpan - an overview"),
        ("中国_东盟合作", "中国_东盟合作"),
        ("Xinhua", "Xinhua"),
        ("网 - 新闻网", "网 - 新闻网"),
    ],
)
def test_site_suffixes_are_stripped_from_titles(title: str, expected: str) -> None:
    assert strip_site_suffix(title) == expected


def test_page_site_name_is_stripped_too() -> None:
    assert strip_site_suffix("援建学校开学 - 小城故事", site="小城故事") == "援建学校开学"


HTML = """<html><head><meta charset="utf-8">
<title>援建学校开学_新闻中心_示例网</title><meta property="og:site_name" content="示例网">{meta}</head>
<body><article><h1>援建学校开学</h1><p>发布时间：2025-11-20 来源：广州日报</p>
<p>今年投入资金三千万元，2019年11月3日开工。</p></article></body></html>"""


def test_html_page_header_lines_and_title_suffix() -> None:
    (draft,) = read_bytes(HTML.format(meta="").encode("utf-8"), "p.html")
    assert draft.title == "援建学校开学"
    assert (draft.published, draft.source) == (D(2025, 11, 20), "广州日报")
    assert draft.metadata["site_name"] == "示例网"
    assert draft.text.startswith("援建学校开学\n发布时间：2025-11-20 来源：广州日报\n")


def test_html_meta_date_wins_over_header_lines() -> None:
    meta = '<meta property="article:published_time" content="2025-11-19T22:00:00+08:00">'
    (draft,) = read_bytes(HTML.format(meta=meta).encode("utf-8"), "p.html")
    assert draft.published == D(2025, 11, 19)


def test_digest_source_label_is_not_part_of_the_source() -> None:
    text = "援建学校开学\n来源：广州日报 | 2025-11-20\n今年投入资金三千万元。\n"
    (draft,) = read_bytes(text.encode("utf-8"), "d.txt")
    assert (draft.source, draft.published) == ("广州日报", D(2025, 11, 20))
