"""Reading and extracting files before they are stored: no database, so it runs in worker processes.

:func:`prepared_files` yields one :class:`PreparedFile` per input file, in file order. With more
than one worker it reads and extracts in a pool of processes (all cores by default) while the
caller stores what is ready: one writer, many extractors. Texts already in the database (the
``known`` content hashes) are skipped before extraction, so a re-import costs only the reading.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aidcurator.curation.base import content_hash
from aidcurator.curation.names import fill_candidate_codes
from aidcurator.domain import ArticleDraft, Extraction
from aidcurator.parallel import default_workers as default_workers
from aidcurator.store.bulk import ArticleRows, article_rows

Extract = Callable[..., Extraction]

#: Below this many files the pool's start-up costs more than it saves.
MIN_FILES_FOR_WORKERS = 40


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


def _check_spans(text: str, extraction: Extraction) -> None:
    for mention in extraction.mentions:
        if not 0 <= mention.start <= mention.end <= len(text):
            raise ValueError(
                f"{mention.kind} mention [{mention.start}, {mention.end}) is outside the article text "
                f"(length {len(text)})"
            )


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


def extract_todo(prepared: PreparedFile, extract: Extract) -> PreparedFile:
    """Run the extractor on the articles ``triage`` left to do (a failure refuses the whole file)."""
    try:
        for draft, digest in prepared.todo:
            try:
                extraction = extract(draft.text, draft.published)
                fill_candidate_codes(extraction.records)
                _check_spans(draft.text, extraction)
            except Exception as exc:
                where = draft.origin_position or draft.title or "an article"
                raise FileFailure(f"extraction failed for {where}: {type(exc).__name__}: {exc}") from exc
            prepared.items.append(article_rows(draft, digest, extraction))  # compact, cheap to send back
    except FileFailure as exc:
        prepared.items.clear()
        prepared.failure = str(exc)
    prepared.todo = []
    return prepared


def prepare_drafts(
    name: str, drafts: Sequence[ArticleDraft], known: Callable[[list[str]], set[str]], extract: Extract
) -> PreparedFile:
    """Hash, de-duplicate and extract the articles of one file (``known`` says which hashes are stored)."""
    prepared = extract_todo(triage(name, drafts, known), extract)
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


def prepare_path(path: Path, known: Callable[[list[str]], set[str]], extract: Extract) -> PreparedFile:
    """Read one file and prepare its articles; a problem becomes the file's ``failure``."""
    prepared = read_path(path, known)
    return prepared if prepared.failure is not None else extract_todo(prepared, extract)


# -- the worker processes

_worker_state: dict[str, Any] = {}


def _start_worker(extract: Extract) -> None:
    _worker_state["extract"] = extract


def _extract_in_worker(prepared: PreparedFile) -> PreparedFile:
    return extract_todo(prepared, _worker_state["extract"])


def prepared_files(
    files: Sequence[Path],
    *,
    extract: Extract,
    known: Callable[[list[str]], set[str]],
    all_known: Callable[[], Iterable[str]],
    workers: int,
    parallel_ok: bool,
) -> Iterator[PreparedFile]:
    """Prepare ``files`` in order: in this process, or with ``workers`` extracting processes.

    With workers, this process reads and triages every file (cheap) against a snapshot of the
    stored hashes (``all_known``), and only files with new articles go to the pool, which starts
    when the first such file comes: a re-import of known texts never starts it. The pool uses the
    "spawn" start method, safe beside the window's threads; at most a few files per worker are in
    flight, so memory stays bounded.
    """
    if workers <= 1 or not parallel_ok or len(files) < MIN_FILES_FOR_WORKERS:
        for path in files:
            yield prepare_path(path, known, extract)
        return
    snapshot = frozenset(all_known())

    def known_here(hashes: list[str]) -> set[str]:
        return {h for h in hashes if h in snapshot}

    pool: ProcessPoolExecutor | None = None
    pending: deque[PreparedFile | Future[PreparedFile]] = deque()
    try:
        for path in files:
            prepared = read_path(path, known_here)
            if prepared.failure is not None or not prepared.todo:
                pending.append(prepared)
            else:
                if pool is None:
                    context = multiprocessing.get_context("spawn")
                    pool = ProcessPoolExecutor(
                        max_workers=workers,
                        mp_context=context,
                        initializer=_start_worker,
                        initargs=(extract,),
                    )
                pending.append(pool.submit(_extract_in_worker, prepared))
            while pending and (
                not isinstance(pending[0], Future) or pending[0].done() or len(pending) > 4 * workers
            ):
                head = pending.popleft()
                yield head.result() if isinstance(head, Future) else head
        while pending:
            head = pending.popleft()
            yield head.result() if isinstance(head, Future) else head
    finally:
        if pool is not None:
            for item in pending:
                if isinstance(item, Future):
                    item.cancel()
            pool.shutdown(wait=True, cancel_futures=True)
