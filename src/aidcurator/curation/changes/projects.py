"""Undoable project changes: make a project, merge, split a record out, pick a field's source,
add a status event, apply a duplicate proposal, mark two records "not the same".

A project change is applied once through the curator's project operation, which returns the state
of every project it touched before and after (:class:`~aidcurator.domain.project_views.ProjectOutcome`).
Undo puts the *before* states back and redo the *after* states, exactly (same project ids, field
picks, members and status events), each in one transaction that writes ``Edit`` rows under the
change's group (``undo:<group>`` for undo). Each step checks that every touched project is at the
version this curator's own changes left (``curator.project_versions``); a project changed by another
window or session meanwhile makes the step raise :class:`ConflictError` and write nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from aidcurator.curation.changes.base import Change
from aidcurator.domain.project_views import ProjectOutcome, ProjectState, ProjectView, Proposal

if TYPE_CHECKING:
    from aidcurator.curation import Curator


def _seen(*views: ProjectView) -> dict[int, int]:
    return {view.id: view.version for view in views}


class ProjectChange(Change):
    """Base: ``operation(curator, expected_versions)`` makes the change the first time."""

    def __init__(
        self,
        text: str,
        operation: Callable[[Curator, dict[int, int]], ProjectOutcome],
        seen: dict[int, int] | None = None,
    ) -> None:
        super().__init__(text, 0, None)
        self.focus_record = None
        self.operation = operation
        self.seen = dict(seen or {})  # project id → the version the person acted on
        self.outcome: ProjectOutcome | None = None
        self.project_id: int | None = None

    def _expected(self, curator: Curator, states: Sequence[ProjectState]) -> dict[int, int | None]:
        """Each project's version now, as this curator's changes left it (None: gone)."""
        book = curator.project_versions
        return {
            s.project_id: (None if s.version is None else book.get(s.project_id, s.version)) for s in states
        }

    def _first(self, curator: Curator) -> bool:
        self.outcome = self.operation(curator, dict(self.seen))  # what the person acted on
        self.project_id = self.outcome.project_id
        return self.outcome.changed

    def _redo(self, curator: Curator) -> None:
        assert self.outcome is not None
        curator.restore_project_states(
            self.outcome.after, expected_versions=self._expected(curator, self.outcome.before)
        )
        self.project_id = self.outcome.project_id

    def _undo(self, curator: Curator) -> None:
        assert self.outcome is not None
        restored = curator.restore_project_states(
            self.outcome.before, expected_versions=self._expected(curator, self.outcome.after)
        )
        self.project_id = restored.project_id


class CreateProject(ProjectChange):
    def __init__(self, record_ids: Sequence[int]) -> None:
        ids = list(record_ids)
        super().__init__(
            f"make a project of record{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))}",
            lambda c, seen: c.create_project(ids, expected_versions=seen),
        )


class MergeProjects(ProjectChange):
    def __init__(self, keep: ProjectView, other: ProjectView) -> None:
        super().__init__(
            f"merge project {other.id} into project {keep.id}",
            lambda c, seen: c.merge_projects(keep.id, other.id, expected_versions=seen),
            _seen(keep, other),
        )


class SplitRecord(ProjectChange):
    def __init__(self, project: ProjectView, record_id: int) -> None:
        super().__init__(
            f"split record {record_id} out of project {project.id}",
            lambda c, seen: c.split_record(record_id, expected_versions=seen),
            _seen(project),
        )


class SetFieldSource(ProjectChange):
    def __init__(self, project: ProjectView, field: str, record_id: int | None) -> None:
        what = f"record {record_id}" if record_id is not None else "the default source"
        super().__init__(
            f"take {field.replace('_', ' ')} of project {project.id} from {what}",
            lambda c, seen: c.set_field_source(project.id, field, record_id, expected_versions=seen),
            _seen(project),
        )


class AddStatusEvent(ProjectChange):
    def __init__(
        self, project: ProjectView, status: str, on_date: dt.date | None, note: str | None = None
    ) -> None:
        super().__init__(
            f"add status {status} to project {project.id}",
            lambda c, seen: c.add_status_event(
                project.id, status, on_date, note=note, expected_versions=seen
            ),
            _seen(project),
        )


class SetProjectFacts(ProjectChange):
    """A curator's own facts of a project (review status, umbrella, parent, recommended, dates)."""

    def __init__(self, project: ProjectView, facts: Mapping[str, Any]) -> None:
        from aidcurator.curation.project_facts import label

        values = dict(facts)
        names = ", ".join(dict.fromkeys(label(n).removesuffix(" estimated") for n in values)) or "nothing"
        super().__init__(
            f"set {names} of project {project.id}",
            lambda c, seen: c.set_project_facts(project.id, values, expected_versions=seen),
            _seen(project),
        )


class ApplyProposal(ProjectChange):
    """Make one project of a proposal's two sides (a project is kept; loose records join it)."""

    def __init__(self, proposal: Proposal, seen: dict[int, int] | None = None) -> None:
        units = (proposal.left, proposal.right)
        projects = sorted(u.id for u in units if u.kind == "project")
        records = [u.id for u in units if u.kind == "record"]
        super().__init__(
            f"same project: {proposal.left} and {proposal.right}",
            lambda c, s: c.combine(project_ids=projects, record_ids=records, expected_versions=s),
            seen,
        )


class MarkNotSame(Change):
    """Two records are not one project (never proposed together again); undo forgets it."""

    def __init__(self, record_a: int, record_b: int) -> None:
        super().__init__(f"records {record_a} and {record_b} are not the same project", 0, None)
        self.focus_record = None
        self.records = (record_a, record_b)

    def _first(self, curator: Curator) -> bool:
        return curator.mark_not_same(*self.records)

    def _redo(self, curator: Curator) -> None:
        curator.mark_not_same(*self.records)

    def _undo(self, curator: Curator) -> None:
        curator.unmark_not_same(*self.records)
