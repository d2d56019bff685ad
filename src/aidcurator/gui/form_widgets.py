"""Small widgets the record form and the amount editor share: the provenance badge and notes editor."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QToolButton, QWidget

ERROR_STYLE = "color: #b00020;"
EXTRACTED_STYLE = "color: #0b6e69;"
CHANGED_STYLE = "color: #a05a00; font-weight: bold;"
TYPED_STYLE = "color: #5f6b7a;"


class EscapeCancels(QObject):
    """Esc in a watched editor calls ``cancel``; the key is used up when ``cancel`` returns True.

    An editor's Escape restores the value that is saved (and clears its error), so that nothing
    typed is saved on the next move.
    """

    def __init__(self, cancel: Callable[[], bool], parent: QObject) -> None:
        super().__init__(parent)
        self._cancel = cancel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                return self._cancel()
        return False


def cancel_on_escape(editor: QObject, cancel: Callable[[], bool]) -> EscapeCancels:
    """Make Esc in ``editor`` call ``cancel`` (see :class:`EscapeCancels`)."""
    watcher = EscapeCancels(cancel, editor)
    editor.installEventFilter(watcher)
    return watcher


class NotesEdit(QPlainTextEdit):
    """A multi-line editor that, like QLineEdit, reports when editing finished (focus left)."""

    editingFinished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class Badge(QToolButton):
    """Shows whether a field holds the extracted value, a changed one, or one typed by hand."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.state = ""
        self.set_state("", "")

    def set_state(self, state: str, tooltip: str) -> None:
        self.state = state
        labels = {"extracted": "extracted", "changed": "changed ↺", "typed": "typed", "": ""}
        styles = {"extracted": EXTRACTED_STYLE, "changed": CHANGED_STYLE, "typed": TYPED_STYLE, "": ""}
        self.setText(labels[state])
        self.setStyleSheet(f"QToolButton {{ {styles[state]} padding: 0 2px; }}")
        self.setToolTip(tooltip)
        self.setEnabled(state == "changed")
