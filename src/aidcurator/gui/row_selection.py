"""Selecting one row of a table view so that the view repaints it (its signals are never blocked)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QTableView

ROW_FLAGS = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


def select_row(table: QTableView, row: int) -> None:
    """Make ``row`` the table's current and only selected row (-1: none), and show it.

    The selection model's signals are not blocked: the view repaints the rows that changed only
    when it hears of them. Listeners that must not react check the pane's ``syncing`` flag.
    """
    selection = table.selectionModel()
    if row < 0:
        if selection.hasSelection() or selection.currentIndex().isValid():
            selection.clear()
        return
    index = table.model().index(row, 0)
    if selection.currentIndex() != index or [i.row() for i in selection.selectedRows()] != [row]:
        selection.setCurrentIndex(index, ROW_FLAGS)
    table.scrollTo(index)
