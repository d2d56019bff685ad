"""The workbench window: article list | article text | records and form.

Slots stay short: they turn what the curator did into an undoable command over ``curation``
(:mod:`aidcurator.gui.commands`), start a background :class:`~aidcurator.gui.workers.Job`, or ask
:class:`~aidcurator.gui.dialogs.Dialogs` a question. Nothing here writes SQL or parses amounts.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aidcurator.curation import ConflictError
from aidcurator.domain import RecordStatus, ReviewState
from aidcurator.gui import commands as cmd
from aidcurator.gui import selection
from aidcurator.gui.article_view import ArticleView
from aidcurator.gui.dialogs import Dialogs, ShortcutsDialog, about_text
from aidcurator.gui.models import ArticleListModel, ListingSource, RecordListModel
from aidcurator.gui.record_form import FIELDS_BY_NAME, RecordForm
from aidcurator.gui.settings import Preferences, default_settings
from aidcurator.gui.workers import Job, Work
from aidcurator.store import StoreError, listing

if TYPE_CHECKING:
    from aidcurator.curation import Curator, ImportReport, ReExtractReport
    from aidcurator.domain.views import MentionView, RecordView

EXPORT_FORMATS = (
    ("csv", "CSV…", "CSV files (*.csv)"),
    ("json", "JSON…", "JSON files (*.json)"),
    ("jsonl", "JSONL…", "JSON Lines files (*.jsonl)"),
    ("xlsx", "Excel…", "Excel workbooks (*.xlsx)"),
)
SEARCH_DELAY_MS = 250
USER_ERRORS = (ValueError, LookupError)


def sample_files() -> list[Path]:
    """The bundled sample articles."""
    from aidcurator.resources import resource_path

    return sorted(p for p in resource_path("samples").iterdir() if p.suffix == ".txt")


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


class MainWindow(QMainWindow):
    """The curation workbench."""

    # article id now on screen (0: none)
    article_shown = Signal(int)
    # record id now in the form (0: none)
    record_shown = Signal(int)
    # title of a background job that ended (successfully or not)
    job_ended = Signal(str)

    def __init__(
        self,
        curator: Curator,
        *,
        database_path: str | os.PathLike[str] | None = None,
        settings: QSettings | None = None,
        remember: bool = True,
        page_size: int = 200,
    ) -> None:
        super().__init__()
        self.curator = curator
        self.database_path = str(database_path) if database_path else None
        self.prefs = Preferences(settings if settings is not None else default_settings())
        self.remember = remember
        self.dialogs = Dialogs(self)
        self.undo_stack = QUndoStack(self)
        self.job: Job | None = None
        self.progress_dialog: QProgressDialog | None = None
        self._article_id = 0
        self._evidence_cycle: tuple[int, str, int] = (0, "", 0)
        self.actions: dict[str, QAction] = {}

        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self._build_widgets(page_size)
        self._build_actions()
        self._build_menus()
        self._connect()
        self._install_shortcut_guard()
        self._set_tab_order()
        self._restore_layout()
        self._update_title()
        self.statusBar().showMessage("Ready. Every change is saved at once; Ctrl+Z undoes it.")
        self.articles.reload()
        self._reload_languages()
        self._update_actions()

    # ------------------------------------------------------------------------------------ building

    def _build_widgets(self, page_size: int) -> None:
        self.listing = ListingSource(self.curator.engine)
        self.articles = ArticleListModel(self.listing, page_size=page_size, parent=self)
        self.records = RecordListModel(self)

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
        for state, label in (
            (ReviewState.NEW, "New"),
            (ReviewState.IN_PROGRESS, "In progress"),
            (ReviewState.DONE, "Done"),
        ):
            self.state_filter.addItem(label, state.value)
        self.state_filter.setToolTip("Show articles in one review state")
        self.language_filter = QComboBox()
        self.language_filter.setObjectName("languageFilter")
        self.language_filter.setToolTip("Show articles in one language")
        self.article_table = QTableView()
        self.article_table.setObjectName("articleTable")
        self.article_table.setModel(self.articles)
        self.article_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.article_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.article_table.setSortingEnabled(True)
        self.article_table.horizontalHeader().setSortIndicator(
            ArticleListModel.COL_DATE, Qt.SortOrder.DescendingOrder
        )
        self.article_table.verticalHeader().hide()
        self.article_table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.article_table.setWordWrap(False)
        header = self.article_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ArticleListModel.COL_TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.article_table.fontMetrics()
        for column, sample in (
            (ArticleListModel.COL_STATE, "✓ done"),
            (ArticleListModel.COL_SOURCE, "Xinhua"),
            (ArticleListModel.COL_DATE, "2025-12-18"),
            (ArticleListModel.COL_LANGUAGE, "Lang"),
            (ArticleListModel.COL_RECORDS, "Records"),
        ):
            self.article_table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progressLabel")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        left_layout.addWidget(self.search)
        filters = QHBoxLayout()
        filters.addWidget(self.state_filter, 1)
        filters.addWidget(self.language_filter, 1)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.article_table, 1)
        left_layout.addWidget(self.progress_label)

        self.article_view = ArticleView()

        self.record_table = QTableView()
        self.record_table.setObjectName("recordTable")
        self.record_table.setModel(self.records)
        self.record_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.record_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.record_table.verticalHeader().hide()
        self.record_table.setWordWrap(False)
        record_header = self.record_table.horizontalHeader()
        record_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        record_header.setSectionResizeMode(RecordListModel.COL_PARTIES, QHeaderView.ResizeMode.Stretch)
        self.form = RecordForm(self.curator.amount_parser)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        records_box = QWidget()
        records_layout = QVBoxLayout(records_box)
        records_layout.setContentsMargins(4, 4, 4, 0)
        self.records_label = QLabel("Records")
        records_layout.addWidget(self.records_label)
        records_layout.addWidget(self.record_table)

        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("rightSplitter")
        self.right_splitter.addWidget(records_box)
        self.right_splitter.addWidget(self.form_scroll)
        self.right_splitter.setStretchFactor(0, 1)
        self.right_splitter.setStretchFactor(1, 3)
        self.right_splitter.setSizes([180, 620])

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(left)
        self.main_splitter.addWidget(self.article_view)
        self.main_splitter.addWidget(self.right_splitter)
        self.main_splitter.setStretchFactor(0, 0)
        self.main_splitter.setStretchFactor(1, 1)
        self.main_splitter.setStretchFactor(2, 0)
        self._layout_restored = False
        self.setCentralWidget(self.main_splitter)
        self.resize(1440, 860)

    def _action(
        self,
        name: str,
        text: str,
        slot: Callable[[], Any],
        shortcuts: Sequence[QKeySequence | str] = (),
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        self.actions[name] = action
        return action

    def _build_actions(self) -> None:
        a = self._action
        a("import_files", "&Import files…", self._on_import_files, ["Ctrl+O"], "Import article files")
        a(
            "import_folder",
            "Import &folder…",
            self._on_import_folder,
            ["Ctrl+Shift+O"],
            "Import every article file in a folder",
        )
        a("open_database", "&Open database…", self._on_open_database, [], "Open another AidCurator database")
        a("new_database", "&New database…", self._on_new_database, [], "Create an empty database")
        a(
            "re_extract_all",
            "Re-extract &all articles…",
            self._on_re_extract_all,
            [],
            "Run the extractor again over every article; curated values are kept",
        )
        a("quit", "&Quit", self.close, ["Ctrl+Q"])
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setObjectName("undo")
        undo.setShortcuts([QKeySequence("Ctrl+Z")])
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setObjectName("redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (undo, redo):
            self.addAction(action)
            self.actions[action.objectName()] = action
        a("find", "&Find articles", self._on_find, ["Ctrl+F"], "Put the cursor in the search box")
        a(
            "focus_amount",
            "Edit &amount",
            self._on_focus_amount,
            ["Ctrl+M"],
            "Put the cursor in the amount editor",
        )
        a(
            "new_record",
            "&New record",
            self._on_new_record,
            ["Ctrl+N"],
            "A new record for this article (from the selected text, if any)",
        )
        a("delete_record", "&Delete record", self._on_delete_record, ["Ctrl+Shift+Delete"])
        a(
            "accept",
            "&Accept record",
            self._on_accept,
            ["Ctrl+Return", "Ctrl+Enter"],
            "Accept the record and move to the next unreviewed one in this article",
        )
        a(
            "reject",
            "Re&ject record",
            self._on_reject,
            ["Ctrl+Delete"],
            "Reject the record and move to the next unreviewed one in this article",
        )
        a(
            "accept_next",
            "Accept and go to &next unreviewed",
            self._on_accept_and_next,
            ["Ctrl+Shift+Return", "Ctrl+Shift+Enter"],
            "Accept the record and go to the next unreviewed record, in this or a later article",
        )
        a(
            "reset",
            "&Reset to extracted",
            self._on_reset,
            ["Ctrl+R"],
            "Put the focused field (or the whole record) back to the extracted value",
        )
        a(
            "jump_evidence",
            "Show &evidence",
            self._on_jump_evidence,
            ["Ctrl+J"],
            "Select the focused field's evidence in the article",
        )
        a("next_record", "Ne&xt record", lambda: self._step_record(1), ["Alt+Down"])
        a("previous_record", "Pre&vious record", lambda: self._step_record(-1), ["Alt+Up"])
        a("next_article", "Next ar&ticle", lambda: self._step_article(1), ["Ctrl+PgDown"])
        a("previous_article", "Previous art&icle", lambda: self._step_article(-1), ["Ctrl+PgUp"])
        a(
            "re_extract_article",
            "Re-e&xtract this article",
            self._on_re_extract_article,
            [],
            "Run the extractor again over this article; curated values are kept",
        )
        for fmt, label, _filter in EXPORT_FORMATS:
            a(
                f"export_{fmt}",
                label,
                lambda _checked=False, f=fmt: self._on_export(f),
                [],
                f"Export records as {fmt.upper()}",
            )
        self.export_accepted_only = QAction("Accepted records only", self, checkable=True, checked=True)
        self.export_accepted_only.setObjectName("export_accepted_only")
        self.export_all = QAction("All records (any status)", self, checkable=True)
        self.export_all.setObjectName("export_all")
        self.export_accepted_only.toggled.connect(lambda on: self.export_all.setChecked(not on))
        self.export_all.toggled.connect(lambda on: self.export_accepted_only.setChecked(not on))
        self.export_filtered = QAction(
            "Only articles matching the current search and filters", self, checkable=True
        )
        self.export_filtered.setObjectName("export_filtered")
        a("shortcuts", "&Keyboard shortcuts", self._on_shortcuts, ["F1"])
        a("about", "&About AidCurator", self._on_about)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        act = self.actions
        self.file_menu = bar.addMenu("&File")
        for name in ("import_files", "import_folder"):
            self.file_menu.addAction(act[name])
        self.file_menu.addSeparator()
        for name in ("open_database", "new_database"):
            self.file_menu.addAction(act[name])
        self.recent_menu = self.file_menu.addMenu("Recent &databases")
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.file_menu.addSeparator()
        self.file_menu.addAction(act["re_extract_all"])
        self.file_menu.addSeparator()
        self.file_menu.addAction(act["quit"])

        self.edit_menu = bar.addMenu("&Edit")
        for name in ("undo", "redo"):
            self.edit_menu.addAction(act[name])
        self.edit_menu.addSeparator()
        for name in ("find", "focus_amount"):
            self.edit_menu.addAction(act[name])
        self.edit_menu.addSeparator()
        for name in ("next_article", "previous_article"):
            self.edit_menu.addAction(act[name])

        self.record_menu = bar.addMenu("&Record")
        for name in ("new_record", "delete_record"):
            self.record_menu.addAction(act[name])
        self.record_menu.addSeparator()
        for name in ("accept", "reject", "accept_next"):
            self.record_menu.addAction(act[name])
        self.record_menu.addSeparator()
        for name in ("reset", "jump_evidence", "re_extract_article"):
            self.record_menu.addAction(act[name])
        self.record_menu.addSeparator()
        for name in ("next_record", "previous_record"):
            self.record_menu.addAction(act[name])

        self.export_menu = bar.addMenu("E&xport")
        for fmt, _label, _filter in EXPORT_FORMATS:
            self.export_menu.addAction(act[f"export_{fmt}"])
        self.export_menu.addSeparator()
        self.export_menu.addAction(self.export_accepted_only)
        self.export_menu.addAction(self.export_all)
        self.export_menu.addSeparator()
        self.export_menu.addAction(self.export_filtered)

        self.help_menu = bar.addMenu("&Help")
        self.help_menu.addAction(act["shortcuts"])
        self.help_menu.addAction(act["about"])

        self.form.accept_button.setDefaultAction(act["accept"])
        self.form.reject_button.setDefaultAction(act["reject"])

    def _connect(self) -> None:
        self.search.textEdited.connect(self._on_search_text_edited)
        self.search.returnPressed.connect(self._on_search_timer_timeout)
        self.search_timer.timeout.connect(self._on_search_timer_timeout)
        self.state_filter.activated.connect(self._on_filter_activated)
        self.language_filter.activated.connect(self._on_filter_activated)
        self.articles.progress_changed.connect(self._on_articles_progress_changed)
        self.articles.modelReset.connect(self._on_articles_model_reset)
        self.article_table.selectionModel().currentRowChanged.connect(self._on_article_current_row_changed)
        self.record_table.selectionModel().currentRowChanged.connect(self._on_record_current_row_changed)
        self.article_view.mention_clicked.connect(self._on_article_mention_clicked)
        self.article_view.new_record_requested.connect(self._on_article_new_record_requested)
        self.article_view.use_as_requested.connect(self._on_article_use_as_requested)
        self.form.field_committed.connect(self._on_form_field_committed)
        self.form.reset_field_requested.connect(self._on_form_reset_field_requested)
        self.form.evidence_requested.connect(self._on_form_evidence_requested)
        self.form.status_chosen.connect(self._on_form_status_chosen)
        self.form.amounts.text_committed.connect(self._on_amount_text_committed)
        self.form.amounts.option_chosen.connect(self._on_amount_option_chosen)
        self.form.amounts.reset_requested.connect(self._on_amount_reset_requested)
        self.form.amounts.delete_requested.connect(self._on_amount_delete_requested)
        self.form.amounts.evidence_requested.connect(self._on_form_evidence_requested)
        self.form.amounts.amount_selected.connect(self._on_amount_selected)
        self.undo_stack.cleanChanged.connect(lambda _clean: self._update_actions())
        self.undo_stack.indexChanged.connect(lambda _index: self._update_actions())

    def _set_tab_order(self) -> None:
        """Left to right: search, filters, article list, article text, records, then the form."""
        chain = [
            self.search,
            self.state_filter,
            self.language_filter,
            self.article_table,
            self.article_view.text,
            self.record_table,
            *self.form.tab_chain(),
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        for table in (self.article_table, self.record_table, self.form.amounts.table):
            table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it

    def _install_shortcut_guard(self) -> None:
        guarded = (
            "accept",
            "reject",
            "accept_next",
            "delete_record",
            "undo",
            "redo",
            "reset",
            "next_record",
            "previous_record",
            "next_article",
            "previous_article",
            "new_record",
            "jump_evidence",
            "focus_amount",
            "find",
        )

        def sequences() -> list[QKeySequence]:
            return [s for name in guarded for s in self.actions[name].shortcuts()]

        undo_keys = [*self.actions["undo"].shortcuts(), *self.actions["redo"].shortcuts()]
        self.shortcut_guard = ShortcutGuard(sequences, undo_keys, self)
        editors: list[QWidget] = [self.search, self.form.amounts.line, self.form.amounts.value_max]
        editors += [row.editor for row in self.form.rows.values()]
        for editor in editors:
            editor.installEventFilter(self.shortcut_guard)

    def _restore_layout(self) -> None:
        geometry = self.prefs.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.prefs.window_state()
        if state is not None:
            self.restoreState(state)
        for name, splitter in (("main", self.main_splitter), ("right", self.right_splitter)):
            saved = self.prefs.splitter(name)
            if saved is not None:
                self._layout_restored = splitter.restoreState(saved) or self._layout_restored

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            self._layout_restored = True
            QTimer.singleShot(0, self._default_splitter_sizes)  # once the layout has its real width

    def _default_splitter_sizes(self) -> None:
        """First start: list 31 %, article 33 %, form 36 % of the width."""
        width = self.main_splitter.width()
        self.main_splitter.setSizes([int(width * 0.31), int(width * 0.33), int(width * 0.36)])

    def save_layout(self) -> None:
        if not self.remember:
            return
        self.prefs.set_geometry(self.saveGeometry())
        self.prefs.set_window_state(self.saveState())
        self.prefs.set_splitter("main", self.main_splitter.saveState())
        self.prefs.set_splitter("right", self.right_splitter.saveState())
        self.prefs.sync()

    def _update_title(self) -> None:
        name = Path(self.database_path).name if self.database_path else "database"
        self.setWindowTitle(f"AidCurator — {name}")

    def _update_actions(self) -> None:
        has_record = self.form.record is not None
        has_article = self._article_id != 0
        for name in ("delete_record", "accept", "reject", "accept_next", "reset", "jump_evidence"):
            self.actions[name].setEnabled(has_record)
        for name in ("new_record", "re_extract_article"):
            self.actions[name].setEnabled(has_article)
        self.article_view.record_fields_enabled = has_record

    # ------------------------------------------------------------------------------ article list

    @property
    def current_article_id(self) -> int:
        return self._article_id

    @property
    def current_record(self) -> RecordView | None:
        return self.form.record

    def current_query(self) -> listing.ArticleQuery:
        return self.articles.query

    @Slot(str)
    def _on_search_text_edited(self, _text: str) -> None:
        self.search_timer.start()

    @Slot()
    def _on_search_timer_timeout(self) -> None:
        self.search_timer.stop()
        self._apply_query()

    @Slot(int)
    def _on_filter_activated(self, _index: int) -> None:
        self._apply_query()

    def _apply_query(self) -> None:
        state = self.state_filter.currentData()
        query = replace(
            self.articles.query,
            search=self.search.text().strip(),
            review_state=ReviewState(state) if state else None,
            language=self.language_filter.currentData() or None,
        )
        if query != self.articles.query:
            self.articles.set_query(query)

    @Slot()
    def _on_articles_model_reset(self) -> None:
        row = self.articles.row_of(self._article_id) if self._article_id else -1
        if row >= 0:
            self._select_article_row(row, show=False)

    @Slot(int, int)
    def _on_articles_progress_changed(self, done: int, total: int) -> None:
        query = self.articles.query
        filtered = bool(query.search or query.review_state or query.language)
        what = "matching articles" if filtered else "articles"
        self.progress_label.setText(f"{done:,} of {total:,} {what} done")

    def _reload_languages(self) -> None:
        current = self.language_filter.currentData()
        self.language_filter.clear()
        self.language_filter.addItem("All languages", None)
        for language in self.listing.languages():
            self.language_filter.addItem(language, language)
        index = self.language_filter.findData(current)
        self.language_filter.setCurrentIndex(max(0, index))

    def _select_article_row(self, row: int, *, show: bool = True) -> None:
        index = self.articles.index(row, 0)
        selection = self.article_table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        if not show:
            selection.blockSignals(True)
        try:
            selection.setCurrentIndex(index, flags)
        finally:
            if not show:
                selection.blockSignals(False)
        self.article_table.scrollTo(index)

    def select_first_article(self) -> bool:
        if self.articles.rowCount() == 0:
            return False
        self._select_article_row(0)
        return True

    @Slot(QModelIndex, QModelIndex)
    def _on_article_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.articles.article_at(current.row()) if current.isValid() else None
        if row is not None and row.id != self._article_id:
            self.show_article(row.id)

    def _step_article(self, step: int) -> None:
        current = self.article_table.currentIndex()
        row = current.row() + step if current.isValid() else 0
        if row >= self.articles.rowCount() and self.articles.canFetchMore():
            self.articles.fetchMore()
        if 0 <= row < self.articles.rowCount():
            self.form.commit_pending()
            self._select_article_row(row)

    # ---------------------------------------------------------------------------- article and records

    def show_article(self, article_id: int, record_id: int | None = None, *, commit: bool = True) -> None:
        """Put an article on screen and select one of its records (the first unreviewed by default).

        Typing left in the form is committed first, except while an undo command is running
        (``commit=False``): a command must not start another one.
        """
        if commit:
            self.form.commit_pending()
        if not article_id:
            self._article_id = 0
            self.article_view.show_article(None, ())
            self.records.set_records(())
            self._show_record(None)
            self.article_shown.emit(0)
            return
        try:
            article = self.curator.article(article_id)
        except LookupError as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        self._article_id = article_id
        row = self.articles.row_of(article_id)
        if row >= 0 and self.article_table.currentIndex().row() != row:
            self._select_article_row(row, show=False)
        self.article_view.show_article(article, self.curator.mentions(article_id))
        self._load_records(select=record_id, prefer_pending=record_id is None)
        self._update_actions()
        self.article_shown.emit(article_id)

    def _load_records(
        self, *, select: int | None = None, prefer_pending: bool = False, keep_amount: int | None = None
    ) -> None:
        records = self.curator.records(self._article_id) if self._article_id else []
        selection = self.record_table.selectionModel()
        selection.blockSignals(True)
        try:
            self.records.set_records(records)
        finally:
            selection.blockSignals(False)
        pending = sum(1 for r in records if r.status == RecordStatus.PENDING)
        self.records_label.setText(
            f"Records ({len(records)}, {pending} not reviewed)" if records else "Records (none yet)"
        )
        row = self.records.row_of(select) if select else -1
        if row < 0 and prefer_pending:
            row = next((i for i, r in enumerate(records) if r.status == RecordStatus.PENDING), -1)
        if row < 0 and records:
            row = 0
        self._select_record_row(row, keep_amount=keep_amount)

    def _select_record_row(self, row: int, *, keep_amount: int | None = None) -> None:
        selection = self.record_table.selectionModel()
        selection.blockSignals(True)
        try:
            if row >= 0:
                index = self.records.index(row, 0)
                selection.setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.record_table.scrollTo(index)
            else:
                selection.clear()
        finally:
            selection.blockSignals(False)
        self._show_record(self.records.record_at(row), keep_amount=keep_amount)

    @Slot(QModelIndex, QModelIndex)
    def _on_record_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.form.commit_pending()
        record = self.records.record_at(current.row()) if current.isValid() else None
        if record is not None and self.form.record is not None and record.id == self.form.record.id:
            return
        self._show_record(record)

    def _show_record(self, record: RecordView | None, *, keep_amount: int | None = None) -> None:
        self.form.show_record(record, keep_amount=keep_amount)
        self.article_view.set_record_spans(self._record_spans(record))
        self._update_actions()
        self.record_shown.emit(record.id if record else 0)

    @staticmethod
    def _record_spans(record: RecordView | None) -> list[tuple[str, int, int]]:
        if record is None:
            return []
        spans = [(ev.field, ev.start, ev.end) for ev in record.evidence]
        spans += [
            ("amount", a.start, a.end) for a in record.amounts if a.start is not None and a.end is not None
        ]
        return spans

    def select_record(self, record_id: int, amount_id: int | None = None) -> None:
        row = self.records.row_of(record_id)
        if row >= 0:
            self.form.commit_pending()
            self._select_record_row(row, keep_amount=amount_id)

    def _step_record(self, step: int) -> None:
        if self.records.rowCount() == 0:
            return
        current = self.records.row_of(self.form.record.id) if self.form.record else -1
        row = min(max(current + step, 0), self.records.rowCount() - 1)
        if row != current:
            self.form.commit_pending()
            self._select_record_row(row)

    # ----------------------------------------------------------------------------- commands

    def push(self, command: cmd.CurationCommand, on_error: Callable[[str], None] | None = None) -> bool:
        """Apply a command now and put it on the undo stack; refused values go to ``on_error``."""
        try:
            changed = command.apply()
        except ConflictError as exc:  # changed elsewhere (another window, the command line)
            self._refused(str(exc), on_error)
            self._load_records(select=command.record_id)
            return False
        except (*USER_ERRORS, StoreError) as exc:
            self._refused(str(exc), on_error)
            return False
        if not changed:
            self._load_records(
                select=self.form.record.id if self.form.record else None,
                keep_amount=self.form.amounts.amount.id if self.form.amounts.amount else None,
            )
            return False
        self.undo_stack.push(command)
        return True

    def _refused(self, message: str, on_error: Callable[[str], None] | None) -> None:
        if on_error is not None:
            on_error(message)
        self.statusBar().showMessage(f"Not saved: {message}", 10000)

    def after_change(self, command: cmd.CurationCommand, verb: str) -> None:
        """A command ran (first time, undo or redo): refresh what shows it."""
        self.articles.refresh_articles([command.article_id])
        reveal = verb != "Saved" or isinstance(command, cmd.CreateRecordCommand)
        if command.article_id != self._article_id:
            self.show_article(command.article_id, record_id=command.focus_record, commit=False)
        else:
            current = self.form.record.id if self.form.record else None
            select = command.focus_record if reveal and command.focus_record else current
            self._load_records(
                select=select,
                keep_amount=command.amount_id
                or (self.form.amounts.amount.id if self.form.amounts.amount else None),
            )
        if verb == "Saved" and isinstance(command, cmd.DeleteRecordCommand):
            message = f"Deleted record {command.record_id} — Ctrl+Z brings it back"
        else:
            message = f"{verb}: {command.text()}"
        self.statusBar().showMessage(message, 8000)

    def command_failed(self, command: cmd.CurationCommand, verb: str, error: Exception) -> None:
        action = "undo" if verb == "Undone" else "redo"
        self.statusBar().showMessage(f"Could not {action} “{command.text()}”: {error}", 15000)
        self.dialogs.error(f"Could not {action}", f"Could not {action} “{command.text()}”.", str(error))
        if self._article_id:
            self._load_records(select=self.form.record.id if self.form.record else None)

    def _current_record_for(self, record_id: int) -> RecordView | None:
        record = self.form.record
        if record is not None and record.id == record_id:
            return record
        try:
            return self.curator.record(record_id)
        except LookupError:
            return None

    @Slot(int, str, object)
    def _on_form_field_committed(self, record_id: int, field: str, value: object) -> None:
        record = self._current_record_for(record_id)
        if record is None:
            return
        self.push(
            cmd.SetFieldCommand(self, record, field, value),
            on_error=lambda message: self.form.show_field_error(field, message),
        )

    @Slot(int, str)
    def _on_form_status_chosen(self, record_id: int, status: str) -> None:
        record = self._current_record_for(record_id)
        if record is not None:
            self.push(cmd.SetStatusCommand(self, record, status))

    @Slot(int, str)
    def _on_form_reset_field_requested(self, record_id: int, field: str) -> None:
        record = self._current_record_for(record_id)
        if record is not None:
            self.push(
                cmd.ResetFieldCommand(self, record, field),
                on_error=lambda message: self.form.show_field_error(field, message),
            )

    @Slot(int, int, str)
    def _on_amount_text_committed(self, record_id: int, amount_id: int, text: str) -> None:
        record = self._current_record_for(record_id)
        if record is None:
            return
        editor = self.form.amounts
        if amount_id == 0:
            self.push(cmd.AddAmountCommand(self, record, text), on_error=editor.show_error)
            return
        amount = next((a for a in record.amounts if a.id == amount_id), None)
        if amount is not None:
            self.push(
                cmd.UpdateAmountCommand(
                    self, record, amount, {"text": text}, f"set amount of record {record.id} to “{text}”"
                ),
                on_error=editor.show_error,
            )

    @Slot(int, int, str, object)
    def _on_amount_option_chosen(self, record_id: int, amount_id: int, option: str, value: object) -> None:
        record = self._current_record_for(record_id)
        amount = next((a for a in record.amounts if a.id == amount_id), None) if record else None
        if record is None or amount is None:
            return
        shown = value if value not in (None, "") else "(none)"
        self.push(
            cmd.UpdateAmountCommand(
                self,
                record,
                amount,
                {option: value},
                f"set {option.replace('_', ' ')} of amount “{amount.text}” to {shown}",
            ),
            on_error=self._on_amount_option_refused,
        )

    def _on_amount_option_refused(self, message: str) -> None:
        self.form.amounts.revert_options()  # the choice was not saved: show what is stored
        self.form.amounts.show_error(message)

    @Slot(int, int)
    def _on_amount_reset_requested(self, record_id: int, amount_id: int) -> None:
        record = self._current_record_for(record_id)
        amount = next((a for a in record.amounts if a.id == amount_id), None) if record else None
        if record is not None and amount is not None:
            self.push(cmd.ResetAmountCommand(self, record, amount), on_error=self.form.amounts.show_error)

    @Slot(int, int)
    def _on_amount_delete_requested(self, record_id: int, amount_id: int) -> None:
        record = self._current_record_for(record_id)
        amount = next((a for a in record.amounts if a.id == amount_id), None) if record else None
        if record is not None and amount is not None:
            self.push(cmd.DeleteAmountCommand(self, record, amount), on_error=self.form.amounts.show_error)

    @Slot(int)
    def _on_amount_selected(self, amount_id: int) -> None:
        record = self.form.record
        amount = next((a for a in record.amounts if a.id == amount_id), None) if record else None
        if amount is not None and amount.start is not None and amount.end is not None:
            self.article_view.select_span(amount.start, amount.end)

    # --------------------------------------------------------------------------- evidence, mentions

    @Slot(int, str)
    def _on_form_evidence_requested(self, record_id: int, field: str) -> None:
        record = self._current_record_for(record_id)
        if record is None:
            return
        spans: list[tuple[int, int]] = []
        if field == "amount":
            amount = self.form.amounts.amount
            if amount is not None and amount.start is not None and amount.end is not None:
                spans.append((amount.start, amount.end))
            spans += [(ev.start, ev.end) for ev in record.evidence_for("amount")]
        else:
            definition = FIELDS_BY_NAME.get(field)
            names = definition.evidence if definition else (field,)
            spans = [(ev.start, ev.end) for name in names for ev in record.evidence_for(name)]
        spans = list(dict.fromkeys(spans))
        if not spans:
            self.statusBar().showMessage(f"No evidence for {field} in the article", 5000)
            return
        last_record, last_field, last_index = self._evidence_cycle
        index = (last_index + 1) % len(spans) if (last_record, last_field) == (record_id, field) else 0
        self._evidence_cycle = (record_id, field, index)
        self.article_view.select_span(*spans[index])
        quote = (
            self.article_view.article.text[spans[index][0] : spans[index][1]]
            if self.article_view.article
            else ""
        )
        self.statusBar().showMessage(f"Evidence for {field}: “{quote}”", 5000)

    @Slot(object)
    def _on_article_mention_clicked(self, mention: MentionView) -> None:
        owner = selection.owner_of_span(
            self.records.records(), mention.start, mention.end, amounts_only=mention.kind == "amount"
        )
        if owner is not None:
            record, amount_id = owner
            self.select_record(record.id, amount_id)
            self.statusBar().showMessage(f"“{mention.text}” belongs to record {record.id}", 5000)
            return
        if mention.kind != "amount" or not self._article_id:
            return
        if self.dialogs.confirm(
            "New record?", f"No record uses “{mention.text}” yet. Create a new record with this amount?"
        ):
            self._create_record(
                amounts=[mention.text],
                evidence=[("amount", mention.start, mention.end)],
                text=f"new record for “{mention.text}”",
            )

    def _parses(self, text: str) -> bool:
        try:
            self.curator.amount_parser(text)
        except ValueError:
            return False
        return True

    @Slot(int, int)
    def _on_article_new_record_requested(self, start: int, end: int) -> None:
        self.new_record_from_span(start, end)

    def new_record_from_span(self, start: int, end: int) -> None:
        """A record whose values come from the selected text and the mentions inside it."""
        article = self.article_view.article
        if article is None:
            return
        draft = selection.draft_from_selection(
            article.text, start, end, self.article_view.mentions(), self._parses
        )
        if draft is not None:
            self._create_record(
                fields=draft.fields,
                evidence=draft.evidence,
                amounts=draft.amounts,
                text="new record from selection",
            )

    def _create_record(
        self,
        *,
        fields: dict[str, Any] | None = None,
        evidence: Sequence[tuple[str, int, int]] = (),
        amounts: Sequence[str] = (),
        text: str = "new record",
    ) -> bool:
        command = cmd.CreateRecordCommand(
            self, self._article_id, fields=fields, evidence=evidence, amounts=amounts, text=text
        )
        return self.push(command)

    @Slot(str, int, int)
    def _on_article_use_as_requested(self, field: str, start: int, end: int) -> None:
        self.use_selection_as(field, start, end)

    def use_selection_as(self, field: str, start: int, end: int) -> bool:
        """Set a field of the current record (value and evidence) from the text ``[start, end)``."""
        record, article = self.form.record, self.article_view.article
        if record is None or article is None:
            return False
        quoted, start, end = selection.strip_span(article.text, start, end)
        if not quoted:
            return False
        if field == "amount":
            return self.push(
                cmd.AddAmountCommand(self, record, quoted, span=(start, end)),
                on_error=self.form.amounts.show_error,
            )
        kind = FIELDS_BY_NAME[field].kind if field in FIELDS_BY_NAME else "text"
        value = selection.field_value(
            kind, field, quoted, selection.inside(self.article_view.mentions(), start, end)
        )
        parts = [
            cmd.SetFieldCommand(self, record, field, value),
            cmd.EvidenceCommand(self, record, field, [(start, end)]),
        ]
        label = cmd.FIELD_LABELS.get(field, field)
        return self.push(
            cmd.MacroCommand(self, f"use “{quoted[:30]}” as {label} of record {record.id}", parts),
            on_error=lambda message: self.form.show_field_error(field, message),
        )

    # ----------------------------------------------------------------------------- record actions

    def _on_new_record(self) -> None:
        span = self.article_view.selected_span()
        if span is not None:
            self.new_record_from_span(*span)
            return
        if self._create_record(text="new record"):
            self.form.rows["donor"].editor.setFocus()

    def _on_delete_record(self) -> None:
        record = self.form.record
        if record is not None:
            self.push(cmd.DeleteRecordCommand(self, record))

    def _set_status_and_advance(self, status: RecordStatus, *, across_articles: bool) -> None:
        refused = self.form.commit_pending()
        if refused:  # do not accept a record while a typed value beside it was refused
            self.statusBar().showMessage(f"Fix or undo the value marked in red first: {refused[0]}", 10000)
            return
        record = self.form.record
        if record is None:
            return
        record = self._current_record_for(record.id)
        if record is None:
            return
        if record.status != status:
            self.push(cmd.SetStatusCommand(self, record, status))
        self._go_to_next_pending(after=record.id, across_articles=across_articles)

    def _on_accept(self) -> None:
        self._set_status_and_advance(RecordStatus.ACCEPTED, across_articles=False)

    def _on_reject(self) -> None:
        self._set_status_and_advance(RecordStatus.REJECTED, across_articles=False)

    def _on_accept_and_next(self) -> None:
        self._set_status_and_advance(RecordStatus.ACCEPTED, across_articles=True)

    def _go_to_next_pending(self, *, after: int, across_articles: bool) -> None:
        records = list(self.records.records())
        position = next((i for i, r in enumerate(records) if r.id == after), -1)
        order = records[position + 1 :] + records[: max(position, 0)]
        following = next((r for r in order if r.status == RecordStatus.PENDING), None)
        if following is not None:
            self.select_record(following.id)
            return
        if not across_articles:
            self.statusBar().showMessage("Every record of this article is reviewed", 6000)
            return
        row = self.articles.row_of(self._article_id)
        pages = 0
        while True:
            for number in range(row + 1, self.articles.rowCount()):
                candidate = self.articles.article_at(number)
                if candidate is not None and candidate.n_pending > 0:
                    self._select_article_row(number)
                    return
            if not self.articles.canFetchMore() or pages >= 50:
                break
            row = self.articles.rowCount() - 1
            self.articles.fetchMore()
            pages += 1
        self.statusBar().showMessage("No unreviewed records left in the list", 8000)

    def _on_reset(self) -> None:
        record = self.form.record
        if record is None:
            return
        focused = self.form.focused_field()
        if focused == "amount" and self.form.amounts.amount is not None:
            self.push(
                cmd.ResetAmountCommand(self, record, self.form.amounts.amount),
                on_error=self.form.amounts.show_error,
            )
        elif focused and focused in record.curated_fields:
            self.push(cmd.ResetFieldCommand(self, record, focused))
        elif not self.push(cmd.ResetRecordCommand(self, record)):
            self.statusBar().showMessage("Nothing to reset: the record holds the extracted values", 5000)

    def _on_jump_evidence(self) -> None:
        record = self.form.record
        if record is not None:
            self._on_form_evidence_requested(record.id, self.form.focused_field() or "amount")

    def _on_find(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_focus_amount(self) -> None:
        line = self.form.amounts.line
        if line.isEnabled():
            line.setFocus(Qt.FocusReason.ShortcutFocusReason)
            line.selectAll()

    # ------------------------------------------------------------------------------ jobs

    def start_job(self, title: str, work: Work, on_success: Callable[[Any], None]) -> Job | None:
        """Run ``work`` in a worker thread behind a cancellable progress dialog."""
        if self.job is not None:
            self.statusBar().showMessage(f"Please wait: {self.job.title.lower()} is still running", 6000)
            return None
        self.form.commit_pending()
        job = Job(title, self.curator.engine, work, self)
        dialog = QProgressDialog(f"{title}…", "Cancel", 0, 0, self)
        dialog.setObjectName("progressDialog")
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(job.cancel)
        job.progress.connect(self._on_job_progress)
        job.succeeded.connect(on_success)
        job.failed.connect(self._on_job_failed)
        job.ended.connect(self._on_job_ended)
        self.job = job
        self.progress_dialog = dialog
        job.start()
        return job

    @Slot(int, int, str)
    def _on_job_progress(self, done: int, total: int, name: str) -> None:
        dialog = self.progress_dialog
        if dialog is None:
            return
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        if name:
            dialog.setLabelText(
                f"{self.job.title if self.job else ''}: {Path(name).name} ({done + 1} of {total})"
            )

    @Slot(str, str)
    def _on_job_failed(self, message: str, details: str) -> None:
        title = self.job.title if self.job else "Work"
        self.statusBar().showMessage(f"{title} failed: {message}", 15000)
        self.dialogs.error(f"{title} failed", message, details)

    @Slot()
    def _on_job_ended(self) -> None:
        title = self.job.title if self.job else ""
        if self.progress_dialog is not None:
            self.progress_dialog.reset()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        if self.job is not None:
            self.job.deleteLater()
        self.job = None
        self.job_ended.emit(title)

    def import_paths(self, paths: Sequence[str | os.PathLike[str]]) -> Job | None:
        """Import files and folders in the background."""
        chosen = [str(p) for p in paths]
        if not chosen:
            return None

        def work(curator: Curator, progress: Any, cancelled: Any) -> ImportReport:
            return curator.import_paths(chosen, progress=progress, cancel=cancelled)

        return self.start_job("Importing", work, self._on_import_succeeded)

    @Slot(object)
    def _on_import_succeeded(self, report: ImportReport) -> None:
        self.statusBar().showMessage(report.summary(), 15000)
        self.articles.reload()
        self._reload_languages()
        if report.article_ids:
            first = report.article_ids[0]
            row = self.articles.row_of(first)
            if row >= 0:
                self._select_article_row(row)
            else:
                self.show_article(first)
        elif not self._article_id:
            self.select_first_article()
        if report.failures:
            self.dialogs.report_failures("Some files were not imported", report.summary(), report.failures)

    def _on_import_files(self) -> None:
        self.import_paths(self.dialogs.open_files())

    def _on_import_folder(self) -> None:
        folder = self.dialogs.open_folder()
        if folder:
            self.import_paths([folder])

    def re_extract(self, article_ids: Sequence[int] | None) -> Job | None:
        ids = list(article_ids) if article_ids is not None else None

        def work(curator: Curator, progress: Any, cancelled: Any) -> ReExtractReport:
            return curator.re_extract(ids, progress=progress, cancel=cancelled)

        return self.start_job("Re-extracting", work, self._on_re_extract_succeeded)

    @Slot(object)
    def _on_re_extract_succeeded(self, report: ReExtractReport) -> None:
        # Records may have been replaced underneath the undo history: start it afresh.
        self.undo_stack.clear()
        self.statusBar().showMessage(
            f"Re-extracted {report.articles} articles: {report.records_added} records added, "
            f"{report.records_refreshed} refreshed, {report.records_kept} kept, {report.records_removed} removed"
            + (" (cancelled)" if report.cancelled else ""),
            15000,
        )
        current = self._article_id
        self.articles.reload()
        if current:
            self.show_article(current, record_id=self.form.record.id if self.form.record else None)
        if report.failures:
            self.dialogs.report_failures(
                "Some articles were not re-extracted",
                f"{len(report.failures)} articles failed",
                [(f"article {aid}", reason) for aid, reason in report.failures],
            )

    def _on_re_extract_article(self) -> None:
        if self._article_id:
            self.re_extract([self._article_id])

    def _on_re_extract_all(self) -> None:
        if self.dialogs.confirm(
            "Re-extract all articles?",
            "Run the extractor again over every article? Values you changed, and records "
            "you accepted or rejected, are kept. The undo history is cleared.",
        ):
            self.re_extract(None)

    def export(self, fmt: str, path: str | os.PathLike[str]) -> Job | None:
        status = "accepted" if self.export_accepted_only.isChecked() else "all"
        ids: list[int] | None = None
        query = self.articles.query
        if self.export_filtered.isChecked() and (query.search or query.review_state or query.language):
            ids = self.listing.article_ids(query)
        target = str(path)

        def work(curator: Curator, progress: Any, _cancelled: Any) -> tuple[int, str]:
            progress(0, 1, target)
            rows = curator.export(target, fmt, status=status, what="records", article_ids=ids)
            return rows, target

        return self.start_job("Exporting", work, self._on_export_succeeded)

    @Slot(object)
    def _on_export_succeeded(self, result: tuple[int, str]) -> None:
        rows, target = result
        self.statusBar().showMessage(f"Exported {rows} records to {target}", 15000)

    def _on_export(self, fmt: str) -> None:
        label, name_filter = next((lbl, flt) for f, lbl, flt in EXPORT_FORMATS if f == fmt)
        which = "accepted" if self.export_accepted_only.isChecked() else "all"
        path = self.dialogs.save_path(
            f"Export records as {label.rstrip('…')}", name_filter, f"aidcurator-records-{which}.{fmt}"
        )
        if path:
            if not Path(path).suffix:
                path = f"{path}.{fmt}"
            self.export(fmt, path)

    # -------------------------------------------------------------------------------- databases

    def open_database(self, path: str | os.PathLike[str]) -> bool:
        """Switch to another database (created and upgraded if needed)."""
        from aidcurator.curation import Curator

        if self.job is not None:
            self.statusBar().showMessage("Wait for the running task to finish first", 6000)
            return False
        self.form.commit_pending()
        try:
            curator = Curator.open(path)
        except Exception as exc:
            self.dialogs.error("Cannot open database", f"Cannot open {path}.", str(exc))
            self.prefs.forget_database(path)
            return False
        old = self.curator
        self.curator = curator
        self.database_path = str(path)
        self.undo_stack.clear()
        self._article_id = 0
        self.listing = ListingSource(curator.engine)
        self.articles.set_source(self.listing)
        self._reload_languages()
        self.show_article(0)
        old.close()
        if self.remember:
            self.prefs.remember_database(path)
        self._update_title()
        self.select_first_article()
        self.statusBar().showMessage(f"Opened {path}", 8000)
        self.offer_samples_if_empty()
        return True

    def offer_samples_if_empty(self) -> None:
        if (
            self.articles.progress[1] == 0
            and self.articles.rowCount() == 0
            and self.dialogs.confirm(
                "Load sample articles?",
                "This database has no articles yet. Load the bundled sample articles "
                "(Chinese and English news about aid projects) to try AidCurator?",
            )
        ):
            self.import_paths(sample_files())

    def _on_open_database(self) -> None:
        path = self.dialogs.open_database()
        if path:
            self.open_database(path)

    def _on_new_database(self) -> None:
        path = self.dialogs.new_database()
        if path:
            if Path(path).exists() and not self.dialogs.confirm(
                "Database exists", f"{path} exists. Open it?"
            ):
                return
            self.open_database(path)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.prefs.recent_databases()
        if not recent:
            empty = self.recent_menu.addAction("(none yet)")
            empty.setEnabled(False)
            return
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_database(p))

    # ------------------------------------------------------------------------------- help

    def shortcut_sections(self) -> list[tuple[str, list[QAction]]]:
        menus = (self.file_menu, self.edit_menu, self.record_menu, self.export_menu, self.help_menu)
        return [(m.title().replace("&", ""), [a for a in m.actions() if not a.isSeparator()]) for m in menus]

    def _on_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.shortcut_sections(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.shortcuts_dialog = dialog

    def _on_about(self) -> None:
        from aidcurator import __version__

        QMessageBox.about(self, "About AidCurator", about_text(__version__))

    # ------------------------------------------------------------------------------- events

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: Any) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)
        else:
            event.ignore()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.form.commit_pending()
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        self.save_layout()
        super().closeEvent(event)
