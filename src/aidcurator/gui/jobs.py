"""Background jobs of the window: import, re-extraction and export, one at a time.

After an import the same worker looks for duplicate project proposals among the new articles and
the status bar says how many there are (the Projects panel, when open, lists them).

:class:`JobRunner` starts a :class:`~aidcurator.gui.workers.Job` over the window's own
:class:`~aidcurator.curation.Curator` (its extractor, amount parser and actor), shows progress
through the controller's view and hands the plain result back in the GUI thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aidcurator.gui.workers import Job, Work

if TYPE_CHECKING:
    from aidcurator.curation import Curator, ImportReport, ReExtractReport
    from aidcurator.domain.project_views import Proposal
    from aidcurator.gui.controller import WindowController


@dataclass(frozen=True, slots=True)
class Imported:
    """What the import job hands back: the report, and the duplicate project proposals for the
    new articles (``None``: not looked for, e.g. nothing new or cancelled)."""

    report: ImportReport
    proposals: tuple[Proposal, ...] | None = None
    proposal_error: str | None = None

    def proposal_note(self) -> str:
        """`` · 3 possible duplicates — open Projects (Ctrl+Shift+J)`` for the status bar ('' for none)."""
        if self.proposal_error is not None:
            return f" · duplicate projects not looked for: {self.proposal_error}"
        count = len(self.proposals or ())
        if not count:
            return ""
        return f" · {count} possible duplicate{'s' if count != 1 else ''} — open Projects (Ctrl+Shift+J)"


class JobRunner:
    """Runs the controller's long work in a worker thread, behind a cancellable progress dialog."""

    def __init__(self, controller: WindowController) -> None:
        self.controller = controller
        self.job: Job | None = None

    @property
    def view(self) -> Any:
        return self.controller.view

    def start(self, title: str, work: Work, on_success: Callable[[Any], None]) -> Job | None:
        """Run ``work(curator, progress, cancelled)`` in a worker thread; ``on_success(result)`` after."""
        if self.job is not None:
            self.controller.status(f"Please wait: {self.job.title.lower()} is still running", 6000)
            return None
        self.view.commit_pending()
        job = Job(title, self.controller.curator, work)
        job.progress.connect(self._on_progress)
        job.succeeded.connect(on_success)
        job.failed.connect(self._on_failed)
        job.ended.connect(self._on_ended)
        self.job = job
        self.view.set_busy(title, job.cancel)
        job.start()
        return job

    def _on_progress(self, done: int, total: int, name: str) -> None:
        title = self.job.title if self.job else ""
        self.view.show_progress(
            done, total, f"{title}: {Path(name).name} ({done + 1} of {total})" if name else ""
        )

    def _on_failed(self, message: str, details: str) -> None:
        title = self.job.title if self.job else "Work"
        self.controller.status(f"{title} failed: {message}", 15000)
        self.view.show_error(f"{title} failed", message, details)

    def _on_ended(self) -> None:
        title = self.job.title if self.job else ""
        self.view.set_busy(None, None)
        if self.job is not None:
            self.job.deleteLater()
        self.job = None
        self.view.job_finished(title)

    def cancel_and_wait(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job.wait()

    # -- import

    def import_paths(self, paths: Sequence[str | os.PathLike[str]]) -> Job | None:
        """Import files and folders in the background."""
        chosen = [str(p) for p in paths]
        if not chosen:
            return None

        def work(curator: Curator, progress: Any, cancelled: Any) -> Imported:
            report = curator.import_paths(chosen, progress=progress, cancel=cancelled)
            if not report.article_ids or cancelled():
                return Imported(report)
            try:  # still in the worker thread: the window stays responsive
                return Imported(report, tuple(curator.proposals_for_articles(report.article_ids)))
            except Exception as exc:  # the import stands; only the proposals are missing
                return Imported(report, proposal_error=str(exc) or type(exc).__name__)

        return self.start("Importing", work, self._on_imported)

    def _on_imported(self, result: Imported) -> None:
        controller = self.controller
        report = result.report
        controller.status(report.summary() + result.proposal_note(), 30000)
        if result.proposals:
            show = getattr(self.view, "show_proposals", None)  # (test views may not have it)
            if show is not None:
                show(result.proposals)
        controller.articles.reload()
        self.view.set_languages(controller.curator.article_languages())
        if report.article_ids:
            controller.open_article(report.article_ids[0])
        elif not controller.article_id:
            controller.select_first_article()
        if report.failures:
            self.view.report_failures("Some files were not imported", report.summary(), report.failures)

    # -- re-extraction

    def re_extract(self, article_ids: Sequence[int] | None) -> Job | None:
        ids = list(article_ids) if article_ids is not None else None

        def work(curator: Curator, progress: Any, cancelled: Any) -> ReExtractReport:
            return curator.re_extract(ids, progress=progress, cancel=cancelled)

        return self.start("Re-extracting", work, self._on_re_extracted)

    def _on_re_extracted(self, report: ReExtractReport) -> None:
        controller = self.controller
        # Records may have been replaced underneath the undo history: start it afresh.
        controller.undo_stack.clear()
        controller.status(
            f"Re-extracted {report.articles} articles: {report.records_added} records added, "
            f"{report.records_refreshed} refreshed, {report.records_kept} kept, {report.records_removed} removed"
            + (" (cancelled)" if report.cancelled else ""),
            15000,
        )
        controller.articles.reload()
        if controller.article_id:
            controller.open_article(controller.article_id, record_id=controller.record_id)
        if report.failures:
            self.view.report_failures(
                "Some articles were not re-extracted",
                f"{len(report.failures)} articles failed",
                [(f"article {aid}", reason) for aid, reason in report.failures],
            )

    # -- export

    def export(
        self, fmt: str, path: str | os.PathLike[str], *, accepted_only: bool = True, filtered: bool = False
    ) -> Job | None:
        """Export records (accepted ones, or all) of every article, or of those the list shows."""
        status = "accepted" if accepted_only else "all"
        query = self.controller.articles.query
        ids: list[int] | None = None
        if filtered and (query.search or query.review_state or query.language or query.chart):
            ids = self.controller.curator.article_ids(query)
        target = str(path)

        def work(curator: Curator, progress: Any, _cancelled: Any) -> tuple[int, str]:
            progress(0, 1, target)
            rows = curator.export(target, fmt, status=status, what="records", article_ids=ids)
            return rows, target

        return self.start("Exporting", work, self._on_exported)

    def _on_exported(self, result: tuple[int, str]) -> None:
        rows, target = result
        self.controller.status(f"Exported {rows} records to {target}", 15000)
