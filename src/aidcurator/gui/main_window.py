"""The workbench window: article list | article text | records and form.

The window lays out the panes and wires their signals to the :class:`WindowController`, which
holds the selection, runs the undoable commands, navigation and jobs; the window is the
controller's :class:`~aidcurator.gui.controller.View`. Actions and menus come from the table in
:mod:`aidcurator.gui.actions`. Nothing here writes SQL or parses amounts.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QProgressDialog, QScrollArea, QSplitter, QWidget

from aidcurator.curation import sample_files
from aidcurator.gui import actions as action_table
from aidcurator.gui.article_view import ArticleView
from aidcurator.gui.controller import WindowController
from aidcurator.gui.dashboard_host import install_dashboard
from aidcurator.gui.dialogs import Dialogs
from aidcurator.gui.list_session import REVEAL_ROWS, ListSession
from aidcurator.gui.list_sync import ListSync
from aidcurator.gui.menu_handlers import MenuHandlers
from aidcurator.gui.metadata_panel import install_metadata_panel
from aidcurator.gui.panes import ArticleListPane, RecordsPane
from aidcurator.gui.parties_panel import connect_parties
from aidcurator.gui.record_form import RecordForm
from aidcurator.gui.review_actions import ReviewActions
from aidcurator.gui.row_selection import select_row
from aidcurator.gui.settings import APP_NAME, Preferences, default_settings
from aidcurator.gui.shortcut_guard import ShortcutGuard
from aidcurator.gui.window_layout import WindowLayout

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from aidcurator.curation import Curator
    from aidcurator.domain.views import ArticleQuery, MentionView, RecordView
    from aidcurator.domain.views import ArticleView as ArticleData
    from aidcurator.gui.workers import Job

__all__ = ["MainWindow", "sample_files"]


class MainWindow(WindowLayout, ListSync, ListSession, MenuHandlers, QMainWindow):
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
        self.database_path = str(database_path) if database_path else None
        self.prefs = Preferences(settings if settings is not None else default_settings())
        self.remember = remember
        self.dialogs = Dialogs(self)
        self.progress_dialog: QProgressDialog | None = None
        self.controller = WindowController(curator, self, page_size=page_size)
        self.undo_stack = self.controller.undo_stack
        self.articles = self.controller.articles
        for owned in (self.undo_stack, self.articles):
            owned.setParent(self)  # they go with the window

        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)
        self._build_widgets()
        self.metadata = install_metadata_panel(self)  # article details above the text (Ctrl+I)
        self.dashboard = install_dashboard(self)  # charts of the totals (View ▸ Dashboard)
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        undo.setObjectName("undo")
        redo.setObjectName("redo")
        self.review = ReviewActions(self, self.controller)
        self.actions: dict[str, QAction] = action_table.build_actions(self, {"undo": undo, "redo": redo})
        self.export_accepted_only = self.actions["export_accepted_only"]
        self.export_all = self.actions["export_all"]
        self.export_filtered = self.actions["export_filtered"]
        self.menus = action_table.build_menus(self, self.menuBar(), self.actions)
        self.form.accept_button.setDefaultAction(self.actions["accept"])
        self.form.reject_button.setDefaultAction(self.actions["reject"])
        self._connect()
        self._install_shortcut_guard()
        self._set_tab_order()
        self._restore_layout()
        self._update_title()
        self.statusBar().showMessage("Ready. Every change is saved at once; Ctrl+Z undoes it.")
        self.controller.start()
        self._update_actions()

    # ------------------------------------------------------------------------------------ building

    def _build_widgets(self) -> None:
        self.list_pane = ArticleListPane(self.articles)
        self.search, self.search_timer = self.list_pane.search, self.list_pane.search_timer
        self.state_filter, self.language_filter = self.list_pane.state_filter, self.list_pane.language_filter
        self.article_table, self.progress_label = self.list_pane.table, self.list_pane.progress_label
        self.article_view = ArticleView()
        self.records_pane = RecordsPane()
        self.records, self.record_table = self.records_pane.records, self.records_pane.table
        self.records_label = self.records_pane.label
        self.form = RecordForm(self.curator.amount_parser)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("rightSplitter")
        self.right_splitter.addWidget(self.records_pane)
        self.right_splitter.addWidget(self.form_scroll)
        self.right_splitter.setStretchFactor(0, 1)
        self.right_splitter.setStretchFactor(1, 3)
        self.right_splitter.setSizes([180, 620])
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.setObjectName("mainSplitter")
        for number, (pane, stretch) in enumerate(
            ((self.list_pane, 0), (self.article_view, 1), (self.right_splitter, 0))
        ):
            self.main_splitter.addWidget(pane)
            self.main_splitter.setStretchFactor(number, stretch)
        self._layout_restored = False
        self._emptied_by_list = False
        self._track_position = False  # until the session has resumed (or started at the top)
        self.setCentralWidget(self.main_splitter)
        self.resize(1440, 860)

    def _connect(self) -> None:
        c, form, amounts = self.controller, self.form, self.form.amounts
        self.list_pane.results_requested.connect(self.enter_results)
        self.search_timer.timeout.connect(self.apply_query)
        self.state_filter.activated.connect(lambda _index: self.apply_query())
        self.language_filter.activated.connect(lambda _index: self.apply_query())
        self.articles.modelReset.connect(self._follow_list)
        self.article_table.selectionModel().currentRowChanged.connect(self._on_article_row_changed)
        self.record_table.selectionModel().currentRowChanged.connect(self._on_record_row_changed)
        self.article_view.mention_clicked.connect(c.mention_clicked)
        self.article_view.new_record_requested.connect(c.new_record_from_span)
        self.article_view.use_as_requested.connect(c.use_selection_as)
        form.field_committed.connect(c.set_field)
        form.reset_field_requested.connect(c.reset_field)
        form.evidence_requested.connect(c.jump_to_evidence)
        form.status_chosen.connect(c.set_status)
        form.parties.evidence_requested.connect(self.article_view.select_span)  # parties hook
        connect_parties(form.parties, c)  # parties hook: role changes and removals, undoable
        amounts.text_committed.connect(c.set_amount_text)
        amounts.option_chosen.connect(c.set_amount_option)
        amounts.reset_requested.connect(c.reset_amount)
        amounts.delete_requested.connect(c.delete_amount)
        amounts.evidence_requested.connect(c.jump_to_evidence)
        amounts.amount_selected.connect(c.choose_amount)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._reveal_focus)
        self.undo_stack.cleanChanged.connect(lambda _clean: self._update_actions())
        self.undo_stack.indexChanged.connect(lambda _index: self._update_actions())

    def _set_tab_order(self) -> None:
        """Left to right: search, filters, article list, article text, records, then the form."""
        chain = [self.search, self.state_filter, self.language_filter, self.article_table]
        chain += [self.article_view.text, self.record_table, *self.form.tab_chain()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        for view in (self.article_table, self.record_table, self.form.amounts.table):
            view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it

    def _install_shortcut_guard(self) -> None:
        undo_keys = [*self.actions["undo"].shortcuts(), *self.actions["redo"].shortcuts()]
        self.shortcut_guard = ShortcutGuard(action_table.guarded_sequences(self.actions), undo_keys, self)
        editors: list[QWidget] = [self.search, self.form.amounts.line, self.form.amounts.value_max]
        editors += [row.editor for row in self.form.rows.values()]
        editors += list(self.metadata.panel.editors.values())
        for editor in editors:
            editor.installEventFilter(self.shortcut_guard)

    def _update_title(self) -> None:
        """``file.db — AidCurator``: ending with the application's display name, so the platform
        does not append it a second time."""
        name = Path(self.database_path).name if self.database_path else "database"
        self.setWindowTitle(f"{name} — {APP_NAME}")

    def _update_actions(self) -> None:
        has_record, has_article = self.controller.record is not None, self.controller.article_id != 0
        for name in ("delete_record", "accept", "reject", "accept_next", "reset", "jump_evidence"):
            self.actions[name].setEnabled(has_record)
        for name in ("new_record", "re_extract_article"):
            self.actions[name].setEnabled(has_article)
        self.article_view.record_fields_enabled = has_record

    # ------------------------------------------------------------------- state (for callers and tests)

    @property
    def curator(self) -> Curator:
        return self.controller.curator

    @property
    def current_article_id(self) -> int:
        return self.controller.article_id

    @property
    def current_record(self) -> RecordView | None:
        return self.controller.record

    @property
    def job(self) -> Job | None:
        return self.controller.jobs.job

    def current_query(self) -> ArticleQuery:
        return self.articles.query

    def apply_query(self) -> None:
        self.search_timer.stop()
        query = self.list_pane.query()
        if query != self.articles.query:
            self.articles.set_query(query)

    def select_article_row(self, row: int) -> None:
        select_row(self.article_table, row)

    def select_first_article(self) -> bool:
        self._track_position = True
        return self.controller.select_first_article()

    def select_record(self, record_id: int, amount_id: int | None = None) -> None:
        self.controller.select_record(record_id, amount_id)

    # ------------------------------------------------------------------------ the View protocol

    def commit_pending(self) -> list[str]:
        return self.form.commit_pending()

    def show_article(self, article: ArticleData | None, mentions: Sequence[MentionView]) -> None:
        if article is not None and self.articles.row_of(article.id) < 0 and self.articles.holds(article.id):
            self.articles.load_until(article.id, REVEAL_ROWS)  # so that its row can be marked
        self.list_pane.select_article(article.id if article is not None else 0, fetch=True)
        self.article_view.show_article(article, mentions)
        self._update_actions()
        self.article_shown.emit(article.id if article is not None else 0)

    def show_records(self, records: Sequence[RecordView]) -> None:
        self.records_pane.show_records(records)

    def update_record(self, record: RecordView) -> None:
        self.records_pane.update_record(record)

    def show_record(self, record: RecordView | None, amount_id: int | None) -> None:
        self.records_pane.select_record(record.id if record is not None else None)
        self.form.show_record(record, keep_amount=amount_id)
        # parties hook: the record's organisations with their roles, their words marked strongly
        parties = (
            self.controller.curator.record_parties(record.id) if record is not None and record.id else []
        )
        self.form.parties.show_parties(parties)
        spans: list[tuple[str, int, int]] = [
            ("party", p.start, p.end) for p in parties if p.start is not None and p.end is not None
        ]
        if record is not None:
            spans += [(ev.field, ev.start, ev.end) for ev in record.evidence]
            spans += [
                ("amount", a.start, a.end)
                for a in record.amounts
                if a.start is not None and a.end is not None
            ]
        self.article_view.set_record_spans(spans)
        self._update_actions()
        self._remember_position()
        self.record_shown.emit(record.id if record else 0)

    def show_status_message(self, text: str, timeout_ms: int = 8000) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def show_error(self, title: str, text: str, details: str = "") -> None:
        self.dialogs.error(title, text, details)

    def show_field_error(self, field: str, message: str) -> None:
        self.form.show_field_error(field, message)

    def show_amount_error(self, message: str, *, revert_options: bool = False) -> None:
        if revert_options:
            self.form.amounts.revert_options()  # the choice was not saved: show what is stored
        self.form.amounts.show_error(message)

    def report_failures(self, title: str, summary: str, failures: Sequence[tuple[str, str]]) -> None:
        self.dialogs.report_failures(title, summary, failures)

    def ask(self, title: str, question: str) -> bool:
        return self.dialogs.confirm(title, question)

    def focused_field(self) -> str | None:
        return self.form.focused_field()

    def focus_field(self, name: str) -> None:
        self.form.rows[name].editor.setFocus()

    def selected_span(self) -> tuple[int, int] | None:
        return self.article_view.selected_span()

    def select_span(self, start: int, end: int) -> None:
        self.article_view.select_span(start, end)

    def reveal_span(self, start: int, end: int) -> None:
        self.article_view.reveal_span(start, end)

    def set_languages(self, languages: Sequence[str]) -> None:
        self.list_pane.set_languages(languages)

    def set_busy(self, title: str | None, cancel: Callable[[], None] | None) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.reset()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        if title is None:
            return
        dialog = self.dialogs.progress(title, cancel)
        self.progress_dialog = dialog

    def show_progress(self, done: int, total: int, text: str) -> None:
        dialog = self.progress_dialog
        if dialog is None:
            return
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))
        if text:
            dialog.setLabelText(text)

    def job_finished(self, title: str) -> None:
        self.job_ended.emit(title)

    def database_opened(self, path: str) -> None:
        self.database_path = path
        self._track_position = False  # until resume_session() has run for it
        if self.remember:
            self.prefs.remember_database(path)
        self._update_title()
        self.dashboard.database_changed()

    def database_failed(self, path: str) -> None:
        self.prefs.forget_database(path)

    # ------------------------------------------------------------------------------- events

    def closeEvent(self, event: QCloseEvent) -> None:
        self.form.commit_pending()
        self.controller.jobs.cancel_and_wait()
        self.dashboard.close()
        self.save_layout()
        super().closeEvent(event)
