"""Projects across articles: the acceptance story, merge, split, field sources, status, undo, conflicts."""

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from project_texts import HOSPITAL, import_articles, record_ids

from aidcurator.curation import ConflictError, Curator
from aidcurator.curation.changes import (
    AddStatusEvent,
    ApplyProposal,
    CreateProject,
    MergeProjects,
    SetFieldSource,
    SplitRecord,
)
from aidcurator.curation.project_dedupe import APPLY_SCORE
from aidcurator.domain.project_views import Unit


@pytest.fixture
def hospital(real_curator: Curator) -> list[int]:
    """The three hospital articles imported and extracted with the real extractor: their record ids."""
    ids = record_ids(real_curator, import_articles(real_curator, HOSPITAL))
    assert len(ids) == 3
    return ids


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_three_articles_become_one_project_and_undo_restores_three_records(
    real_curator: Curator, hospital: list[int], tmp_path: Path
) -> None:
    curator = real_curator
    statuses = [curator.record(r).project_status for r in hospital]
    assert [s.value for s in statuses] == ["pledged", "committed", "completed"]

    proposals = curator.propose_duplicates(hospital)
    units = {u for p in proposals for u in (p.left, p.right)}
    assert units == {Unit("record", r) for r in hospital}
    assert all(p.score >= APPLY_SCORE for p in proposals)
    assert proposals == sorted(proposals, key=lambda p: -p.score)

    change = ApplyProposal(proposals[0])
    assert change.apply(curator)
    merge = ApplyProposal(curator.propose_duplicates(hospital)[0])  # the project and the third record
    assert merge.apply(curator)
    assert curator.propose_duplicates(hospital) == []  # all in one project now
    project_id = curator.project_of(hospital[0])
    assert project_id is not None and {curator.project_of(r) for r in hospital} == {project_id}

    out = tmp_path / "projects.csv"
    assert curator.export_projects(out) == 1
    (row,) = _rows(out)
    assert row["source_count"] == "3"
    assert row["status_history"] == "pledged 2021-03-01 → committed 2021-09-10 → completed 2022-11-20"
    assert row["project_status"] == "completed"
    assert row["recommended_for_aggregates"] == "true"
    assert (row["donor_code"], row["recipient_code"]) == ("CHN", "KEN")
    assert (row["amount_value"], row["amount_currency"]) == ("120000000", "USD")
    assert row["commitment_year"] == "2021" and row["commitment_year_source"] == str(hospital[1])
    for field in ("title", "donor", "recipient", "sector", "flow_type", "amount"):
        assert row[f"{field}_source"] in {str(r) for r in hospital}, field
        assert row[f"{field}_source_title"], field
    assert row["source_titles"].split(" | ") == [title for title, _, _ in HOSPITAL]
    assert row["source_dates"] == "2021-03-01 | 2021-09-10 | 2022-11-20"
    assert row["usd_nominal"] == "120000000" and row["usd_reason"] == ""

    merge.undo(curator)
    change.undo(curator)
    assert [curator.project_of(r) for r in hospital] == [None, None, None]
    assert curator.projects() == []
    assert curator.export_projects(tmp_path / "none.csv") == 0

    change.redo(curator)
    merge.redo(curator)
    assert {curator.project_of(r) for r in hospital} == {project_id}
    assert len(curator.project(project_id).events) == 3


def test_merge_undo_restores_both_projects_with_their_field_choices(
    real_curator: Curator, hospital: list[int]
) -> None:
    curator = real_curator
    first = curator.project(curator.create_project(hospital[:2]).project_id)
    second = curator.project(curator.create_project(hospital[2:]).project_id)
    pick = SetFieldSource(first, "title", hospital[0])
    assert pick.apply(curator)
    first = curator.project(first.id)
    assert first.title == HOSPITAL[0][0] and first.sources["title"] == hospital[0]

    merge = MergeProjects(first, second)
    assert merge.apply(curator)
    merged = curator.project(first.id)
    assert merged.record_ids == tuple(hospital)
    assert merged.title == HOSPITAL[0][0]  # the curator's pick survives the merge
    assert merged.project_status == "completed"
    with pytest.raises(Exception, match="does not exist"):
        curator.project(second.id)

    merge.undo(curator)
    back_first, back_second = curator.project(first.id), curator.project(second.id)
    assert back_first.record_ids == tuple(hospital[:2])
    assert back_first.columns["field_sources"] == {"title": hospital[0]}
    assert back_first.project_status == "committed"
    assert back_second.record_ids == (hospital[2],)
    assert back_second.project_status == "completed"
    merge.redo(curator)
    assert curator.project(first.id).record_ids == tuple(hospital)

    history = curator.project_history(first.id)
    groups = {e["change_group"] for e in history}
    assert merge.group in groups and "undo:" + merge.group in groups
    assert {"project_merge", "project_member", "project_restore", "project_source"} <= {
        e["action"] for e in history
    }


def test_split_a_record_out_and_undo(real_curator: Curator, hospital: list[int]) -> None:
    curator = real_curator
    project = curator.project(curator.create_project(hospital).project_id)
    split = SplitRecord(project, hospital[2])
    assert split.apply(curator)
    assert split.project_id is not None and split.project_id != project.id
    rest = curator.project(project.id)
    assert rest.record_ids == tuple(hospital[:2])
    assert rest.project_status == "committed"
    alone = curator.project(split.project_id)
    assert alone.record_ids == (hospital[2],) and alone.project_status == "completed"

    split.undo(curator)
    assert curator.project(project.id).record_ids == tuple(hospital)
    assert curator.project_of(hospital[2]) == project.id
    assert [p.id for p in curator.projects()] == [project.id]
    split.redo(curator)
    assert curator.project_of(hospital[2]) == split.project_id
    with pytest.raises(ValueError, match="already alone"):
        curator.split_record(hospital[2])


def test_default_source_prefers_specific_then_recent_and_view_flags_disagreement(
    real_curator: Curator, hospital: list[int]
) -> None:
    curator = real_curator
    curator.update_record_field(hospital[0], "title", "Kisumu General Hospital (phase 1)")
    curator.update_record_field(hospital[2], "record_kind", "programme")
    project = curator.project(curator.create_project(hospital).project_id)
    # the record's own title beats article titles; among equals the latest project record wins
    assert project.sources["title"] == hospital[0]
    assert project.sources["donor"] == hospital[1]  # the programme record is less specific
    values = {v.field: v for v in curator.project_field_values(project.id)}
    assert values["title"].disagree and len(values["title"].values) == 3
    assert not values["amount"].disagree and not values["donor"].disagree
    assert values["actual_end"].chosen == hospital[2]

    change = SetFieldSource(project, "donor", hospital[2])
    change.apply(curator)
    assert curator.project(project.id).sources["donor"] == hospital[2]
    assert {v.field: v for v in curator.project_field_values(project.id)}["donor"].picked
    change.undo(curator)
    assert curator.project(project.id).sources["donor"] == hospital[1]
    with pytest.raises(ValueError, match="no planned start"):
        curator.set_field_source(project.id, "planned_start", hospital[0])
    with pytest.raises(ValueError, match="not a project field"):
        curator.set_field_source(project.id, "colour", hospital[0])


def test_manual_status_event_moves_the_current_status(real_curator: Curator, hospital: list[int]) -> None:
    curator = real_curator
    project = curator.project(curator.create_project(hospital[:2]).project_id)
    assert project.project_status == "committed"
    event = AddStatusEvent(project, "suspended", dt.date(2022, 1, 15), note="funding frozen")
    event.apply(curator)
    now = curator.project(project.id)
    assert now.project_status == "suspended"
    assert [e.status for e in now.events] == ["pledged", "committed", "suspended"]
    event.undo(curator)
    assert curator.project(project.id).project_status == "committed"
    assert len(curator.project(project.id).events) == 2


def test_create_takes_records_out_of_their_projects(real_curator: Curator, hospital: list[int]) -> None:
    curator = real_curator
    old = curator.create_project(hospital[:2]).project_id
    change = CreateProject([hospital[1], hospital[2]])
    change.apply(curator)
    assert curator.project(old).record_ids == (hospital[0],)
    assert curator.project(change.project_id).record_ids == (hospital[1], hospital[2])
    change.undo(curator)
    assert curator.project(old).record_ids == tuple(hospital[:2])
    assert curator.project_of(hospital[2]) is None


def test_two_sessions_editing_one_project_conflict(real_curator: Curator, hospital: list[int]) -> None:
    ana = real_curator
    ben = Curator(ana.engine, actor="ben")
    project = ana.project(ana.create_project(hospital).project_id)
    seen_by_ben = ben.project(project.id)

    ana_change = SetFieldSource(project, "title", hospital[0])
    ana_change.apply(ana)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        SetFieldSource(seen_by_ben, "title", hospital[1]).apply(ben)
    with pytest.raises(ConflictError):
        ben.split_record(hospital[2], expected_versions={project.id: seen_by_ben.version})
    assert ana.project(project.id).sources["title"] == hospital[0]

    # ben changes the project for real: ana's undo must not overwrite it
    ben.add_status_event(project.id, "cancelled", dt.date(2023, 1, 1))
    with pytest.raises(ConflictError):
        ana_change.undo(ana)
    assert ana.project(project.id).project_status == "cancelled"
    assert ana.project(project.id).sources["title"] == hospital[0]


def test_amounts_stay_exact_and_a_deleted_member_leaves_the_project(
    real_curator: Curator, hospital: list[int]
) -> None:
    curator = real_curator
    project_id = curator.create_project(hospital).project_id
    assert curator.project(project_id).amount_value == Decimal("120000000")
    curator.delete_record(hospital[2])
    curator.refresh_project(project_id)
    refreshed = curator.project(project_id)
    assert refreshed.record_ids == tuple(hospital[:2])
    assert refreshed.project_status == "committed"


def test_a_member_record_edited_later_shows_in_the_project_at_once(
    real_curator: Curator, hospital: list[int]
) -> None:
    curator = real_curator
    project_id = curator.create_project(hospital[:2]).project_id
    curator.update_record_field(hospital[1], "project_status", "implementation")
    curator.update_amount(curator.record(hospital[1]).amounts[0].id, value="125000000")
    view = curator.project(project_id)
    assert view.project_status == "implementation"
    assert [e.status for e in view.events] == ["pledged", "implementation"]
    assert view.amount_value == Decimal("125000000") and view.sources["amount"] == hospital[1]
