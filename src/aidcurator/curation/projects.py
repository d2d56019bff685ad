"""Projects across articles: make one from records, merge, split a record out, pick each field's
source, status history, "not the same". No Qt, no SQL here.

Every operation runs in one transaction, checks the versions the caller saw (``expected_versions``:
project id → version; :class:`ConflictError` when another session changed the project meanwhile),
writes ``Edit`` rows with ``edit.project_id`` (in the current change group, so an undoable change's
edits share one) and returns a :class:`ProjectOutcome` with the state of every touched project
before and after, which is what undo and redo put back (:mod:`aidcurator.curation.changes.projects`).
The field and status rules are in :mod:`aidcurator.curation.project_fields`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from aidcurator.curation import project_fields as rules
from aidcurator.curation.base import CuratorBase
from aidcurator.curation.project_dedupe import DedupeMixin
from aidcurator.curation.project_export import ProjectExportMixin
from aidcurator.domain import ProjectStatus
from aidcurator.domain.errors import ConflictError
from aidcurator.domain.project_views import (
    PROJECT_FIELD_COLUMNS,
    PROJECT_FIELDS,
    FieldValues,
    ProjectOutcome,
    ProjectRow,
    ProjectState,
    ProjectView,
    StatusEvent,
)
from aidcurator.store import NotFoundError, Session, read_session, write_session
from aidcurator.store import projects as store

Versions = Mapping[int, int] | None


def check_project_version(project: Any, expected: Versions) -> None:
    """:class:`ConflictError` when ``project`` is not at the version the caller saw."""
    if expected is None or project.id not in expected:
        return
    if project.version != expected[project.id]:
        raise ConflictError(
            f"project {project.id} was changed elsewhere since you loaded it "
            f"(now version {project.version}, yours {expected[project.id]}); reload it and try again"
        )


def project_view(session: Session, project_id: int) -> ProjectView:
    """The project as its records say now: fields, sources and status history are worked out from
    the members (a record edited since the last project change shows at once)."""
    project = store.load_project(session, project_id=project_id)
    session.flush()
    ids = store.member_ids(session, project_id=project_id)
    members = store.source_records(session, record_ids=ids)
    picks = rules.clean_picks(project.field_sources or {}, ids)
    values, sources = rules.resolve(members, picks)
    stored = store.status_events(session, project_id=project_id)
    events = [e for e in stored if e.origin != "extracted"] + rules.extracted_events(members)
    columns = {**store.project_columns(project), **values, "project_status": rules.current_status(events)}
    return ProjectView(
        id=project_id,
        version=project.version,
        columns=columns,
        members=tuple(members),
        events=tuple(rules.ordered_events(events)),
        sources=sources,
    )


def refresh(session: Session, project: Any) -> None:
    """Recompute the project's fields from its members and picks, and its extracted status events
    and current status; a project left without members is deleted."""
    assert project.id is not None
    ids = store.member_ids(session, project_id=project.id)
    if not ids:
        store.delete_project(session, project_id=project.id)
        return
    members = store.source_records(session, record_ids=ids)
    picks = rules.clean_picks(project.field_sources or {}, ids)
    values, _sources = rules.resolve(members, picks)
    if picks != (project.field_sources or {}):
        project.field_sources = picks
    for column, value in values.items():
        if getattr(project, column) != value:
            setattr(project, column, value)
    store.replace_events(
        session, project_id=project.id, events=rules.extracted_events(members), origin="extracted"
    )
    status = rules.current_status(store.status_events(session, project_id=project.id))
    if project.project_status != status:
        project.project_status = status
    project.updated_at = store.utcnow()
    session.flush()


class ProjectsMixin(DedupeMixin, ProjectExportMixin, CuratorBase):
    """Project use cases (see the module)."""

    @property
    def project_versions(self) -> dict[int, int]:
        """Project id → the version this curator's own undoable changes left (as ``change_versions``)."""
        book = self.__dict__.get("_project_versions")
        if book is None:
            book = self.__dict__["_project_versions"] = {}
        return book

    # -- reading

    def project(self, project_id: int) -> ProjectView:
        with read_session(self.engine) as session:
            return project_view(session, project_id)

    def projects(self, *, search: str = "", offset: int = 0, limit: int = 200) -> list[ProjectRow]:
        """One page of the project list, newest first."""
        with read_session(self.engine) as session:
            return store.project_rows(session, search=search, offset=offset, limit=limit)

    def project_of(self, record_id: int) -> int | None:
        """The project a record belongs to (None: none)."""
        with read_session(self.engine) as session:
            return store.projects_of(session, record_ids=[record_id]).get(record_id)

    def project_field_values(self, project_id: int) -> list[FieldValues]:
        """Per field: every source's value, the chosen record, and whether the sources disagree."""
        view = self.project(project_id)
        return rules.field_values(view.members, view.columns.get("field_sources") or {})

    def project_history(self, project_id: int) -> list[dict[str, Any]]:
        with read_session(self.engine) as session:
            return store.project_edits(session, project_id=project_id)

    # -- the one way an operation runs

    def _operate(
        self,
        touched: Callable[[Session], Iterable[int]],
        work: Callable[[Session, str], tuple[int | None, Iterable[int]]],
        expected: Versions,
    ) -> ProjectOutcome:
        """``touched`` names the projects the operation will change; ``work`` does it and returns
        the project to show and any projects it made. Versions are checked before anything."""
        who = self._who(None)
        with write_session(self.engine) as session:
            ids = sorted(set(touched(session)))
            for project_id in ids:
                project = store.find_project(session, project_id=project_id)
                if project is not None:
                    check_project_version(project, expected)
            before = {pid: store.project_state(session, project_id=pid) for pid in ids}
            focus, made = work(session, who)
            for pid in made:
                before.setdefault(pid, ProjectState(pid, None))
            after = tuple(store.project_state(session, project_id=pid) for pid in sorted(before))
            outcome = ProjectOutcome(focus, tuple(before[pid] for pid in sorted(before)), after)
        self._book(outcome.after)
        return outcome

    def _book(self, states: Iterable[ProjectState]) -> None:
        for state in states:
            if state.version is None:
                self.project_versions.pop(state.project_id, None)
            else:
                self.project_versions[state.project_id] = state.version

    # -- making, merging, splitting

    def create_project(
        self, record_ids: Sequence[int], *, expected_versions: Versions = None
    ) -> ProjectOutcome:
        """A new project of ``record_ids`` (taken out of any project they were in)."""
        return self.combine(record_ids=record_ids, expected_versions=expected_versions)

    def merge_projects(self, keep: int, other: int, *, expected_versions: Versions = None) -> ProjectOutcome:
        """Move every record of ``other`` into ``keep`` and delete ``other``; ``keep``'s field picks
        win, ``other``'s are kept for the fields ``keep`` did not pick."""
        if keep == other:
            raise ValueError(f"project {keep} cannot be merged with itself")
        return self.combine(project_ids=[keep, other], expected_versions=expected_versions)

    def combine(
        self,
        *,
        project_ids: Sequence[int] = (),
        record_ids: Sequence[int] = (),
        expected_versions: Versions = None,
    ) -> ProjectOutcome:
        """One project of the given projects (the first is kept) and records (a new project when
        no project is given)."""
        if not project_ids and not record_ids:
            raise ValueError("name at least one record or project")

        def touched(session: Session) -> list[int]:
            for pid in project_ids:
                store.load_project(session, project_id=pid)
            missing = set(record_ids) - store.existing_record_ids(session, record_ids=record_ids)
            if missing:
                raise NotFoundError(f"record {min(missing)} does not exist (it may have been deleted)")
            owners = store.projects_of(session, record_ids=record_ids)
            return [*project_ids, *owners.values()]

        def work(session: Session, who: str) -> tuple[int | None, list[int]]:
            made = []
            if project_ids:
                target = store.load_project(session, project_id=project_ids[0])
            else:
                target = store.add_project(session)
                made.append(target.id)
                store.add_project_edit(
                    session,
                    project_id=target.id,
                    action="project_create",
                    actor=who,
                    new_value=list(record_ids),
                )
            assert target.id is not None
            picks = dict(target.field_sources or {})
            moved: dict[int, int | None] = dict.fromkeys(record_ids)
            moved.update(store.projects_of(session, record_ids=record_ids))
            for pid in dict.fromkeys(project_ids[1:]):
                if pid == target.id:
                    continue
                other = store.load_project(session, project_id=pid)
                for field, record_id in (other.field_sources or {}).items():
                    picks.setdefault(field, record_id)
                manual = [e for e in store.status_events(session, project_id=pid) if e.origin != "extracted"]
                store.add_events(session, project_id=target.id, events=manual)
                for record_id in store.member_ids(session, project_id=pid):
                    moved[record_id] = pid
                store.add_project_edit(
                    session, project_id=target.id, action="project_merge", actor=who, old_value=pid
                )
            moved = {r: p for r, p in moved.items() if p != target.id}
            store.set_members(session, project_id=target.id, record_ids=moved)
            self._member_edits(session, moved, target.id, who)
            target.field_sources = picks
            for pid in sorted({p for p in moved.values() if p is not None}):
                source = store.find_project(session, project_id=pid)
                if source is not None:
                    if pid in project_ids:
                        store.delete_project(session, project_id=pid)
                    else:
                        refresh(session, source)
            refresh(session, target)
            return target.id, made

        return self._operate(touched, work, expected_versions)

    @staticmethod
    def _member_edits(
        session: Session, moved: Mapping[int, int | None], target: int | None, who: str
    ) -> None:
        articles = {s.record_id: s.article_id for s in store.source_records(session, record_ids=list(moved))}
        for record_id, old in moved.items():
            store.add_project_edit(
                session,
                project_id=target if target is not None else old,
                action="project_member",
                actor=who,
                field="project_id",
                old_value=old,
                new_value=target,
                record_id=record_id,
                article_id=articles.get(record_id),
            )

    def split_record(self, record_id: int, *, expected_versions: Versions = None) -> ProjectOutcome:
        """Take a record out of its project into a new project of its own."""

        def touched(session: Session) -> list[int]:
            owner = store.projects_of(session, record_ids=[record_id]).get(record_id)
            if owner is None:
                raise ValueError(f"record {record_id} is in no project")
            if store.member_ids(session, project_id=owner) == [record_id]:
                raise ValueError(f"record {record_id} is already alone in project {owner}")
            return [owner]

        def work(session: Session, who: str) -> tuple[int | None, list[int]]:
            owner = store.projects_of(session, record_ids=[record_id])[record_id]
            project = store.add_project(session)
            store.add_project_edit(
                session,
                project_id=owner,
                action="project_split",
                actor=who,
                new_value=project.id,
                record_id=record_id,
            )
            store.set_members(session, project_id=project.id, record_ids=[record_id])
            self._member_edits(session, {record_id: owner}, project.id, who)
            refresh(session, store.load_project(session, project_id=owner))
            refresh(session, project)
            return project.id, [project.id]

        return self._operate(touched, work, expected_versions)

    def remove_from_project(self, record_id: int, *, expected_versions: Versions = None) -> ProjectOutcome:
        """Take a record out of its project (a project left empty is deleted)."""

        def touched(session: Session) -> list[int]:
            owner = store.projects_of(session, record_ids=[record_id]).get(record_id)
            if owner is None:
                raise ValueError(f"record {record_id} is in no project")
            return [owner]

        def work(session: Session, who: str) -> tuple[int | None, list[int]]:
            owner = store.projects_of(session, record_ids=[record_id])[record_id]
            store.remove_members(session, record_ids=[record_id])
            self._member_edits(session, {record_id: owner}, None, who)
            refresh(session, store.load_project(session, project_id=owner))
            return owner, []

        return self._operate(touched, work, expected_versions)

    # -- fields and status

    def set_field_source(
        self, project_id: int, field: str, record_id: int | None, *, expected_versions: Versions = None
    ) -> ProjectOutcome:
        """Take ``field`` from ``record_id`` (a member that has it); None goes back to the default."""
        if field not in PROJECT_FIELD_COLUMNS:
            raise ValueError(f"{field!r} is not a project field; choose one of {', '.join(PROJECT_FIELDS)}")

        def work(session: Session, who: str) -> tuple[int | None, list[int]]:
            project = store.load_project(session, project_id=project_id)
            picks = dict(project.field_sources or {})
            if record_id is not None:
                members = store.source_records(
                    session, record_ids=store.member_ids(session, project_id=project_id)
                )
                src = next((m for m in members if m.record_id == record_id), None)
                if src is None:
                    raise ValueError(f"record {record_id} is not in project {project_id}")
                if rules.source_value(field, src) is None:
                    raise ValueError(f"record {record_id} has no {field.replace('_', ' ')}")
            old = picks.get(field)
            if old == record_id:
                return project_id, []
            if record_id is None:
                picks.pop(field, None)
            else:
                picks[field] = record_id
            project.field_sources = picks
            store.add_project_edit(
                session,
                project_id=project_id,
                action="project_source",
                actor=who,
                field=field,
                old_value=old,
                new_value=record_id,
            )
            refresh(session, project)
            return project_id, []

        return self._operate(lambda s: [project_id], work, expected_versions)

    def add_status_event(
        self,
        project_id: int,
        status: ProjectStatus | str,
        on_date: dt.date | None,
        *,
        note: str | None = None,
        date_estimated: bool = False,
        expected_versions: Versions = None,
    ) -> ProjectOutcome:
        """A manual step of the status history (e.g. a completion a curator knows of)."""
        value = ProjectStatus(status).value
        if value == ProjectStatus.UNKNOWN.value:
            raise ValueError("a status event needs a known status")

        def work(session: Session, who: str) -> tuple[int | None, list[int]]:
            project = store.load_project(session, project_id=project_id)
            event = StatusEvent(
                status=value, on_date=on_date, origin="manual", date_estimated=date_estimated, note=note
            )
            store.add_events(session, project_id=project_id, events=[event])
            store.add_project_edit(
                session,
                project_id=project_id,
                action="project_status",
                actor=who,
                field="status_event",
                new_value={"status": value, "on_date": on_date, "note": note},
            )
            refresh(session, project)
            return project_id, []

        return self._operate(lambda s: [project_id], work, expected_versions)

    def remove_status_event(
        self, project_id: int, event_id: int, *, expected_versions: Versions = None
    ) -> ProjectOutcome:
        """Delete a manual status event (extracted ones follow their records)."""

        def work(session: Session, who: str) -> tuple[int | None, list[int]]:
            project = store.load_project(session, project_id=project_id)
            event = store.delete_event(session, project_id=project_id, event_id=event_id)
            if event.origin == "extracted":
                raise ValueError("an extracted status event follows its record; change the record instead")
            store.add_project_edit(
                session,
                project_id=project_id,
                action="project_status",
                actor=who,
                field="status_event",
                old_value={"status": event.status, "on_date": event.on_date, "note": event.note},
            )
            refresh(session, project)
            return project_id, []

        return self._operate(lambda s: [project_id], work, expected_versions)

    def refresh_project(self, project_id: int) -> ProjectOutcome:
        """Recompute a project after its records were edited (fields, status history)."""

        def work(session: Session, who: str) -> tuple[int | None, list[int]]:
            refresh(session, store.load_project(session, project_id=project_id))
            return project_id, []

        return self._operate(lambda s: [project_id], work, None)

    def set_project_columns(
        self, project_id: int, values: Mapping[str, Any], *, expected_versions: Versions = None
    ) -> ProjectOutcome:
        """Set the curator's own project columns: review_status, umbrella, recommended_override,
        recommended_reason, notes, parent_id."""
        allowed = {
            "review_status",
            "umbrella",
            "recommended_override",
            "recommended_reason",
            "notes",
            "parent_id",
        }
        wrong = set(values) - allowed
        if wrong:
            raise ValueError(f"{', '.join(sorted(wrong))} cannot be set here; they come from the sources")

        def work(session: Session, who: str) -> tuple[int | None, list[int]]:
            project = store.load_project(session, project_id=project_id)
            for name, value in values.items():
                old = getattr(project, name)
                if old != value:
                    setattr(project, name, value)
                    store.add_project_edit(
                        session,
                        project_id=project_id,
                        action="project_update",
                        actor=who,
                        field=name,
                        old_value=old,
                        new_value=value,
                    )
            project.updated_at = store.utcnow()
            return project_id, []

        return self._operate(lambda s: [project_id], work, expected_versions)

    # -- undo and redo

    def restore_project_states(
        self, states: Sequence[ProjectState], *, expected_versions: Mapping[int, int | None]
    ) -> ProjectOutcome:
        """Put projects back as ``states`` hold them (undo/redo). ``expected_versions`` gives each
        project's version now (None: it must not exist); any difference raises ConflictError."""

        def touched(session: Session) -> list[int]:
            for state in states:
                project = store.find_project(session, project_id=state.project_id)
                expected = expected_versions.get(state.project_id)
                if project is None and expected is not None:
                    raise ConflictError(
                        f"project {state.project_id} was deleted elsewhere; nothing was undone"
                    )
                if project is not None and expected is None:
                    raise ConflictError(f"project {state.project_id} exists again; nothing was undone")
                if project is not None and project.version != expected:
                    raise ConflictError(
                        f"project {state.project_id} was changed elsewhere (now version {project.version}, "
                        f"expected {expected}); nothing was undone"
                    )
            return [s.project_id for s in states]

        def work(session: Session, who: str) -> tuple[int | None, list[int]]:
            focus = None
            for state in sorted(states, key=lambda s: s.columns is not None):  # deletions first
                store.put_state(session, state=state)
                store.add_project_edit(
                    session,
                    project_id=state.project_id,
                    action="project_restore",
                    actor=who,
                    new_value=None if state.columns is None else list(state.record_ids),
                )
                if state.columns is not None and focus is None:
                    focus = state.project_id
            return focus, [s.project_id for s in states]

        return self._operate(touched, work, None)

    # -- not the same

    def mark_not_same(self, record_a: int, record_b: int) -> bool:
        """Two records are not one project: never proposed together again (False: already marked)."""
        if record_a == record_b:
            raise ValueError("a record is always the same as itself")
        with write_session(self.engine) as session:
            missing = {record_a, record_b} - store.existing_record_ids(
                session, record_ids=[record_a, record_b]
            )
            if missing:
                raise NotFoundError(f"record {min(missing)} does not exist (it may have been deleted)")
            who = self._who(None)
            added = store.add_not_same(session, records=(record_a, record_b), actor=who)
            if added:
                store.add_project_edit(
                    session,
                    project_id=None,
                    action="not_same",
                    actor=who,
                    field="not_same",
                    record_id=record_a,
                    new_value=[record_a, record_b],
                )
            return added

    def unmark_not_same(self, record_a: int, record_b: int) -> bool:
        with write_session(self.engine) as session:
            removed = store.remove_not_same(session, records=(record_a, record_b))
            if removed:
                store.add_project_edit(
                    session,
                    project_id=None,
                    action="not_same",
                    actor=self._who(None),
                    field="not_same",
                    record_id=record_a,
                    old_value=[record_a, record_b],
                )
            return removed
