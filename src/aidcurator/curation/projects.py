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
from collections.abc import Mapping, Sequence

from aidcurator.curation import project_fields as rules
from aidcurator.curation.project_base import (
    ProjectBase,
    Versions,
    check_project_version,
    project_view,
    refresh,
)
from aidcurator.curation.project_dedupe import DedupeMixin
from aidcurator.curation.project_export import ProjectExportMixin
from aidcurator.curation.project_facts import ProjectFactsMixin
from aidcurator.domain import ProjectStatus
from aidcurator.domain.project_views import PROJECT_FIELD_COLUMNS, PROJECT_FIELDS, ProjectOutcome, StatusEvent
from aidcurator.store import NotFoundError, Session
from aidcurator.store import projects as store

__all__ = ["ProjectsMixin", "check_project_version", "project_view", "refresh"]


class ProjectsMixin(DedupeMixin, ProjectExportMixin, ProjectFactsMixin, ProjectBase):
    """Project use cases (see the module)."""

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
