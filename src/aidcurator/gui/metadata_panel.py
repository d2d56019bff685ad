"""The article's metadata (title, source, date, URL, language), editable above the article text.

Shown and hidden with Edit → Article details (Ctrl+I). A field is saved when the curator presses
Enter or leaves it; Escape puts the stored value back (and, with nothing to cancel, closes the
panel). Each save is one undoable command over :mod:`aidcurator.curation.changes` with the
article's metadata version; a value the core refuses stays in its box with the reason beside it.
A new date re-reads the years of the article's records (see ``curation.articles``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from aidcurator.curation import ConflictError, changes
from aidcurator.domain.article_fields import ARTICLE_FIELDS, LANGUAGES
from aidcurator.gui.commands import CurationCommand

if TYPE_CHECKING:
    from aidcurator.curation import Curator
    from aidcurator.domain.views import ArticleView
    from aidcurator.gui.controller import WindowController

ERROR_STYLE = "border: 1px solid #c62828;"


def shown_value(article: ArticleView | None, name: str) -> str:
    """How a stored metadata value reads in its box."""
    value = getattr(article, name) if article is not None else None
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


class MetadataPanel(QWidget):
    """The boxes; emits ``field_committed(article id, field, typed text)`` when one is to be saved."""

    field_committed = Signal(int, str, str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("metadataPanel")
        self.article: ArticleView | None = None
        self.editors: dict[str, QLineEdit] = {}
        self.error = QLabel()
        self.error.setObjectName("metadataError")
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)
        self.error.hide()
        self._error_field: str | None = None
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(2)
        # (row, label column, widget span): title, source and URL on lines of their own, the short
        # date and language side by side (three on one line left the source a few letters wide)
        places = {
            "title": (0, 0, 5),
            "source": (1, 0, 5),
            "published": (2, 0, 1),
            "language": (2, 2, 1),
            "url": (3, 0, 5),
        }
        for spec in ARTICLE_FIELDS:
            if spec.name == "language":
                combo = QComboBox()
                combo.setEditable(True)
                combo.addItems(LANGUAGES)
                combo.setObjectName("metadata_language_box")
                combo.activated.connect(lambda _i, n=spec.name: self._commit(n))
                editor, widget = combo.lineEdit(), combo
            else:
                editor = widget = QLineEdit()
            editor.setObjectName(f"metadata_{spec.name}")
            editor.setPlaceholderText(spec.hint)
            editor.setToolTip(spec.hint)
            editor.editingFinished.connect(lambda n=spec.name: self._commit(n))
            editor.installEventFilter(self)
            self.editors[spec.name] = editor
            row, column, span = places[spec.name]
            label = QLabel(f"&{spec.label}:")
            label.setBuddy(widget)
            layout.addWidget(label, row, column)
            layout.addWidget(widget, row, column + 1, 1, span)
        close = QToolButton()
        close.setObjectName("metadataClose")
        close.setText("×")
        close.setToolTip("Hide the article details (Ctrl+I)")
        close.clicked.connect(self.close_panel)
        layout.addWidget(close, 0, 6)
        layout.addWidget(self.error, 4, 0, 1, 7)
        # the long boxes end in the last column; the date and the language keep their width
        layout.setColumnStretch(5, 1)
        published = self.editors["published"]
        date_width = published.fontMetrics().horizontalAdvance("2025-11-20") + 24
        published.setMinimumWidth(date_width)
        published.setMaximumWidth(date_width * 3 // 2)
        language = self.findChild(QComboBox, "metadata_language_box")
        if language is not None:
            language.setMaximumWidth(date_width * 3 // 2)
        self.show_article(None)

    # -- content

    def show_article(self, article: ArticleView | None) -> None:
        """Show the stored values (typing refused for another article is dropped)."""
        keep_error = (
            article is not None
            and self.article is not None
            and article.id == self.article.id
            and self._error_field
        )
        self.article = article
        for name, editor in self.editors.items():
            if keep_error and name == self._error_field:
                continue  # the refused text stays until fixed or cancelled
            editor.setText(shown_value(article, name))
            editor.setEnabled(article is not None)
        if not keep_error:
            self.clear_error()

    def show_error(self, field: str, message: str) -> None:
        self._error_field = field
        self.editors[field].setStyleSheet(ERROR_STYLE)
        self.error.setText(message)
        self.error.show()

    def clear_error(self) -> None:
        if self._error_field is not None:
            self.editors[self._error_field].setStyleSheet("")
        self._error_field = None
        self.error.hide()

    def pending(self, name: str) -> bool:
        """Whether the box holds text that differs from the stored value."""
        return self.editors[name].text().strip() != shown_value(self.article, name)

    # -- editing

    def _commit(self, name: str) -> None:
        if self.article is None or not self.pending(name):
            if self._error_field == name:
                self.clear_error()
            return
        self.field_committed.emit(self.article.id, name, self.editors[name].text())

    def cancel(self, name: str) -> bool:
        """Escape: the stored value back; False when there was nothing to cancel."""
        if not self.pending(name) and self._error_field != name:
            return False
        self.editors[name].setText(shown_value(self.article, name))
        if self._error_field == name:
            self.clear_error()
        return True

    def open_panel(self) -> None:
        self.show()
        self.editors["title"].setFocus()
        self.editors["title"].selectAll()

    def close_panel(self) -> None:
        self.hide()
        self.closed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:  # type: ignore[attr-defined]
            name = next((n for n, e in self.editors.items() if e is watched), None)
            if name is not None:
                if not self.cancel(name):
                    self.close_panel()
                return True
        return super().eventFilter(watched, event)


class ArticleFieldsCommand(CurationCommand):
    """A metadata change on the window's undo stack."""

    def __init__(self, ctx: Any, article: ArticleView, values: dict[str, Any]) -> None:
        super().__init__(ctx, changes.SetArticleFields(article, values))


class MetadataEditing:
    """Saves the panel's fields as undoable commands and shows the article again after each step."""

    def __init__(self, controller: WindowController, panel: MetadataPanel) -> None:
        self.controller = controller
        self.panel = panel
        panel.field_committed.connect(self.set_field)

    @property
    def curator(self) -> Curator:
        return self.controller.curator

    def toggle(self) -> None:
        if self.panel.isVisible():
            self.panel.close_panel()
        else:
            self.panel.show_article(self.controller.article)
            self.panel.open_panel()

    def set_field(self, article_id: int, field: str, text: str) -> bool:
        article = self.controller.article
        if article is None or article.id != article_id:
            return False
        command = ArticleFieldsCommand(self, article, {field: text})
        try:
            changed = command.apply()
        except (ValueError, LookupError, ConflictError) as exc:
            self.panel.show_error(field, str(exc))
            self.controller.status(f"Not saved: {exc}", 10000)
            if isinstance(exc, ConflictError):  # show what is stored now; the typed text stays
                self.controller.open_article(article_id, record_id=self.controller.record_id, commit=False)
            return False
        self.panel.clear_error()
        if not changed:
            self.panel.show_article(self.controller.article)
            return False
        self.controller.undo_stack.push(command)
        return True

    def after_change(self, command: CurationCommand, verb: str) -> None:
        controller = self.controller
        controller.articles.refresh_articles([command.article_id])
        same = command.article_id == controller.article_id
        controller.open_article(
            command.article_id, record_id=controller.record_id if same else None, commit=False
        )
        message = f"{verb}: {command.text()}"
        result = getattr(command.change, "result", None)
        report = result.reextract if result is not None else None
        if report is not None:
            message += f" — years read again: {report.records_refreshed} record(s) refreshed"
            reviewed = report.records_kept
            if reviewed:
                message += f", {reviewed} reviewed or hand-made record(s) left as they were"
        controller.status(message, 10000)

    def command_failed(self, command: CurationCommand, verb: str, error: Exception) -> None:
        controller = self.controller
        action = "undo" if verb == "Undone" else "redo"
        controller.status(f"Could not {action} “{command.text()}”: {error}", 15000)
        controller.view.show_error(
            f"Could not {action}", f"Could not {action} “{command.text()}”.", str(error)
        )
        if controller.article_id:
            controller.open_article(controller.article_id, record_id=controller.record_id, commit=False)


def install_metadata_panel(window: Any) -> MetadataEditing:
    """Put the (hidden) panel above the article text of ``window`` and keep it on the shown article."""
    panel = MetadataPanel()
    panel.hide()
    window.article_view.layout().insertWidget(0, panel)
    panel.closed.connect(window.article_view.text.setFocus)
    window.article_shown.connect(lambda _id: panel.show_article(window.controller.article))
    return MetadataEditing(window.controller, panel)
