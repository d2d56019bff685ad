"""The action table: every handler exists, names and shortcuts are unique, menus follow the table."""

from PySide6.QtGui import QKeySequence

from aidcurator.gui.action_table import ACTIONS, MENUS
from aidcurator.gui.actions import resolve


def test_names_and_shortcuts_are_unique():
    names = [spec.name for spec in ACTIONS]
    assert len(names) == len(set(names))
    keys = [QKeySequence(s).toString() for spec in ACTIONS for s in spec.shortcuts]
    assert len(keys) == len(set(keys))
    assert {spec.menu for spec in ACTIONS} == {attribute for attribute, _title in MENUS}


def test_every_handler_resolves_on_the_window_and_menus_follow_the_table(window):
    for spec in ACTIONS:
        if spec.handler is not None:
            assert callable(resolve(window, spec.handler)), spec.name
        assert window.actions[spec.name].objectName() == spec.name
    for attribute, _title in MENUS:
        shown = [a.objectName() for a in getattr(window, attribute).actions() if a.objectName()]
        listed = [spec.name for spec in ACTIONS if spec.menu == attribute]
        assert [name for name in shown if name in listed] == listed
    assert window.recent_menu.objectName() == "recentMenu"
