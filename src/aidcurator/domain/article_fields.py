"""The article metadata a curator can edit: declared once here, read by curation and the window."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ArticleFieldKind = Literal["text", "date", "url", "language"]


@dataclass(frozen=True, slots=True)
class ArticleFieldSpec:
    name: str  # the Article column
    label: str
    kind: ArticleFieldKind
    required: bool = False
    hint: str = ""  # placeholder text in the window


ARTICLE_FIELDS: tuple[ArticleFieldSpec, ...] = (
    ArticleFieldSpec("title", "Title", "text", required=True, hint="the headline, without the site's name"),
    ArticleFieldSpec("source", "Source", "text", hint="publisher, e.g. 新华网 or China Daily"),
    ArticleFieldSpec(
        "published", "Published", "date", hint="YYYY-MM-DD (2025年11月20日, 20 Nov 2025 read too)"
    ),
    ArticleFieldSpec("url", "URL", "url", hint="https://…"),
    ArticleFieldSpec("language", "Language", "language", hint="zh or en"),
)
ARTICLE_FIELD: dict[str, ArticleFieldSpec] = {spec.name: spec for spec in ARTICLE_FIELDS}
#: Languages offered in the window (any other short code may be typed).
LANGUAGES: tuple[str, ...] = ("zh", "en")
