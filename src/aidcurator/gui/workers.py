"""Long work (import, re-extraction, export) in a worker thread, wired the same way every time.

A :class:`Job` runs a plain function ``work(curator, progress, cancelled)`` in a ``QThread``. The
function gets the window's own :class:`~aidcurator.curation.Curator` (its extractor, amount parser
and actor; each of its calls opens its own session, so it is safe to use from the worker thread), reports progress through a callback, checks ``cancelled()`` between files, and returns a
plain value (a report, a row count) that is handed to the GUI thread; no ORM object crosses over.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

if TYPE_CHECKING:
    from aidcurator.curation import Curator

Work = Callable[["Curator", Callable[[int, int, str], None], Callable[[], bool]], Any]


class _Worker(QObject):
    """Lives in the worker thread; emits plain values only."""

    # done, total, name of the current item
    progress = Signal(int, int, str)
    # the work function's return value
    finished = Signal(object)
    # a message for the curator, technical details
    failed = Signal(str, str)

    def __init__(self, curator: Curator, work: Work, cancel_event: threading.Event) -> None:
        super().__init__()
        self._curator = curator
        self._work = work
        self._cancel = cancel_event

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self._curator, self._emit_progress, self._cancel.is_set)
        except Exception as exc:
            self.failed.emit(
                f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc), traceback.format_exc()
            )
        else:
            self.finished.emit(result)

    def _emit_progress(self, done: int, total: int, name: str) -> None:
        self.progress.emit(done, total, name)


class Job(QObject):
    """One background task; its signals arrive in the GUI thread."""

    # done, total, current item
    progress = Signal(int, int, str)
    # the result (plain data)
    succeeded = Signal(object)
    # message, details
    failed = Signal(str, str)
    # emitted last, whatever happened
    ended = Signal()

    def __init__(self, title: str, curator: Curator, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self._cancel = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName(f"job: {title}")
        self._worker = _Worker(curator, work, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._on_worker_progress)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self._on_worker_failed)
        self._thread.finished.connect(self._on_thread_finished)
        self.running = False

    def start(self) -> None:
        self.running = True
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, ms: int = 30_000) -> bool:
        return self._thread.wait(ms)

    @Slot(int, int, str)
    def _on_worker_progress(self, done: int, total: int, name: str) -> None:
        self.progress.emit(done, total, name)

    @Slot(object)
    def _on_worker_finished(self, result: object) -> None:
        self._thread.quit()
        self.succeeded.emit(result)

    @Slot(str, str)
    def _on_worker_failed(self, message: str, details: str) -> None:
        self._thread.quit()
        self.failed.emit(message, details)

    @Slot()
    def _on_thread_finished(self) -> None:
        self.running = False
        self._worker.deleteLater()
        self.ended.emit()
