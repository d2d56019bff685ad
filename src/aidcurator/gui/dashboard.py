"""The dashboard (View ▸ Dashboard): totals by year, donor, recipient, sector and status.

:class:`DashboardWindow` asks ``curation`` for the totals in a worker thread (on a large database
the grouping takes a few hundred milliseconds), paints one :class:`~aidcurator.gui.bar_chart.BarChart`
per dimension, and emits the filter of a clicked bar; :class:`DashboardHost` (the main window's
``dashboard``) puts that filter on the article list (and on the Projects panel when it is open)
and shows it above the list until cleared.
Each chart exports to PNG and SVG (written atomically).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from aidcurator.curation.dashboard import save_chart_file, top_bars
from aidcurator.domain.dashboard import (
    DIMENSION_LABELS,
    SCOPE_LABELS,
    Bar,
    Basis,
    ChartFilter,
    DashboardTotals,
    Dimension,
    Measure,
    Scope,
)
from aidcurator.gui.bar_chart import ChartBar
from aidcurator.gui.chart_panel import EXPORTS, ChartPanel, bar_text, bar_tooltip, counted, format_usd
from aidcurator.gui.workers import Job

if TYPE_CHECKING:
    from aidcurator.curation import Curator

#: Charts in the grid: (dimension, row, column, column span).
LAYOUT = (
    (Dimension.YEAR, 0, 0, 2),
    (Dimension.DONOR, 1, 0, 1),
    (Dimension.RECIPIENT, 1, 1, 1),
    (Dimension.SECTOR, 2, 0, 1),
    (Dimension.STATUS, 2, 1, 1),
)
MEASURE_LABELS = {Measure.USD: "Amount (nominal US$)", Measure.COUNT: "Number of projects"}
#: After an edit in the window, the open dashboard adds up again this much later.
REFRESH_DELAY_MS = 800


#: The dashboard's size on first opening, when the screen has room for it.
PREFERRED_SIZE = (1100, 860)
#: Pixels left for the window frame and the panel when the screen is smaller.
SCREEN_MARGIN = 60


def fit_size(preferred: tuple[int, int], available: tuple[int, int] | None) -> tuple[int, int]:
    """``preferred``, shrunk to ``available`` (width and height apart) so that the window fits its
    screen (a 1280×720 laptop had the dashboard's lower edge and buttons below the screen)."""
    if available is None:
        return preferred
    return min(preferred[0], available[0]), min(preferred[1], available[1])


class DashboardWindow(QWidget):
    """Charts of the totals; a separate window beside the workbench."""

    # the filter of a clicked bar (ChartFilter), or None when the same bar was clicked again
    filter_requested = Signal(object)
    # the totals are on screen
    loaded = Signal()

    def __init__(self, curator: Callable[[], Curator], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("dashboard")
        self.setWindowTitle("Dashboard — AidCurator")
        self._curator = curator
        self.totals: DashboardTotals | None = None
        self.current_filter: ChartFilter | None = None
        self._job: Job | None = None
        self._again = False
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_DELAY_MS)
        self.refresh_timer.timeout.connect(self.refresh)

        self.scope_box = QComboBox()
        self.scope_box.setObjectName("dashboardScope")
        for scope, label in SCOPE_LABELS.items():
            self.scope_box.addItem(label, scope.value)
        self.scope_box.setToolTip("Which projects count: AidData's “recommended for aggregates” by default")
        self.measure_box = QComboBox()
        self.measure_box.setObjectName("dashboardMeasure")
        for measure, label in MEASURE_LABELS.items():
            self.measure_box.addItem(label, measure.value)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.setObjectName("dashboardRefresh")
        self.note = QLabel()
        self.note.setObjectName("dashboardNote")
        self.note.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("dashboardMessage")
        self.message.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setObjectName("dashboardEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.empty.font()
        font.setPointSizeF(font.pointSizeF() * 1.25 if font.pointSizeF() > 0 else 12.0)
        self.empty.setFont(font)
        self.empty.hide()

        self.panels: dict[Dimension, ChartPanel] = {}
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(6, 6, 6, 6)
        grid.setHorizontalSpacing(14)
        for dimension, row, column, span in LAYOUT:
            panel = ChartPanel(dimension)
            panel.chart.bar_clicked.connect(lambda key, d=dimension: self._on_bar_clicked(d, key))
            panel.export_requested.connect(lambda fmt, d=dimension: self.export_chart(d, fmt))
            grid.addWidget(panel, row, column, 1, span, Qt.AlignmentFlag.AlignTop)
            self.panels[dimension] = panel
        grid.setRowStretch(len(LAYOUT), 1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(grid_widget)

        controls = QHBoxLayout()
        controls.addWidget(QLabel("Count:"))
        controls.addWidget(self.scope_box)
        controls.addWidget(QLabel("Bars show:"))
        controls.addWidget(self.measure_box)
        controls.addStretch(1)
        controls.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.scroll, 1)
        self.scope_box.activated.connect(lambda _index: self.refresh())
        self.measure_box.activated.connect(lambda _index: self.show_totals())
        self.refresh_button.clicked.connect(self.refresh)
        self.resize(*fit_size(PREFERRED_SIZE, self.available_size(parent)))

    @staticmethod
    def available_size(parent: QWidget | None) -> tuple[int, int] | None:
        """The room on the screen of ``parent`` (or the primary screen), less a frame's worth."""
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        if screen is None:
            return None
        room = screen.availableGeometry()
        return room.width() - SCREEN_MARGIN, room.height() - SCREEN_MARGIN

    # ------------------------------------------------------------------------------ state

    def scope(self) -> Scope:
        return Scope(self.scope_box.currentData())

    def measure(self) -> Measure:
        return Measure(self.measure_box.currentData())

    def set_scope(self, scope: Scope) -> None:
        self.scope_box.setCurrentIndex(self.scope_box.findData(scope.value))
        self.refresh()

    def set_measure(self, measure: Measure) -> None:
        self.measure_box.setCurrentIndex(self.measure_box.findData(measure.value))
        self.show_totals()

    @property
    def loading(self) -> bool:
        return self._job is not None

    # ---------------------------------------------------------------------------- loading

    def refresh(self) -> None:
        """Add up again in a worker thread (once more after the running one, if one runs)."""
        self.refresh_timer.stop()
        if self._job is not None:
            self._again = True
            return
        scope = self.scope()

        def work(curator: Curator, _progress: Any, _cancelled: Any) -> DashboardTotals:
            return curator.dashboard(scope)

        job = Job("Dashboard", self._curator(), work, self)
        job.succeeded.connect(self._on_totals)
        job.failed.connect(self._on_failed)
        job.ended.connect(self._on_job_ended)
        self._job = job
        self.message.setText("Adding up…")
        job.start()

    def refresh_later(self) -> None:
        """Something changed in the window: add up again soon, if the dashboard is open."""
        if self.isVisible():
            self.refresh_timer.start()

    def _on_totals(self, totals: DashboardTotals) -> None:
        self.totals = totals
        self.message.clear()
        self.show_totals()
        self.loaded.emit()

    def _on_failed(self, message: str, _details: str) -> None:
        self.message.setText(f"Could not add up the totals: {message}")

    def _on_job_ended(self) -> None:
        if self._job is not None:
            self._job.deleteLater()
        self._job = None
        if self._again:
            self._again = False
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.totals is None and self._job is None:
            self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.refresh_timer.stop()
        if self._job is not None:
            self._job.wait()
        super().closeEvent(event)

    # ----------------------------------------------------------------------------- showing

    def show_totals(self) -> None:
        """Paint the charts of the last totals with the chosen measure."""
        totals = self.totals
        if totals is None:
            return
        noun = "projects" if totals.basis == Basis.PROJECTS else "records"
        self.measure_box.setItemText(self.measure_box.findData(Measure.COUNT.value), f"Number of {noun}")
        self.note.setText(totals.note())
        if totals.empty:
            self.empty.setText(self._empty_text(totals))
            self.empty.show()
            self.scroll.hide()
            return
        self.empty.hide()
        self.scroll.show()
        measure = self.measure()
        for dimension, panel in self.panels.items():
            bars = totals.charts.get(dimension, ())
            shown = top_bars(bars, dimension, measure)
            panel.chart.set_bars(
                [
                    ChartBar(
                        b.key,
                        b.label,
                        float(b.value(measure)),
                        bar_text(b, measure),
                        bar_tooltip(b, noun),
                        short_text=bar_text(b, measure).removeprefix("US$").replace(" ", ""),
                    )
                    for b in shown
                ],
                note=self._chart_note(bars, shown, measure, noun),
                **self._selection(dimension),
            )

    def _selection(self, dimension: Dimension) -> dict[str, Any]:
        chart, totals = self.current_filter, self.totals
        if (
            chart is None
            or totals is None
            or chart.dimension != dimension
            or chart.scope != totals.scope
            or chart.basis != totals.basis
        ):
            return {}
        return {"selected": chart.value}

    @staticmethod
    def _chart_note(bars: Any, shown: list[Bar], measure: Measure, noun: str) -> str:
        unit = "nominal US$" if measure == Measure.USD else noun
        rest = [b for b in bars if b not in shown]
        if not rest:
            return f"{len(shown)} bars, in {unit}"
        usd = format_usd(sum((b.usd for b in rest), Decimal(0)))
        count = sum(b.count for b in rest)
        return f"Top {len(shown)} of {len(bars)}, in {unit}; the other {len(rest)}: {usd}, {counted(count, noun)}"

    @staticmethod
    def _empty_text(totals: DashboardTotals) -> str:
        scope = SCOPE_LABELS[totals.scope].lower()
        if totals.basis == Basis.PROJECTS:
            return f"No projects to total ({scope}).\nAccept projects, or choose another scope above."
        return (
            "Nothing to chart yet.\nThere are no projects, and no records to total instead "
            f"({scope}).\nAccept records in the workbench (Ctrl+Return), or choose another scope above."
        )

    def set_filter(self, chart: ChartFilter | None) -> None:
        """Highlight the bar of the list's filter (none: no highlight)."""
        self.current_filter = chart
        for dimension, panel in self.panels.items():
            selection = self._selection(dimension)
            if selection:
                panel.chart.set_selected(selection["selected"])
            else:
                panel.chart.clear_selected()

    def _on_bar_clicked(self, dimension: Dimension, key: Any) -> None:
        totals = self.totals
        if totals is None:
            return
        if self._selection(dimension).get("selected", object()) == key:
            self.filter_requested.emit(None)  # the same bar again: clear
            return
        label = next((b.label for b in totals.charts.get(dimension, ()) if b.key == key), "")
        self.filter_requested.emit(ChartFilter(totals.basis, totals.scope, dimension, key, label))

    # ----------------------------------------------------------------------------- exports

    def save_path(self, title: str, name_filter: str, suggested: str) -> str | None:
        """Ask where to save (tests replace this method)."""
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, name_filter)
        return path or None

    def export_chart(self, dimension: Dimension, fmt: str) -> str | None:
        """Ask for a file and write the chart there as PNG or SVG; returns the path written."""
        name_filter = dict(EXPORTS)[fmt]
        title = DIMENSION_LABELS[dimension][0]
        path = self.save_path(f"Export “{title}” as {fmt.upper()}", name_filter, f"{dimension.value}.{fmt}")
        if not path:
            return None
        if not path.lower().endswith(f".{fmt}"):
            path += f".{fmt}"
        chart = self.panels[dimension].chart
        data = chart.to_png() if fmt == "png" else chart.to_svg()
        try:
            save_chart_file(path, data)
        except Exception as error:  # ExportError: a readable reason (permission, disk full)
            self.message.setText(f"Not saved: {error}")
            return None
        self.message.setText(f"Saved {path}")
        return path
