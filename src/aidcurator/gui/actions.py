"""The window's QActions and menus, built from the table in :mod:`aidcurator.gui.action_table`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from aidcurator.gui.action_table import ACTIONS, EXCLUSIVE, MENUS, SUBMENUS, ActionSpec


def resolve(owner: Any, dotted: str) -> Callable[[], Any]:
    """The attribute at the dotted path ``dotted`` from ``owner`` (a handler named in the table)."""
    target = owner
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


def make_action(spec: ActionSpec, window: QWidget, handler: Callable[..., Any] | None) -> QAction:
    """A QAction for one row of the table, calling ``handler(*spec.args)`` when triggered."""
    action = QAction(spec.text, window)
    action.setObjectName(spec.name)
    if spec.shortcuts:
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
    if spec.tip:
        action.setStatusTip(spec.tip)
        action.setToolTip(spec.tip)
    if spec.checkable:
        action.setCheckable(True)
        action.setChecked(spec.checked)
    if handler is not None:
        action.triggered.connect(lambda _checked=False: handler(*spec.args))
    return action


def build_actions(window: Any, made: dict[str, QAction]) -> dict[str, QAction]:
    """Every action of the table (``made`` holds those built elsewhere, such as undo and redo)."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        if spec.name in made:
            action = made[spec.name]
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        else:
            handler = resolve(window, spec.handler) if spec.handler else None
            action = make_action(spec, window, handler)
        if not spec.checkable:
            window.addAction(action)  # shortcuts work even with the menu bar hidden
        actions[spec.name] = action
    for names in EXCLUSIVE:
        group = QActionGroup(window)
        for name in names:
            group.addAction(actions[name])
    return actions


def build_menus(window: Any, bar: QMenuBar, actions: dict[str, QAction]) -> list[QMenu]:
    """The menu bar from the table; each menu is also set as an attribute of the window."""
    menus: list[QMenu] = []
    for attribute, title in MENUS:
        menu = bar.addMenu(title)
        setattr(window, attribute, menu)
        menus.append(menu)
        section: int | None = None
        for spec in (s for s in ACTIONS if s.menu == attribute):
            if section is not None and spec.section != section:
                menu.addSeparator()
            section = spec.section
            menu.addAction(actions[spec.name])
            for owner, after, sub_attribute, sub_title, object_name, filler in SUBMENUS:
                if owner == attribute and after == spec.name:
                    submenu = menu.addMenu(sub_title)
                    submenu.setObjectName(object_name)
                    submenu.aboutToShow.connect(resolve(window, filler))
                    setattr(window, sub_attribute, submenu)
    return menus


def guarded_sequences(actions: dict[str, QAction]) -> Callable[[], Sequence[QKeySequence]]:
    """A function giving the current shortcuts of the guarded actions (they work in text fields too)."""
    names = [spec.name for spec in ACTIONS if spec.guarded]

    def sequences() -> list[QKeySequence]:
        return [s for name in names for s in actions[name].shortcuts()]

    return sequences
