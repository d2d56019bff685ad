"""Keeps the window's shortcuts working while a text field has the focus."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit


class ShortcutGuard(QObject):
    """Keeps the window's shortcuts working while a text field has the focus.

    Line edits claim keys such as Ctrl+Delete and Ctrl+Z for themselves; for the window's own
    shortcuts we decline that claim, except undo/redo while the field has typing of its own to undo.
    """

    def __init__(
        self, sequences: Callable[[], Sequence[QKeySequence]], undo: Sequence[QKeySequence], parent: QObject
    ) -> None:
        super().__init__(parent)
        self._sequences = sequences
        self._undo = list(undo)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride:
            return False
        assert isinstance(event, QKeyEvent)
        pressed = QKeySequence(event.keyCombination())
        exact = QKeySequence.SequenceMatch.ExactMatch
        if any(pressed.matches(s) == exact for s in self._undo) and self._has_local_undo(watched):
            return False
        if any(pressed.matches(s) == exact for s in self._sequences()):
            event.ignore()
            return True
        return False

    @staticmethod
    def _has_local_undo(widget: QObject) -> bool:
        if isinstance(widget, QLineEdit):
            return widget.isModified() and (widget.isUndoAvailable() or widget.isRedoAvailable())
        if isinstance(widget, QPlainTextEdit):
            document = widget.document()
            return document.isModified() and (document.isUndoAvailable() or document.isRedoAvailable())
        return False
