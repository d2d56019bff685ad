"""The Projects panel: the project list, a project's members, fields and status history, duplicate
proposals, merge / split / not-the-same, its parties (its own and its records', with the source), and the curator's own facts (review status, umbrella,
parent, recommended override, dates: :mod:`aidcurator.gui.project_facts`) with their own undo stack.

Every button calls one :mod:`aidcurator.curation.changes` project change wrapped in a
``QUndoCommand`` (applied before it is pushed, so a refused change never reaches the stack); the
panel keeps its own ``QUndoStack`` because project steps change no article or record the record
form shows. Errors and conflicts go to :meth:`ProjectsPanel.show_message` (a label), never a modal
dialog. The queries run on the GUI thread: a minimal panel (proposals over a very large database
belong in a worker).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QItemSelectionModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aidcurator.curation import changes
from aidcurator.curation.project_facts import facts_from_text
from aidcurator.domain.project_views import history_text
from aidcurator.gui.panel_command import PanelCommand
from aidcurator.gui.project_columns import (
    FIELD_COLUMNS,
    MEMBER_COLUMNS,
    PARTY_COLUMNS,
    PROJECT_COLUMNS,
    PROPOSAL_COLUMNS,
)
from aidcurator.gui.project_facts import ProjectFactsForm
from aidcurator.gui.rows_model import ObjectRole, RowsModel, rows_table

__all__ = ["ObjectRole", "ProjectsPanel", "RowsModel", "show_projects_dock"]

if TYPE_CHECKING:
    from aidcurator.curation import Curator
    from aidcurator.domain.dashboard import ChartFilter
    from aidcurator.domain.project_views import ProjectView


class ProjectCommand(PanelCommand):
    """One project change on the panel's undo stack."""

    def apply(self) -> bool:
        applied = super().apply()
        self.setText(self.change.text)
        return applied

    def done(self, verb: str) -> None:
        self.panel.after_change(self.change, verb)

    def failed(self) -> None:
        self.panel.refresh()


class ProjectsPanel(QWidget):
    """Projects, their members, fields and history; proposals; merge, split, not the same."""

    # no arguments: the curator cleared the dashboard bar's filter from this panel
    chart_filter_cleared = Signal()

    def __init__(self, curator: Callable[[], Curator], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectsPanel")
        self._curator = curator
        self.undo_stack = QUndoStack(self)
        self.projects = RowsModel(PROJECT_COLUMNS, self)
        self.members = RowsModel(MEMBER_COLUMNS, self)
        self.fields = RowsModel(FIELD_COLUMNS, self)
        self.parties = RowsModel(PARTY_COLUMNS, self)
        self.proposals = RowsModel(PROPOSAL_COLUMNS, self)
        self.current: ProjectView | None = None
        self.chart_filter: ChartFilter | None = None
        self._build()
        self.restore_history()
        self.refresh()

    @property
    def curator(self) -> Curator:
        return self._curator()

    # ---------------------------------------------------------------------------- building

    def _button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search projects (title, donor, recipient)")
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(250)
        self.search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.chart_label = QLabel()
        self.chart_label.setObjectName("projectsChartFilter")
        self.chart_clear = self._button(
            "Show all projects", "projectsChartClear", self.chart_filter_cleared.emit
        )
        self.chart_row = QWidget()
        chart_layout = QHBoxLayout(self.chart_row)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        chart_layout.addWidget(self.chart_label, 1)
        chart_layout.addWidget(self.chart_clear)
        self.chart_row.setVisible(False)
        self.project_table = rows_table(self.projects, "projectTable", multi=True)
        self.project_table.selectionModel().selectionChanged.connect(lambda *_: self._on_projects_selected())
        self.member_table = rows_table(self.members, "memberTable", multi=True)
        self.field_table = rows_table(self.fields, "fieldTable")
        self.party_table = rows_table(self.parties, "projectPartyTable")
        self.proposal_table = rows_table(self.proposals, "proposalTable")
        self.history = QLabel()
        self.history.setObjectName("statusHistory")
        self.history.setWordWrap(True)
        self.facts = ProjectFactsForm()
        self.facts.save_requested.connect(self.save_facts)
        self.message = QLabel()
        self.message.setObjectName("projectsMessage")
        self.message.setWordWrap(True)

        self.merge_button = self._button("Merge selected projects", "mergeProjects", self.merge_selected)
        self.split_button = self._button("Split record out", "splitRecord", self.split_selected)
        self.not_same_button = self._button("Not the same", "notSame", self.not_same_selected)
        self.propose_button = self._button("Find duplicates", "findDuplicates", self.find_duplicates)
        self.apply_button = self._button("Same project", "applyProposal", self.apply_selected_proposal)
        self.reject_button = self._button("Not the same", "rejectProposal", self.reject_selected_proposal)
        self.undo_button = self._button("Undo", "projectsUndo", self.undo_stack.undo)
        self.redo_button = self._button("Redo", "projectsRedo", self.undo_stack.redo)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.chart_row)
        left_layout.addWidget(self.project_table, 3)  # the list first; proposals below it
        row = QHBoxLayout()
        for button in (self.merge_button, self.undo_button, self.redo_button):
            row.addWidget(button)
        left_layout.addLayout(row)
        left_layout.addWidget(self.proposal_table, 1)
        row = QHBoxLayout()
        for button in (self.propose_button, self.apply_button, self.reject_button):
            row.addWidget(button)
        left_layout.addLayout(row)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(QLabel("Records (sources)"))
        right_layout.addWidget(self.member_table, 1)
        row = QHBoxLayout()
        row.addWidget(self.split_button)
        row.addWidget(self.not_same_button)
        right_layout.addLayout(row)
        right_layout.addWidget(QLabel("Fields and their sources"))
        right_layout.addWidget(self.field_table, 2)
        right_layout.addWidget(QLabel("Parties (the project's and its records')"))
        right_layout.addWidget(self.party_table, 1)
        right_layout.addWidget(QLabel("Status history"))
        right_layout.addWidget(self.history)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(_scrolling(right))  # tall columns scroll: the dock fits a 720-pixel screen
        facts = QWidget()
        facts_layout = QVBoxLayout(facts)
        facts_layout.addWidget(QLabel("Curator's facts"))
        facts_layout.addWidget(self.facts, 1)
        splitter.addWidget(_scrolling(facts))
        splitter.widget(2).setMaximumWidth(440)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

    # ---------------------------------------------------------------------------- showing

    def refresh(self, select: int | None = None) -> None:
        """Reload the list (keeping or moving the selection) and the shown project."""
        keep = select if select is not None else (self.current.id if self.current else None)
        self.projects.set_rows(
            self.curator.projects(search=self.search.text(), limit=1000, chart=self.chart_filter)
        )
        row = next((i for i, p in enumerate(self.projects.rows) if p.id == keep), None)
        if row is not None:  # (selectRow would follow held keyboard modifiers)
            flags = QItemSelectionModel.SelectionFlag
            self.project_table.selectionModel().select(
                self.projects.index(row, 0), flags.ClearAndSelect | flags.Rows
            )
        self._show(keep if row is not None else None)

    def set_chart_filter(self, chart: ChartFilter | None) -> None:
        """List only the projects of a dashboard bar (None: all), as the article list does."""
        if chart == self.chart_filter:
            return
        self.chart_filter = chart
        self.chart_label.setText(f"Bar: {chart.describe()}" if chart is not None else "")
        self.chart_row.setVisible(chart is not None)
        self.refresh()

    def _selected(self, table: QTableView) -> list[Any]:
        rows = sorted({index.row() for index in table.selectionModel().selectedRows()})
        return [table.model().index(r, 0).data(ObjectRole) for r in rows]

    def _on_projects_selected(self) -> None:
        chosen = self._selected(self.project_table)
        self._show(chosen[-1].id if chosen else None)

    def _show(self, project_id: int | None) -> None:
        self.current = self.curator.project(project_id) if project_id is not None else None
        view = self.current
        self.members.set_rows(view.members if view else [])
        self.fields.set_rows(self.curator.project_field_values(view.id) if view else [])
        self.parties.set_rows(view.parties if view else [])
        self.history.setText(history_text(view.events) if view and view.events else "—")
        self.facts.load(view)

    def restore_history(self) -> int:
        """Put this curator's project changes of earlier sessions on the stack (oldest at the bottom)."""
        try:
            restored = changes.restored_project_changes(self.curator)
        except Exception as error:  # an unreadable history never keeps the panel from opening
            self.show_message(f"Earlier project changes cannot be undone: {error}")
            return 0
        for change in reversed(restored):
            self.undo_stack.push(ProjectCommand(self, change, restored=True))
        self.undo_stack.setClean()
        return len(restored)

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def after_change(self, change: changes.Change, verb: str) -> None:
        focus = getattr(change, "project_id", None)
        self.refresh(select=focus)
        if self.proposals.rows:
            self.find_duplicates()
        self.show_message(f"{verb}: {change.text}")

    # ---------------------------------------------------------------------------- actions

    def push(self, change: changes.Change) -> bool:
        """Apply a change now and put it on the stack; a refused change shows its reason."""
        command = ProjectCommand(self, change)
        try:
            changed = command.apply()
        except Exception as error:  # ValueError, ConflictError, NotFoundError: the core refused it
            self.show_message(f"Not done: {error}")
            if type(error) is not ValueError:  # a plain refusal keeps what was typed in the form
                self.refresh()
            return False
        if not changed:
            self.show_message("Nothing changed")
            return False
        self.undo_stack.push(command)
        return True

    def merge_selected(self) -> None:
        chosen = sorted(self._selected(self.project_table), key=lambda row: row.id)
        if len(chosen) != 2:
            self.show_message("Select two projects to merge (the lower id is kept)")
            return
        keep, other = (self.curator.project(row.id) for row in chosen)
        self.push(changes.MergeProjects(keep, other))

    def split_selected(self) -> None:
        chosen = self._selected(self.member_table)
        if self.current is None or len(chosen) != 1:
            self.show_message("Select one record of the project to split it out")
            return
        self.push(changes.SplitRecord(self.current, chosen[0].record_id))

    def not_same_selected(self) -> None:
        chosen = self._selected(self.member_table)
        if len(chosen) != 2:
            self.show_message("Select two records that are not the same project")
            return
        self.push(changes.MarkNotSame(chosen[0].record_id, chosen[1].record_id))

    def save_facts(self) -> None:
        """Apply the facts changed in the form as one undoable change (a bad value: its message)."""
        if self.current is None:
            self.show_message("Select a project first")
            return
        try:
            facts = facts_from_text(self.facts.changed_text())
        except ValueError as error:
            self.show_message(f"Not saved: {error}")
            return
        if not facts:
            self.show_message("Nothing changed")
            return
        self.push(changes.SetProjectFacts(self.current, facts))

    def find_duplicates(self) -> None:
        self.show_proposals(self.curator.propose_duplicates())

    def show_proposals(self, proposals: Sequence[Any]) -> None:
        """List duplicate proposals (found here, or by the import job) and say how many."""
        self.proposals.set_rows(proposals)
        count = len(self.proposals.rows)
        self.show_message(f"{count} possible duplicate{'s' if count != 1 else ''}")

    def apply_selected_proposal(self) -> None:
        chosen = self._selected(self.proposal_table)
        if not chosen:
            self.show_message("Select a proposal first")
            return
        self.push(changes.ApplyProposal(chosen[0]))

    def reject_selected_proposal(self) -> None:
        chosen = self._selected(self.proposal_table)
        if not chosen:
            self.show_message("Select a proposal first")
            return
        self.push(changes.MarkNotSame(*chosen[0].records))


def _scrolling(column: QWidget) -> QScrollArea:
    """``column`` in a frameless scroll area that resizes it, so its height asks nothing of the dock."""
    area = QScrollArea()
    area.setWidget(column)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


def show_projects_dock(window: Any) -> ProjectsPanel:
    """Show the Projects panel in a dock of the main window (made on first use), refreshed."""
    dock = getattr(window, "projects_dock", None)
    if dock is None:
        dock = QDockWidget("Projects", window)
        dock.setObjectName("projectsDock")
        panel = ProjectsPanel(lambda: window.curator, dock)
        dashboard = getattr(window, "dashboard", None)
        if dashboard is not None:  # the panel's "Show all projects" clears the bar everywhere
            panel.chart_filter_cleared.connect(lambda: dashboard.apply_filter(None))
        dock.setWidget(panel)
        assert isinstance(window, QMainWindow)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        window.projects_dock = dock
    panel = dock.widget()
    assert isinstance(panel, ProjectsPanel)
    articles = getattr(window, "articles", None)
    chart = getattr(getattr(articles, "query", None), "chart", None)
    if chart != panel.chart_filter:
        panel.set_chart_filter(chart)  # the article list's bar filter, if any
    else:
        panel.refresh()
    dock.show()
    dock.raise_()
    return panel
