"""Documents to run the extractor on, without a database: ``aidcurator extract`` input.

A ``.jsonl`` file holds one ``{"id", "text", "title"?, "published"?}`` document per line; any
other file is read like an import (a digest gives one document per article).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from aidcurator.ingest.dates import parse_date
from aidcurator.ingest.encoding import decode_text
from aidcurator.ingest.errors import IngestError
from aidcurator.ingest.files import read_bytes, read_file


@dataclass(slots=True)
class Document:
    """One text to extract from, with the id its output carries."""

    id: str
    title: str
    text: str
    published: dt.date | None


def jsonl_documents(name: str, data: bytes) -> list[Document]:
    """The documents of a JSON Lines file; a bad line refuses the whole file with its line number."""
    text = decode_text(data, name)
    docs: list[Document] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise IngestError(name, f"line {number} is not valid JSON ({exc.msg})") from None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise IngestError(name, f'line {number} has no "text" string')
        published = None
        raw = item.get("published")
        if raw not in (None, ""):
            published = parse_date(str(raw))
            if published is None:
                raise IngestError(name, f"line {number}: cannot read the date {raw!r}")
        doc_id = item.get("id")
        docs.append(
            Document(
                id=str(doc_id) if doc_id not in (None, "") else f"{name}#{number}",
                title=str(item.get("title") or ""),
                text=item["text"],
                published=published,
            )
        )
    if not docs:
        raise IngestError(name, "no documents in the file")
    return docs


def read_documents(name: str, data: bytes | None = None) -> list[Document]:
    """The documents in file ``name`` (or in ``data`` read from it, e.g. stdin as ``-``)."""
    if name.lower().endswith(".jsonl"):
        return jsonl_documents(name, data if data is not None else Path(name).read_bytes())
    drafts = read_bytes(data, name) if data is not None else read_file(name)
    several = len(drafts) > 1
    return [
        Document(
            id=f"{name}#{number}" if several else name,
            title=draft.title,
            text=draft.text,
            published=draft.published,
        )
        for number, draft in enumerate(drafts, start=1)
    ]
