"""Extracted articles as plain rows: what :mod:`aidcurator.store.bulk` writes with executemany.

Where an article is extracted (often a worker process), :func:`article_rows` turns it and what
the extractor found into plain tuples in column order (:class:`ArticleRows`): JSON already
serialised, enums as the names the database keeps, spans checked. They travel between processes
packed (:func:`pack_rows`).
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from aidcurator.domain import ArticleDraft, Extraction, Origin, RecordStatus, ReviewState
from aidcurator.domain.jsonvalues import dumps_stored, jsonable
from aidcurator.store.candidates import (
    KEY_FIELD,
    MACHINE_FIELDS,
    amount_values,
    candidate_key,
    candidate_values,
)
from aidcurator.store.errors import StoreError
from aidcurator.store.parties import PartyRow, party_rows
from aidcurator.store.records import check_span


@dataclass(slots=True)
class ArticleRows:
    """One article ready to store, as plain rows (cheap to send between processes).

    ``records`` follow :data:`RECORD_COLUMNS`, ``amounts`` are ``(record index, position, row in
    AMOUNT_COLUMNS order)``, ``evidence`` ``(record index, row in EVIDENCE_COLUMNS order)``;
    ``parents`` and ``shares`` link by index: ``(record index, parent record index)`` and
    ``(amount index, record index whose first amount it is a share of)``. ``error`` says why the
    article cannot be stored (its file is then refused whole).
    """

    content_hash: str
    article: dict[str, Any]
    mentions: list[tuple[Any, ...]] = field(default_factory=list)
    records: list[tuple[Any, ...]] = field(default_factory=list)
    amounts: list[tuple[int, int, tuple[Any, ...]]] = field(default_factory=list)
    evidence: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)
    parents: list[tuple[int, int]] = field(default_factory=list)
    shares: list[tuple[int, int]] = field(default_factory=list)
    # parties hook (store/parties.py): (record index, party row)
    parties: list[tuple[int, PartyRow]] = field(default_factory=list)
    error: str | None = None
    # a very large article's rows, part by part (:func:`pack_rows`), stored after its own rows
    parts: list[bytes] = field(default_factory=list)


#: The JSON of mention data already seen in this process, by the data's repr (a few thousand
#: gazetteer places, sectors and years make most of it).
_DATA_JSON: dict[str, str] = {}
_DATA_JSON_SIZE = 50_000


def mention_rows(mentions: Sequence[Any]) -> list[tuple[Any, ...]]:
    """Mentions as plain tuples in ``MENTION_COLUMNS`` order without the article id, their data as
    JSON text: cheap to send between processes and ready for the database."""
    texts: dict[int, str] = {}  # id of a data dict -> its JSON: the extractor shares equal dicts

    def dumps(data: dict[str, Any]) -> str:
        found = texts.get(id(data))
        if found is None:
            key = repr(data)  # equal reprs, equal JSON: a place or sector recurs in article after article
            found = _DATA_JSON.get(key)
            if found is None:
                found = dumps_stored(data)
                if len(_DATA_JSON) < _DATA_JSON_SIZE:
                    _DATA_JSON[key] = found
            texts[id(data)] = found
        return found

    names: dict[Any, str] = {}  # kind or qualifier -> its text, one str object for all the rows

    def name(value: Any) -> str | None:
        if value is None:
            return None
        found = names.get(value)
        if found is None:
            found = names[value] = str(value)
        return found

    return [
        (
            name(m.kind), m.start, m.end, m.text, m.value, m.currency,
            name(m.qualifier), m.value_max, m.what, dumps(m.data),
        )
        for m in mentions
    ]  # fmt: skip


MENTION_COLUMNS = (
    "article_id", "kind", "start", "end", "text", "value", "currency", "qualifier", "value_max", "what", "data",
)  # fmt: skip


#: Column order of :attr:`ArticleRows.records` (the table's id, article id, parent and clock columns
#: are added by the writer).
RECORD_COLUMNS = (
    *MACHINE_FIELDS,
    "status", "notes", "origin", "extracted", "curated_fields", "flags", "version",
)  # fmt: skip
#: Column order of an amount row (the writer adds id, record id, position and share_of_id).
AMOUNT_COLUMNS = (
    "text", "value", "value_max", "currency", "qualifier", "kind", "period_start", "period_end",
    "start", "end", "origin", "extracted", "curated_fields",
)  # fmt: skip
#: Column order of an evidence row (the writer adds the record id).
EVIDENCE_COLUMNS = ("field", "start", "end", "quote", "origin")


def _stored(value: Any) -> Any:
    """An enum member as the name the database keeps (what SQLAlchemy's ``Enum`` type binds)."""
    return value.name if isinstance(value, Enum) else value


def article_rows(draft: ArticleDraft, digest: str, extraction: Extraction) -> ArticleRows:
    """An extracted article as rows to store; a problem with its records becomes ``error``."""
    return _fill(draft.text, 0, extraction, article_head(draft, digest))


def part_rows(text: str, offset: int, extraction: Extraction) -> ArticleRows:
    """The rows of what was found in a part of an article (``text`` starts at ``offset`` of the
    article; the extraction's positions are the article's); :func:`joined_rows` puts them together."""
    return _fill(text, offset, extraction, ArticleRows(content_hash="", article={}))


def joined_rows(head: ArticleRows, parts: Sequence[tuple[str | None, bytes]]) -> ArticleRows:
    """``head`` (an article without rows) with the packed rows of its parts, in order (each with
    why it cannot be stored, or None: the first such reason is the article's)."""
    for error, packed in parts:
        head.parts.append(packed)
        if head.error is None:
            head.error = error
    return head


def pack_rows(rows: ArticleRows) -> bytes:
    """``rows`` as compact bytes: the rows of a part of a 50 MB article take tens of bytes a mention
    this way, ten times less than as Python objects, until they are stored."""
    return zlib.compress(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL), 1)


def unpack_rows(packed: bytes) -> ArticleRows:
    rows = pickle.loads(zlib.decompress(packed))
    assert isinstance(rows, ArticleRows)
    return rows


def article_head(draft: ArticleDraft, digest: str) -> ArticleRows:
    """The article's own row, without what was extracted from it."""
    return ArticleRows(
        content_hash=digest,
        article={
            "title": draft.title or "",
            "source": draft.source,
            "published": draft.published,
            "url": draft.url,
            "language": draft.language,
            "text": draft.text,
            "content_hash": digest,
            "origin_file": draft.origin_file,
            "origin_position": draft.origin_position,
            "review_state": ReviewState.NEW,
            "extra": jsonable(dict(draft.metadata)),
        },
    )


def _fill(text: str, offset: int, extraction: Extraction, rows: ArticleRows) -> ArticleRows:
    """Add the extraction's rows; ``text`` starts at ``offset`` of the article."""
    rows.mentions = mention_rows(extraction.mentions)
    try:
        _record_rows(rows, text, offset, extraction)
    except StoreError as exc:
        rows.error = f"could not be stored: {exc}"
    except Exception as exc:  # any other problem refuses this article's file only
        rows.error = f"{type(exc).__name__}: {exc}"
    return rows


_EXTRACTED, _PENDING = Origin.EXTRACTED.name, RecordStatus.PENDING.name


def _record_rows(rows: ArticleRows, text: str, offset: int, extraction: Extraction) -> None:
    candidates = extraction.records
    count = len(candidates)
    first_amount: dict[int, int] = {}  # record index -> index of its first amount in rows.amounts
    share_targets: list[tuple[int, int]] = []  # (amount index, record index)
    for index, candidate in enumerate(candidates):
        values = candidate_values(candidate)
        extracted = jsonable(values)
        extracted[KEY_FIELD] = candidate_key(candidate)
        rows.records.append(
            (
                *(_stored(value) for value in values.values()),
                _PENDING, None, _EXTRACTED, dumps_stored(extracted), "[]",
                dumps_stored(jsonable(dict(candidate.flags))), 1,
            )
        )  # fmt: skip
        for position, candidate_amount in enumerate(candidate.amounts):
            span = candidate_amount.span
            check_span(text, span.start - offset, span.end - offset, "amount span")
            amount = amount_values(candidate_amount)
            if position == 0:
                first_amount[index] = len(rows.amounts)
            share = candidate_amount.share_of
            if share is not None and 0 <= share < count:
                share_targets.append((len(rows.amounts), share))
            rows.amounts.append(
                (
                    index,
                    position,
                    (
                        amount["text"], amount["value"], amount["value_max"], amount["currency"],
                        amount["qualifier"].name, amount["kind"].name, amount["period_start"],
                        amount["period_end"], span.start, span.end, _EXTRACTED,
                        dumps_stored(jsonable(amount)), "[]",
                    ),
                )
            )  # fmt: skip
        for name, spans in candidate.evidence.items():
            for span in spans:
                start, end = span.start - offset, span.end - offset
                check_span(text, start, end, f"evidence for {name}")
                rows.evidence.append((index, (name, span.start, span.end, text[start:end], _EXTRACTED)))
        rows.parties.extend((index, row) for row in party_rows(text, candidate.parties, offset))
        parent = candidate.parent_index
        if parent is not None and 0 <= parent < count and parent != index:
            rows.parents.append((index, parent))
    for amount_index, record_index in share_targets:
        target = first_amount.get(record_index)
        if target is not None and target != amount_index:
            rows.shares.append((amount_index, target))
