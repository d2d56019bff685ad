"""Changes of an earlier session, rebuilt from the Edit history so undo survives a restart.

Each undoable change wrote its edits under one ``change_group`` (undo steps under
``undo:<group>``). :func:`restored_changes` turns the actor's latest groups that are not undone
into :class:`RestoredChange` objects, newest first, stopping at the first group it cannot undo
exactly (amounts or records made or deleted); project changes are passed over (the Projects panel
restores those on its own stack: :mod:`aidcurator.curation.changes.restored_projects`). Edits of an amount's fields are put back together, so a typed
text and its value return as they were; evidence edits put the old spans back (as manual evidence: the history
keeps spans, not origins). Version checks work as in the session: a
record whose newest edit is not among these groups (someone changed it since) conflicts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aidcurator.curation.changes.base import UNDO_PREFIX, Change, live_change_groups
from aidcurator.curation.changes.restored_projects import is_project_group
from aidcurator.curation.review import KEEP
from aidcurator.curation.validation import decode_stored
from aidcurator.domain.fields import AMOUNT_FIELD, RECORD_FIELD, label
from aidcurator.domain.jsonvalues import jsonable
from aidcurator.domain.views import EditView
from aidcurator.store import read_session
from aidcurator.store import repository as repo

if TYPE_CHECKING:
    from aidcurator.curation import Curator

_RECORD_ACTIONS = frozenset({"update", "reset", "status"})
_STALE = -1  # a version no record has: undo reports a conflict


def _supported(edit: EditView) -> bool:
    if edit.record_id is not None:
        if edit.action == "evidence":
            return edit.field is not None
        if edit.amount_id is not None:
            return edit.action == "update" and _amount_field(edit) in AMOUNT_FIELD
        return edit.action in _RECORD_ACTIONS and (edit.field == "status" or edit.field in RECORD_FIELD)
    return edit.action == "review_state" and edit.field in ("review_state", "review_note")


def _amount_field(edit: EditView) -> str:
    """The amount field an edit names (``amount.text`` → ``text``)."""
    return (edit.field or "").removeprefix("amount.")


def _spans(edit: EditView, value: Any) -> list[tuple[str, int, int]]:
    """An evidence edit's spans as (name, start, end): entries are ``[name, start, end]`` (field
    evidence) or ``[start, end]`` under the edit's own field (amount quotes, replaced spans)."""
    spans = []
    for entry in value or []:
        name, start, end = entry if len(entry) == 3 else (edit.field, *entry)
        spans.append((str(name), int(start), int(end)))
    return spans


class RestoredChange(Change):
    """One change of an earlier session: undo puts the old values back, redo the new ones."""

    def __init__(self, edits: list[EditView], group: str) -> None:
        first = edits[0]
        article_id = first.article_id or 0
        record_ids = sorted({e.record_id for e in edits if e.record_id is not None})
        record_id = record_ids[0] if record_ids else None
        if record_id is not None:
            names = ", ".join(dict.fromkeys(label(e.field or "") for e in edits))
            text = f"set {names} of record {record_id} (earlier session)"
        else:
            text = f"review state of article {article_id} (earlier session)"
        super().__init__(text, article_id, record_id, _STALE)
        self.group = group
        self.edits = edits

    def _apply_value(self, curator: Curator, edit: EditView, value: Any, *, undoing: bool) -> None:
        if edit.record_id is None:
            if edit.field == "review_state":
                expected = edit.new_value if undoing else edit.old_value
                curator.set_review_state(self.article_id, value, reason=KEEP, expected_state=expected)
            else:
                state = curator.article(self.article_id).review_state
                curator.set_review_state(self.article_id, state, reason=value)
            return
        if edit.action == "evidence":
            self._apply_evidence(curator, edit, undoing=undoing)
            return
        version = self._version(curator)
        if edit.field == "status":
            view = curator.set_status(edit.record_id, value, expected_version=version)
        else:
            assert edit.field is not None
            spec = RECORD_FIELD[edit.field]
            record = curator.record(edit.record_id)
            extracted = record.extracted.get(edit.field) if record.origin.value == "extracted" else None
            if undoing and spec.machine and edit.field in record.extracted and jsonable(extracted) == value:
                view = curator.reset_to_extracted(edit.record_id, edit.field, expected_version=version)
            else:
                view = curator.update_record_field(
                    edit.record_id, edit.field, decode_stored(spec, value), expected_version=version
                )
        self._seen(curator, view)

    def _apply_evidence(self, curator: Curator, edit: EditView, *, undoing: bool) -> None:
        """Take out the spans the step put in and put back those it took out; other rows stay."""
        gone = _spans(edit, edit.new_value if undoing else edit.old_value)
        back = _spans(edit, edit.old_value if undoing else edit.new_value)
        assert edit.record_id is not None
        for name in dict.fromkeys(n for n, _, _ in gone + back):
            current = [(e.start, e.end) for e in curator.record(edit.record_id).evidence if e.field == name]
            spans = [s for s in current if (name, *s) not in gone]
            spans += [(start, end) for n, start, end in back if n == name and (start, end) not in spans]
            view = curator.replace_evidence(
                edit.record_id, name, spans, expected_version=self._version(curator)
            )
            self._seen(curator, view)

    def _apply_amount(
        self, curator: Curator, amount_id: int, edits: list[EditView], *, undoing: bool
    ) -> None:
        """All edits of one amount in one call: a text comes back with its exact value, unparsed."""
        values = {
            _amount_field(e): decode_stored(
                AMOUNT_FIELD[_amount_field(e)], e.old_value if undoing else e.new_value
            )
            for e in edits
        }
        if "text" in values and "value" not in values:
            amount = next(a for a in curator.record(self.record_id or 0).amounts if a.id == amount_id)
            values["value"] = amount.value
        view = curator.update_amount(amount_id, **values, expected_version=self._version(curator))
        self._seen(curator, view)

    def _steps(self, edits: list[EditView]) -> list[EditView | tuple[int, list[EditView]]]:
        """The edits in order, an amount's field edits folded into one step at its first edit."""
        steps: list[EditView | tuple[int, list[EditView]]] = []
        by_amount: dict[int, list[EditView]] = {}
        for edit in edits:
            if edit.amount_id is not None and edit.action == "update":
                if edit.amount_id not in by_amount:
                    by_amount[edit.amount_id] = []
                    steps.append((edit.amount_id, by_amount[edit.amount_id]))
                by_amount[edit.amount_id].append(edit)
            else:
                steps.append(edit)
        return steps

    def _run(self, curator: Curator, *, undoing: bool) -> None:
        steps = self._steps(self.edits)
        for step in reversed(steps) if undoing else steps:
            if isinstance(step, tuple):
                self._apply_amount(curator, step[0], step[1], undoing=undoing)
            else:
                self._apply_value(
                    curator, step, step.old_value if undoing else step.new_value, undoing=undoing
                )

    def _undo(self, curator: Curator) -> None:
        self._run(curator, undoing=True)

    def _redo(self, curator: Curator) -> None:
        self._run(curator, undoing=False)


def restored_changes(curator: Curator, *, limit: int = 50) -> list[RestoredChange]:
    """The actor's last undoable changes of earlier sessions, newest first (see the module)."""
    with read_session(curator.engine) as session:
        changes: list[RestoredChange] = []
        for group, edits in live_change_groups(session, actor=curator.actor, limit=limit * 2):
            if is_project_group(edits):
                continue  # the Projects panel restores these on its own stack
            if not all(_supported(e) for e in edits):
                break
            changes.append(RestoredChange(edits, group))
            if len(changes) >= limit:
                break
        ours = {g for change in changes for g in (change.group, UNDO_PREFIX + change.group)}
        record_ids = sorted({e.record_id for c in changes for e in c.edits if e.record_id is not None})
        newest = repo.last_edits(session, record_ids=record_ids)
    for record_id in record_ids:
        edit = newest.get(("record", record_id))
        if edit is not None and edit.change_group in ours:
            curator.change_versions[record_id] = curator.record(record_id).version
    for change in changes:
        if change.record_id is not None and change.record_id not in curator.change_versions:
            curator.change_versions[change.record_id] = _STALE
    return changes
