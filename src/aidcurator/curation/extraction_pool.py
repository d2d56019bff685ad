"""Extracting files in worker processes while the caller stores: one writer, many extractors.

:func:`prepared_files` yields one :class:`~aidcurator.curation.preparing.PreparedFile` per input
file, in file order. With more than one worker this process reads and triages every file (cheap)
and the workers extract: small files in groups (:data:`GROUP_FILES`, :data:`GROUP_CHARS`), so that
few, larger tasks keep them busy while this process stores; a large file article by article, and a
very large article in parts (:mod:`aidcurator.curation.chunking`), which the workers extract side
by side and this process joins. A file stays all or nothing: one failed part refuses it.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

from aidcurator.curation import chunking
from aidcurator.curation.chunking import Part, split_document
from aidcurator.curation.preparing import (
    Extract,
    FileFailure,
    PreparedFile,
    article_where,
    extract_draft,
    extract_part_or_fail,
    extract_todo,
    prepare_path,
    read_path,
)
from aidcurator.domain import ArticleDraft
from aidcurator.parallel import default_workers as default_workers
from aidcurator.store.bulk_rows import ArticleRows, article_head, joined_rows

#: Below this many files the pool's start-up costs more than it saves (unless a file is large).
MIN_FILES_FOR_WORKERS = 40
#: Files handed to the pool ahead of the one the caller waits for, per worker: enough that the
#: workers never wait while the caller stores a batch ...
AHEAD_PER_WORKER = 32
#: ... and at most this many characters of text in flight (a few big files bound memory instead).
AHEAD_CHARS = 20_000_000
#: Files sent to a worker as one task: at most this many ...
GROUP_FILES = 16
#: ... or about this many characters (also the articles of one large file sent as one task).
GROUP_CHARS = 200_000

# -- in the worker processes

_worker_state: dict[str, Any] = {}


def _start_worker(extract: Extract) -> None:
    _worker_state["extract"] = extract


def _extract_in_worker(group: list[PreparedFile], split: bool) -> list[PreparedFile]:
    extract = _worker_state["extract"]
    return [extract_todo(prepared, extract, split=split) for prepared in group]


def _drafts_in_worker(drafts: list[tuple[ArticleDraft, str]]) -> list[ArticleRows] | str:
    """Rows of some articles of a large file, or why the file fails."""
    try:
        return [
            extract_draft(draft, digest, _worker_state["extract"], split=False) for draft, digest in drafts
        ]
    except FileFailure as exc:
        return str(exc)


def _part_in_worker(part: Part) -> tuple[str | None, bytes] | str:
    """Packed rows of one part of a very large article, or why its file fails."""
    try:
        return extract_part_or_fail(part, _worker_state["extract"])
    except FileFailure as exc:
        return str(exc)


# -- in this process


class _Assembly:
    """A large file whose articles (or parts of one) go to the workers as several tasks."""

    def __init__(self, prepared: PreparedFile, submit: Callable[..., Future[Any]]) -> None:
        self.prepared = prepared
        # in article order: (the future of a run of whole articles, None) or (None, an article
        # with the futures of its parts)
        self.slots: list[tuple[Future[Any] | None, tuple[ArticleDraft, str, list[Future[Any]]] | None]] = []
        run: list[tuple[ArticleDraft, str]] = []
        chars = 0
        for draft, digest in prepared.todo:
            parts = split_document(draft.text, draft.published, article_where(draft))
            if parts is None:
                run.append((draft, digest))
                chars += len(draft.text)
                if chars < GROUP_CHARS and len(run) < GROUP_FILES:
                    continue
            if run:
                self.slots.append((submit(_drafts_in_worker, run), None))
                run, chars = [], 0
            if parts is not None:
                self.slots.append((None, (draft, digest, [submit(_part_in_worker, part) for part in parts])))
        if run:
            self.slots.append((submit(_drafts_in_worker, run), None))
        prepared.todo = []

    @property
    def futures(self) -> list[Future[Any]]:
        return [f for run, article in self.slots for f in ([run] if run else article[2] if article else [])]

    def done(self) -> bool:
        return all(future.done() for future in self.futures)

    def result(self) -> list[PreparedFile]:
        prepared = self.prepared
        for run, article in self.slots:
            if run is not None:
                rows = run.result()
                found = rows if isinstance(rows, str) else None
                if found is None:
                    prepared.items.extend(rows)
            else:
                assert article is not None
                draft, digest, futures = article
                parts = [future.result() for future in futures]
                found = next((part for part in parts if isinstance(part, str)), None)
                if found is None:
                    prepared.items.append(joined_rows(article_head(draft, digest), parts))
            if found is not None:
                prepared.items.clear()
                prepared.failure = found
                break
        return [prepared]


class _Pool:
    """The worker processes and the files in flight, in file order."""

    def __init__(self, extract: Extract, workers: int, split: bool) -> None:
        self.extract, self.workers, self.split = extract, workers, split
        self.executor: ProcessPoolExecutor | None = None
        # (files ready, or the future or assembly of their extraction; how many; their characters)
        self.pending: deque[tuple[list[PreparedFile] | Future[list[PreparedFile]] | _Assembly, int, int]] = (
            deque()
        )
        self.group: list[PreparedFile] = []
        self.group_chars = 0
        self.files = self.chars = 0  # in flight: pending and the group

    def add(self, prepared: PreparedFile) -> None:
        """Queue a read file: to extract (in a group, or in several tasks when it is large), or
        ready as it is (failed, or nothing new)."""
        if prepared.failure is not None or not prepared.todo:
            self._submit_group()  # the group before it goes first: files stay in order
            self.pending.append(([prepared], 1, 0))
            self.files += 1
            return
        size = sum(len(draft.text) for draft, _ in prepared.todo)
        self.files += 1
        self.chars += size
        if self.split and size > chunking.PART_CHARS:
            self._submit_group()
            self.pending.append((_Assembly(prepared, self._submit), 1, size))
            return
        self.group.append(prepared)
        self.group_chars += size
        if len(self.group) >= GROUP_FILES or self.group_chars >= GROUP_CHARS:
            self._submit_group()

    def _submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        if self.executor is None:  # started by the first file with new text
            self.executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self.extract,),
            )
        return self.executor.submit(function, *args)

    def _submit_group(self) -> None:
        if self.group:
            future = self._submit(_extract_in_worker, self.group, self.split)
            self.pending.append((future, len(self.group), self.group_chars))
            self.group, self.group_chars = [], 0

    def ready(self, *, final: bool = False) -> Iterator[PreparedFile]:
        """The files at the head that are done, waiting for them while too many are in flight (or,
        when ``final``, for everything)."""
        if final:
            self._submit_group()
        while self.pending:
            head, count, chars = self.pending[0]
            if not (
                final
                or isinstance(head, list)
                or head.done()
                or self.files > AHEAD_PER_WORKER * self.workers
                or self.chars > AHEAD_CHARS
            ):
                return
            self.pending.popleft()
            self.files -= count
            self.chars -= chars
            yield from head if isinstance(head, list) else head.result()

    def close(self) -> None:
        if self.executor is not None:
            for item, _, _ in self.pending:
                for future in item.futures if isinstance(item, _Assembly) else [item]:
                    if isinstance(future, Future):
                        future.cancel()
            self.executor.shutdown(wait=True, cancel_futures=True)


def _large(path: Path) -> bool:
    """A file that may hold a text to extract in parts, or many articles: worth the pool alone."""
    try:
        return os.path.getsize(path) > chunking.SPLIT_ABOVE
    except OSError:
        return False


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

    ``parallel_ok`` says the extractor is the package's own: it can run in other processes and
    extract a very large article in parts. With workers, this process reads and triages every file
    against a snapshot of the stored hashes (``all_known``), and only files with new articles go to
    the pool, which starts when the first such file comes: a re-import of known texts never starts
    it. The pool uses the "spawn" start method, safe beside the window's threads. Up to
    :data:`AHEAD_PER_WORKER` files per worker (and :data:`AHEAD_CHARS` characters) are in flight,
    so the workers keep extracting while the caller stores, and memory stays bounded.
    """
    split = parallel_ok
    if (
        workers <= 1
        or not parallel_ok
        or (len(files) < MIN_FILES_FOR_WORKERS and not any(_large(path) for path in files))
    ):
        for path in files:
            yield prepare_path(path, known, extract, split=split)
        return
    snapshot = frozenset(all_known())

    def known_here(hashes: list[str]) -> set[str]:
        return {h for h in hashes if h in snapshot}

    pool = _Pool(extract, workers, split)
    try:
        for path in files:
            pool.add(read_path(path, known_here))
            yield from pool.ready()
        yield from pool.ready(final=True)
    finally:
        pool.close()
