"""The undoable change: one curator action, applied once, then undone and redone."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from aidcurator.domain.views import AmountView, RecordView
from aidcurator.store import repository as repo

if TYPE_CHECKING:
    from aidcurator.curation import Curator

#: The ``change_group`` prefix of the edits an undo step writes (``undo:<group of the change>``).
UNDO_PREFIX = "undo:"
#: Amount fields whose earlier state undo puts back.
AMOUNT_STATE_FIELDS = ("text", "value", "value_max", "currency", "qualifier", "kind")


def quote(value: Any) -> str:
    """A short quoted rendering of a value for undo-menu texts."""
    if value is None or value == "":
        return "(empty)"
    text = str(getattr(value, "value", value))
    return f"“{text if len(text) <= 40 else text[:39] + '…'}”"


def _amount_in(view: RecordView, amount_id: int) -> AmountView | None:
    return next((a for a in view.amounts if a.id == amount_id), None)


class Change:
    """Base: subclasses implement ``_first`` (the first application), ``_redo`` and ``_undo``.

    ``expected`` is the record version the person saw when they acted. The versions that later
    steps expect are kept in the curator's ``change_versions`` book (record id → the version this
    curator's own changes left), shared by every change of one window: undoing an older change
    after a newer one was undone still matches, while a change made elsewhere does not.
    """

    def __init__(self, text: str, article_id: int, record_id: int | None, version: int | None = None) -> None:
        self.text = text
        self.article_id = article_id
        self.record_id = record_id
        self.amount_id: int | None = None
        self.focus_record: int | None = record_id  # the record to show after a step (None: the article)
        self.expected = version
        self.view: RecordView | None = None  # the record as the last step left it
        # the Edit rows of apply and redo carry this group, those of undo "undo:<group>"
        self.group = uuid.uuid4().hex

    def apply(self, curator: Curator) -> bool:
        """Make the change now (raises if the core refuses it); False when nothing changed."""
        if self.record_id is not None and self.expected is not None:
            curator.change_versions[self.record_id] = self.expected  # what the person acted on
        with repo.change_group(self.group):
            return self._first(curator)

    def redo(self, curator: Curator) -> None:
        with repo.change_group(self.group):
            self._redo(curator)

    def undo(self, curator: Curator) -> None:
        with repo.change_group(UNDO_PREFIX + self.group):
            self._undo(curator)

    def _version(self, curator: Curator) -> int | None:
        if self.record_id is None:
            return self.expected
        return curator.change_versions.get(self.record_id, self.expected)

    def _seen(self, curator: Curator, view: RecordView) -> RecordView:
        self.view = view
        curator.change_versions[view.id] = view.version
        return view

    def _refresh(self, curator: Curator) -> None:
        assert self.record_id is not None
        self._seen(curator, curator.record(self.record_id))

    def _first(self, curator: Curator) -> bool:
        self._redo(curator)
        return True

    def _redo(self, curator: Curator) -> None:
        raise NotImplementedError

    def _undo(self, curator: Curator) -> None:
        raise NotImplementedError


class Macro(Change):
    """Several changes of one record that undo and redo as one (e.g. a value and its evidence)."""

    def __init__(self, text: str, parts: Sequence[Change]) -> None:
        first = parts[0]
        super().__init__(text, first.article_id, first.record_id, first.expected)
        self.parts = list(parts)
        self.done: list[Change] = []

    def _took(self, part: Change) -> None:
        if part.view is not None:
            self.view = part.view

    def _first(self, curator: Curator) -> bool:
        self.done = []
        try:
            for part in self.parts:
                if part._first(curator):
                    self.done.append(part)
                self._took(part)
        except Exception:
            for part in reversed(self.done):
                part._undo(curator)
                self._took(part)
            raise
        self.amount_id = next((p.amount_id for p in self.done if p.amount_id), None)
        return bool(self.done)

    def _redo(self, curator: Curator) -> None:
        for part in self.done:
            part._redo(curator)
            self._took(part)

    def _undo(self, curator: Curator) -> None:
        for part in reversed(self.done):
            part._undo(curator)
            self._took(part)


def live_change_groups(session: Any, *, actor: str, limit: int) -> Iterator[tuple[str, list[Any]]]:
    """``(group, edits)`` of the actor's last ``limit`` change groups, newest first, leaving out undo
    steps and changes undone (and not redone) in their session."""
    groups = repo.recent_change_groups(session, actor=actor, limit=limit)
    last_id: dict[str, int] = {g[0].change_group or "": g[-1].id for g in groups}
    for edits in groups:
        group = edits[0].change_group or ""
        if group.startswith(UNDO_PREFIX) or last_id.get(UNDO_PREFIX + group, 0) > edits[-1].id:
            continue
        yield group, edits
