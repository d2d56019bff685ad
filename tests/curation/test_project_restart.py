"""Undo after a restart: record changes come back on the window's stack past project changes, and
the curator's project facts, field sources and not-the-same marks come back for the Projects panel."""

import datetime as dt

import pytest
from project_texts import HOSPITAL, SCHOOL, import_articles, record_ids

from aidcurator.curation import ConflictError, Curator, changes
from aidcurator.store import read_session
from aidcurator.store.project_pairs import not_same_pairs


def _marked(curator: Curator, records: list[int]) -> set[tuple[int, int]]:
    with read_session(curator.engine) as session:
        return not_same_pairs(session, record_ids=records)


@pytest.fixture
def records(engine) -> list[int]:
    ids = record_ids(first := Curator(engine, actor="ana"), import_articles(first, [*HOSPITAL, SCHOOL]))
    assert len(ids) == 4
    return ids


def test_record_changes_are_restored_past_project_changes(engine, records: list[int]) -> None:
    ana = Curator(engine, actor="ana")
    changes.SetField(ana.record(records[3]), "notes", "school first").apply(ana)
    changes.CreateProject(records[:3]).apply(ana)  # a project change in between
    changes.MarkNotSame(records[0], records[3]).apply(ana)
    changes.SetField(ana.record(records[0]), "notes", "hospital").apply(ana)

    later = Curator(engine, actor="ana")
    restored = changes.restored_changes(later)
    assert [c.text for c in restored] == [
        f"set notes of record {records[0]} (earlier session)",
        f"set notes of record {records[3]} (earlier session)",  # not stopped by the project change
    ]
    restored[0].undo(later)  # the project change named the record; it is not a conflict
    restored[1].undo(later)
    assert later.record(records[0]).notes is None and later.record(records[3]).notes is None
    assert later.project_of(records[0]) is not None  # the project change stays


def test_project_facts_sources_and_marks_are_restored_for_the_panel(engine, records: list[int]) -> None:
    ana = Curator(engine, actor="ana")
    project_id = ana.create_project(records[:3]).project_id
    assert project_id is not None
    changes.MarkNotSame(records[0], records[3]).apply(ana)
    changes.SetFieldSource(ana.project(project_id), "title", records[0]).apply(ana)
    facts = {"review_status": "accepted", "actual_end": dt.date(2022, 10, 31), "actual_end_estimated": False}
    changes.SetProjectFacts(ana.project(project_id), facts).apply(ana)
    changes.SetField(ana.record(records[3]), "notes", "a record change in between").apply(ana)
    override = {"recommended_override": False, "recommended_reason": "double count"}
    changes.SetProjectFacts(ana.project(project_id), override).apply(ana)

    later = Curator(engine, actor="ana")
    restored = changes.restored_project_changes(later)
    assert [c.text for c in restored] == [
        f"set recommended for aggregates, recommended reason of project {project_id} (earlier session)",
        f"set review status, actual end of project {project_id} (earlier session)",
        f"take title of project {project_id} (earlier session)",
        f"records {records[0]} and {records[3]} are not the same project (earlier session)",
    ]  # stops at the project's making: its state is not in the history
    for change in restored:
        change.undo(later)
    view = later.project(project_id)
    assert (view.recommended_override, view.recommended_reason, view.review_status) == (None, None, "pending")
    assert view.actual_end == dt.date(2022, 11, 20) and view.actual_end_estimated is True
    assert view.columns["field_sources"] == {}
    assert _marked(later, records) == set()
    for change in reversed(restored):
        change.redo(later)
    view = later.project(project_id)
    assert (view.recommended_override, view.review_status) == (False, "accepted")
    assert view.actual_end == dt.date(2022, 10, 31) and view.columns["field_sources"]["title"] == records[0]
    assert _marked(later, records) == {(records[0], records[3])}


def test_a_project_changed_elsewhere_conflicts_after_a_restart(engine, records: list[int]) -> None:
    ana = Curator(engine, actor="ana")
    project_id = ana.create_project(records[:3]).project_id
    assert project_id is not None
    changes.SetProjectFacts(ana.project(project_id), {"umbrella": True}).apply(ana)
    Curator(engine, actor="bo").set_project_facts(project_id, {"notes": "checked"})
    later = Curator(engine, actor="ana")
    (restored, *_) = changes.restored_project_changes(later)
    with pytest.raises(ConflictError):
        restored.undo(later)
    assert later.project(project_id).umbrella is True
