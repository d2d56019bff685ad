"""Findings of a review of every screen: shortcuts and mnemonics are unique, export entries say what
they export, the docks fit a 1280×720 window, and the records table shows donor → recipient."""

import re
from collections import defaultdict

import pytest
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QAbstractButton, QHeaderView

from aidcurator.gui.models import RecordListModel


@pytest.fixture
def everything_open(window, qtbot):
    """The window with the Projects and Reconciliation docks and the dashboard open."""
    window.actions["reconcile"].trigger()
    dashboard = window.dashboard.open()
    yield window, dashboard
    window.reconcile_dock.widget().wait()


def _shortcut_owners(*tops) -> dict[str, set[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for top in tops:
        for action in top.findChildren(QAction):
            for sequence in action.shortcuts():
                owners[sequence.toString()].add(f"action {action.objectName() or action.text()}")
        for shortcut in top.findChildren(QShortcut):
            owners[shortcut.key().toString()].add(f"shortcut {shortcut.objectName() or id(shortcut)}")
        for button in top.findChildren(QAbstractButton):
            if not button.shortcut().isEmpty() and button.defaultAction() is None:
                owners[button.shortcut().toString()].add(f"button {button.text()}")
    return owners


def test_no_two_actions_share_a_shortcut_with_every_panel_open(everything_open):
    owners = _shortcut_owners(*everything_open)
    assert owners, "the window has shortcuts"
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert not shared


def test_the_check_finds_a_shared_shortcut(window):
    extra = QAction("Twin of find", window)
    extra.setShortcut(window.actions["find"].shortcuts()[0])
    window.addAction(extra)
    owners = _shortcut_owners(window)
    assert len(owners[window.actions["find"].shortcuts()[0].toString()]) == 2


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


def test_menu_bar_and_command_menus_have_unique_mnemonics(window):
    titles = [_mnemonic(menu.title()) for menu in window.menus]
    assert None not in titles and len(titles) == len(set(titles))
    for menu in window.menus:
        if menu is window.export_menu:
            continue  # entries of one kind in a row; the menu bar's E&xport is the way in
        keys = [_mnemonic(a.text()) for a in menu.actions() if not a.isSeparator() and a.menu() is None]
        assert None not in keys, menu.title()
        assert len(keys) == len(set(keys)), (menu.title(), keys)


def test_export_entries_say_whether_they_export_records_or_projects(window):
    entries = [a for a in window.export_menu.actions() if not a.isSeparator() and a.text().endswith("…")]
    assert len(entries) == 9
    for action in entries:
        assert action.text().startswith(("Records as ", "Projects as ")), action.text()
    assert window.actions["export_csv"].text() == "Records as CSV…"


def test_re_extract_this_article_is_in_the_article_menu(window):
    assert window.actions["re_extract_article"] in window.article_menu.actions()
    assert window.actions["re_extract_article"] not in window.record_menu.actions()


def test_docks_fit_a_1280_by_720_window_as_tabs(window, qtbot):
    window.resize(1280, 720)
    qtbot.waitUntil(lambda: window.width() == 1280)
    window.actions["reconcile"].trigger()
    window.reconcile_dock.widget().wait()
    qtbot.waitUntil(lambda: window.reconcile_dock.isVisible())
    assert window.tabifiedDockWidgets(window.projects_dock) == [window.reconcile_dock]
    assert window.width() == 1280  # side by side, the two docks widened the window to 1456 pixels
    assert window.main_splitter.height() >= 720 // 3  # the article text stays readable


def test_records_table_shows_donor_and_recipient_in_full(window):
    header = window.record_table.horizontalHeader()
    assert header.sectionResizeMode(RecordListModel.COL_SECTOR) == QHeaderView.ResizeMode.Stretch
    assert header.sectionResizeMode(RecordListModel.COL_PARTIES) == QHeaderView.ResizeMode.ResizeToContents
    model = window.records
    index = model.index(0, RecordListModel.COL_PARTIES)
    assert model.data(index) and model.data(index, 3) == model.data(index)  # the tooltip: the full text


def test_dashboard_fits_a_small_screen():
    from aidcurator.gui.dashboard import PREFERRED_SIZE, fit_size

    assert fit_size(PREFERRED_SIZE, None) == PREFERRED_SIZE
    assert fit_size(PREFERRED_SIZE, (1220, 660)) == (1100, 660)  # 1280×720 less the frame and panel
    assert fit_size(PREFERRED_SIZE, (2000, 1200)) == PREFERRED_SIZE


def test_dashboard_opens_within_its_screen(window):
    dashboard = window.dashboard.open()
    room = window.screen().availableGeometry()
    assert dashboard.width() <= room.width() and dashboard.height() <= room.height()


def test_candidate_headers_without_words_have_tooltips():
    from PySide6.QtCore import Qt

    from aidcurator.gui.reference_model import CandidatesModel

    model = CandidatesModel()
    tip = int(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(0, Qt.Orientation.Horizontal) == ""
    assert "confirmed" in model.headerData(0, Qt.Orientation.Horizontal, tip)
    assert model.headerData(1, Qt.Orientation.Horizontal, tip) is None


def test_article_details_give_the_source_a_line_of_its_own_at_1280(window, qtbot):
    window.resize(1280, 720)
    window.actions["article_details"].trigger()
    editors = window.metadata.panel.editors
    qtbot.waitUntil(lambda: editors["source"].isVisible())
    source, url = editors["source"], editors["url"]
    assert source.width() == url.width()
    assert source.width() >= source.fontMetrics().horizontalAdvance("Xinhua News Agency")
    assert editors["published"].width() >= editors["published"].fontMetrics().horizontalAdvance("2025-11-20")
