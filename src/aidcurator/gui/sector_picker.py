"""The sector field: OECD DAC purpose codes shown with their names, chosen by code or by name.

The field shows ``332 · Tourism · 旅游`` for a stored ``332``; typing ``332``, ``tour`` or ``旅游``
offers the matching codes (Down or an empty field shows the whole list). What is committed is
resolved by curation to the bare code; text that is no code is kept as typed.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit

from aidcurator.curation.names import sector_choices, sector_label
from aidcurator.gui.name_completion import ChoiceCompleter


class _OpenOnDown(QObject):
    """Down (or Alt+Down) in the sector field opens the whole list of codes."""

    def __init__(self, completer: ChoiceCompleter) -> None:
        super().__init__(completer)
        self.completer = completer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and not self.completer.popup().isVisible()
        ):
            line = self.completer.line
            text = line.text()
            self.completer.refresh("" if text == line.property("shownLabel") else text)
            return True
        return False


def install_sector_picker(row: Any) -> ChoiceCompleter:
    """Give a form row's sector editor the code picker; returns its completer."""
    line = row.editor
    assert isinstance(line, QLineEdit)
    completer = ChoiceCompleter(line, sector_choices)
    line.installEventFilter(_OpenOnDown(completer))
    line.setPlaceholderText("OECD DAC code or name: 111, education, 教育… (Down: list)")
    return completer


def show_sector(row: Any, code: str | None) -> None:
    """Show a stored sector code with its names (the shown text counts as unchanged)."""
    label = sector_label(code)
    row.editor.setProperty("shownLabel", label)
    row.set_text(label)
    row.editor.setToolTip(f"OECD DAC sector {label}" if code else "")
