"""Titles taken from a line of text."""

from __future__ import annotations

import re

MAX_DERIVED_TITLE = 200
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+|^#{1,6}(?=\S)|\s+#+\s*$")


def clean_title(line: str) -> str:
    """Strip whitespace and Markdown heading marks (``# Title #``) from a title line."""
    return _MARKDOWN_HEADING.sub("", line.strip()).strip()


def derive_title(text: str) -> str:
    """Title from the first non-empty line of ``text``, cut to MAX_DERIVED_TITLE characters."""
    start = 0
    while True:  # line by line, without splitting the whole text
        end = text.find("\n", start)
        title = clean_title(text[start:] if end < 0 else text[start:end])
        if title:
            if len(title) > MAX_DERIVED_TITLE:
                return title[: MAX_DERIVED_TITLE - 1].rstrip() + "…"
            return title
        if end < 0:
            return ""
        start = end + 1
