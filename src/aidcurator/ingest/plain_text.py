"""Plain text and Markdown files: one article, or several when the file is a news digest."""

from __future__ import annotations

from aidcurator.domain import ArticleDraft
from aidcurator.ingest.digest import split_digest
from aidcurator.ingest.titles import derive_title


def read_plain_text(text: str) -> list[ArticleDraft]:
    """Articles of a decoded .txt/.md file.

    A digest gives one draft per entry (see ``digest``); any other text is one article whose
    ``text`` is the whole file, unchanged, and whose title is its first non-empty line.
    """
    articles = split_digest(text)
    if articles:
        return articles
    return [ArticleDraft(text=text, title=derive_title(text))]
