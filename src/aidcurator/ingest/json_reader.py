"""JSON (.json) and JSON Lines (.jsonl) files of article objects."""

from __future__ import annotations

import json
from typing import Any

from aidcurator.domain import ArticleDraft
from aidcurator.ingest.errors import IngestError
from aidcurator.ingest.fields import FieldError, draft_from_fields


def read_json(text: str, name: str) -> list[ArticleDraft]:
    """Articles of a .json file: a list of objects, ``{"articles": [...]}`` or one object.

    Objects of a list get origin_position ``"item N"``; a single object gets None. A file
    holding one object per line is read as JSON Lines.
    """
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data":
            try:
                return read_jsonl(text, name)
            except IngestError:
                pass
        raise IngestError(name, _describe(error)) from None
    except RecursionError:
        raise IngestError(name, "JSON is nested too deeply") from None

    items = _article_list(document)
    if items is None:
        if not isinstance(document, dict):
            raise IngestError(name, "expected a JSON object or a list of article objects")
        return [_draft(document, name, None)]
    if not items:
        raise IngestError(name, "no articles in the JSON list")
    return [_draft(item, name, f"item {number}") for number, item in enumerate(items, start=1)]


def read_jsonl(text: str, name: str) -> list[ArticleDraft]:
    """Articles of a JSON Lines file, one object per line (blank lines are skipped).

    origin_position is ``"line N"``, counting every physical line from 1.
    """
    drafts: list[ArticleDraft] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise IngestError(name, f"{where}: malformed JSON at column {error.colno}: {error.msg}") from None
        except RecursionError:
            raise IngestError(name, f"{where}: JSON is nested too deeply") from None
        drafts.append(_draft(item, name, where))
    if not drafts:
        raise IngestError(name, "no articles in the JSON Lines file")
    return drafts


def _article_list(document: Any) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key, value in document.items():
            if key.strip().casefold() == "articles" and isinstance(value, list):
                return value
    return None


def _draft(item: Any, name: str, where: str | None) -> ArticleDraft:
    prefix = f"{where}: " if where else ""
    if not isinstance(item, dict):
        raise IngestError(name, f"{prefix}not a JSON object")
    try:
        draft = draft_from_fields(item.items(), noun="key")
    except FieldError as error:
        raise IngestError(name, f"{prefix}{error}") from None
    draft.origin_position = where
    return draft


def _describe(error: json.JSONDecodeError) -> str:
    return f"malformed JSON at line {error.lineno} column {error.colno}: {error.msg}"
