"""Qt item models over the curator's queries: the paged article list, an article's records, a record's amounts.

Models hold plain snapshots (``ArticleListRow``, ``RecordView``, ``AmountView``) and never ORM
objects. The article list pages from SQL with ``canFetchMore``/``fetchMore`` (filters and order
are applied by the query, not in Python), so a database of 100,000 articles costs one page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from aidcurator.curation.names import sector_label
from aidcurator.domain import FINISHED_STATES, RecordStatus, ReviewState
from aidcurator.domain.views import ArticleListRow, ArticleQuery
from aidcurator.gui.formatting import amount_text, year_text

if TYPE_CHECKING:
    from aidcurator.domain.views import AmountView, RecordView

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()

#: Custom roles: the row's plain snapshot and its database id.
ObjectRole = int(Qt.ItemDataRole.UserRole) + 1
IdRole = int(Qt.ItemDataRole.UserRole) + 2

# Computed once: PySide enum arithmetic is slow and data()/flags() run for every visible cell.
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
#: The roles the models answer; every other role gets None without further work.
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _FOREGROUND, _ALIGNMENT, ObjectRole, IdRole})

REVIEW_LABELS = {
    ReviewState.NEW: "new",
    ReviewState.IN_PROGRESS: "started",
    ReviewState.DONE: "✓ done",
    ReviewState.SKIPPED: "⤼ skipped",
    ReviewState.FLAGGED: "⚑ 2nd look",
}
REVIEW_COLOURS = {
    ReviewState.NEW: QColor("#5f6b7a"),
    ReviewState.IN_PROGRESS: QColor("#a05a00"),
    ReviewState.DONE: QColor("#1f7a3a"),
    ReviewState.SKIPPED: QColor("#5f6b7a"),
    ReviewState.FLAGGED: QColor("#8a3ab9"),
}
STATUS_LABELS = {
    RecordStatus.PENDING: "pending",
    RecordStatus.ACCEPTED: "✓ accepted",
    RecordStatus.REJECTED: "✗ rejected",
    RecordStatus.UNSURE: "? unsure",
}
STATUS_COLOURS = {
    RecordStatus.PENDING: QColor("#a05a00"),
    RecordStatus.ACCEPTED: QColor("#1f7a3a"),
    RecordStatus.REJECTED: QColor("#a12a2a"),
    RecordStatus.UNSURE: QColor("#8a3ab9"),
}


class ArticleSource(Protocol):
    """The article-list queries the model pages through (the :class:`~aidcurator.curation.Curator`)."""

    def article_page(
        self, query: ArticleQuery, offset: int = 0, limit: int = 200
    ) -> list[ArticleListRow]: ...

    def article_rows(self, article_ids: Sequence[int]) -> dict[int, ArticleListRow]: ...

    def article_progress(self, query: ArticleQuery) -> tuple[int, int]: ...

    def article_in_list(self, query: ArticleQuery, article_id: int) -> bool: ...


class SnapshotTableModel(QAbstractTableModel):
    """A flat table of plain snapshots (each with an ``id``): the parts every model here shares."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[Any] = []

    def item_at(self, row: int) -> Any:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, item_id: int) -> int:
        """Row number of the item with this id among the loaded rows, or -1."""
        for number, item in enumerate(self._items):
            if item.id == item_id:
                return number
        return -1

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    HEADER_TIPS: tuple[str, ...] = ()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == _DISPLAY:
            return self.HEADERS[section]
        if role == _TOOLTIP and section < len(self.HEADER_TIPS):
            return self.HEADER_TIPS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _ROW_FLAGS if index.isValid() else _NO_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_at(index.row()) if role in _ROLES and index.isValid() else None
        if item is None:
            return None
        if role == ObjectRole:
            return item
        if role == IdRole:
            return item.id
        value = self.item_data(item, index.column(), role)
        return value

    def item_data(self, item: Any, column: int, role: int) -> Any:
        raise NotImplementedError


class ArticleListModel(SnapshotTableModel):
    """The article list: one page of rows at a time, more on demand."""

    # done, total articles matching the current query
    progress_changed = Signal(int, int)

    COL_STATE, COL_TITLE, COL_SOURCE, COL_DATE, COL_LANGUAGE, COL_RECORDS = range(6)
    HEADERS = ("State", "Title", "Source", "Date", "Lang", "Recs")
    HEADER_TIPS = ("Review state", "Title", "Source", "Publication date", "Language", "Number of records")
    ORDER_COLUMNS = ("review_state", "title", "source", "published", "language", "n_records")

    def __init__(self, source: ArticleSource, *, page_size: int = 200, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._page_size = page_size
        self._query = ArticleQuery()
        self._items: list[ArticleListRow] = []
        self._exhausted = True
        self._progress = (0, 0)

    # -- queries

    @property
    def query(self) -> ArticleQuery:
        return self._query

    @property
    def progress(self) -> tuple[int, int]:
        return self._progress

    def set_source(self, source: ArticleSource) -> None:
        self._source = source
        self.reload()

    def set_query(self, query: ArticleQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Run the query again from its first page."""
        self.beginResetModel()
        self._items = self._source.article_page(self._query, 0, self._page_size)
        self._exhausted = len(self._items) < self._page_size
        self.endResetModel()
        self.recount()

    def recount(self) -> None:
        self._progress = self._source.article_progress(self._query)
        self.progress_changed.emit(*self._progress)

    def refresh_articles(self, article_ids: Sequence[int]) -> None:
        """Re-read a few rows in place (their state or record tallies changed)."""
        fresh = self._source.article_rows(article_ids)
        done_delta = 0
        for row_number, row in enumerate(self._items):
            new = fresh.get(row.id)
            if new is None or new == row:
                continue
            done_delta += (new.review_state in FINISHED_STATES) - (row.review_state in FINISHED_STATES)
            self._items[row_number] = new
            self.dataChanged.emit(self.index(row_number, 0), self.index(row_number, self.columnCount() - 1))
        if done_delta:
            done, total = self._progress
            self._progress = (done + done_delta, total)
            self.progress_changed.emit(*self._progress)

    def article_at(self, row: int) -> ArticleListRow | None:
        return self.item_at(row)

    def holds(self, article_id: int) -> bool:
        """Whether the query keeps this article in the list (loaded yet or not)."""
        return self.row_of(article_id) >= 0 or self._source.article_in_list(self._query, article_id)

    def load_until(self, article_id: int, max_rows: int) -> int:
        """Fetch pages until the article's row is loaded or ``max_rows`` are; its row, or -1."""
        row = self.row_of(article_id)
        while row < 0 and self.rowCount() < max_rows and self.canFetchMore():
            loaded = self.rowCount()
            self.fetchMore()
            row = self.row_of(article_id)
            if self.rowCount() == loaded:
                break
        return row

    # -- paging

    def canFetchMore(self, parent: Index = _ROOT) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = _ROOT) -> None:
        if parent.isValid() or self._exhausted:
            return
        page = self._source.article_page(self._query, len(self._items), self._page_size)
        self._exhausted = len(page) < self._page_size
        known = {row.id for row in self._items}
        page = [row for row in page if row.id not in known]  # rows that moved while paging
        if not page:
            return
        first = len(self._items)
        self.beginInsertRows(_ROOT, first, first + len(page) - 1)
        self._items.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.ORDER_COLUMNS):
            return
        query = replace(
            self._query,
            order_by=self.ORDER_COLUMNS[column],
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        if query != self._query:
            self.set_query(query)

    # -- cells

    def item_data(self, row: ArticleListRow, column: int, role: int) -> Any:
        if role == _DISPLAY:
            if column == self.COL_STATE:
                return REVIEW_LABELS[row.review_state]
            if column == self.COL_TITLE:
                return row.title or "(untitled)"
            if column == self.COL_SOURCE:
                return row.source or ""
            if column == self.COL_DATE:
                return row.published.isoformat() if row.published else ""
            if column == self.COL_LANGUAGE:
                return row.language or ""
            if column == self.COL_RECORDS:
                return str(row.n_records)
            return None
        if role == _TOOLTIP:
            if column == self.COL_RECORDS:
                return f"{row.n_records} records, {row.n_pending} not reviewed yet"
            if column == self.COL_STATE and row.review_note:
                return f"{REVIEW_LABELS[row.review_state]}: {row.review_note}"
            if column in (self.COL_TITLE, self.COL_SOURCE):
                return row.title if column == self.COL_TITLE else row.source
            return None
        if role == _FOREGROUND and column == self.COL_STATE:
            return REVIEW_COLOURS[row.review_state]
        if role == _ALIGNMENT and column == self.COL_RECORDS:
            return _RIGHT
        return None


class RecordListModel(SnapshotTableModel):
    """The records of the article on screen."""

    COL_STATUS, COL_AMOUNT, COL_PARTIES, COL_YEAR, COL_SECTOR = range(5)
    HEADERS = ("Status", "Amount", "Donor → recipient", "Year", "Sector")

    def set_records(self, records: Sequence[RecordView]) -> None:
        self.beginResetModel()
        self._items = list(records)
        self.endResetModel()

    def records(self) -> Sequence[RecordView]:
        return tuple(self._items)

    def update_record(self, record: RecordView) -> int:
        """Replace one row in place (the record changed); its row number, or -1 if not listed."""
        row = self.row_of(record.id)
        if row >= 0:
            self._items[row] = record
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
        return row

    def record_at(self, row: int) -> RecordView | None:
        return self.item_at(row)

    def item_data(self, record: RecordView, column: int, role: int) -> Any:
        if role == _DISPLAY:
            if column == self.COL_STATUS:
                return STATUS_LABELS[record.status]
            if column == self.COL_AMOUNT:
                if not record.amounts:
                    return "—"
                more = f" (+{len(record.amounts) - 1})" if len(record.amounts) > 1 else ""
                return f"{record.amounts[0].text}{more}"
            if column == self.COL_PARTIES:
                if record.donor or record.recipient:
                    return f"{record.donor or '?'} → {record.recipient or '?'}"
                return record.title or ""
            if column == self.COL_YEAR:
                return year_text(record.year_start, record.year_end)
            if column == self.COL_SECTOR:
                return sector_label(record.sector)
            return None
        if role == _TOOLTIP and column == self.COL_AMOUNT and record.amounts:
            return "\n".join(
                f"{a.text} → {amount_text(a.value, a.currency, a.qualifier, a.value_max)}"
                for a in record.amounts
            )
        if role == _TOOLTIP and column in (self.COL_PARTIES, self.COL_SECTOR):
            return self.item_data(record, column, _DISPLAY) or None  # in full when the column elides it
        if role == _TOOLTIP and column == self.COL_STATUS and record.reject_reason:
            return f"{STATUS_LABELS[record.status]}: {record.reject_reason}"
        if role == _FOREGROUND and column == self.COL_STATUS:
            return STATUS_COLOURS[record.status]
        return None


class AmountListModel(SnapshotTableModel):
    """The amounts of the record in the form."""

    COL_TEXT, COL_VALUE, COL_KIND = range(3)
    HEADERS = ("As written", "Value", "Kind")

    def set_amounts(self, amounts: Sequence[AmountView]) -> None:
        self.beginResetModel()
        self._items = list(amounts)
        self.endResetModel()

    def amount_at(self, row: int) -> AmountView | None:
        return self.item_at(row)

    def item_data(self, amount: AmountView, column: int, role: int) -> Any:
        if role == _DISPLAY:
            if column == self.COL_TEXT:
                return amount.text
            if column == self.COL_VALUE:
                return amount_text(amount.value, amount.currency, amount.qualifier, amount.value_max)
            if column == self.COL_KIND:
                return str(amount.kind)
            return None
        if role == _ALIGNMENT and column == self.COL_VALUE:
            return _RIGHT
        return None
