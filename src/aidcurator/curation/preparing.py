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
#: Files handed to the pool ahead of the one the caller waits for, per worker: enough that the
#: workers never wait while the caller stores a batch ...
AHEAD_PER_WORKER = 32
#: ... and at most this many characters of text in flight (a few big files bound memory instead).
AHEAD_CHARS = 20_000_000
#: Files sent to a worker as one task: at most this many ...
GROUP_FILES = 16
#: ... or about this many characters.
GROUP_CHARS = 200_000


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


def _extract_in_worker(group: list[PreparedFile]) -> list[PreparedFile]:
    extract = _worker_state["extract"]
    return [extract_todo(prepared, extract) for prepared in group]


class _Pool:
    """The worker processes and the files in flight, in file order.

    Files to extract go to the workers in groups (:data:`GROUP_FILES`, :data:`GROUP_CHARS`): few,
    larger tasks keep the workers busy while this process stores, instead of each waiting for this
    process to hand it the next small file.
    """

    def __init__(self, extract: Extract, workers: int) -> None:
        self.extract, self.workers = extract, workers
        self.executor: ProcessPoolExecutor | None = None
        # (files, or the future of their extraction; how many; their characters)
        self.pending: deque[tuple[list[PreparedFile] | Future[list[PreparedFile]], int, int]] = deque()
        self.group: list[PreparedFile] = []
        self.group_chars = 0
        self.files = self.chars = 0  # in flight: pending and the group

    def add(self, prepared: PreparedFile) -> None:
        """Queue a read file: to extract (in a group), or ready as it is (failed, or nothing new)."""
        if prepared.failure is not None or not prepared.todo:
            self._submit()  # the group before it goes first: files stay in order
            self.pending.append(([prepared], 1, 0))
            self.files += 1
            return
        size = sum(len(draft.text) for draft, _ in prepared.todo)
        self.group.append(prepared)
        self.group_chars += size
        self.files += 1
        self.chars += size
        if len(self.group) >= GROUP_FILES or self.group_chars >= GROUP_CHARS:
            self._submit()

    def _submit(self) -> None:
        if not self.group:
            return
        if self.executor is None:  # started by the first file with new text
            self.executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.extract,),
            )
        future = self.executor.submit(_extract_in_worker, self.group)
        self.pending.append((future, len(self.group), self.group_chars))
        self.group, self.group_chars = [], 0

    def ready(self, *, final: bool = False) -> Iterator[PreparedFile]:
        """The files at the head that are done, waiting for them while too many are in flight (or,
        when ``final``, for everything)."""
        if final:
            self._submit()
        while self.pending:
            head, count, chars = self.pending[0]
            if not (
                final
                or not isinstance(head, Future)
                or head.done()
                or self.files > AHEAD_PER_WORKER * self.workers
                or self.chars > AHEAD_CHARS
            ):
                return
            self.pending.popleft()
            self.files -= count
            self.chars -= chars
            yield from head.result() if isinstance(head, Future) else head

    def close(self) -> None:
        if self.executor is not None:
            for item, _, _ in self.pending:
                if isinstance(item, Future):
                    item.cancel()
            self.executor.shutdown(wait=True, cancel_futures=True)


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
    "spawn" start method, safe beside the window's threads. Up to :data:`AHEAD_PER_WORKER` files
    per worker (and :data:`AHEAD_CHARS` characters) are in flight, so the workers keep extracting
    while the caller stores, and memory stays bounded.
    """
    if workers <= 1 or not parallel_ok or len(files) < MIN_FILES_FOR_WORKERS:
        for path in files:
            yield prepare_path(path, known, extract)
        return
    snapshot = frozenset(all_known())

    def known_here(hashes: list[str]) -> set[str]:
        return {h for h in hashes if h in snapshot}

    pool = _Pool(extract, workers)
    try:
        for path in files:
            pool.add(read_path(path, known_here))
            yield from pool.ready()
        yield from pool.ready(final=True)
    finally:
        pool.close()
