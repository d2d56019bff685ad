"""Turn one table row or JSON object into an ArticleDraft, matching field names by alias."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from aidcurator.domain import ArticleDraft
from aidcurator.ingest.dates import parse_date
from aidcurator.ingest.titles import derive_title

# Draft field -> accepted column/key names (matched after strip + casefold), best first.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "正文", "内容"),
    "title": ("title", "headline", "标题"),
    "source": ("source", "publisher", "outlet", "来源", "媒体"),
    "published": ("published", "date", "published_at", "pubdate", "日期", "发布时间"),
    "url": ("url", "link", "链接"),
    "language": ("language", "lang"),
}
_ALIAS_RANK = {
    alias.casefold(): (field_name, rank)
    for field_name, aliases in FIELD_ALIASES.items()
    for rank, alias in enumerate(aliases)
}


class FieldError(ValueError):
    """A row or object cannot become an article; the message is the reason."""


def field_for(name: str) -> str | None:
    """The draft field a column/key name stands for, or None."""
    entry = _ALIAS_RANK.get(name.strip().casefold())
    return None if entry is None else entry[0]


def draft_from_fields(pairs: Iterable[tuple[str, Any]], *, noun: str = "key") -> ArticleDraft:
    """Build a draft from (name, value) pairs; unknown names go to ``metadata``.

    When several names map to one field the best alias wins and the others are kept in
    ``metadata``. ``noun`` ("column" or "key") is used in the FieldError raised when there is
    no text.
    """
    chosen: dict[str, tuple[int, str, Any]] = {}
    metadata: dict[str, Any] = {}
    for name, value in pairs:
        entry = _ALIAS_RANK.get(name.strip().casefold())
        if entry is None:
            _put(metadata, name, value)
        elif not _is_blank(value):  # a blank known field is simply absent
            field_name, rank = entry
            if field_name not in chosen or rank < chosen[field_name][0]:
                loser = chosen.get(field_name)
                chosen[field_name] = (rank, name, value)
            else:
                loser = (rank, name, value)
            if loser is not None:
                _put(metadata, loser[1], loser[2])

    if "text" not in chosen:
        raise FieldError(f"no text {noun}/value")
    raw_text = chosen["text"][2]
    if not isinstance(raw_text, str):
        raise FieldError(f"text {noun} '{chosen['text'][1]}' is not a string")
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    title = _as_text(chosen, "title") or derive_title(text)
    published = None
    if "published" in chosen:
        published = _to_date(chosen["published"][2])
        if published is None:
            metadata["published_raw"] = str(chosen["published"][2])
    language = _as_text(chosen, "language")
    return ArticleDraft(
        text=text,
        title=title,
        source=_as_text(chosen, "source"),
        published=published,
        url=_as_text(chosen, "url"),
        language=language.lower() if language else None,
        metadata=metadata,
    )


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(chosen: dict[str, tuple[int, str, Any]], field_name: str) -> str | None:
    if field_name not in chosen:
        return None
    value = chosen[field_name][2]
    if isinstance(value, str):
        return " ".join(value.split()) or None
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _to_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return parse_date(value)
    return None


def _put(metadata: dict[str, Any], name: str, value: Any) -> None:
    key, number = name, 2
    while key in metadata:
        key, number = f"{name} ({number})", number + 1
    metadata[key] = value
