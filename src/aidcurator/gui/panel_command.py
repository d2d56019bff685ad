"""A curation change on an undo stack, reported to the panel that made it (projects, reconciliation)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from aidcurator.curation import Curator


class Change(Protocol):
    text: str

    def apply(self, curator: Curator) -> bool: ...
    def undo(self, curator: Curator) -> None: ...
    def redo(self, curator: Curator) -> None: ...


class PanelCommand(QUndoCommand):
    """Applied once by :meth:`apply` (pushing it then changes nothing), undone and redone later; a step
    that fails because the data changed elsewhere is reported on the panel and keeps the stack.

    Subclasses say what the panel shows after a step (:meth:`done`) and after a failed one (:meth:`failed`).
    ``restored``: a change of an earlier session, already in the database."""

    def __init__(
        self, panel: Any, change: Change, text: str | None = None, *, restored: bool = False
    ) -> None:
        super().__init__(text or change.text)
        self.panel = panel
        self.change = change
        self._applied_now = False
        self._restored = restored

    def apply(self) -> bool:
        self._applied_now = self.change.apply(self.panel.curator)
        return self._applied_now

    def redo(self) -> None:
        if self._restored:
            self._restored = False
            return
        if self._applied_now:  # push() calls redo(); the change is made already
            self._applied_now = False
            self.done("Saved")
            return
        self._step(self.change.redo, "Redone")

    def undo(self) -> None:
        self._step(self.change.undo, "Undone")

    def _step(self, step: Callable[[Curator], None], verb: str) -> None:
        try:
            step(self.panel.curator)
        except Exception as error:  # changed elsewhere meanwhile: say so, keep the stack
            action = "undo" if verb == "Undone" else "redo"
            self.panel.show_message(f"Could not {action} “{self.text()}”: {error}")
            self.failed()
            return
        self.done(verb)

    def done(self, verb: str) -> None:
        """Hook every subclass overrides: show the panel after a step ``verb`` ("Undone"/"Redone")."""
        raise NotImplementedError(f"{type(self).__name__} must say what its panel shows after a step")

    def failed(self) -> None:
        """Hook every subclass overrides: bring the panel back in line after a refused step."""
        raise NotImplementedError(f"{type(self).__name__} must say what its panel shows after a failed step")
