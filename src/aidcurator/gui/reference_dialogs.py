"""File ▸ Import reference dataset… and Export ▸ Projects / AidData-compatible CSV, run in the
background through the window's :class:`~aidcurator.gui.jobs.JobRunner` (progress dialog, one job at
a time, a failure shown as one line in the status bar and a message box).

The import is all-or-nothing (the core reads the whole table before it writes a row); the exports
write atomically (a temporary file renamed over the target), as the record export does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from aidcurator.curation import Curator
    from aidcurator.curation.reconcile import ReferenceImport
    from aidcurator.gui.workers import Job

REFERENCE_FILTER = "AidData tables (*.csv *.xlsx *.jsonl *.json);;All files (*)"
#: Project export formats: (format, menu text, file-dialog filter).
PROJECT_FORMATS = (
    ("csv", "Projects as CSV…", "CSV files (*.csv)"),
    ("json", "Projects as JSON…", "JSON files (*.json)"),
    ("xlsx", "Projects as Excel…", "Excel workbooks (*.xlsx)"),
)
#: AidData column sets: (flavour, menu text).
AIDDATA_FLAVOURS = (
    ("gcof1", "Projects as AidData CSV (GCOF 1.0 headers)…"),
    ("gcdf3", "Projects as AidData CSV (GCDF 3.0 headers)…"),
)


@dataclass(frozen=True, slots=True)
class ImportChoice:
    """What the curator chose in the import dialog."""

    path: str
    dataset: str | None = None
    without_descriptions: bool = False


class ReferenceImportDialog(QDialog):
    """The file, an optional dataset name and “without descriptions”."""

    def __init__(self, parent: QWidget | None = None, path: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("referenceImportDialog")
        self.setWindowTitle("Import reference dataset")
        self.path = QLineEdit(path)
        self.path.setObjectName("referencePath")
        self.path.setPlaceholderText("an AidData GCOF 1.0 or GCDF 3.0 table")
        self.path.setMinimumWidth(420)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        self.dataset = QLineEdit()
        self.dataset.setObjectName("referenceDataset")
        self.dataset.setPlaceholderText("detected: gcof1 or gcdf3")
        self.without_descriptions = QCheckBox("Without descriptions")
        self.without_descriptions.setObjectName("withoutDescriptions")
        self.without_descriptions.setToolTip(
            "Do not store the description and staff-comment columns (matching never uses them)"
        )
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form = QFormLayout()
        form.addRow("File", file_row)
        form.addRow("Dataset name", self.dataset)
        form.addRow("", self.without_descriptions)
        note = QLabel(
            "CSV, XLSX, JSONL or JSON. All rows are imported or none; projects already in the dataset "
            "are skipped. Matching compares recipient, year, amount, donor, sector, flow and title."
        )
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path.textChanged.connect(lambda _text: self._update_ok())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Reference dataset", self.path.text(), REFERENCE_FILTER)
        if path:
            self.path.setText(path)

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.path.text().strip()))

    def choice(self) -> ImportChoice:
        return ImportChoice(
            self.path.text().strip(),
            self.dataset.text().strip() or None,
            self.without_descriptions.isChecked(),
        )


def ask_import(parent: QWidget) -> ImportChoice | None:
    """Ask which table to import (None: cancelled). Tests replace this function."""
    dialog = ReferenceImportDialog(parent)
    try:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


# ------------------------------------------------------------------------------------ the jobs


def import_reference(window: Any, choice: ImportChoice) -> Job | None:
    """Import an AidData table in the background; the Reconciliation panel matches again after."""
    if not Path(choice.path).is_file():
        window.controller.status(f"Import reference dataset: {choice.path}: no such file", 15000)
        return None

    def work(curator: Curator, progress: Any, _cancelled: Any) -> ReferenceImport:
        progress(0, 1, choice.path)
        return curator.import_reference(
            choice.path, dataset=choice.dataset, without_descriptions=choice.without_descriptions
        )

    def done(report: ReferenceImport) -> None:
        window.controller.status(report.summary(), 15000)
        dock = getattr(window, "reconcile_dock", None)
        if dock is not None:
            dock.widget().show_project(dock.widget().project_id)

    return window.controller.jobs.start("Importing reference dataset", work, done)


def export_projects(window: Any, fmt: str, path: str | os.PathLike[str]) -> Job | None:
    """Write one row per project (csv, json, jsonl, xlsx) in the background, atomically."""
    target = str(path)

    def work(curator: Curator, progress: Any, _cancelled: Any) -> int:
        progress(0, 1, target)
        return curator.export_projects(target, fmt)

    def done(rows: int) -> None:
        window.controller.status(f"Exported {rows} project{'s' if rows != 1 else ''} to {target}", 15000)

    return window.controller.jobs.start("Exporting projects", work, done)


def export_aiddata(window: Any, path: str | os.PathLike[str], flavour: str = "gcof1") -> Job | None:
    """Write the projects as an AidData-compatible CSV in the background, atomically."""
    target = str(path)

    def work(curator: Curator, progress: Any, _cancelled: Any) -> int:
        progress(0, 1, target)
        return curator.export_aiddata(target, flavour=flavour)

    def done(rows: int) -> None:
        window.controller.status(
            f"Wrote {rows} project{'s' if rows != 1 else ''} to {target} ({flavour} columns)", 15000
        )

    return window.controller.jobs.start("Exporting AidData CSV", work, done)


# ------------------------------------------------------------------------------ menu handlers


def on_import_reference(window: Any) -> Job | None:
    choice = ask_import(window)
    return import_reference(window, choice) if choice is not None else None


def on_export_projects(window: Any, fmt: str) -> Job | None:
    label, name_filter = next((text, flt) for f, text, flt in PROJECT_FORMATS if f == fmt)
    path = window.dialogs.save_path(
        f"Export {label.rstrip('…').lower()}", name_filter, f"aidcurator-projects.{fmt}"
    )
    if not path:
        return None
    return export_projects(window, fmt, path if Path(path).suffix else f"{path}.{fmt}")


def on_export_aiddata(window: Any, flavour: str) -> Job | None:
    path = window.dialogs.save_path(
        "Export projects as an AidData-compatible CSV",
        "CSV files (*.csv)",
        f"aidcurator-aiddata-{flavour}.csv",
    )
    if not path:
        return None
    return export_aiddata(window, path if Path(path).suffix else f"{path}.csv", flavour)
