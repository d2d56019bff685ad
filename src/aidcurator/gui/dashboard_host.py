"""The main window's dashboard host: opens View ▸ Dashboard and applies a clicked bar's filter."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from aidcurator.domain.dashboard import ChartFilter
from aidcurator.gui.dashboard import DashboardWindow


class DashboardHost:
    """The main window's dashboard: opens it, and puts a clicked bar's filter on the article list
    (shown above the list, with a button to clear it)."""

    def __init__(self, window: Any) -> None:
        self.window = window
        self.dashboard: DashboardWindow | None = None
        window.list_pane.chart_filter_cleared.connect(lambda: self.apply_filter(None))
        window.undo_stack.indexChanged.connect(lambda _index: self._changed())

    def open(self) -> DashboardWindow:
        """Show the dashboard (made on first use) and add up afresh."""
        if self.dashboard is None:
            self.dashboard = DashboardWindow(lambda: self.window.curator, self.window)
            self.dashboard.filter_requested.connect(self.apply_filter)
            self.dashboard.set_filter(self.window.articles.query.chart)
            self.dashboard.show()
        else:
            self.dashboard.show()
            self.dashboard.refresh()
        self.dashboard.raise_()
        self.dashboard.activateWindow()
        return self.dashboard

    def apply_filter(self, chart: ChartFilter | None) -> None:
        """List only the articles of a bar (``None``: clear the bar filter)."""
        window = self.window
        query = window.articles.query
        if query.chart != chart:
            window.articles.set_query(replace(query, chart=chart))
        window.list_pane.show_chart_filter(chart.describe() if chart is not None else None)
        if self.dashboard is not None:
            self.dashboard.set_filter(chart)
        dock = getattr(window, "projects_dock", None)
        if dock is not None and dock.isVisible():  # an open Projects panel lists the bar's projects
            dock.widget().set_chart_filter(chart)
        if chart is not None:
            window.show_status_message(f"Listing the articles of the bar {chart.describe()}", 8000)

    def database_changed(self) -> None:
        """Another database is open: its list starts unfiltered, and an open dashboard adds up afresh."""
        if self.window.articles.query.chart is not None:
            self.apply_filter(None)
        if self.dashboard is not None:
            self.dashboard.totals = None
            if self.dashboard.isVisible():
                self.dashboard.refresh()

    def _changed(self) -> None:
        if self.dashboard is not None:
            self.dashboard.refresh_later()

    def close(self) -> None:
        if self.dashboard is not None:
            self.dashboard.close()


def install_dashboard(window: Any) -> DashboardHost:
    """The window's dashboard host (``window.dashboard.open`` is View ▸ Dashboard)."""
    return DashboardHost(window)
