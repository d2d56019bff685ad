"""What the window's own menu entries do: file dialogs, then a call to the controller."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox

from aidcurator.gui.action_table import EXPORT_FORMATS
from aidcurator.gui.dialogs import ShortcutsDialog, about_text

#: The share of the window's height a dock opened at the bottom takes at first.
BOTTOM_DOCK_SHARE = 0.4

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QLineEdit, QMenu

    from aidcurator.gui.controller import WindowController
    from aidcurator.gui.dialogs import Dialogs
    from aidcurator.gui.record_form import RecordForm
    from aidcurator.gui.settings import Preferences
    from aidcurator.gui.workers import Job, Work


class MenuHandlers:
    """Handlers named in :data:`aidcurator.gui.action_table.ACTIONS` (a mixin of the main window)."""

    controller: WindowController
    dialogs: Dialogs
    prefs: Preferences
    form: RecordForm
    search: QLineEdit
    recent_menu: QMenu
    menus: list[QMenu]
    export_accepted_only: QAction
    export_filtered: QAction
    projects_dock: QDockWidget
    resume_session: Callable[[], bool]

    def start_job(self, title: str, work: Work, on_success: Callable[[Any], None]) -> Job | None:
        return self.controller.jobs.start(title, work, on_success)

    def import_paths(self, paths: Sequence[str | os.PathLike[str]]) -> Job | None:
        return self.controller.jobs.import_paths(paths)

    def re_extract(self, article_ids: Sequence[int] | None) -> Job | None:
        return self.controller.jobs.re_extract(article_ids)

    def export(self, fmt: str, path: str | os.PathLike[str]) -> Job | None:
        return self.controller.jobs.export(
            fmt,
            path,
            accepted_only=self.export_accepted_only.isChecked(),
            filtered=self.export_filtered.isChecked(),
        )

    def open_database(self, path: str | os.PathLike[str]) -> bool:
        if not self.controller.open_database(path):
            return False
        self.resume_session()
        return True

    def offer_samples_if_empty(self) -> None:
        self.controller.offer_samples_if_empty()

    def on_import_files(self) -> None:
        self.import_paths(self.dialogs.open_files())

    def on_import_folder(self) -> None:
        folder = self.dialogs.open_folder()
        if folder:
            self.import_paths([folder])

    def on_re_extract_article(self) -> None:
        if self.controller.article_id:
            self.re_extract([self.controller.article_id])

    def on_re_extract_all(self) -> None:
        if self.dialogs.confirm(
            "Re-extract all articles?",
            "Run the extractor again over every article? Values you changed, and records "
            "you accepted or rejected, are kept. The undo history is cleared.",
        ):
            self.re_extract(None)

    def on_export(self, fmt: str) -> None:
        label, name_filter = next((lbl, flt) for f, lbl, flt in EXPORT_FORMATS if f == fmt)
        which = "accepted" if self.export_accepted_only.isChecked() else "all"
        path = self.dialogs.save_path(
            f"Export records as {label.rstrip('…')}", name_filter, f"aidcurator-records-{which}.{fmt}"
        )
        if path:
            self.export(fmt, path if Path(path).suffix else f"{path}.{fmt}")

    def on_find(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def on_focus_amount(self) -> None:
        line = self.form.amounts.line
        if line.isEnabled():
            line.setFocus(Qt.FocusReason.ShortcutFocusReason)
            line.selectAll()

    def on_open_database(self) -> None:
        path = self.dialogs.open_database()
        if path:
            self.open_database(path)

    def on_new_database(self) -> None:
        path = self.dialogs.new_database()
        if path and (
            not Path(path).exists() or self.dialogs.confirm("Database exists", f"{path} exists. Open it?")
        ):
            self.open_database(path)

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.prefs.recent_databases()
        if not recent:
            self.recent_menu.addAction("(none yet)").setEnabled(False)
            return
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _c=False, p=path: self.open_database(p))

    def shortcut_sections(self) -> list[tuple[str, list[QAction]]]:
        return [
            (m.title().replace("&", ""), [a for a in m.actions() if not a.isSeparator()]) for m in self.menus
        ]

    def on_projects(self) -> None:
        from aidcurator.gui.projects_panel import show_projects_dock

        first = getattr(self, "projects_dock", None) is None
        show_projects_dock(self)
        if first:
            self.fit_bottom_dock(self.projects_dock)

    def on_reconcile(self) -> None:
        from aidcurator.gui.reference_dock import show_reconcile_dock

        if getattr(self, "reconcile_dock", None) is None:
            self.on_projects()  # a tab beside it, following its selection
        show_reconcile_dock(self)

    def fit_bottom_dock(self, dock: QDockWidget) -> None:
        """Give a dock just opened at the bottom :data:`BOTTOM_DOCK_SHARE` of the window's height,
        so the article text and the form above it stay usable on a 720-pixel screen."""
        assert isinstance(self, QMainWindow)
        height = max(dock.minimumSizeHint().height(), int(self.height() * BOTTOM_DOCK_SHARE))
        self.resizeDocks([dock], [height], Qt.Orientation.Vertical)

    def on_import_reference(self) -> Job | None:
        from aidcurator.gui import reference_dialogs

        return reference_dialogs.on_import_reference(self)

    def on_export_projects(self, fmt: str) -> Job | None:
        from aidcurator.gui import reference_dialogs

        return reference_dialogs.on_export_projects(self, fmt)

    def on_export_aiddata(self, flavour: str) -> Job | None:
        from aidcurator.gui import reference_dialogs

        return reference_dialogs.on_export_aiddata(self, flavour)

    def show_proposals(self, proposals: Sequence[Any]) -> None:
        """List proposals found after an import in the Projects panel, if it is open."""
        dock = getattr(self, "projects_dock", None)
        if dock is not None and dock.isVisible():
            dock.widget().show_proposals(proposals)

    def on_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self.shortcut_sections(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.shortcuts_dialog = dialog

    def on_about(self) -> None:
        from aidcurator import __version__

        QMessageBox.about(self, "About AidCurator", about_text(__version__))
