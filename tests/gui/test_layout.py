"""The window at 1280×720: the legend wraps, titles keep their room, the form scrolls to its fields."""

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QLabel

from aidcurator.gui.models import ArticleListModel


@pytest.fixture
def small_window(make_window, demo_db, qtbot):
    window = make_window(demo_db)
    window.resize(1280, 720)
    window.select_first_article()
    qtbot.wait(50)  # the first start's splitter sizes are set once the window has its width
    return window


def test_window_title_names_the_database_then_the_app_once(small_window):
    assert small_window.windowTitle() == "demo.db — AidCurator"
    assert small_window.windowTitle().count("AidCurator") == 1


def test_legend_wraps_instead_of_being_clipped(small_window, qtbot):
    legend = small_window.article_view.legend
    chips = legend.findChildren(QLabel)
    assert len(chips) == 7  # amount, count, place, year, sector, party, selected record
    for width in (small_window.article_view.width(), 260):
        small_window.main_splitter.setSizes([400, width, 1280 - 400 - width])
        qtbot.wait(10)
        area = QRect(0, 0, legend.width(), legend.height())
        for chip in chips:
            assert chip.isVisible()
            assert area.contains(chip.geometry()), (width, chip.text(), chip.geometry(), area)
    assert len({chip.geometry().y() for chip in chips}) > 1  # two lines when narrow
    # the article text starts below the legend's last line
    assert small_window.article_view.text.geometry().top() >= legend.geometry().bottom()


def test_article_titles_take_most_of_the_list_width(small_window):
    table = small_window.article_table
    header = table.horizontalHeader()
    title = header.sectionSize(ArticleListModel.COL_TITLE)
    assert title >= 0.35 * table.viewport().width()
    assert title >= table.fontMetrics().horizontalAdvance("南京援疆特克斯县文旅融合")  # 12 characters
    assert title > max(
        header.sectionSize(c) for c in range(header.count()) if c != ArticleListModel.COL_TITLE
    )
    # what is cut is elided and the whole title is the tooltip
    row = small_window.articles.article_at(0)
    index = small_window.articles.index(0, ArticleListModel.COL_TITLE)
    assert small_window.articles.data(index, 3) == row.title  # ToolTipRole


def test_the_form_scrolls_to_the_amount_editor_when_it_gets_the_focus(small_window, qtbot):
    window = small_window
    line = window.form.amounts.line
    viewport = window.form_scroll.viewport()
    window.form_scroll.verticalScrollBar().setValue(0)
    qtbot.wait(10)
    assert window.form_scroll.verticalScrollBar().maximum() > 0  # the form is taller than the pane
    window.activateWindow()
    window.actions["focus_amount"].trigger()
    qtbot.waitUntil(line.hasFocus)
    shown = QRect(line.mapTo(viewport, line.rect().topLeft()), line.size())
    assert viewport.rect().contains(shown), (shown, viewport.rect())
