"""The parties of the record in the form: organisation, type, role and the words of the article.

A small table model over the record's :class:`~aidcurator.domain.parties.PartyView` list, which
the window passes in when it shows a record. Clicking a row asks the window to show the party's
words in the article (``evidence_requested``); the row's context menu changes its role or removes
it (``role_chosen``, ``remove_requested``), which :func:`connect_parties` turns into undoable
commands on the window's undo stack; "Add party…" (``add_requested``) asks with
:mod:`aidcurator.gui.party_dialog` and pushes an ``AddParty``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aidcurator.curation.parties import AddParty, RemoveParty, SetPartyRole
from aidcurator.domain.parties import PartyView
from aidcurator.gui.commands import CurationCommand

if TYPE_CHECKING:
    from aidcurator.gui.controller import WindowController

__all__ = ["PartiesModel", "PartiesPanel", "connect_parties"]

ROLE_LABELS = {
    "funding": "Funding",
    "implementing": "Implementing",
    "cofinancing": "Co-financing",
    "receiving": "Receiving",
}
TYPE_LABELS = {
    "government": "government",
    "government_agency": "government agency",
    "state_owned_enterprise": "state-owned enterprise",
    "bank": "bank",
    "ngo": "NGO",
    "multilateral": "multilateral",
    "company": "company",
    "other": "other",
}
PARTY_ROLE = Qt.ItemDataRole.UserRole + 1  # the PartyView of a row

_Index = QModelIndex | QPersistentModelIndex


class PartiesModel(QAbstractTableModel):
    """Rows of parties: role, organisation, type, quote (with its origin as a tooltip)."""

    COLUMNS = ("Role", "Organisation", "Type", "In the article")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parties: list[PartyView] = []

    def set_parties(self, parties: Sequence[PartyView]) -> None:
        self.beginResetModel()
        self._parties = list(parties)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._parties)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._parties):
            return None
        party = self._parties[index.row()]
        if role == PARTY_ROLE:
            return party
        if role == Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return ROLE_LABELS.get(party.role, party.role)
            if column == 1:
                return (
                    party.name
                    if not party.name_zh or party.name_zh == party.name
                    else f"{party.name} · {party.name_zh}"
                )
            if column == 2:
                return TYPE_LABELS.get(party.organisation_type, party.organisation_type)
            return party.quote or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            origin = "typed by a person" if party.origin == "manual" else "extracted"
            where = f" at {party.start}–{party.end}" if party.start is not None else ""
            return f"{party.name} ({origin}{where})"
        return None


class PartiesPanel(QWidget):
    """The record's parties with their roles; a context menu per party and an "Add party…" button."""

    # start, end of the party's words in the article
    evidence_requested = Signal(int, int)
    # the party (PartyView), the role chosen for it
    role_chosen = Signal(object, str)
    # the party (PartyView) to remove from the record
    remove_requested = Signal(object)
    # no arguments: the curator asked to add a party to the record
    add_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("partiesPanel")
        self.title = QLabel("Parties")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.empty = QLabel("No organisation named for this record.")
        self.empty.setEnabled(False)
        self.model = PartiesModel(self)
        self.table = QTableView()
        self.table.setObjectName("partiesTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 110)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # the table is as tall as its rows (show_parties) and as wide as the form: no scroll bars
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.clicked.connect(self._on_table_clicked)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_table_context_menu)
        self.add_button = QPushButton("Add party…")
        self.add_button.setObjectName("addParty")
        self.add_button.setToolTip(
            "Add an organisation with its role; words selected in the article can be its evidence"
        )
        self.add_button.clicked.connect(self.add_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.add_button)
        layout.addLayout(header)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)
        self.show_parties(())

    def show_parties(self, parties: Sequence[PartyView]) -> None:
        """Show a record's parties (an empty list: the "none" line)."""
        self.model.set_parties(parties)
        self.title.setText(f"Parties ({len(parties)})" if parties else "Parties")
        self.empty.setVisible(not parties)
        self.table.setVisible(bool(parties))
        rows = max(1, len(parties))
        height = (
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
        )
        self.table.setFixedHeight(height + 2 * self.table.frameWidth())

    def _on_table_clicked(self, index: QModelIndex) -> None:
        party = self.model.data(index, PARTY_ROLE)
        if party is not None and party.start is not None and party.end is not None:
            self.evidence_requested.emit(party.start, party.end)

    def party_menu(self, party: PartyView) -> QMenu:
        """The context menu of one party: its role, and removing it from the record."""
        menu = QMenu(self)
        for role, label in ROLE_LABELS.items():
            action = menu.addAction(f"{label} party")
            action.setCheckable(True)
            action.setChecked(party.role == role)
            action.triggered.connect(lambda _checked=False, r=role: self.role_chosen.emit(party, r))
        menu.addSeparator()
        remove = menu.addAction("Remove from record")
        remove.triggered.connect(lambda _checked=False: self.remove_requested.emit(party))
        return menu

    def _on_table_context_menu(self, position: QPoint) -> None:
        party = self.model.data(self.table.indexAt(position), PARTY_ROLE)
        if party is not None:
            self.party_menu(party).exec(self.table.viewport().mapToGlobal(position))


def connect_parties(panel: PartiesPanel, controller: WindowController) -> None:
    """Additions, role changes and removals from the panel become undoable commands of the window."""
    from aidcurator.gui import party_dialog  # (the dialog reuses this module's labels)

    def push(make: Any) -> None:
        record = controller.record
        if record is not None and record.id:
            controller.push(CurationCommand(controller, make(record)))

    panel.role_chosen.connect(lambda party, role: push(lambda record: SetPartyRole(record, party, role)))
    panel.remove_requested.connect(lambda party: push(lambda record: RemoveParty(record, party)))

    def add() -> None:
        record = controller.record
        if record is None or not record.id:
            controller.view.show_status_message("Select a saved record to add a party to it", 5000)
            return
        article = controller.article
        selection = party_dialog.selection_of(controller.view, article.text if article else None)
        request = party_dialog.ask_party(panel.window(), controller.curator.organisation_choices, selection)
        if request is not None:
            push(
                lambda record: AddParty(
                    record,
                    request.name,
                    request.role,
                    request.organisation_type,
                    request.span,
                    request.name_zh,
                )
            )

    panel.add_requested.connect(add)
