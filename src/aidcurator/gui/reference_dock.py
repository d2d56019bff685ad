"""The Reconciliation panel's dock in the main window: made on first use, tabbed beside the Projects
panel and following its selection."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTableView

from aidcurator.gui.reference_panel import ReconcilePanel

__all__ = ["follow_projects_panel", "show_reconcile_dock"]


def show_reconcile_dock(window: Any) -> ReconcilePanel:
    """Show the Reconciliation panel in a dock of the main window (made on first use); it uses the
    window's undo stack and follows the Projects panel's selection when that panel is open."""
    dock = getattr(window, "reconcile_dock", None)
    if dock is None:
        dock = QDockWidget("Reconciliation with AidData", window)
        dock.setObjectName("reconcileDock")
        panel = ReconcilePanel(
            lambda: window.curator,
            window.undo_stack,
            dock,
            status=lambda text: window.statusBar().showMessage(text, 8000),
        )
        dock.setWidget(panel)
        assert isinstance(window, QMainWindow)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        projects = getattr(window, "projects_dock", None)
        if projects is not None:
            # a tab beside Projects: side by side they outgrow a 1280-pixel-wide window
            window.tabifyDockWidget(projects, dock)
            follow_projects_panel(panel, projects.widget())
        window.article_shown.connect(lambda _article: panel.check_database())  # emitted on a switch
        window.reconcile_dock = dock
    panel = dock.widget()
    assert isinstance(panel, ReconcilePanel)
    panel.reload_projects()
    if panel.project_id is None and panel.picker.count():
        panel.show_project(panel.picker.itemData(0))
    dock.show()
    dock.raise_()
    return panel


def follow_projects_panel(panel: ReconcilePanel, projects: Any) -> None:
    """Let ``panel`` show the project selected in the Projects panel (its ``project_table`` and
    ``current``); the first selected project is shown at once."""
    table = getattr(projects, "project_table", None)
    if not isinstance(table, QTableView):
        return
    panel.follow(table, lambda: projects.current.id if getattr(projects, "current", None) else None)
    current = getattr(projects, "current", None)
    if current is not None:
        panel.show_project(current.id)
