"""The form on the right: one record's fields and its amounts, with the amount editor.

The form shows a ``RecordView`` and reports what the curator committed through signals; it never
writes to the database itself (the main window turns each signal into an undoable command).
Loading a record happens under ``QSignalBlocker`` so filling the form never looks like an edit.
Amount text is read live by the same ``parse_amount`` the extractor uses.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aidcurator.domain import AmountKind, Origin, Qualifier, RecordKind, RecordStatus
from aidcurator.gui.formatting import QUALIFIER_LABELS, group_digits
from aidcurator.gui.models import STATUS_LABELS, AmountListModel

if TYPE_CHECKING:
    from aidcurator.domain import ParsedAmount
    from aidcurator.domain.views import AmountView, RecordView

ERROR_STYLE = "color: #b00020;"
EXTRACTED_STYLE = "color: #0b6e69;"
CHANGED_STYLE = "color: #a05a00; font-weight: bold;"
TYPED_STYLE = "color: #5f6b7a;"
CURRENCIES = ("CNY", "USD", "HKD", "EUR", "GBP", "JPY", "unknown")


@dataclass(frozen=True, slots=True)
class FieldDef:
    name: str
    label: str
    kind: str  # "text" | "count" | "year" | "record_kind" | "notes"
    evidence: tuple[str, ...]  # evidence field names that support this field, best first
    help: str = ""


FORM_FIELDS: tuple[FieldDef, ...] = (
    FieldDef("record_kind", "Record kind", "record_kind", (), "project, programme or aggregate"),
    FieldDef("donor", "Donor", "text", ("donor",), "who gives the aid"),
    FieldDef("recipient", "Recipient", "text", ("recipient", "place"), "where or to whom the aid goes"),
    FieldDef("year_start", "Start year", "year", ("year_start", "year"), "first year of the period"),
    FieldDef("year_end", "End year", "year", ("year_end", "year"), "last year of the period"),
    FieldDef("title", "Title", "text", ("title",), "name of the project or programme"),
    FieldDef("sector", "Sector", "text", ("sector",), "sector code or name"),
    FieldDef("n_projects", "Projects", "count", ("n_projects",), "number of projects"),
    FieldDef(
        "beneficiaries_people",
        "People reached",
        "count",
        ("beneficiaries_people",),
        "beneficiaries: number of people",
    ),
    FieldDef(
        "beneficiaries_households",
        "Households reached",
        "count",
        ("beneficiaries_households",),
        "beneficiaries: number of households",
    ),
    FieldDef("jobs", "Jobs", "count", ("jobs",), "jobs created"),
    FieldDef("notes", "Notes", "notes", ("notes",), "your notes on this record"),
)
FIELDS_BY_NAME = {f.name: f for f in FORM_FIELDS}


def display_value(kind: str, value: Any) -> str:
    if value is None:
        return ""
    if kind == "count" and isinstance(value, int):
        return group_digits(value)
    return str(value.value if isinstance(value, RecordKind) else value)


class NotesEdit(QPlainTextEdit):
    """A multi-line editor that, like QLineEdit, reports when editing finished (focus left)."""

    editingFinished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


class Badge(QToolButton):
    """Shows whether a field holds the extracted value, a changed one, or one typed by hand."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.state = ""
        self.set_state("", "")

    def set_state(self, state: str, tooltip: str) -> None:
        self.state = state
        labels = {"extracted": "extracted", "changed": "changed ↺", "typed": "typed", "": ""}
        styles = {"extracted": EXTRACTED_STYLE, "changed": CHANGED_STYLE, "typed": TYPED_STYLE, "": ""}
        self.setText(labels[state])
        self.setStyleSheet(f"QToolButton {{ {styles[state]} padding: 0 2px; }}")
        self.setToolTip(tooltip)
        self.setEnabled(state == "changed")


class FieldRow(QObject):
    """The widgets of one form field: label, editor, badge, evidence button and error line."""

    def __init__(self, definition: FieldDef, parent: QWidget) -> None:
        super().__init__(parent)
        self.definition = definition
        self.label = QLabel(definition.label + ":", parent)
        self.label.setToolTip(definition.help)
        if definition.kind == "record_kind":
            combo = QComboBox(parent)
            for kind in RecordKind:
                combo.addItem(kind.value, kind.value)
            self.editor: QWidget = combo
        elif definition.kind == "notes":
            notes = NotesEdit(parent)
            notes.setTabChangesFocus(True)
            notes.setFixedHeight(notes.fontMetrics().lineSpacing() * 4 + 12)
            self.editor = notes
        else:
            line = QLineEdit(parent)
            if definition.kind in ("count", "year"):
                line.setPlaceholderText("number" if definition.kind == "count" else "e.g. 2024")
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

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message))
        self.editor.setStyleSheet("border: 1px solid #b00020;" if message else "")


class AmountEditor(QGroupBox):
    """The record's amounts and the one-line editor that reads amounts live."""

    # record id, amount id (0: a new amount), typed text
    text_committed = Signal(int, int, str)
    # record id, amount id, option name (currency|qualifier|kind|value_max), value
    option_chosen = Signal(int, int, str, object)
    # record id, amount id
    reset_requested = Signal(int, int)
    # record id, amount id
    delete_requested = Signal(int, int)
    # amount id (0: none)
    amount_selected = Signal(int)
    # record id, "amount" (jump to the selected amount's span)
    evidence_requested = Signal(int, str)

    def __init__(self, parser: Callable[[str], ParsedAmount], parent: QWidget | None = None) -> None:
        super().__init__("Amounts", parent)
        self._parser = parser
        self._record: RecordView | None = None
        self._amount: AmountView | None = None
        self.model = AmountListModel(self)

        self.table = QTableView(self)
        self.table.setObjectName("amountTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._fit_table(1)
        self.table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)

        self.add_button = QPushButton("Add amount")
        self.add_button.setObjectName("addAmount")
        self.add_button.clicked.connect(self.start_new_amount)
        self.delete_button = QPushButton("Delete amount")
        self.delete_button.setObjectName("deleteAmount")
        self.delete_button.clicked.connect(self._on_delete_clicked)

        self.line = QLineEdit()
        self.line.setObjectName("amountText")
        self.line.setPlaceholderText("2.14亿元 · 376 million yuan · 约3亿元 · 3-5亿元 · 1,262万")
        self.line.textEdited.connect(self._on_line_text_edited)
        self.line.editingFinished.connect(self._on_line_editing_finished)
        self.badge = Badge(self)
        self.badge.clicked.connect(self._on_reset_clicked)
        self.evidence = QToolButton(self)
        self.evidence.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowRight))
        self.evidence.setAutoRaise(True)
        self.evidence.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.evidence.setToolTip("Show this amount in the article")
        self.evidence.clicked.connect(self._on_evidence_clicked)
        self.reading = QLabel()
        self.reading.setObjectName("amountReading")
        self.reading.setWordWrap(True)
        self.reading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reading.hide()
        self.error = QLabel()
        self.error.setObjectName("amountError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        self.currency = QComboBox()
        self.currency.setObjectName("amountCurrency")
        self.currency.activated.connect(self._on_currency_activated)
        self.qualifier = QComboBox()
        self.qualifier.setObjectName("amountQualifier")
        for qualifier in Qualifier:
            self.qualifier.addItem(QUALIFIER_LABELS[qualifier], qualifier.value)
        self.qualifier.activated.connect(self._on_qualifier_activated)
        self.kind = QComboBox()
        self.kind.setObjectName("amountKind")
        for kind in AmountKind:
            self.kind.addItem(kind.value, kind.value)
        self.kind.activated.connect(self._on_kind_activated)
        self.value_max = QLineEdit()
        self.value_max.setObjectName("amountValueMax")
        self.value_max.setPlaceholderText("upper end of a range")
        self.value_max.editingFinished.connect(self._on_value_max_editing_finished)
        self.reset_button = QPushButton("Reset to extracted")
        self.reset_button.setObjectName("amountReset")
        self.reset_button.clicked.connect(self._on_reset_clicked)

        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        line_row = QHBoxLayout()
        line_row.addWidget(self.line, 1)
        line_row.addWidget(self.badge)
        line_row.addWidget(self.evidence)
        options = QGridLayout()
        options.addWidget(QLabel("Currency:"), 0, 0)
        options.addWidget(self.currency, 0, 1)
        options.addWidget(QLabel("Qualifier:"), 0, 2)
        options.addWidget(self.qualifier, 0, 3)
        options.addWidget(QLabel("Kind:"), 1, 0)
        options.addWidget(self.kind, 1, 1)
        options.addWidget(QLabel("Maximum:"), 1, 2)
        options.addWidget(self.value_max, 1, 3)
        options.setColumnStretch(1, 1)
        options.setColumnStretch(3, 1)
        amount_label = QLabel("&Amount:")
        amount_label.setBuddy(self.line)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(amount_label)
        layout.addLayout(line_row)
        layout.addWidget(self.reading)
        layout.addWidget(self.error)
        layout.addLayout(options)
        self.set_record(None)

    # -- state

    @property
    def amount(self) -> AmountView | None:
        return self._amount

    @property
    def record(self) -> RecordView | None:
        return self._record

    def set_record(self, record: RecordView | None, keep_amount: int | None = None) -> None:
        """Show a record's amounts; select ``keep_amount`` (an id) if it is still there."""
        self._record = record
        self.setEnabled(record is not None)
        with QSignalBlocker(self.table.selectionModel()):
            self.model.set_amounts(record.amounts if record is not None else ())
        self._fit_table(self.model.rowCount())
        row = self.model.row_of(keep_amount) if keep_amount else -1
        if row < 0 and self.model.rowCount() > 0:
            row = 0
        self._select_row(row)

    def _fit_table(self, rows: int) -> None:
        """As tall as its rows (one to four), so a single amount does not leave a hole."""
        shown = min(max(rows, 1), 4)
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + self.table.verticalHeader().defaultSectionSize() * shown + 4)

    def select_amount(self, amount_id: int) -> None:
        self._select_row(self.model.row_of(amount_id))

    def _select_row(self, row: int) -> None:
        with QSignalBlocker(self.table.selectionModel()):
            if row >= 0:
                self.table.selectRow(row)
            else:
                self.table.clearSelection()
        self._show_amount(self.model.amount_at(row))

    def start_new_amount(self) -> None:
        """Empty the editor so that the next amount typed is added to the record."""
        with QSignalBlocker(self.table.selectionModel()):
            self.table.clearSelection()
        self._show_amount(None)
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_amount(self, amount: AmountView | None) -> None:
        self._amount = amount
        has = amount is not None
        with QSignalBlocker(self.line):
            self.line.setText(amount.text if amount else "")
        self._set_error(None)
        for widget in (self.currency, self.qualifier, self.kind, self.value_max, self.delete_button):
            widget.setEnabled(has)
        self.evidence.setEnabled(has and amount is not None and amount.start is not None)
        self._fill_options(amount)
        if amount is None:
            self._set_reading(
                "No amount selected. Type an amount above and press Enter to add it to the record."
                if self._record is not None
                else ""
            )
            self.badge.set_state("", "")
            self.reset_button.setEnabled(False)
            return
        self._set_reading(
            "Stored: " + self._reading(amount.value, amount.currency, amount.qualifier, amount.value_max)
        )
        changed = [
            f
            for f in amount.curated_fields
            if f in ("text", "value", "currency", "qualifier", "kind", "value_max")
        ]
        if amount.origin == Origin.MANUAL:
            self.badge.set_state("typed", "Typed by a person")
            self.reset_button.setEnabled(False)
        elif changed:
            extracted = amount.extracted.get("text", "")
            self.badge.set_state(
                "changed", f"Changed by a person ({', '.join(changed)}). Click to reset to “{extracted}”."
            )
            self.reset_button.setEnabled(True)
        else:
            self.badge.set_state("extracted", "As extracted")
            self.reset_button.setEnabled(False)

    def _fill_options(self, amount: AmountView | None) -> None:
        """Currency, qualifier, kind and maximum as stored (also after a refused choice)."""
        with QSignalBlocker(self.currency):
            self.currency.clear()
            codes = list(CURRENCIES)
            if amount is not None and amount.currency not in codes:
                codes.insert(0, amount.currency)
            for code in codes:
                self.currency.addItem(code, code)
            if amount is not None:
                self.currency.setCurrentIndex(self.currency.findData(amount.currency))
        with QSignalBlocker(self.qualifier):
            self.qualifier.setCurrentIndex(self.qualifier.findData(str(amount.qualifier)) if amount else 0)
        with QSignalBlocker(self.kind):
            self.kind.setCurrentIndex(self.kind.findData(str(amount.kind)) if amount else 0)
        with QSignalBlocker(self.value_max):
            self.value_max.setText(
                group_digits(amount.value_max) if amount and amount.value_max is not None else ""
            )

    def revert_options(self) -> None:
        self._fill_options(self._amount)

    @staticmethod
    def _reading(value: Any, currency: str, qualifier: Any, value_max: Any) -> str:
        """``214,000,000 · CNY · exact`` (``· max 500,000,000`` for ranges)."""
        q = Qualifier(qualifier)
        currency_text = currency if currency and currency != "unknown" else "currency unknown"
        parts = [group_digits(value), currency_text, QUALIFIER_LABELS[q]]
        if value_max is not None:
            parts.append(f"max {group_digits(value_max)}")
        return " · ".join(parts)

    def _set_reading(self, text: str) -> None:
        self.reading.setText(text)
        self.reading.setVisible(bool(text))

    def _set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.line.setStyleSheet("border: 1px solid #b00020;" if message else "")

    def error_text(self) -> str:
        return self.error.text() if self.error.isVisible() or self.error.text() else ""

    def parse(self, text: str) -> ParsedAmount:
        return self._parser(text)

    def is_modified(self) -> bool:
        stored = self._amount.text if self._amount is not None else ""
        return self.line.text().strip() != stored.strip() and bool(self.line.text().strip())

    # -- slots

    @Slot(str)
    def _on_line_text_edited(self, text: str) -> None:
        if not text.strip():
            self._set_error(None)
            self._set_reading("")
            return
        try:
            parsed = self._parser(text)
        except ValueError as exc:
            self._set_reading("")
            self._set_error(f"✗ {exc}")
            return
        self._set_error(None)
        self._set_reading(
            "Reads as: " + self._reading(parsed.value, parsed.currency, parsed.qualifier, parsed.value_max)
        )

    @Slot()
    def _on_line_editing_finished(self) -> None:
        self.commit()

    def commit(self) -> None:
        """Commit the typed amount if it changed and reads; show the error otherwise."""
        if self._record is None:
            return
        text = self.line.text().strip()
        stored = self._amount.text if self._amount is not None else ""
        if not text or text == stored.strip():
            if not text and self._amount is not None:
                self._set_error("✗ An amount cannot be empty; use “Delete amount” to remove it.")
            return
        try:
            self._parser(text)
        except ValueError as exc:
            self._set_error(f"✗ {exc} — not saved")
            return
        self.text_committed.emit(self._record.id, self._amount.id if self._amount else 0, text)

    def show_error(self, message: str) -> None:
        self._set_error(f"✗ {message} — not saved")

    @Slot(int)
    def _on_currency_activated(self, _index: int) -> None:
        self._emit_option("currency", self.currency.currentData())

    @Slot(int)
    def _on_qualifier_activated(self, _index: int) -> None:
        self._emit_option("qualifier", self.qualifier.currentData())

    @Slot(int)
    def _on_kind_activated(self, _index: int) -> None:
        self._emit_option("kind", self.kind.currentData())

    @Slot()
    def _on_value_max_editing_finished(self) -> None:
        if self._amount is None:
            return
        shown = group_digits(self._amount.value_max) if self._amount.value_max is not None else ""
        if self.value_max.text().strip() != shown:
            self._emit_option("value_max", self.value_max.text().strip() or None)

    def _emit_option(self, name: str, value: Any) -> None:
        if self._record is None or self._amount is None:
            return
        current = getattr(self._amount, name)
        if name != "value_max" and str(current) == str(value):
            return
        self.option_chosen.emit(self._record.id, self._amount.id, name, value)

    @Slot()
    def _on_reset_clicked(self) -> None:
        if self._record is not None and self._amount is not None:
            self.reset_requested.emit(self._record.id, self._amount.id)

    @Slot()
    def _on_delete_clicked(self) -> None:
        if self._record is not None and self._amount is not None:
            self.delete_requested.emit(self._record.id, self._amount.id)

    @Slot()
    def _on_evidence_clicked(self) -> None:
        if self._record is not None and self._amount is not None:
            self.evidence_requested.emit(self._record.id, "amount")

    def _on_table_current_row_changed(self, current: Any, _previous: Any) -> None:
        amount = self.model.amount_at(current.row()) if current.isValid() else None
        self._show_amount(amount)
        self.amount_selected.emit(amount.id if amount else 0)


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
            if definition.name == "notes":
                continue
            row = self._add_row(definition)
            grid.addWidget(row.label, line, 0)
            grid.addWidget(row.editor, line, 1)
            grid.addWidget(row.badge, line, 2)
            grid.addWidget(row.evidence, line, 3)
            grid.addWidget(row.error, line + 1, 1, 1, 3)
            line += 2

        self.amounts = AmountEditor(parser, self)
        notes_row = self._add_row(FIELDS_BY_NAME["notes"])
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
        layout.addWidget(self.amounts)
        layout.addLayout(notes_box)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self._set_tab_order()
        self.show_record(None)

    def _add_row(self, definition: FieldDef) -> FieldRow:
        row = FieldRow(definition, self)
        self.rows[definition.name] = row
        name = definition.name
        editor = row.editor
        if isinstance(editor, QComboBox):
            editor.activated.connect(lambda _i, n=name: self._commit(n))
        else:
            editor.editingFinished.connect(lambda n=name: self._commit(n))  # type: ignore[attr-defined]
        row.badge.clicked.connect(lambda _c=False, n=name: self._on_badge_clicked(n))
        row.evidence.clicked.connect(lambda _c=False, n=name: self._on_evidence_clicked(n))
        return row

    def tab_chain(self) -> list[QWidget]:
        """The editors in the order Tab visits them."""
        chain: list[QWidget] = [self.status]
        chain += [self.rows[f.name].editor for f in FORM_FIELDS if f.name != "notes"]
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
        self.heading.setText(f"Record {record.id} · {origin} · version {record.version}")
        with QSignalBlocker(self.status):
            self.status.setCurrentIndex(self.status.findData(record.status.value))
        evidence_fields = {ev.field for ev in record.evidence}
        for definition in FORM_FIELDS:
            row = self.rows[definition.name]
            value = getattr(record, definition.name)
            row.set_text(display_value(definition.kind, value))
            row.set_error(None)
            row.badge.set_state(*self._provenance(record, definition))
            quotes = [ev.quote for name in definition.evidence for ev in record.evidence_for(name)]
            row.evidence.setEnabled(any(name in evidence_fields for name in definition.evidence))
            row.evidence.setToolTip(
                "Show the evidence in the article: " + " / ".join(f"“{q}”" for q in quotes[:3])
                if quotes
                else "No evidence in the article for this field (select text and use “Use as”)."
            )

    @staticmethod
    def _provenance(record: RecordView, definition: FieldDef) -> tuple[str, str]:
        name = definition.name
        if record.origin == Origin.MANUAL:
            return ("typed", "Typed by a person") if getattr(record, name) not in (None, "") else ("", "")
        if name in record.curated_fields:
            extracted = record.extracted.get(name)
            shown = "empty" if extracted in (None, "") else f"“{extracted}”"
            if name == "notes":
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
            if row.definition.kind != "record_kind" and row.is_modified():
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
