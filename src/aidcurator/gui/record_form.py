"""The form on the right: one record's fields (from the field table) and its amount editor.

The form shows a ``RecordView`` and reports what the curator committed through signals; it never
writes to the database itself (the controller turns each signal into an undoable command).
Loading a record happens under ``QSignalBlocker`` so filling the form never looks like an edit.
Every row comes from :data:`aidcurator.domain.fields.RECORD_FIELDS`: its label, help text, type
(a ``choice`` field is a combo box of its enum, with an empty entry when it has no default) and
the evidence names that support it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aidcurator.domain import Origin, RecordStatus
from aidcurator.domain.fields import RECORD_FIELD, RECORD_FIELDS, FieldSpec
from aidcurator.gui.amount_editor import AmountEditor
from aidcurator.gui.form_widgets import ERROR_STYLE, Badge, NotesEdit, cancel_on_escape
from aidcurator.gui.formatting import group_digits
from aidcurator.gui.models import STATUS_LABELS
from aidcurator.gui.name_completion import Vocabularies
from aidcurator.gui.parties_panel import PartiesPanel

if TYPE_CHECKING:
    from aidcurator.domain import ParsedAmount
    from aidcurator.domain.views import RecordView

#: The fields the form shows, in table order (every field but links to other records).
FORM_FIELDS: tuple[FieldSpec, ...] = tuple(
    spec for spec in RECORD_FIELDS if spec.type not in ("record_ref", "code")
)
#: Fields shown below the amounts (multi-line).
BOTTOM_TYPES = ("notes",)


def display_value(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "count" and isinstance(value, int):
        return group_digits(value)
    return str(getattr(value, "value", value))


class FieldRow(QObject):
    """The widgets of one form field: label, editor, badge, evidence button and error line."""

    def __init__(self, definition: FieldSpec, parent: QWidget) -> None:
        super().__init__(parent)
        self.definition = definition
        self.label = QLabel(definition.label + ":", parent)
        self.label.setToolTip(definition.help)
        if definition.type == "choice":
            combo = QComboBox(parent)
            if definition.default is None:
                combo.addItem("", "")  # not set
            for value in definition.choice_values():
                combo.addItem(value.replace("_", " "), value)  # shown readable, stored as the value
            self.editor: QWidget = combo
        elif definition.type == "notes":
            notes = NotesEdit(parent)
            notes.setTabChangesFocus(True)
            notes.setFixedHeight(notes.fontMetrics().lineSpacing() * 4 + 12)
            self.editor = notes
        else:
            line = QLineEdit(parent)
            if definition.type in ("count", "year"):
                line.setPlaceholderText("number" if definition.type == "count" else "e.g. 2024")
            self.editor = line
        self.editor.setObjectName(f"field_{definition.name}")
        self.label.setBuddy(self.editor)
        self.badge = Badge(parent)
        self.evidence = QToolButton(parent)
        self.evidence.setIcon(parent.style().standardIcon(QStyle.StandardPixmap.SP_ArrowRight))
        self.evidence.setAutoRaise(True)
        self.evidence.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.evidence.setObjectName(f"evidence_{definition.name}")
        self.error = QLabel(parent)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.setObjectName(f"error_{definition.name}")
        self.error.hide()
        self.shown_text = ""

    def text(self) -> str:
        if isinstance(self.editor, QLineEdit):
            return self.editor.text()
        if isinstance(self.editor, QPlainTextEdit):
            return self.editor.toPlainText()
        assert isinstance(self.editor, QComboBox)
        return str(self.editor.currentData())

    def set_text(self, text: str) -> None:
        self.shown_text = text
        with QSignalBlocker(self.editor):
            if isinstance(self.editor, QLineEdit):
                self.editor.setText(text)
            elif isinstance(self.editor, QPlainTextEdit):
                self.editor.setPlainText(text)
                self.editor.document().setModified(False)
            elif isinstance(self.editor, QComboBox):
                index = self.editor.findData(text)
                self.editor.setCurrentIndex(max(0, index))

    def is_modified(self) -> bool:
        return self.text() != self.shown_text

    def cancel(self) -> bool:
        """Put the saved value back and drop its error (Esc); False when there was nothing to cancel."""
        if not self.is_modified() and self.error.isHidden():
            return False
        self.set_text(self.shown_text)
        self.set_error(None)
        return True

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message))
        self.editor.setStyleSheet("border: 1px solid #b00020;" if message else "")


class RecordForm(QWidget):
    """Every field of the selected record, each with its provenance badge and evidence button."""

    # record id, field name, value as typed (str) or chosen
    field_committed = Signal(int, str, object)
    # record id, field name
    reset_field_requested = Signal(int, str)
    # record id, field name (form field; the window finds its evidence)
    evidence_requested = Signal(int, str)
    # record id, new status value
    status_chosen = Signal(int, str)

    def __init__(self, parser: Callable[[str], ParsedAmount], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._record: RecordView | None = None
        self.heading = QLabel("No record selected")
        self.heading.setObjectName("recordHeading")
        heading_font = self.heading.font()
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.heading.setWordWrap(True)

        self.status = QComboBox()
        self.status.setObjectName("field_status")
        for status in RecordStatus:
            self.status.addItem(STATUS_LABELS[status], status.value)
        self.status.activated.connect(self._on_status_activated)
        self.accept_button = QToolButton()
        self.accept_button.setObjectName("acceptButton")
        self.reject_button = QToolButton()
        self.reject_button.setObjectName("rejectButton")
        for button in (self.accept_button, self.reject_button):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        status_row = QHBoxLayout()
        status_label = QLabel("&Status:")
        status_label.setBuddy(self.status)
        status_row.addWidget(status_label)
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.accept_button)
        status_row.addWidget(self.reject_button)

        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(2)
        self.rows: dict[str, FieldRow] = {}
        line = 0
        for definition in FORM_FIELDS:
            if definition.type in BOTTOM_TYPES:
                continue
            row = self._add_row(definition)
            grid.addWidget(row.label, line, 0)
            grid.addWidget(row.editor, line, 1)
            grid.addWidget(row.badge, line, 2)
            grid.addWidget(row.evidence, line, 3)
            grid.addWidget(row.error, line + 1, 1, 1, 3)
            line += 2

        self.vocabularies = Vocabularies(self.rows)  # name completion, sector picker, "new" marks
        self.amounts = AmountEditor(parser, self)
        notes_row = self._add_row(RECORD_FIELD["notes"])
        notes_box = QGridLayout()
        notes_box.addWidget(notes_row.label, 0, 0, Qt.AlignmentFlag.AlignTop)
        notes_box.addWidget(notes_row.editor, 0, 1)
        notes_box.addWidget(notes_row.badge, 0, 2, Qt.AlignmentFlag.AlignTop)
        notes_box.addWidget(notes_row.evidence, 0, 3, Qt.AlignmentFlag.AlignTop)
        notes_box.addWidget(notes_row.error, 1, 1, 1, 3)
        notes_box.setColumnStretch(1, 1)

        separator = QFrame()
        separator.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        layout.addLayout(status_row)
        layout.addWidget(separator)
        layout.addLayout(grid)
        self.parties = PartiesPanel(self)  # parties hook: the window fills it (show_record)
        layout.addWidget(self.parties)
        layout.addWidget(self.amounts)
        layout.addLayout(notes_box)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._set_tab_order()
        self.show_record(None)

    def _add_row(self, definition: FieldSpec) -> FieldRow:
        row = FieldRow(definition, self)
        self.rows[definition.name] = row
        name = definition.name
        editor = row.editor
        if isinstance(editor, QComboBox):
            editor.activated.connect(lambda _i, n=name: self._commit(n))
        else:
            editor.editingFinished.connect(lambda n=name: self._commit(n))  # type: ignore[attr-defined]
            cancel_on_escape(editor, row.cancel)
        row.badge.clicked.connect(lambda _c=False, n=name: self._on_badge_clicked(n))
        row.evidence.clicked.connect(lambda _c=False, n=name: self._on_evidence_clicked(n))
        return row

    def tab_chain(self) -> list[QWidget]:
        """The editors in the order Tab visits them."""
        chain: list[QWidget] = [self.status]
        chain += [self.rows[f.name].editor for f in FORM_FIELDS if f.type not in BOTTOM_TYPES]
        chain += [
            self.amounts.line,
            self.amounts.currency,
            self.amounts.qualifier,
            self.amounts.kind,
            self.amounts.value_max,
            self.rows["notes"].editor,
        ]
        return chain

    def _set_tab_order(self) -> None:
        for first, second in itertools.pairwise(self.tab_chain()):
            QWidget.setTabOrder(first, second)

    # -- showing a record

    @property
    def record(self) -> RecordView | None:
        return self._record

    def show_record(self, record: RecordView | None, *, keep_amount: int | None = None) -> None:
        self._record = record
        enabled = record is not None
        for widget in (self.status, *(row.editor for row in self.rows.values())):
            widget.setEnabled(enabled)
        self.amounts.set_record(record, keep_amount)
        if record is None:
            self.heading.setText(
                "No record selected — choose one in the list above, or select text in the article and choose “New record from selection”."
            )
            for row in self.rows.values():
                row.set_text("")
                row.set_error(None)
                row.badge.set_state("", "")
                row.evidence.setEnabled(False)
            return
        origin = "typed by a person" if record.origin == Origin.MANUAL else "extracted"
        self.heading.setText(
            f"Record {record.id} · {origin} · version {record.version}"
            if record.id
            else "New record — saved when you enter its first value; left empty, it is not kept"
        )
        with QSignalBlocker(self.status):
            self.status.setCurrentIndex(self.status.findData(record.status.value))
        evidence_fields = {ev.field for ev in record.evidence}
        for definition in FORM_FIELDS:
            row = self.rows[definition.name]
            value = getattr(record, definition.name)
            row.set_text(display_value(definition.type, value))
            row.set_error(None)
            row.badge.set_state(*self._provenance(record, definition))
            quotes = [ev.quote for name in definition.evidence for ev in record.evidence_for(name)]
            row.evidence.setEnabled(any(name in evidence_fields for name in definition.evidence))
            row.evidence.setToolTip(
                "Show the evidence in the article: " + " / ".join(f"“{q}”" for q in quotes[:3])
                if quotes
                else "No evidence in the article for this field (select text and use “Use as”)."
            )
        self.vocabularies.show(record)

    @staticmethod
    def _provenance(record: RecordView, definition: FieldSpec) -> tuple[str, str]:
        name = definition.name
        if not record.id:  # a new record not stored yet: nothing is typed or extracted
            return "", ""
        if record.origin == Origin.MANUAL:
            return ("typed", "Typed by a person") if getattr(record, name) not in (None, "") else ("", "")
        if name in record.curated_fields:
            extracted = record.extracted.get(name)
            shown = "empty" if extracted in (None, "") else f"“{extracted}”"
            if RECORD_FIELD[name].type == "notes":
                return "typed", "Written by a person"
            return "changed", f"Changed by a person. Click to reset to the extracted value ({shown})."
        if getattr(record, name) not in (None, ""):
            return "extracted", "As extracted from the article"
        return "", ""

    # -- committing

    def commit_pending(self) -> list[str]:
        """Commit every editor whose text differs from what was loaded (before leaving the record).

        Returns the messages of the values that were refused (shown beside their fields, not saved).
        """
        for name, row in self.rows.items():
            if row.definition.type != "choice" and row.is_modified():
                self._commit(name)
        if self.amounts.is_modified():
            self.amounts.commit()
        return self.refused()

    def refused(self) -> list[str]:
        """The errors on screen: typed values that were not saved."""
        messages = [row.error.text() for row in self.rows.values() if not row.error.isHidden()]
        if not self.amounts.error.isHidden():
            messages.append(self.amounts.error.text())
        return messages

    def _commit(self, name: str) -> None:
        if self._record is None:
            return
        row = self.rows[name]
        if not row.is_modified():
            row.set_error(None)
            return
        self.field_committed.emit(self._record.id, name, row.text())

    def show_field_error(self, name: str, message: str) -> None:
        if name in self.rows:
            self.rows[name].set_error(f"✗ {message} — not saved")

    def field_error(self, name: str) -> str:
        row = self.rows[name]
        return row.error.text() if not row.error.isHidden() else ""

    def focused_field(self) -> str | None:
        for name, row in self.rows.items():
            if row.editor.hasFocus():
                return name
        if self.amounts.line.hasFocus():
            return "amount"
        return None

    @Slot(int)
    def _on_status_activated(self, _index: int) -> None:
        if self._record is not None and self.status.currentData() != self._record.status.value:
            self.status_chosen.emit(self._record.id, self.status.currentData())

    def _on_badge_clicked(self, name: str) -> None:
        if self._record is not None:
            self.reset_field_requested.emit(self._record.id, name)

    def _on_evidence_clicked(self, name: str) -> None:
        if self._record is not None:
            self.evidence_requested.emit(self._record.id, name)


def field_names() -> Sequence[str]:
    return [f.name for f in FORM_FIELDS]
