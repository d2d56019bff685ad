"""Titles taken from a line of text."""

from __future__ import annotations

import re
from collections.abc import Collection

from aidcurator.ingest.header_rules import header_rules, looks_like_site

MAX_DERIVED_TITLE = 200
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+|^#{1,6}(?=\S)|\s+#+\s*$")


def clean_title(line: str) -> str:
    """Strip whitespace and Markdown heading marks (``# Title #``) from a title line."""
    return _MARKDOWN_HEADING.sub("", line.strip()).strip()


def derive_title(text: str, skip: Collection[int] = ()) -> str:
    """Title from the first non-empty line of ``text``, cut to MAX_DERIVED_TITLE characters.

    ``skip`` holds indexes (in ``text.split("\\n")``) of lines that cannot be the title, such as
    header lines (``发布时间：…``).
    """
    start = index = 0
    while True:  # line by line, without splitting the whole text
        end = text.find("\n", start)
        title = "" if index in skip else clean_title(text[start:] if end < 0 else text[start:end])
        if title:
            if len(title) > MAX_DERIVED_TITLE:
                return title[: MAX_DERIVED_TITLE - 1].rstrip() + "…"
            return title
        if end < 0:
            return ""
        start, index = end + 1, index + 1


def strip_site_suffix(title: str, *, site: str | None = None) -> str:
    """``title`` without the site names pages append to it (``…_新闻中心_新浪网``, ``… - China Daily``).

    Trailing segments after a title separator are dropped while they name a site (see
    ``resources/rules/headers.json``) and what is left keeps a real title. ``site`` is the page's
    own site name, dropped too.
    """
    rules = header_rules()
    current = title.strip()
    while True:
        matches = list(rules.title_separators.finditer(current))
        if not matches:
            return current
        last = matches[-1]
        head, tail = current[: last.start()].rstrip(), current[last.end() :].strip()
        if len(head) < rules.min_title_chars or not looks_like_site(tail, known=site):
            return current
        current = head
