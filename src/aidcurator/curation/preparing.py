"""Reading and extracting files before they are stored: no database, so it runs in worker processes.

A file is read and triaged (:func:`read_path`: texts already in the database, the ``known`` content
hashes, are skipped before extraction, so a re-import costs only the reading), then its new
articles are extracted (:func:`extract_todo`), a very large one in parts
(:mod:`aidcurator.curation.chunking`). :mod:`aidcurator.curation.extraction_pool` runs the
extraction in worker processes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aidcurator.curation.base import content_hash
from aidcurator.curation.chunking import Part, check_spans, extract_part, split_document
from aidcurator.curation.names import fill_candidate_codes
from aidcurator.domain import ArticleDraft, Extraction
from aidcurator.store.bulk_rows import ArticleRows, article_head, article_rows, joined_rows

Extract = Callable[..., Extraction]


class FileFailure(Exception):
    """A file that cannot be imported (the message says why); nothing of it is stored."""


@dataclass(slots=True)
class PreparedFile:
    """One input file, read and extracted: ``items`` to store, or the ``failure`` that refuses it."""

    name: str
    items: list[ArticleRows] = field(default_factory=list)  # rows ready to store, one per article
    skipped: int = 0
    hashes: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    failure: str | None = None
    todo: list[tuple[ArticleDraft, str]] = field(default_factory=list)  # read, new, not yet extracted


def triage(name: str, drafts: Sequence[ArticleDraft], known: Callable[[list[str]], set[str]]) -> PreparedFile:
    """Hash and de-duplicate the articles of one file; those left to extract go in ``todo``."""
    if not drafts:
        raise FileFailure("no articles found")
    keyed = []
    for number, draft in enumerate(drafts, start=1):
        if not draft.text or not draft.text.strip():
            raise FileFailure(f"{draft.origin_position or f'article {number}'} has no text")
        keyed.append((draft, content_hash(draft.text)))
    stored = known([digest for _, digest in keyed])
    prepared = PreparedFile(name=name)
    for draft, digest in keyed:
        prepared.warnings.extend(w for w in draft.warnings if w not in prepared.warnings)
        if digest in stored or digest in prepared.hashes:
            prepared.skipped += 1
            continue
        prepared.hashes.add(digest)
        prepared.todo.append((draft, digest))
    return prepared


def article_where(draft: ArticleDraft) -> str:
    """How messages name an article of a file."""
    return draft.origin_position or draft.title or "an article"


def extract_draft(draft: ArticleDraft, digest: str, extract: Extract, *, split: bool) -> ArticleRows:
    """The rows of one article: extracted whole, or in parts when ``split`` allows and it is very
    large (``extract`` must then take ``estimated``, as the package's extractor does)."""
    where = article_where(draft)
    parts = split_document(draft.text, draft.published, where) if split else None
    if parts is not None:
        return joined_rows(
            article_head(draft, digest), [extract_part_or_fail(part, extract) for part in parts]
        )
    try:
        extraction = extract(draft.text, draft.published)
        fill_candidate_codes(extraction.records)
        check_spans(draft.text, extraction)
    except Exception as exc:
        raise FileFailure(f"extraction failed for {where}: {type(exc).__name__}: {exc}") from exc
    return article_rows(draft, digest, extraction)  # compact, cheap to send back


def extract_part_or_fail(part: Part, extract: Extract) -> tuple[str | None, bytes]:
    """The packed rows of one part of a very large article (and why they cannot be stored, or
    None); a failure of the extractor refuses its file."""
    try:
        return extract_part(part, extract)
    except Exception as exc:
        raise FileFailure(f"extraction failed for {part.where}: {type(exc).__name__}: {exc}") from exc


def extract_todo(prepared: PreparedFile, extract: Extract, *, split: bool = False) -> PreparedFile:
    """Run the extractor on the articles ``triage`` left to do (a failure refuses the whole file)."""
    try:
        for draft, digest in prepared.todo:
            prepared.items.append(extract_draft(draft, digest, extract, split=split))
    except FileFailure as exc:
        prepared.items.clear()
        prepared.failure = str(exc)
    prepared.todo = []
    return prepared


def prepare_drafts(
    name: str,
    drafts: Sequence[ArticleDraft],
    known: Callable[[list[str]], set[str]],
    extract: Extract,
    *,
    split: bool = False,
) -> PreparedFile:
    """Hash, de-duplicate and extract the articles of one file (``known`` says which hashes are stored)."""
    prepared = extract_todo(triage(name, drafts, known), extract, split=split)
    if prepared.failure is not None:
        raise FileFailure(prepared.failure)
    return prepared


def read_path(path: Path, known: Callable[[list[str]], set[str]]) -> PreparedFile:
    """Read and triage one file; a problem becomes the file's ``failure``."""
    from aidcurator.ingest import IngestError, read_file

    try:
        return triage(str(path), read_file(path), known)
    except IngestError as exc:
        return PreparedFile(name=exc.path, failure=exc.reason)
    except OSError as exc:
        return PreparedFile(name=str(path), failure=exc.strerror or str(exc))
    except FileFailure as exc:
        return PreparedFile(name=str(path), failure=str(exc))
    except Exception as exc:  # any other problem must not stop the other files
        return PreparedFile(name=str(path), failure=f"{type(exc).__name__}: {exc}")


def prepare_path(
    path: Path, known: Callable[[list[str]], set[str]], extract: Extract, *, split: bool = False
) -> PreparedFile:
    """Read one file and prepare its articles; a problem becomes the file's ``failure``."""
    prepared = read_path(path, known)
    return prepared if prepared.failure is not None else extract_todo(prepared, extract, split=split)
