"""HTML pages: visible article text and the metadata in ``<meta>`` tags (stdlib html.parser).

Text: scripts, styles, navigation, headers, footers, asides, forms and hidden elements are
dropped; the longest ``<article>`` is used when there is one, else ``<main>``, else the whole
body. Block elements end lines, whitespace runs inside a line become one space, empty lines
are dropped, entities are unescaped.

Metadata: the title (``og:title``, else ``<title>``, else the first ``<h1>``) loses the site's
suffix (``…_新闻中心_新浪网``); a date in the ``<meta>`` tags wins over the header lines of the
text (``发布时间：…``), while a source named in the header lines (``来源：广州日报``, the original
publisher) wins over the page's site name, which is then kept as ``metadata["site_name"]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from aidcurator.domain import ArticleDraft
from aidcurator.ingest.dates import parse_date
from aidcurator.ingest.encoding import decode_bytes
from aidcurator.ingest.errors import IngestError
from aidcurator.ingest.headers import read_header
from aidcurator.ingest.titles import derive_title, strip_site_suffix

# fmt: off
_SKIP = frozenset({
    "script", "style", "nav", "header", "footer", "aside", "noscript", "form", "template",
    "head", "title", "svg", "iframe", "object", "canvas", "button", "select", "textarea",
})
_BLOCK = frozenset({
    "address", "article", "blockquote", "br", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main",
    "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul",
})
_CELL = frozenset({"td", "th"})
_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
})
_TITLE_META = ("og:title", "twitter:title")
_PUBLISHED_META = (
    "article:published_time", "pubdate", "publishdate", "date", "dc.date", "dc.date.issued",
    "og:published_time", "datepublished",
)
# fmt: on
_SOURCE_META = ("og:site_name", "author", "publisher")
_SITE_META = ("og:site_name", "application-name")
_URL_META = ("og:url",)
_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.I,
)
_SNIFF_BYTES = 4096
_WHITESPACE = re.compile(r"\s+")
# Declared names whose real-world content is a superset encoding (as browsers treat them).
_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "big5": "cp950",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
}


@dataclass(slots=True)
class _Piece:
    text: str
    article: int | None
    in_main: bool


@dataclass(slots=True)
class _Page:
    pieces: list[_Piece] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    title: str = ""
    h1: str = ""
    canonical: str | None = None
    time_datetime: str | None = None
    lang: str | None = None


class _PageParser(HTMLParser):
    """Collects text pieces (tagged with their <article>/<main> container) and metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = _Page()
        self._stack: list[tuple[str, bool]] = []  # (tag, starts a skipped region)
        self._skip_depth = 0
        self._article: int | None = None
        self._article_depth = 0
        self._main_depth = 0
        self._articles_seen = 0
        self._capture: str | None = None  # "title" or "h1" while reading one of them
        self._captured: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key.lower(): value or "" for key, value in attrs}
        self._read_metadata(tag, attributes)
        if tag in _VOID:
            if tag == "br":
                self._emit("\n")
            return
        skipped = tag in _SKIP or "hidden" in attributes or attributes.get("aria-hidden") == "true"
        self._stack.append((tag, skipped))
        self._skip_depth += skipped
        if tag == "article":
            if self._article_depth == 0:
                self._articles_seen += 1
                self._article = self._articles_seen
            self._article_depth += 1
        elif tag == "main":
            self._main_depth += 1
        if tag in ("title", "h1") and self._capture is None and not getattr(self.page, tag):
            self._capture, self._captured = tag, []
        if tag in _BLOCK:
            self._emit("\n")
        elif tag in _CELL:
            self._emit(" ")

    def handle_endtag(self, tag: str) -> None:
        if not any(name == tag for name, _ in self._stack):
            if tag == "br":  # a stray </br> is a line break in browsers
                self._emit("\n")
            return
        while self._stack:
            name, skipped = self._stack.pop()
            self._close(name, skipped=skipped)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._captured.append(data)
        if any(name == "pre" for name, _ in self._stack):
            self._emit(data)
        else:
            self._emit(_WHITESPACE.sub(" ", data))

    def _close(self, name: str, *, skipped: bool) -> None:
        if name in _BLOCK:
            self._emit("\n")
        self._skip_depth -= skipped
        if name == "article":
            self._article_depth -= 1
            if self._article_depth == 0:
                self._article = None
        elif name == "main":
            self._main_depth -= 1
        if name == self._capture:
            setattr(self.page, name, " ".join("".join(self._captured).split()))
            self._capture = None

    def _emit(self, text: str) -> None:
        if self._skip_depth == 0 and text:
            self.page.pieces.append(_Piece(text, self._article, self._main_depth > 0))

    def _read_metadata(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "meta":
            key = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
            content = attributes.get("content", "").strip()
            if key and content:
                self.page.meta.setdefault(key.strip().lower(), content)
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower().split():
            self.page.canonical = self.page.canonical or attributes.get("href", "").strip() or None
        elif tag == "time" and self.page.time_datetime is None and attributes.get("datetime"):
            self.page.time_datetime = attributes["datetime"].strip()
        elif tag == "html" and attributes.get("lang"):
            self.page.lang = attributes["lang"].strip()


def declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in its first bytes (meta charset or XML declaration)."""
    match = _CHARSET.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    name = (match.group(1) or match.group(2)).decode("ascii").lower()
    if name.startswith(("utf-16", "utf-32")):  # a page that can be read this far is not UTF-16
        return None
    return _SUPERSETS.get(name, name)


def read_html(data: bytes, name: str) -> list[ArticleDraft]:
    """One article from an HTML page (raises IngestError when the page has no visible text)."""
    decoded = decode_bytes(data, name, declared=declared_charset(data))
    parser = _PageParser()
    parser.feed(decoded.text)
    parser.close()
    page = parser.page
    body = _visible_text(page.pieces)
    if not body:
        raise IngestError(name, "no visible text in the HTML page")
    header = read_header(body)
    site = _first(page.meta, _SITE_META)
    title = _first(page.meta, _TITLE_META) or page.title or page.h1 or derive_title(body, skip=header.lines)
    title = strip_site_suffix(title, site=site)
    metadata: dict[str, Any] = {}
    raw_date = _first(page.meta, _PUBLISHED_META) or page.time_datetime
    published = parse_date(raw_date) if raw_date else None
    if raw_date and published is None:
        metadata["published_raw"] = raw_date
    published = published or header.published
    source = header.source or _first(page.meta, _SOURCE_META)
    if header.source and site and site != header.source:
        metadata["site_name"] = site
    description = _first(page.meta, ("description", "og:description"))
    if description:
        metadata["description"] = description
    if page.lang:
        metadata["html_lang"] = page.lang
    return [
        ArticleDraft(
            text=body,
            title=title,
            source=source,
            published=published,
            url=_first(page.meta, _URL_META) or page.canonical,
            metadata=metadata,
            warnings=decoded.warnings,
        )
    ]


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = meta.get(key)
        if value:
            return " ".join(value.split())
    return None


def _visible_text(pieces: list[_Piece]) -> str:
    sizes: dict[int, int] = {}
    for piece in pieces:
        if piece.article is not None and piece.text.strip():
            sizes[piece.article] = sizes.get(piece.article, 0) + len(piece.text.strip())
    if sizes:
        chosen = max(sizes, key=lambda article: sizes[article])
        selected = [p.text for p in pieces if p.article == chosen]
    elif any(p.in_main and p.text.strip() for p in pieces):
        selected = [p.text for p in pieces if p.in_main]
    else:
        selected = [p.text for p in pieces]
    lines = (" ".join(line.split()) for line in "".join(selected).split("\n"))
    return "\n".join(line for line in lines if line)
