"""Workarounds for defects of the PySide6 release we run on, applied when ``aidcurator.gui`` loads.

**None's reference count.** PySide6 6.12 (shiboken6 6.12.0) drops one reference to ``None`` too
many each time a Python override returns ``None`` to C++ from many virtual methods — every
``QAbstractItemModel.data()`` call for a role the model does not answer, ``fetchMore``, ``sort``,
``QUndoCommand.redo``/``undo``… On Python 3.11 ``None`` is an ordinary object: after a few thousand
such calls (scrolling a list is enough) its count reaches zero and the interpreter aborts with
"Fatal Python error: none_dealloc". The benchmark found this after a few hundred article switches.

Returning something other than ``None`` is not an option (an empty string would be a *valid*
``QVariant``: Qt would draw check boxes and decorations), and wrapping every override is fragile.
So we measure the loss once and, if there is one, give ``None`` a reserve of references so large
that it cannot run out (2**40 calls). Python 3.12+ makes ``None`` immortal, and a fixed PySide
measures no loss: in both cases nothing is changed.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex

_PROBE_CALLS = 64
NONE_RESERVE = 1 << 40


class _Probe(QAbstractListModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> None:
        return None


def none_references_lost_per_call() -> int:
    """How many references to None one ``data()`` override returning None costs (0 when fixed)."""
    probe = _Probe()
    index = probe.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(_PROBE_CALLS):
        index.data(0)
    lost = before - sys.getrefcount(None)
    if lost > 0:
        _add_none_references(lost)  # pay back what the probe itself cost
    return max(0, round(lost / _PROBE_CALLS))


def _add_none_references(count: int) -> None:
    # ob_refcnt is the first field of every CPython object; id() is the object's address.
    ctypes.c_ssize_t.from_address(id(None)).value += count


def protect_none() -> int:
    """Give None a reserve of references if this PySide loses some; returns the loss per call."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return 0  # None is immortal
    lost = none_references_lost_per_call()
    if lost and sys.getrefcount(None) < NONE_RESERVE:
        _add_none_references(NONE_RESERVE)
    return lost


NONE_LOST_PER_CALL = protect_none()
