"""A read-only table model of plain snapshots and its table view (the Projects panel's lists)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView

Index = QModelIndex | QPersistentModelIndex
ObjectRole = int(Qt.ItemDataRole.UserRole) + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def text_of(value: Any) -> str:
    """A cell's text: empty for None, ISO for dates."""
    if value is None:
        return ""
    iso = getattr(value, "isoformat", None)
    return iso() if callable(iso) else str(value)


class RowsModel(QAbstractTableModel):
    """A read-only table of plain snapshots: ``columns`` are (header, function of the row)."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[Any], Any]]], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ObjectRole:
            return row
        if role in (_DISPLAY, int(Qt.ItemDataRole.ToolTipRole)):
            return text_of(self.columns[index.column()][1](row))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section][0]
        return None


_MAX_COLUMN = 200  # pixels: a long title or reason is cut (its tooltip shows it whole)


def fit_columns(table: QTableView) -> None:
    """Columns as wide as their contents, none wider than :data:`_MAX_COLUMN`."""
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for column in range(header.count() - 1):
        header.resizeSection(column, min(header.sectionSize(column), _MAX_COLUMN))


def rows_table(model: RowsModel, name: str, multi: bool = False) -> QTableView:
    """A read-only table view of ``model``: whole rows selected, columns fitted to the contents."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    mode = QAbstractItemView.SelectionMode
    table.setSelectionMode(mode.ExtendedSelection if multi else mode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    table.setWordWrap(False)  # one line a row; the tooltip has the whole text
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    model.modelReset.connect(lambda: fit_columns(table))
    return table
