"""The record's amounts and the one-line editor that reads amounts live.

Amount text is read by the same parser the extractor uses (the curator's ``amount_parser``); the
editor reports what the curator committed through signals and never writes to the database.
Its choices (qualifier, kind) and labels come from the field table's amount fields.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from aidcurator.domain import AmountKind, Origin, Qualifier
from aidcurator.domain.fields import AMOUNT_FIELD
from aidcurator.gui.form_widgets import ERROR_STYLE, Badge, cancel_on_escape
from aidcurator.gui.formatting import QUALIFIER_LABELS, amount_reading, group_digits
from aidcurator.gui.models import AmountListModel
from aidcurator.gui.row_selection import select_row

if TYPE_CHECKING:
    from aidcurator.domain import ParsedAmount
    from aidcurator.domain.views import AmountView, RecordView

CURRENCIES = ("CNY", "USD", "HKD", "EUR", "GBP", "JPY", "unknown")
#: The amount options under the editor, in grid order: (amount field, widget attribute).
OPTION_WIDGETS = (
    ("currency", "currency"),
    ("qualifier", "qualifier"),
    ("kind", "kind"),
    ("value_max", "value_max"),
)
#: Shorter labels where the amount box already says "amount".
SHORT_LABELS = {"kind": "Kind"}


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
        self._syncing = False
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
        for editor in (self.line, self.value_max):
            cancel_on_escape(editor, self.cancel)
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
        for number, (name, widget) in enumerate(OPTION_WIDGETS):
            spec = AMOUNT_FIELD[name]
            label = QLabel(f"{SHORT_LABELS.get(name, spec.label)}:")
            label.setToolTip(spec.help)
            options.addWidget(label, number // 2, 2 * (number % 2))
            options.addWidget(getattr(self, widget), number // 2, 2 * (number % 2) + 1)
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
        self._syncing = True  # the model's own reset is not a choice of the curator
        try:
            self.model.set_amounts(record.amounts if record is not None else ())
        finally:
            self._syncing = False
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
        self._syncing = True  # signals flow so that the table repaints; the slot ignores them
        try:
            select_row(self.table, row)
        finally:
            self._syncing = False
        self._show_amount(self.model.amount_at(row))

    def start_new_amount(self) -> None:
        """Empty the editor so that the next amount typed is added to the record."""
        self._select_row(-1)
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
            "Stored: " + amount_reading(amount.value, amount.currency, amount.qualifier, amount.value_max)
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
            self.value_max.setText(self._stored_max() if amount is self._amount else "")

    def cancel(self) -> bool:
        """Esc: show the saved amount again (text, options, no error); False if nothing was typed."""
        stored = self._amount.text if self._amount is not None else ""
        typed = self.line.text() != stored or self.value_max.text().strip() != self._stored_max()
        if not typed and self.error.isHidden():
            return False
        self._show_amount(self._amount)
        return True

    def revert_options(self) -> None:
        self._fill_options(self._amount)

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
            "Reads as: " + amount_reading(parsed.value, parsed.currency, parsed.qualifier, parsed.value_max)
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
        if self._amount is not None and self.value_max.text().strip() != self._stored_max():
            self._emit_option("value_max", self.value_max.text().strip() or None)

    def _stored_max(self) -> str:
        amount = self._amount
        return group_digits(amount.value_max) if amount is not None and amount.value_max is not None else ""

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
        if self._syncing:
            return
        amount = self.model.amount_at(current.row()) if current.isValid() else None
        self._show_amount(amount)
        self.amount_selected.emit(amount.id if amount else 0)
