"""The dashboard window: charts painted from the totals, a clicked bar filtering the article list,
PNG and SVG exports, and the empty state."""

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QToolButton

sys.path.insert(0, str(Path(__file__).parents[1] / "curation"))  # the dashboard test data

from dashboard_support import fill_articles, fill_projects

from aidcurator.domain.dashboard import Basis, Dimension, Measure, Scope

SVG = "{http://www.w3.org/2000/svg}"


def open_dashboard(window, qtbot):
    """View ▸ Dashboard, then wait until the totals are painted."""
    window.actions["dashboard"].trigger()
    dashboard = window.dashboard.dashboard
    qtbot.waitUntil(lambda: dashboard.totals is not None and not dashboard.loading, timeout=10_000)
    qtbot.waitExposed(dashboard)
    for panel in dashboard.panels.values():
        panel.chart.repaint()  # paint now: the bars' click areas are where they were painted
    return dashboard


def click_bar(qtbot, chart, label: str) -> None:
    index = next(n for n, bar in enumerate(chart.bars) if bar.label == label)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=chart.bar_centre(index).toPoint())


@pytest.fixture
def projects_window(make_window, tmp_path):
    db = tmp_path / "projects.db"
    fill_projects(db)
    return make_window(db)


def test_the_dashboard_charts_the_recommended_projects(projects_window, qtbot) -> None:
    dashboard = open_dashboard(projects_window, qtbot)
    assert dashboard.totals.basis == Basis.PROJECTS and dashboard.scope() == Scope.RECOMMENDED
    donors = dashboard.panels[Dimension.DONOR].chart
    assert [bar.label for bar in donors.bars] == ["广东省", "上海市", "北京市"]
    assert donors.bars[0].value_text == "US$64.5 m"
    assert donors.bars[1].value_text == "no rate"  # its only amount has no rate
    assert "4 accepted, recommended projects" in dashboard.note.text()
    assert "no rate for ABC 2022" in dashboard.note.text()
    years = dashboard.panels[Dimension.YEAR].chart
    assert years.vertical and [bar.label for bar in years.bars] == ["2019", "2020", "2021", "2022"]
    assert not dashboard.empty.isVisible()


def test_scope_and_measure_change_the_bars(projects_window, qtbot) -> None:
    dashboard = open_dashboard(projects_window, qtbot)
    with qtbot.waitSignal(dashboard.loaded, timeout=10_000):
        dashboard.set_scope(Scope.ALL)
    donors = dashboard.panels[Dimension.DONOR].chart
    assert donors.bars[0].label == "江苏省"
    dashboard.set_measure(Measure.COUNT)
    assert {bar.label: bar.value_text for bar in donors.bars}["上海市"] == "2"


def test_clicking_a_bar_filters_the_article_list_and_again_clears_it(projects_window, qtbot) -> None:
    window = projects_window
    assert window.articles.progress[1] == 3
    dashboard = open_dashboard(window, qtbot)
    donors = dashboard.panels[Dimension.DONOR].chart
    with qtbot.waitSignal(dashboard.filter_requested) as blocker:
        click_bar(qtbot, donors, "广东省")
    chart = blocker.args[0]
    assert (chart.dimension, chart.value, chart.scope) == (Dimension.DONOR, "广东省", Scope.RECOMMENDED)
    assert window.articles.query.chart == chart
    assert window.articles.rowCount() == 1 and window.articles.progress[1] == 1
    assert window.list_pane.chart_filter.isVisible()
    assert "Donor = 广东省" in window.list_pane.chart_filter.findChild(QLabel, "chartFilterLabel").text()
    assert donors.selected == "广东省"  # the bar of the filter is highlighted
    click_bar(qtbot, donors, "广东省")  # the same bar again: every article
    assert window.articles.query.chart is None and window.articles.progress[1] == 3
    assert not window.list_pane.chart_filter.isVisible()


def test_the_clear_button_above_the_list_removes_the_bar_filter(projects_window, qtbot) -> None:
    window = projects_window
    dashboard = open_dashboard(window, qtbot)
    click_bar(qtbot, dashboard.panels[Dimension.RECIPIENT].chart, "(no recipient)")
    assert window.articles.progress[1] == 1
    clear = window.list_pane.chart_filter.findChild(QToolButton, "chartFilterClear")
    qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert window.articles.query.chart is None and window.articles.progress[1] == 3
    assert dashboard.panels[Dimension.RECIPIENT].chart.selected is not None  # no bar highlighted


def test_charts_export_to_png_and_svg(projects_window, qtbot, tmp_path) -> None:
    dashboard = open_dashboard(projects_window, qtbot)
    png, svg = tmp_path / "out" / "donors.png", tmp_path / "out" / "years"
    png.parent.mkdir()
    dashboard.save_path = lambda *_args: str(png)
    assert dashboard.export_chart(Dimension.DONOR, "png") == str(png)
    image = QImage(str(png))
    assert not image.isNull() and image.width() >= 720
    dashboard.save_path = lambda *_args: str(svg)
    written = dashboard.export_chart(Dimension.YEAR, "svg")
    assert written == str(svg) + ".svg"
    root = ET.parse(written).getroot()
    assert root.tag == f"{SVG}svg"
    rects = root.iter(f"{SVG}rect")
    assert sum(1 for _ in rects) >= len(dashboard.panels[Dimension.YEAR].chart.bars)
    texts = "".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "2019" in texts and "Commitment year" in texts
    assert "Saved" in dashboard.message.text()


def test_an_export_that_cannot_be_written_says_why(projects_window, qtbot, tmp_path) -> None:
    dashboard = open_dashboard(projects_window, qtbot)
    dashboard.save_path = lambda *_args: str(tmp_path / "no such folder" / "chart.png")
    assert dashboard.export_chart(Dimension.DONOR, "png") is None
    assert dashboard.message.text().startswith("Not saved:")


def test_before_any_project_the_accepted_records_are_charted(make_window, tmp_path, qtbot) -> None:
    db = tmp_path / "records.db"
    fill_projects(db, with_projects=False)
    dashboard = open_dashboard(make_window(db), qtbot)
    assert dashboard.totals.basis == Basis.RECORDS
    assert dashboard.note.text().startswith("No projects yet")
    assert dashboard.measure_box.itemText(1) == "Number of records"


def test_an_empty_database_shows_why_there_is_nothing(make_window, tmp_path, qtbot) -> None:
    db = tmp_path / "empty.db"
    fill_articles(db)
    dashboard = open_dashboard(make_window(db), qtbot)
    assert dashboard.totals.empty
    assert dashboard.empty.isVisible() and not dashboard.scroll.isVisible()
    assert "Nothing to chart yet" in dashboard.empty.text()


def test_the_keyboard_reaches_the_bars(projects_window, qtbot) -> None:
    window = projects_window
    dashboard = open_dashboard(window, qtbot)
    donors = dashboard.panels[Dimension.DONOR].chart
    donors.setFocus()
    qtbot.keyClick(donors, Qt.Key.Key_Down)
    qtbot.keyClick(donors, Qt.Key.Key_Down)  # the second bar: 上海市
    with qtbot.waitSignal(dashboard.filter_requested) as blocker:
        qtbot.keyClick(donors, Qt.Key.Key_Return)
    assert blocker.args[0].value == "上海市"
    assert window.articles.progress[1] == 1


def test_another_database_drops_the_bar_filter(projects_window, qtbot, tmp_path) -> None:
    window = projects_window
    dashboard = open_dashboard(window, qtbot)
    click_bar(qtbot, dashboard.panels[Dimension.DONOR].chart, "广东省")
    assert window.articles.query.chart is not None
    other = tmp_path / "other.db"
    fill_articles(other, n_articles=2)
    window.dialogs.confirm = lambda *_args: False
    assert window.open_database(other)
    assert window.articles.query.chart is None and window.articles.progress[1] == 2
    qtbot.waitUntil(lambda: dashboard.totals is not None and not dashboard.loading, timeout=10_000)
    assert dashboard.totals.empty


def test_a_bar_also_filters_the_open_projects_panel(projects_window, qtbot) -> None:
    from aidcurator.gui.projects_panel import show_projects_dock

    window = projects_window
    panel = show_projects_dock(window)
    assert sorted(row.id for row in panel.projects.rows) == [1, 2, 3, 4, 5, 6, 7]
    dashboard = open_dashboard(window, qtbot)
    click_bar(qtbot, dashboard.panels[Dimension.DONOR].chart, "广东省")
    assert sorted(row.id for row in panel.projects.rows) == [1, 2]  # recommended, donor 广东省
    assert panel.chart_row.isVisible() and "Donor = 广东省" in panel.chart_label.text()
    click_bar(qtbot, dashboard.panels[Dimension.RECIPIENT].chart, "(no recipient)")
    assert [row.id for row in panel.projects.rows] == [5]
    qtbot.mouseClick(panel.chart_clear, Qt.MouseButton.LeftButton)  # clears the bar everywhere
    assert sorted(row.id for row in panel.projects.rows) == [1, 2, 3, 4, 5, 6, 7]
    assert window.articles.query.chart is None and not panel.chart_row.isVisible()
