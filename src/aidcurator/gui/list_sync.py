"""The two lists follow the controller: a click or key in a list asks, the controller decides.

:class:`ListSync` is a part of the main window. The controller holds the one selection state
(article, record, amount); the lists only request a change, and afterwards always show what the
controller chose, with the selection models' signals flowing so that the views repaint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QObject, QTimer

if TYPE_CHECKING:
    from aidcurator.gui.controller import WindowController
    from aidcurator.gui.models import ArticleListModel, RecordListModel
    from aidcurator.gui.panes import ArticleListPane, RecordsPane


class ListSync:
    """Row changes in the article and record lists, and putting the lists right (a window mixin)."""

    controller: WindowController
    articles: ArticleListModel
    records: RecordListModel
    list_pane: ArticleListPane
    records_pane: RecordsPane

    def _on_article_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.list_pane.syncing:
            return
        row = self.articles.article_at(current.row()) if current.isValid() else None
        if row is not None and row.id != self.controller.article_id:
            self.controller.open_article(row.id)
        self._resync(row is not None and row.id == self.controller.article_id)

    def _on_record_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.records_pane.syncing:
            return
        record = self.records.record_at(current.row()) if current.isValid() else None
        self.controller.choose_record(record.id if record is not None else None)
        self._resync(record is not None and record.id == self.controller.record_id)

    def _resync(self, followed: bool) -> None:
        """After a click or key in a list: show the controller's choice (it may refuse to move).

        When it refused, the view is still inside its own mouse or key handling, which selects
        the row it was asked for after telling us: put the selection right again once it is done.
        """
        self.show_selection()
        if not followed:
            assert isinstance(self, QObject)
            QTimer.singleShot(0, self, self.show_selection)

    def show_selection(self) -> None:
        """Make both lists show exactly the controller's article and record as selected."""
        self.list_pane.select_article(self.controller.article_id)
        self.records_pane.select_record(self.controller.record_id)
