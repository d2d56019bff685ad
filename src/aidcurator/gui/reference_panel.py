"""The Reconciliation panel: for one project, the reference projects (AidData) it most likely is,
with score and reasons; Confirm / Reject / Clear go through the window's undo stack.

Matching reads every reference of the database, so it runs in a :class:`~aidcurator.gui.workers.Job`
(a worker thread); the panel shows the candidates when it is done and :attr:`ReconcilePanel.shown`
fires once the worker has ended. Confirm and Reject wrap :class:`~aidcurator.curation.reconcile.ConfirmReference` /
``RejectReference`` in a ``QUndoCommand`` applied before it is pushed (a refused change never
reaches the stack). The panel follows a project chosen in its own list, or, once
:meth:`ReconcilePanel.follow` is called with the Projects panel's table, the project selected there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from aidcurator.curation.reconcile import ConfirmReference, RejectReference
from aidcurator.gui.panel_command import Change, PanelCommand
from aidcurator.gui.reference_model import CandidatesModel, reference_text
from aidcurator.gui.workers import Job

if TYPE_CHECKING:
    from aidcurator.curation import Curator
    from aidcurator.domain.reconcile import Candidate, ReferenceFacts

#: How many candidates a project shows.
TOP = 5


@dataclass(frozen=True, slots=True)
class Matched:
    """What the matching worker hands back (plain data)."""

    project_id: int
    candidates: tuple[Candidate, ...]
    references: dict[int, ReferenceFacts]
    confirmed: int | None
    score: float | None
    others: dict[int, list[int]]  # reference id -> other projects that confirmed it
    have_references: bool


class ReferenceCommand(PanelCommand):
    """A confirmation or rejection on the window's undo stack; each step refreshes the panel."""

    def __init__(self, panel: ReconcilePanel, change: Change, text: str | None = None) -> None:
        super().__init__(panel, change, text)
        self.project_id: int = change.project_id  # type: ignore[attr-defined]

    def done(self, verb: str) -> None:
        self.panel.after_change(self, verb)

    def failed(self) -> None:
        self.panel.show_project(self.project_id)


class ReconcilePanel(QWidget):
    """One project's reference candidates and its confirmed reference."""

    # project id whose candidates are now on screen
    shown = Signal(int)

    def __init__(
        self,
        curator: Callable[[], Curator],
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
        *,
        status: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reconcilePanel")
        self._curator = curator
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._status = status
        self.project_id: int | None = None
        self.job: Job | None = None
        self._pending: int | None = None
        self.model = CandidatesModel(self)
        self._database = id(curator())
        self._build()

    @property
    def curator(self) -> Curator:
        return self._curator()

    def _build(self) -> None:
        self.picker = QComboBox()
        self.picker.setObjectName("reconcileProject")
        self.picker.setMinimumContentsLength(30)
        self.picker.activated.connect(lambda _index: self._on_picker_activated())
        self.reload_button = QPushButton("Match again")
        self.reload_button.setObjectName("reconcileMatch")
        self.reload_button.clicked.connect(lambda: self.show_project(self.project_id))
        self.confirmed = QLabel()
        self.confirmed.setObjectName("confirmedReference")
        self.confirmed.setWordWrap(True)
        self.confirmed.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableView()
        self.table.setObjectName("candidateTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self.confirm_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_reasons())
        self.reasons = QLabel()
        self.reasons.setObjectName("candidateReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confirm_button = QPushButton("Confirm")
        self.confirm_button.setObjectName("confirmReference")
        self.confirm_button.setToolTip("This project is the selected reference (Ctrl+Z undoes it)")
        self.confirm_button.clicked.connect(self.confirm_selected)
        self.reject_button = QPushButton("Reject")
        self.reject_button.setObjectName("rejectReference")
        self.reject_button.setToolTip("Not this reference: it is not proposed for this project again")
        self.reject_button.clicked.connect(self.reject_selected)
        self.clear_button = QPushButton("Clear confirmation")
        self.clear_button.setObjectName("clearReference")
        self.clear_button.clicked.connect(self.clear_confirmed)
        self.count = QLabel()
        self.count.setObjectName("candidateCount")
        self.message = QLabel()
        self.message.setObjectName("reconcileMessage")
        self.message.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(QLabel("Project"))
        top.addWidget(self.picker, 1)
        top.addWidget(self.reload_button)
        buttons = QHBoxLayout()
        for button in (self.confirm_button, self.reject_button, self.clear_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reasons)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self._update_buttons()

    # ---------------------------------------------------------------------------- the project list

    def reload_projects(self) -> None:
        """Fill the project list (keeping the shown project)."""
        self.picker.clear()
        for row in self.curator.projects(limit=1000):
            facts = ", ".join(str(f) for f in (row.recipient, row.commitment_year) if f)
            label = f"#{row.id} {row.title or '(no title)'}" + (f" — {facts}" if facts else "")
            self.picker.addItem(label, row.id)
        self._select_in_picker(self.project_id)

    def _select_in_picker(self, project_id: int | None) -> None:
        index = self.picker.findData(project_id) if project_id is not None else -1
        self.picker.setCurrentIndex(index)

    def _on_picker_activated(self) -> None:
        project_id = self.picker.currentData()
        if isinstance(project_id, int) and project_id != self.project_id:
            self.show_project(project_id)

    def follow(self, table: QTableView, current: Callable[[], int | None]) -> None:
        """Show the project selected in another view (the Projects panel's table): ``current()``
        gives its id after each selection change."""
        table.selectionModel().selectionChanged.connect(lambda *_: self._follow(current()))

    def _follow(self, project_id: int | None) -> None:
        if project_id is not None and project_id != self.project_id:
            self.show_project(project_id)

    # ---------------------------------------------------------------------------- showing

    def show_project(self, project_id: int | None) -> None:
        """Show a project's confirmed reference and match it in the background (None: nothing)."""
        if project_id != self.project_id:
            self.message.clear()  # a message is about the project it was shown with
        self.project_id = project_id
        if self.picker.findData(project_id) < 0 and project_id is not None:
            self.reload_projects()
        self._select_in_picker(project_id)
        if project_id is None:
            self.model.set_candidates([], {}, None)
            self._show_reasons()
            self.confirmed.setText("Choose a project to see the reference projects it may be.")
            self._update_buttons()
            return
        if self.job is not None:  # one match at a time; the latest request runs next
            self._pending = project_id
            return
        self._start_matching(project_id)

    def _start_matching(self, project_id: int) -> None:
        def work(curator: Curator, _progress: Any, _cancelled: Any) -> Matched:
            matches = curator.match_projects([project_id], limit=TOP)
            candidates = matches[0].candidates if matches else ()
            confirmed, score, _version = curator.project_reference(project_id)
            ids = [c.reference_id for c in candidates] + ([confirmed] if confirmed is not None else [])
            others = {
                ref: [p for p in projects if p != project_id]
                for ref, projects in curator.projects_confirming(ids).items()
            }
            return Matched(
                project_id,
                tuple(candidates),
                curator.references(ids),
                confirmed,
                score,
                {ref: projects for ref, projects in others.items() if projects},
                bool(curator.reference_datasets()),
            )

        self.count.setText("Matching…")
        job = Job("Matching", self.curator, work)
        job.succeeded.connect(self._on_matched)
        job.failed.connect(lambda message, _details: self.show_message(f"Matching failed: {message}"))
        job.ended.connect(self._on_job_ended)
        self.job = job
        job.start()

    def _on_matched(self, result: Matched) -> None:
        if result.project_id != self.project_id:
            return
        candidates = result.candidates
        self.model.set_candidates(candidates, result.references, result.confirmed, result.others)
        if result.confirmed is None:
            self.confirmed.setText("No reference confirmed for this project yet.")
        else:
            score = f" (score {result.score:.2f})" if result.score is not None else ""
            self.confirmed.setText(
                f"Confirmed: {reference_text(result.references.get(result.confirmed))}{score}"
            )
        if not candidates:
            none = "no reference projects imported yet (File ▸ Import reference dataset…)"
            self.count.setText("No candidate" if result.have_references else f"No candidate: {none}")
        else:
            plural = "s" if len(candidates) != 1 else ""
            self.count.setText(f"{len(candidates)} candidate{plural}, best first")
            self.table.selectRow(0)
        for column in range(self.model.columnCount() - 1):  # the reasons stretch (and show below)
            self.table.resizeColumnToContents(column)
        self._show_reasons()
        self._update_buttons()

    def _on_job_ended(self) -> None:
        if self.job is not None:
            self.job.deleteLater()
        self.job = None
        pending, self._pending = self._pending, None
        if pending is not None:
            self._start_matching(pending)
        elif self.project_id is not None:
            self.shown.emit(self.project_id)  # the worker thread has ended too

    def wait(self) -> None:
        """Let a running match finish (before the window closes)."""
        if self.job is not None:
            self.job.wait()

    def check_database(self) -> None:
        """After the window switched databases: forget the project shown and list the new ones."""
        if id(self.curator) == self._database:
            return
        self._database = id(self.curator)
        self.message.clear()
        self.project_id = None
        self.reload_projects()
        self.show_project(self.picker.itemData(0) if self.picker.count() else None)

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        if self._status is not None:
            self._status(text)

    def _update_buttons(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.confirm_button.setEnabled(has_rows)
        self.reject_button.setEnabled(has_rows)
        self.clear_button.setEnabled(self.model.confirmed is not None)

    # ---------------------------------------------------------------------------- actions

    def selected(self) -> Candidate | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.candidates[rows[0].row()] if rows else None

    def _show_reasons(self) -> None:
        chosen = self.selected()
        if chosen is None:
            self.reasons.clear()
            return
        taken = self.model.taken_by(chosen.reference_id)
        also = f" (already confirmed for {taken})" if taken else ""
        self.reasons.setText(f"Why {chosen.dataset} #{chosen.ref_id}{also}: " + "; ".join(chosen.reasons))

    def push(self, change: Change, text: str | None = None) -> bool:
        """Apply a change now and put it on the undo stack; a refused change shows its reason."""
        command = ReferenceCommand(self, change, text)
        try:
            changed = command.apply()
        except Exception as error:  # ConflictError, NotFoundError: the core refused it
            self.show_message(f"Not done: {error}")
            self.show_project(self.project_id)
            return False
        if not changed:
            self.show_message("Nothing changed")
            return False
        self.undo_stack.push(command)
        return True

    def confirm_selected(self) -> None:
        chosen = self.selected()
        if self.project_id is None or chosen is None:
            self.show_message("Select a candidate first")
            return
        self.push(
            ConfirmReference(self.project_id, chosen.reference_id, chosen.score),
            f"confirm {chosen.dataset} #{chosen.ref_id} for project {self.project_id}",
        )

    def reject_selected(self) -> None:
        chosen = self.selected()
        if self.project_id is None or chosen is None:
            self.show_message("Select a candidate first")
            return
        self.push(
            RejectReference(self.project_id, chosen.reference_id),
            f"reject {chosen.dataset} #{chosen.ref_id} for project {self.project_id}",
        )

    def clear_confirmed(self) -> None:
        if self.project_id is not None:
            self.push(
                ConfirmReference(self.project_id, None, None),
                f"clear the reference of project {self.project_id}",
            )

    def after_change(self, command: ReferenceCommand, verb: str) -> None:
        self.show_message(f"{verb}: {command.text()}")
        self.show_project(command.project_id)
