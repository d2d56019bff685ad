"""The window's layout across sessions and its file drops (a mixin of the main window): geometry,
dock state and splitter sizes restored at start and saved on close, sensible first-start splitter
sizes, and files dropped on the window imported."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
    from PySide6.QtWidgets import QSplitter

    from aidcurator.gui.settings import Preferences

__all__ = ["WindowLayout"]


class WindowLayout:
    """Layout restore/save and drag-and-drop import (mixed into :class:`MainWindow`, before
    ``QMainWindow``)."""

    prefs: Preferences
    remember: bool
    main_splitter: QSplitter
    right_splitter: QSplitter
    _layout_restored: bool
    import_paths: Callable[[Sequence[str]], None]
    restoreGeometry: Callable[[QByteArray], bool]
    restoreState: Callable[[QByteArray], bool]
    saveGeometry: Callable[[], QByteArray]
    saveState: Callable[[], QByteArray]

    def _restore_layout(self) -> None:
        geometry, state = self.prefs.geometry(), self.prefs.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)
        for name, splitter in (("main", self.main_splitter), ("right", self.right_splitter)):
            saved = self.prefs.splitter(name)
            if saved is not None:
                self._layout_restored = splitter.restoreState(saved) or self._layout_restored

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # type: ignore[misc]
        if not self._layout_restored:
            self._layout_restored = True
            QTimer.singleShot(0, self._default_splitter_sizes)  # once the layout has its real width

    def _default_splitter_sizes(self) -> None:
        """First start: list 36 %, article 30 %, form 34 % of the width."""
        width = self.main_splitter.width()
        self.main_splitter.setSizes([int(width * 0.36), int(width * 0.30), int(width * 0.34)])

    def save_layout(self) -> None:
        """Keep geometry, dock state and splitter sizes for the next start (unless told to forget)."""
        if not self.remember:
            return
        self.prefs.set_geometry(self.saveGeometry())
        self.prefs.set_window_state(self.saveState())
        self.prefs.set_splitter("main", self.main_splitter.saveState())
        self.prefs.set_splitter("right", self.right_splitter.saveState())
        self.prefs.sync()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)
        else:
            event.ignore()
