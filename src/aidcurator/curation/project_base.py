"""What every project operation shares: the view of a project, recomputing it from its records,
the version check, the one way an operation runs (:meth:`ProjectBase._operate`), reading, putting
states back for undo and redo, and "not the same" marks. See :mod:`aidcurator.curation.projects`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from aidcurator.curation import project_fields as rules
from aidcurator.curation.base import CuratorBase
from aidcurator.domain.dashboard import ChartFilter
from aidcurator.domain.errors import ConflictError
from aidcurator.domain.parties import project_parties
from aidcurator.domain.project_views import (
    FieldValues,
    ProjectOutcome,
    ProjectRow,
    ProjectState,
    ProjectView,
)
from aidcurator.store import NotFoundError, Session, read_session, write_session
from aidcurator.store import parties as party_store
from aidcurator.store import project_pairs as pairs_store
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
    parties = project_parties(
        party_store.parties_of(session, project_id=project_id),
        party_store.parties_of(session, record_ids=ids),
    )
    return ProjectView(
        id=project_id,
        version=project.version,
        columns=columns,
        members=tuple(members),
        events=tuple(rules.ordered_events(events)),
        sources=sources,
        parties=tuple(parties),
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


class ProjectBase(CuratorBase):
    """Reading projects, running operations, undo states and not-the-same marks."""

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

    def projects(
        self, *, search: str = "", offset: int = 0, limit: int = 200, chart: ChartFilter | None = None
    ) -> list[ProjectRow]:
        """One page of the project list, newest first (``chart``: only the projects of a dashboard
        bar, as the bar filters the article list)."""
        with read_session(self.engine) as session:
            return store.project_rows(session, search=search, offset=offset, limit=limit, chart=chart)

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
                project = store.put_state(session, state=state)
                if project is not None:  # records edited since keep the columns current
                    refresh(session, project)
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
            added = pairs_store.add_not_same(session, records=(record_a, record_b), actor=who)
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
            removed = pairs_store.remove_not_same(session, records=(record_a, record_b))
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
