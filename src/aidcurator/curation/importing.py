"""Importing files and already-read articles: each file stored completely or not at all."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aidcurator.curation.base import Cancel, CuratorBase, Progress
from aidcurator.curation.extraction_pool import default_workers, prepared_files
from aidcurator.curation.preparing import FileFailure, PreparedFile, prepare_drafts
from aidcurator.domain import ArticleDraft
from aidcurator.store import NotFoundError, Session, StoreError, read_session, write_session
from aidcurator.store import repository as repo
from aidcurator.store.bulk import store_rows
from aidcurator.store.bulk_rows import ArticleRows


@dataclass(slots=True)
class ImportReport:
    """What an import did. ``failures`` holds ``(file, reason)`` pairs."""

    files: int = 0
    imported: int = 0
    skipped: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    cancelled: bool = False
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (file, what was repaired)

    @property
    def failed(self) -> int:
        return len(self.failures)

    @property
    def ok(self) -> bool:
        return not self.failures

    def merge(self, other: ImportReport) -> None:
        """Add another report's counts (e.g. stdin after files)."""
        self.files += other.files
        self.imported += other.imported
        self.skipped += other.skipped
        self.failures.extend(other.failures)
        self.article_ids.extend(other.article_ids)
        self.warnings.extend(other.warnings)
        self.cancelled = self.cancelled or other.cancelled

    def summary(self) -> str:
        text = (
            f"Imported {self.imported} article{'s' if self.imported != 1 else ''} "
            f"({self.skipped} skipped as duplicates) from {self.files} file{'s' if self.files != 1 else ''}; "
            f"{self.failed} failed"
        )
        return text + (" (cancelled)" if self.cancelled else "")


#: Files stored per transaction (each in a savepoint of its own, so each stays all-or-nothing).
BATCH_FILES = 50
#: ... or fewer, when this many seconds passed since the last commit (the window shows progress).
BATCH_SECONDS = 1.0


class ImportingMixin(CuratorBase):
    """Import use cases."""

    def import_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
        workers: int | None = None,
    ) -> ImportReport:
        """Import files and folders; each file is stored completely or not at all.

        Files are read and extracted in ``workers`` processes (default: all cores) when there are
        enough of them and the extractor is the standard one; this process stores them.
        """
        from aidcurator.ingest import IngestError, iter_input_files

        report = ImportReport()
        files: list[Path] = []
        for given in paths:
            try:
                files.extend(iter_input_files([given]))
            except IngestError as exc:
                report.failures.append((exc.path, exc.reason))
        report.files = len(files) + len(report.failures)
        seen: set[str] = set()
        batch: list[PreparedFile] = []
        flushed = time.monotonic()
        units = prepared_files(
            files,
            extract=self.extractor,
            known=self._stored_hashes,
            all_known=self._all_stored_hashes,
            workers=default_workers() if workers is None else workers,
            parallel_ok=self.standard_extractor,  # the package's extractor can run in other processes
        )
        for index, prepared in enumerate(units):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            if progress is not None:
                progress(index, len(files), prepared.name)
            if prepared.failure is not None:
                report.failures.append((prepared.name, prepared.failure))
                continue
            batch.append(prepared)
            if len(batch) >= BATCH_FILES or time.monotonic() - flushed > BATCH_SECONDS:
                self._store_batch(batch, seen, report)
                batch, flushed = [], time.monotonic()
        self._store_batch(batch, seen, report)
        if progress is not None and not report.cancelled:
            progress(len(files), len(files), "")
        return report

    def import_drafts(self, drafts: Sequence[ArticleDraft], *, name: str = "<input>") -> ImportReport:
        """Import already-read articles as one all-or-nothing unit called ``name``."""
        report = ImportReport(files=1)
        try:
            prepared = prepare_drafts(
                name, list(drafts), self._stored_hashes, self.extractor, split=self.standard_extractor
            )
        except FileFailure as exc:
            report.failures.append((name, str(exc)))
            return report
        self._store_batch([prepared], set(), report)
        return report

    def _stored_hashes(self, hashes: list[str]) -> set[str]:
        with read_session(self.engine) as session:
            return repo.existing_hashes(session, hashes=hashes)

    def _all_stored_hashes(self) -> list[str]:
        with read_session(self.engine) as session:
            return repo.all_content_hashes(session)

    def _store_batch(self, batch: list[PreparedFile], seen: set[str], report: ImportReport) -> None:
        """Store prepared files in one transaction: all in a few statements, or, when that fails,
        each file in a savepoint of its own (so each file stays all-or-nothing)."""
        if not batch:
            return
        if not any(prepared.items for prepared in batch):  # everything known already: nothing to write
            self._count([(prepared, [], prepared.skipped) for prepared in batch], seen, report)
            return
        plans = [_plan(prepared, seen) for prepared in batch]
        try:
            with write_session(self.engine) as session:
                done = self._store_together(session, plans)
        except Exception:  # a file spoils the batch: store them one by one, each in a savepoint
            done = self._store_each(plans, report)
        else:
            report.failures.extend((plan.prepared.name, plan.failure) for plan in plans if plan.failure)
        self._count(done, seen, report)

    @staticmethod
    def _store_together(session: Session, plans: list[_Plan]) -> list[tuple[PreparedFile, list[int], int]]:
        """Every file of the batch in one go; a file refused before storing is left out."""
        stored = iter(
            store_rows(session, [item for plan in plans if not plan.failure for item in plan.items])
        )
        return [_outcome(plan, [next(stored) for _ in plan.items]) for plan in plans if not plan.failure]

    def _store_each(
        self, plans: list[_Plan], report: ImportReport
    ) -> list[tuple[PreparedFile, list[int], int]]:
        done: list[tuple[PreparedFile, list[int], int]] = []
        try:
            with write_session(self.engine) as session:
                for plan in plans:
                    outcome = plan.failure or self._store_file(session, plan)
                    if isinstance(outcome, str):
                        report.failures.append((plan.prepared.name, outcome))
                    else:
                        done.append(outcome)
        except (StoreError, NotFoundError) as exc:
            report.failures.extend((prepared.name, f"could not be stored: {exc}") for prepared, _, _ in done)
            return []
        except Exception as exc:  # the commit failed: none of the batch was stored
            report.failures.extend((prepared.name, f"{type(exc).__name__}: {exc}") for prepared, _, _ in done)
            return []
        return done

    @staticmethod
    def _count(done: list[tuple[PreparedFile, list[int], int]], seen: set[str], report: ImportReport) -> None:
        for prepared, ids, skipped in done:
            seen.update(prepared.hashes)
            report.imported += len(ids)
            report.skipped += skipped
            report.article_ids.extend(ids)
            report.warnings.extend((prepared.name, warning) for warning in prepared.warnings)

    @staticmethod
    def _store_file(session: Session, plan: _Plan) -> tuple[PreparedFile, list[int], int] | str:
        """Store one file in a savepoint: its outcome, or why it failed (nothing of it kept)."""
        try:
            with session.begin_nested():
                stored = store_rows(session, plan.items)
        except (StoreError, NotFoundError) as exc:
            return f"could not be stored: {exc}"
        except Exception as exc:  # any other problem must not stop the other files
            return f"{type(exc).__name__}: {exc}"
        return _outcome(plan, stored)


@dataclass(slots=True)
class _Plan:
    """What of one prepared file to store: articles not seen earlier in the import (or batch)."""

    prepared: PreparedFile
    items: list[ArticleRows]
    skipped: int
    failure: str | None = None


def _plan(prepared: PreparedFile, seen: set[str]) -> _Plan:
    """Leave out articles an earlier file of this import holds; the first refused article refuses the file."""
    plan = _Plan(prepared, [], prepared.skipped)
    for item in prepared.items:
        if item.content_hash in seen:
            plan.skipped += 1
            prepared.hashes.discard(item.content_hash)
        else:
            plan.items.append(item)
    plan.failure = next((item.error for item in plan.items if item.error is not None), None)
    return plan


def _outcome(plan: _Plan, stored: list[int | None]) -> tuple[PreparedFile, list[int], int]:
    ids, skipped = [], plan.skipped
    for item, article_id in zip(plan.items, stored, strict=True):
        if article_id is None:  # imported by someone else meanwhile, or by an earlier file of the batch
            skipped += 1
            plan.prepared.hashes.discard(item.content_hash)
        else:
            ids.append(article_id)
    return plan.prepared, ids, skipped
