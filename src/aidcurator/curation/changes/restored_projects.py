"""Project changes of an earlier session, rebuilt from the Edit history for the Projects panel's
own undo stack (record changes go to the window's stack: :mod:`.restored`).

A project change wrote its edits under one ``change_group`` with ``edit.project_id``. Those whose
edits say exactly what to put back are rebuilt: the curator's facts (``project_update``: review
status, umbrella, parent, recommended override and reason, notes, typed dates), a field's source
(``project_source``) and "not the same" marks. Changes of a project's make-up (make, merge, split,
status events, their undo steps) keep no full state in the history: :func:`restored_project_changes`
stops at the newest of them, so older changes are never undone past it. Record changes in between
are passed over. As in the session, each step checks the project's version: a project whose
newest edit is not one of these changes' (someone changed it since) conflicts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aidcurator.curation.changes.base import UNDO_PREFIX, Change, live_change_groups
from aidcurator.domain.views import EditView
from aidcurator.store import projects as project_store
from aidcurator.store import read_session

if TYPE_CHECKING:
    from aidcurator.curation import Curator

_STALE = -1  # a version no project has: undo reports a conflict


def is_project_group(edits: Sequence[EditView]) -> bool:
    """Whether a change group is a project change (any edit of a project or a not-the-same mark)."""
    return any(
        e.project_id is not None or e.action.startswith("project_") or e.action == "not_same" for e in edits
    )


def _restorable(edit: EditView) -> bool:
    from aidcurator.curation.project_facts import FACT_KEYS
    from aidcurator.domain.project_views import PROJECT_FIELD_COLUMNS

    if edit.action == "not_same":
        return isinstance(edit.new_value or edit.old_value, list)
    if edit.project_id is None:
        return False
    if edit.action == "project_update":
        return edit.field in FACT_KEYS
    if edit.action == "project_source":
        simple = all(v is None or isinstance(v, int) for v in (edit.old_value, edit.new_value))
        return edit.field in PROJECT_FIELD_COLUMNS and simple
    return False


def _text(edits: Sequence[EditView]) -> str:
    first = edits[0]
    if first.action == "not_same":
        a, b = first.new_value or first.old_value
        verb = "are not" if first.new_value else "may be"
        return f"records {a} and {b} {verb} the same project (earlier session)"
    if first.action == "project_source":
        return f"take {(first.field or '').replace('_', ' ')} of project {first.project_id} (earlier session)"
    from aidcurator.curation.project_facts import label

    names = ", ".join(dict.fromkeys(label(e.field or "").removesuffix(" estimated") for e in edits))
    return f"set {names} of project {first.project_id} (earlier session)"


class RestoredProjectChange(Change):
    """One project change of an earlier session: undo puts the old values back, redo the new ones."""

    def __init__(self, edits: list[EditView], group: str) -> None:
        super().__init__(_text(edits), 0, None)
        self.focus_record = None
        self.group = group
        self.edits = edits
        self.project_id: int | None = edits[0].project_id

    def _versions(self, curator: Curator) -> dict[int, int]:
        assert self.project_id is not None
        return {self.project_id: curator.project_versions.get(self.project_id, _STALE)}

    def _run(self, curator: Curator, *, undoing: bool) -> None:
        from aidcurator.curation.project_facts import MANUAL_DATE_FIELDS, date_facts

        first = self.edits[0]
        if first.action == "not_same":
            pair = first.new_value or first.old_value
            marking = bool(first.new_value) != undoing
            (curator.mark_not_same if marking else curator.unmark_not_same)(int(pair[0]), int(pair[1]))
            return
        assert self.project_id is not None
        if first.action == "project_source":
            for edit in reversed(self.edits) if undoing else self.edits:
                value = edit.old_value if undoing else edit.new_value
                curator.set_field_source(
                    self.project_id, edit.field or "", value, expected_versions=self._versions(curator)
                )
            return
        facts: dict[str, Any] = {}
        for edit in self.edits:
            value = edit.old_value if undoing else edit.new_value
            if edit.field in MANUAL_DATE_FIELDS:
                facts.update(date_facts(edit.field, value))
            else:
                facts[edit.field or ""] = value
        curator.set_project_facts(self.project_id, facts, expected_versions=self._versions(curator))

    def _undo(self, curator: Curator) -> None:
        self._run(curator, undoing=True)

    def _redo(self, curator: Curator) -> None:
        self._run(curator, undoing=False)


def restored_project_changes(curator: Curator, *, limit: int = 50) -> list[RestoredProjectChange]:
    """The actor's last restorable project changes of earlier sessions, newest first (see the module)."""
    with read_session(curator.engine) as session:
        found: list[RestoredProjectChange] = []
        for group, edits in live_change_groups(session, actor=curator.actor, limit=limit * 4):
            if not is_project_group(edits):
                continue  # a record change: the window's stack has it
            kinds = {e.action for e in edits}
            if (
                not all(_restorable(e) for e in edits)
                or len(kinds) != 1
                or len({e.project_id for e in edits}) != 1
            ):
                break
            found.append(RestoredProjectChange(edits, group))
            if len(found) >= limit:
                break
        ours = {g for change in found for g in (change.group, UNDO_PREFIX + change.group)}
        ids = sorted({c.project_id for c in found if c.project_id is not None})
        newest = project_store.last_project_groups(session, project_ids=ids)
        current = {pid: project_store.find_project(session, project_id=pid) for pid in ids}
    for pid in ids:
        project = current[pid]
        ok = project is not None and newest.get(pid) in ours
        curator.project_versions[pid] = project.version if ok and project is not None else _STALE
    return found
