"""The two list panes of the window: the article list (search, filters, progress) and the records."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aidcurator.domain import RecordStatus, ReviewState
from aidcurator.gui.models import ArticleListModel, RecordListModel
from aidcurator.gui.row_selection import select_row

if TYPE_CHECKING:
    from collections.abc import Sequence

    from aidcurator.domain.views import ArticleQuery, RecordView

SEARCH_DELAY_MS = 250
REVIEW_FILTERS = (
    (ReviewState.NEW, "New"),
    (ReviewState.IN_PROGRESS, "In progress"),
    (ReviewState.DONE, "Done"),
    (ReviewState.SKIPPED, "Skipped"),
    (ReviewState.FLAGGED, "Second look"),
)
#: Pages the article list loads at most to find the article on screen.
FETCH_PAGES_TO_FIND = 3
#: The text each narrow column of the article list is made wide enough for.
ARTICLE_COLUMN_SAMPLES = {
    ArticleListModel.COL_STATE: "started",
    ArticleListModel.COL_SOURCE: "Xinhua",
    ArticleListModel.COL_DATE: "2025-12-18",
    ArticleListModel.COL_LANGUAGE: "Lang",
    ArticleListModel.COL_RECORDS: "Recs",
}
ROW_FLAGS = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


@contextmanager
def syncing(pane: ArticleListPane | RecordsPane) -> Iterator[None]:
    """Mark the pane's own selection changes (its listeners ignore them) while the block runs."""
    before, pane.syncing = pane.syncing, True
    try:
        yield
    finally:
        pane.syncing = before


def fit_article_columns(table: QTableView) -> None:
    """The title takes the room the narrow columns leave (long titles are elided, the full title
    is the tooltip); the others are as wide as their usual content, and can be dragged wider."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(ArticleListModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
    header.setMinimumSectionSize(24)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    metrics = table.fontMetrics()
    for column, sample in ARTICLE_COLUMN_SAMPLES.items():
        table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 12)


def _table(name: str, model: ArticleListModel | RecordListModel) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(False)
    return table


def _chart_filter_bar(cleared: Any) -> QWidget:
    """The line above the list naming a dashboard bar's filter, with a button that clears it."""
    bar = QWidget()
    bar.setObjectName("chartFilter")
    label = QLabel()
    label.setObjectName("chartFilterLabel")
    label.setMinimumWidth(40)
    clear = QToolButton()
    clear.setObjectName("chartFilterClear")
    clear.setText("Clear")
    clear.setToolTip("Show every article again (the dashboard's bar filter off)")
    clear.clicked.connect(cleared)
    row = QHBoxLayout(bar)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label, 1)
    row.addWidget(clear)
    bar.hide()
    return bar


class ArticleListPane(QWidget):
    """Search box, state and language filters, the paged article list and the progress line."""

    # Return or Down in the search box: run the search and move into the results
    results_requested = Signal()
    # the curator cleared the dashboard bar's filter
    chart_filter_cleared = Signal()

    def __init__(self, articles: ArticleListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.articles = articles
        self.syncing = False  # True while the window sets the selection itself
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search titles and text (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(SEARCH_DELAY_MS)
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.addItem("All states", None)
        for state, label in REVIEW_FILTERS:
            self.state_filter.addItem(label, state.value)
        self.state_filter.setToolTip("Show articles in one review state")
        self.language_filter = QComboBox()
        self.language_filter.setObjectName("languageFilter")
        self.language_filter.setToolTip("Show articles in one language")
        self.table = table = _table("articleTable", articles)
        table.setSortingEnabled(True)
        table.horizontalHeader().setSortIndicator(ArticleListModel.COL_DATE, Qt.SortOrder.DescendingOrder)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        fit_article_columns(table)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")
        self.chart_filter = _chart_filter_bar(self.chart_filter_cleared)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        filters.addWidget(self.state_filter, 1)
        filters.addWidget(self.language_filter, 1)
        layout.addLayout(filters)
        layout.addWidget(self.chart_filter)
        layout.addWidget(table, 1)
        layout.addWidget(self.progress_label)

        self.search.textEdited.connect(lambda _text: self.search_timer.start())
        self.search.returnPressed.connect(self.results_requested)
        self.search.installEventFilter(self)
        articles.progress_changed.connect(self.show_progress)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down in the search box asks for the results, as Return does."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.results_requested.emit()
            return True
        return super().eventFilter(watched, event)

    def enter_results(self) -> None:
        """Focus the article list with its first row current (and opened)."""
        if self.articles.rowCount() > 0:
            select_row(self.table, 0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def query(self) -> ArticleQuery:
        """The list's query with the search text and filters on screen."""
        state = self.state_filter.currentData()
        return replace(
            self.articles.query,
            search=self.search.text().strip(),
            review_state=ReviewState(state) if state else None,
            language=self.language_filter.currentData() or None,
        )

    def show_progress(self, done: int, total: int) -> None:
        query = self.articles.query
        filtered = bool(query.search or query.review_state or query.language or query.chart)
        what = "matching articles" if filtered else "articles"
        self.progress_label.setText(f"{done:,} of {total:,} {what} done")

    def show_chart_filter(self, text: str | None) -> None:
        """Show the dashboard bar the list is filtered by (``None``: hide the line)."""
        label = self.chart_filter.findChild(QLabel)
        if label is not None:
            label.setText(f"Chart: {text}" if text else "")
            label.setToolTip(text or "")
        self.chart_filter.setVisible(bool(text))

    def set_languages(self, languages: Sequence[str]) -> None:
        current = self.language_filter.currentData()
        self.language_filter.clear()
        self.language_filter.addItem("All languages", None)
        for language in languages:
            self.language_filter.addItem(language, language)
        self.language_filter.setCurrentIndex(max(0, self.language_filter.findData(current)))

    def select_article(self, article_id: int, *, fetch: bool = False) -> None:
        """Make the article's row the only selected one (none if it is not listed), quietly.

        ``fetch``: load up to :data:`FETCH_PAGES_TO_FIND` more pages to find it (the next
        article with work is often just past the loaded page).
        """
        row = self.articles.row_of(article_id) if article_id else -1
        pages = 0
        while (
            fetch and row < 0 and article_id and pages < FETCH_PAGES_TO_FIND and self.articles.canFetchMore()
        ):
            self.articles.fetchMore()
            row, pages = self.articles.row_of(article_id), pages + 1
        with syncing(self):
            select_row(self.table, row)


class RecordsPane(QWidget):
    """The records of the article on screen, with a count of those not reviewed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.syncing = False  # True while the window sets the selection itself
        self.records = RecordListModel(self)
        self.table = _table("recordTable", self.records)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # donor → recipient in full; the sector (code first) takes what is left, elided
        header.setSectionResizeMode(RecordListModel.COL_SECTOR, QHeaderView.ResizeMode.Stretch)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.label = QLabel("Records")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.table)

    def show_records(self, records: Sequence[RecordView]) -> None:
        with syncing(self):
            self.records.set_records(records)
        self._count()

    def update_record(self, record: RecordView) -> None:
        self.records.update_record(record)
        self._count()

    def _count(self) -> None:
        records = self.records.records()
        pending = sum(1 for r in records if r.status == RecordStatus.PENDING)
        self.label.setText(
            f"Records ({len(records)}, {pending} not reviewed)" if records else "Records (none yet)"
        )

    def select_record(self, record_id: int | None) -> None:
        """Make the record's row the only selected one (none: no row), quietly."""
        with syncing(self):
            select_row(self.table, self.records.row_of(record_id) if record_id else -1)
