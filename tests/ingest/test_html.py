"""HTML pages: visible text, metadata and encoding."""

from __future__ import annotations

import datetime as dt

import pytest

from aidcurator.ingest import IngestError, read_bytes

PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head>
<meta charset="{charset}">
<title>喀什新医院启用 - 天山网</title>
<meta property="og:title" content="喀什新医院启用 &amp; 投入使用">
<meta property="og:site_name" content="天山网">
<meta property="article:published_time" content="2025-06-01T09:30:00+08:00">
<meta property="og:url" content="https://example.org/news/1.html">
<meta name="description" content="医院新闻">
<style>body {{ color: red; }}</style>
<script>var secret = "脚本内容";</script>
</head>
<body>
<nav><a href="/">首页</a> <a href="/news">新闻</a></nav>
<header><h1>天山网</h1></header>
<main>
<article>
  <h2>喀什新医院启用</h2>
  <p>上海援建的喀什新医院今天启用，
     总投资&nbsp;&nbsp;五亿元。</p>
  <p>医院设有床位<b>八百张</b>。<br>每年可接诊病人十万人次。</p>
  <script>trackVisit();</script>
  <form><input name="q"><button>搜索</button></form>
  <div hidden>隐藏内容</div>
</article>
<aside>相关阅读：其他新闻</aside>
</main>
<footer>版权所有 天山网</footer>
<noscript>请启用脚本</noscript>
</body></html>
"""
EXPECTED_TEXT = "喀什新医院启用\n上海援建的喀什新医院今天启用， 总投资 五亿元。\n医院设有床位八百张。\n每年可接诊病人十万人次。"


def test_visible_text_and_metadata() -> None:
    (draft,) = read_bytes(PAGE.format(charset="utf-8").encode("utf-8"), "page.html")
    assert draft.text == EXPECTED_TEXT
    assert draft.title == "喀什新医院启用 & 投入使用"
    assert draft.source == "天山网"
    assert draft.published == dt.date(2025, 6, 1)
    assert draft.url == "https://example.org/news/1.html"
    assert draft.language == "zh"
    assert draft.origin_file == "page.html"
    assert draft.origin_position is None
    assert draft.metadata == {"description": "医院新闻", "html_lang": "zh-CN"}


@pytest.mark.parametrize(
    "dropped",
    ["脚本内容", "trackVisit", "首页", "相关阅读", "版权所有", "搜索", "隐藏内容", "请启用脚本", "color"],
)
def test_non_article_parts_are_dropped(dropped: str) -> None:
    (draft,) = read_bytes(PAGE.format(charset="utf-8").encode("utf-8"), "page.html")
    assert dropped not in draft.text


@pytest.mark.parametrize("charset", ["gb2312", "gbk", "GB18030"])
def test_meta_charset_is_used(charset: str) -> None:
    (draft,) = read_bytes(PAGE.format(charset=charset).encode("gb18030"), "page.htm")
    assert draft.text == EXPECTED_TEXT


def test_big5_page_with_declaration() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head><body><p>捐贈醫院</p></body></html>'
    (draft,) = read_bytes(page.encode("big5"), "tw.html")
    assert draft.text == "捐贈醫院"


def test_page_without_declaration_is_detected() -> None:
    page = "<html><body><p>南京援建学校今年开学，可容纳学生两千人。</p></body></html>"
    (draft,) = read_bytes(page.encode("gbk"), "nodecl.html")
    assert draft.text == "南京援建学校今年开学，可容纳学生两千人。"


def test_fallbacks_title_h1_time_canonical_author() -> None:
    page = """<html><head><title>  Water   project
    finished </title><meta name="author" content="Kashgar Daily">
    <link rel="canonical" href="https://example.org/water"></head>
    <body><div class="story"><h1>Water project finished</h1>
    <p>Published <time datetime="2024-11-05">5 November</time></p>
    <p>Pipes reached 3 villages &mdash; 2 million yuan.</p></div></body></html>"""
    (draft,) = read_bytes(page.encode(), "w.html")
    assert draft.title == "Water project finished"
    assert draft.source == "Kashgar Daily"
    assert draft.url == "https://example.org/water"
    assert draft.published == dt.date(2024, 11, 5)
    assert (
        draft.text
        == "Water project finished\nPublished 5 November\nPipes reached 3 villages — 2 million yuan."
    )
    assert draft.language == "en"


def test_h1_title_when_no_title_tag() -> None:
    page = "<body><header><h1>School opens</h1></header><p>The school has 40 classrooms.</p></body>"
    (draft,) = read_bytes(page.encode(), "s.html")
    assert draft.title == "School opens"
    assert draft.text == "The school has 40 classrooms."


def test_main_is_preferred_without_article() -> None:
    page = "<body><div>Menu item</div><main><p>Main story text.</p></main><div>Side links</div></body>"
    (draft,) = read_bytes(page.encode(), "m.html")
    assert draft.text == "Main story text."


def test_longest_article_is_chosen() -> None:
    page = (
        "<body><article><p>Short teaser.</p></article>"
        "<article><p>The long story about the new bridge.</p><p>It cost 9 million yuan.</p></article></body>"
    )
    (draft,) = read_bytes(page.encode(), "a.html")
    assert draft.text == "The long story about the new bridge.\nIt cost 9 million yuan."


def test_table_cells_are_spaced() -> None:
    page = "<body><table><tr><td>County</td><td>Amount</td></tr><tr><td>Shache</td><td>3</td></tr></table></body>"
    (draft,) = read_bytes(page.encode(), "t.html")
    assert draft.text == "County Amount\nShache 3"


def test_unparseable_meta_date_is_kept_raw() -> None:
    page = '<head><meta name="date" content="last spring"></head><body><p>Text.</p></body>'
    (draft,) = read_bytes(page.encode(), "d.html")
    assert draft.published is None
    assert draft.metadata["published_raw"] == "last spring"


def test_page_without_visible_text_fails() -> None:
    page = "<html><head><title>Only a title</title><script>x()</script></head><body><nav>Menu</nav></body></html>"
    with pytest.raises(IngestError) as caught:
        read_bytes(page.encode(), "blank.html")
    assert str(caught.value) == "blank.html: no visible text in the HTML page"
