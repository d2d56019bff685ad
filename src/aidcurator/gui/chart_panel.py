"""One chart of the dashboard with its export buttons, and the words on and over its bars."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QVBoxLayout, QWidget

from aidcurator.domain.dashboard import DIMENSION_LABELS, Bar, Dimension, Measure
from aidcurator.gui.bar_chart import BarChart

EXPORTS = (("png", "PNG images (*.png)"), ("svg", "SVG drawings (*.svg)"))


def format_usd(value: Decimal) -> str:
    """``US$1.23 bn``, ``US$45.6 m``, ``US$12,345``: short enough for a bar's end."""
    magnitude = abs(value)
    for size, suffix in ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m")):
        if magnitude >= size:
            number = value / size
            return f"US${number:.3g} {suffix}" if abs(number) < 1000 else f"US${number:,.0f} {suffix}"
    return f"US${value:,.0f}"


def counted(number: int, noun: str) -> str:
    """``1 project``, ``2 projects`` (``noun`` in the plural)."""
    return f"{number:,} {noun[:-1] if number == 1 else noun}"


def bar_text(bar: Bar, measure: Measure) -> str:
    """What a bar's end says."""
    if measure == Measure.COUNT:
        return f"{bar.count:,}"
    if bar.usd == 0 and bar.no_rate:
        return "no rate"
    return format_usd(bar.usd)


def bar_tooltip(bar: Bar, noun: str) -> str:
    lines = [bar.label, f"{format_usd(bar.usd)} · {counted(bar.count, noun)}"]
    lines += [f"{currency} {value:,}" for currency, value in bar.by_currency[:4]]
    if bar.no_rate:
        lines.append(f"{counted(bar.no_rate, 'amounts')} without a US-dollar rate (not in the total)")
    lines.append("Click to list these articles; click again to clear")
    return "\n".join(lines)


class ChartPanel(QWidget):
    """A chart with its Export PNG… and Export SVG… buttons (also in its context menu)."""

    # format ("png" or "svg")
    export_requested = Signal(str)

    def __init__(self, dimension: Dimension, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dimension = dimension
        self.chart = BarChart(DIMENSION_LABELS[dimension][0], vertical=dimension == Dimension.YEAR)
        self.chart.setObjectName(f"chart_{dimension.value}")
        self.chart.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.chart.customContextMenuRequested.connect(self._on_chart_menu)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.export_buttons: dict[str, QToolButton] = {}
        for fmt, _filter in EXPORTS:
            button = QToolButton()
            button.setText(f"Export {fmt.upper()}…")
            button.setObjectName(f"export_{dimension.value}_{fmt}")
            button.clicked.connect(lambda _checked=False, f=fmt: self.export_requested.emit(f))
            buttons.addWidget(button)
            self.export_buttons[fmt] = button
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(2)
        layout.addWidget(self.chart)
        layout.addLayout(buttons)

    def _on_chart_menu(self, position: QPoint) -> None:
        menu = QMenu(self)
        for fmt, _filter in EXPORTS:
            menu.addAction(f"Export {fmt.upper()}…", lambda f=fmt: self.export_requested.emit(f))
        menu.popup(self.chart.mapToGlobal(position))
