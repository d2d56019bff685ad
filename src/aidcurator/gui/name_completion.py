"""Completion of controlled names in the record form: donors, recipients (gazetteer) and sectors.

Typing in the donor or recipient field offers the gazetteer's places whose Chinese name, English
name, alias or code matches (江苏, Jiangsu, 苏州…), each shown as ``canonical · English · level ·
code``; choosing one puts the canonical name in the field and commits it (curation stores the
name with its code). The sector field is a picker of the OECD DAC codes by code, English or
Chinese name (:mod:`aidcurator.gui.sector_picker`). A stored name the gazetteer does not know is
marked "new" beside its field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit

from aidcurator.curation.names import NameChoice, place_choices, resolve_place
from aidcurator.domain.fields import RECORD_FIELD

if TYPE_CHECKING:
    from aidcurator.domain.views import RecordView

ValueRole = int(Qt.ItemDataRole.UserRole) + 10
NEW_MARK = " · new"
NEW_TIP = "A name the gazetteer does not know: kept as typed, with no code."


class ChoiceCompleter(QCompleter):
    """A popup of choices computed from what is typed; choosing one commits its stored value."""

    def __init__(self, line: QLineEdit, choices: Callable[[str], list[NameChoice]]) -> None:
        super().__init__(line)
        self.line = line
        self.choices = choices
        self.items = QStandardItemModel(self)
        self.setModel(self.items)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCompletionRole(ValueRole)
        self.setMaxVisibleItems(12)
        self.setWidget(line)
        line.textEdited.connect(self.refresh)
        self.activated[QModelIndex].connect(self._chosen)

    def refresh(self, text: str) -> None:
        """Offer the choices for ``text`` (the popup closes when there are none)."""
        items = []
        for choice in self.choices(text):
            item = QStandardItem(choice.label)
            item.setData(choice.value, ValueRole)
            item.setToolTip(choice.label)
            items.append(item)
        self.items.removeRows(0, self.items.rowCount())
        for item in items:
            self.items.appendRow(item)
        if items:
            metrics = self.line.fontMetrics()
            wide = max(metrics.horizontalAdvance(item.text()) for item in items) + 40
            rect = self.line.rect()
            rect.setWidth(max(rect.width(), wide))  # the whole label (name · English · level · code)
            self.complete(rect)
        else:
            self.popup().hide()

    def labels(self) -> list[str]:
        """The choices on offer, as shown."""
        return [self.items.item(row).text() for row in range(self.items.rowCount())]

    def _chosen(self, index: QModelIndex) -> None:
        value = index.data(ValueRole)
        if value is not None:
            self.line.setText(str(value))
            self.line.editingFinished.emit()  # the form commits on editingFinished


class Vocabularies(QObject):
    """The completers of a record form's controlled fields, and their "new" marks."""

    def __init__(self, rows: Mapping[str, Any]) -> None:
        super().__init__()
        self.rows = rows
        self.completers: dict[str, ChoiceCompleter] = {}
        for name, row in rows.items():
            spec = RECORD_FIELD[name]
            if spec.vocabulary == "place" and isinstance(row.editor, QLineEdit):
                role = "donor" if name == "donor" else "recipient"
                self.completers[name] = ChoiceCompleter(row.editor, lambda t, r=role: place_choices(t, r))
                row.editor.setPlaceholderText("name, English name or alias: 江苏, Jiangsu, 苏州…")
        if "sector" in rows:
            from aidcurator.gui.sector_picker import install_sector_picker

            self.completers["sector"] = install_sector_picker(rows["sector"])

    def show(self, record: RecordView | None) -> None:
        """Show ``record``'s sector with its name and mark names the gazetteer does not know."""
        from aidcurator.gui.sector_picker import show_sector

        if record is None:
            return
        if "sector" in self.rows:
            show_sector(self.rows["sector"], record.sector)
        for name in self.completers:
            spec = RECORD_FIELD[name]
            if spec.code_field is None:
                continue
            value = getattr(record, name)
            new = bool(value) and getattr(record, spec.code_field) is None and not _known(value)
            row = self.rows[name]
            row.editor.setProperty("newName", new)
            if new:
                row.badge.setText(row.badge.text() + NEW_MARK)
                row.badge.setToolTip(f"{row.badge.toolTip()}\n{NEW_TIP}".strip())

    def is_marked_new(self, name: str) -> bool:
        return bool(self.rows[name].editor.property("newName"))


def _known(value: str) -> bool:
    choice = resolve_place(value)
    return choice is not None and choice.known
