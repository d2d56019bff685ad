"""Plain text and Markdown files: one article, or several when the file is a news digest."""

from __future__ import annotations

from aidcurator.domain import ArticleDraft
from aidcurator.ingest.digest import split_digest
from aidcurator.ingest.headers import read_header
from aidcurator.ingest.titles import derive_title, strip_site_suffix


def read_plain_text(text: str) -> list[ArticleDraft]:
    """Articles of a decoded .txt/.md file.

    A digest gives one draft per entry (see ``digest``); any other text is one article whose
    ``text`` is the whole file, unchanged. Its publication date and source come from the header
    lines at its top (see ``headers``); its title is its first non-empty line that is no header
    line, without a site suffix (``… - 中国日报网``).
    """
    articles = split_digest(text)
    if articles:
        return articles
    header = read_header(text)
    title = strip_site_suffix(derive_title(text, skip=header.lines))
    return [ArticleDraft(text=text, title=title, source=header.source, published=header.published)]
