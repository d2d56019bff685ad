"""The None reference-count workaround for PySide6 6.12 keeps long sessions alive."""

import sys

from PySide6.QtGui import QUndoCommand, QUndoStack

from aidcurator.gui import pyside_fixes
from aidcurator.gui.models import RecordListModel


class _Nothing(QUndoCommand):
    def redo(self) -> None:
        return None

    def undo(self) -> None:
        return None


def test_many_none_returns_do_not_exhaust_none(qapp):
    stack = QUndoStack()
    stack.push(_Nothing("x"))
    model = RecordListModel()
    before = sys.getrefcount(None)
    for _ in range(20_000):  # far more than None's natural reference count on Python 3.11
        stack.undo()
        stack.redo()
        model.index(0, 0).data(1234)
    lost = before - sys.getrefcount(None)
    if pyside_fixes.NONE_LOST_PER_CALL:
        assert sys.getrefcount(None) > pyside_fixes.NONE_RESERVE // 2
    else:
        assert lost <= 0 or sys.version_info >= (3, 12)
