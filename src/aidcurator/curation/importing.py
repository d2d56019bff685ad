"""Importing files and already-read articles: each file stored completely or not at all."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aidcurator.curation.base import Cancel, CuratorBase, Progress, content_hash
from aidcurator.domain import ArticleDraft, Extraction
from aidcurator.store import NotFoundError, StoreError, read_session, write_session
from aidcurator.store import repository as repo
from aidcurator.store.bulk import ExtractedArticle, store_extracted


@dataclass(slots=True)
class ImportReport:
    """What an import did. ``failures`` holds ``(file, reason)`` pairs."""

    files: int = 0
    imported: int = 0
    skipped: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    cancelled: bool = False

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
        self.cancelled = self.cancelled or other.cancelled

    def summary(self) -> str:
        text = (
            f"Imported {self.imported} article{'s' if self.imported != 1 else ''} "
            f"({self.skipped} skipped as duplicates) from {self.files} file{'s' if self.files != 1 else ''}; "
            f"{self.failed} failed"
        )
        return text + (" (cancelled)" if self.cancelled else "")


@dataclass(slots=True)
class _PreparedFile:
    items: list[tuple[ArticleDraft, str, Extraction]]
    skipped: int
    hashes: set[str]


class _FileFailure(Exception):
    pass


class ImportingMixin(CuratorBase):
    """Import use cases."""

    def import_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        progress: Progress | None = None,
        cancel: Cancel | None = None,
    ) -> ImportReport:
        """Import files and folders; each file is stored completely or not at all."""
        from aidcurator.ingest import IngestError, iter_input_files, read_file

        report = ImportReport()
        files: list[Path] = []
        for given in paths:
            try:
                files.extend(iter_input_files([given]))
            except IngestError as exc:
                report.failures.append((exc.path, exc.reason))
        report.files = len(files) + len(report.failures)
        seen: set[str] = set()
        for index, path in enumerate(files):
            if cancel is not None and cancel():
                report.cancelled = True
                break
            if progress is not None:
                progress(index, len(files), str(path))
            try:
                drafts = read_file(path)
            except IngestError as exc:
                report.failures.append((exc.path, exc.reason))
                continue
            except OSError as exc:
                report.failures.append((str(path), exc.strerror or str(exc)))
                continue
            self._import_unit(str(path), drafts, seen, report)
        if progress is not None and not report.cancelled:
            progress(len(files), len(files), "")
        return report

    def import_drafts(self, drafts: Sequence[ArticleDraft], *, name: str = "<input>") -> ImportReport:
        """Import already-read articles as one all-or-nothing unit called ``name``."""
        report = ImportReport(files=1)
        self._import_unit(name, list(drafts), set(), report)
        return report

    def _import_unit(
        self, name: str, drafts: list[ArticleDraft], seen: set[str], report: ImportReport
    ) -> None:
        try:
            prepared = self._prepare(drafts, seen)
            ids = self._store(prepared)
        except _FileFailure as exc:
            report.failures.append((name, str(exc)))
            return
        except (StoreError, NotFoundError) as exc:
            report.failures.append((name, f"could not be stored: {exc}"))
            return
        except Exception as exc:  # any other problem must not stop the other files
            report.failures.append((name, f"{type(exc).__name__}: {exc}"))
            return
        seen.update(prepared.hashes)
        report.imported += len(ids)
        report.skipped += prepared.skipped
        report.article_ids.extend(ids)

    def _prepare(self, drafts: list[ArticleDraft], seen: set[str]) -> _PreparedFile:
        if not drafts:
            raise _FileFailure("no articles found")
        keyed = []
        for number, draft in enumerate(drafts, start=1):
            if not draft.text or not draft.text.strip():
                where = draft.origin_position or f"article {number}"
                raise _FileFailure(f"{where} has no text")
            keyed.append((draft, content_hash(draft.text)))
        with read_session(self.engine) as session:
            stored = repo.existing_hashes(session, hashes=[h for _, h in keyed])
        prepared = _PreparedFile(items=[], skipped=0, hashes=set())
        for draft, digest in keyed:
            if digest in stored or digest in seen or digest in prepared.hashes:
                prepared.skipped += 1
                continue
            prepared.hashes.add(digest)
            try:
                extraction = self._run_extractor(draft.text, draft.published)
            except Exception as exc:
                where = draft.origin_position or draft.title or "an article"
                raise _FileFailure(f"extraction failed for {where}: {type(exc).__name__}: {exc}") from exc
            prepared.items.append((draft, digest, extraction))
        return prepared

    def _store(self, prepared: _PreparedFile) -> list[int]:
        ids: list[int] = []
        if not prepared.items:
            return ids
        items = [ExtractedArticle(draft, digest, extraction) for draft, digest, extraction in prepared.items]
        with write_session(self.engine) as session:
            stored = store_extracted(session, items)
        for item, article_id in zip(items, stored, strict=True):
            if article_id is None:  # imported by someone else meanwhile
                prepared.skipped += 1
                prepared.hashes.discard(item.content_hash)
            else:
                ids.append(article_id)
        return ids
