"""Questions the window asks and messages it shows, behind one small interface.

The main window never calls ``QFileDialog``/``QMessageBox`` directly; it asks its
:class:`Dialogs`, so tests replace one method (``window.dialogs.save_path = …``) instead of a modal
dialog, as mu's ``Editor(view)`` does.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

DATABASE_FILTER = "AidCurator databases (*.db *.sqlite *.sqlite3);;All files (*)"
IMPORT_FILTER = "Articles (*.txt *.md *.html *.htm *.csv *.tsv *.json *.jsonl *.xlsx);;All files (*)"


class Dialogs:
    """Every question and message of the main window."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def progress(self, title: str, cancel: Callable[[], None] | None) -> QProgressDialog:
        """A window-modal progress dialog that shows after 400 ms; Cancel calls ``cancel``."""
        dialog = QProgressDialog(f"{title}…", "Cancel", 0, 0, self.parent)
        dialog.setObjectName("progressDialog")
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if cancel is not None:
            dialog.canceled.connect(cancel)
        return dialog

    def open_files(self) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(self.parent, "Import articles", "", IMPORT_FILTER)
        return paths

    def open_folder(self) -> str | None:
        return QFileDialog.getExistingDirectory(self.parent, "Import every article in a folder") or None

    def open_database(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self.parent, "Open database", "", DATABASE_FILTER)
        return path or None

    def new_database(self) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, "New database", "aidcurator.db", DATABASE_FILTER)
        return path or None

    def save_path(self, title: str, name_filter: str, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self.parent, title, suggested, name_filter)
        return path or None

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def error(self, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.parent)
        if details:
            box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, does not block the caller

    def report_failures(self, title: str, summary: str, failures: Sequence[tuple[str, str]]) -> QMessageBox:
        """Show which files failed and why (non-blocking)."""
        shown = failures[:12]
        lines = "".join(
            f"<li><b>{html.escape(_short(name))}</b>: {html.escape(reason)}</li>" for name, reason in shown
        )
        more = (
            f"<p>… and {len(failures) - len(shown)} more (see details).</p>"
            if len(failures) > len(shown)
            else ""
        )
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, html.escape(summary), QMessageBox.StandardButton.Ok, self.parent
        )
        box.setObjectName("failuresBox")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setInformativeText(f"<ul>{lines}</ul>{more}")
        box.setDetailedText("\n".join(f"{name}: {reason}" for name, reason in failures))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box


def _short(path: str) -> str:
    normal = path.replace("\\", "/")
    parts = normal.rsplit("/", 2)
    return "/".join(parts[-2:]) if len(parts) > 1 else normal


class ShortcutsDialog(QDialog):
    """Help → Keyboard shortcuts: every menu action that has a shortcut, read from the menus."""

    def __init__(
        self, sections: Iterable[tuple[str, Sequence[QAction]]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("shortcutsDialog")
        browser = QTextBrowser(self)
        browser.setObjectName("shortcutsText")
        browser.setHtml(shortcuts_html(sections))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(browser)
        layout.addWidget(buttons)
        self.resize(560, 640)


def shortcuts_html(sections: Iterable[tuple[str, Sequence[QAction]]]) -> str:
    rows = []
    for title, actions in sections:
        keyed = [a for a in actions if a.shortcuts()]
        if not keyed:
            continue
        rows.append(f'<tr><td colspan="2" style="padding-top:8px"><b>{html.escape(title)}</b></td></tr>')
        for action in keyed:
            keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
            label = action.text().replace("&&", "\x00").replace("&", "").replace("\x00", "&")
            rows.append(
                f"<tr><td style='padding-right:24px'>{html.escape(label)}</td>"
                f"<td><code>{html.escape(keys)}</code></td></tr>"
            )
    tab = (
        "<p>In the form, <code>Tab</code> moves through the fields in order; a field is saved when you "
        "leave it or press <code>Enter</code>. In the article, select text and right-click for "
        "“New record from selection” and “Use as”.</p>"
    )
    return f"<table cellspacing='2'>{''.join(rows)}</table>{tab}"


def about_text(version: str) -> str:
    return (
        f"<h3>AidCurator {html.escape(version)}</h3>"
        "<p>A desktop workbench that turns news articles about aid projects into a clean, "
        "source-linked dataset.</p><p>Every change is saved at once and can be undone; "
        "the edit history records who changed what and when.</p>"
    )
