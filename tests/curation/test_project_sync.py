"""A project's stored columns follow its records: a field, a status, an amount edited or a record
deleted refreshes the project it belongs to (the list and export read the stored columns)."""

from decimal import Decimal

import pytest
from project_texts import HOSPITAL, SCHOOL, import_articles, record_ids

from aidcurator.curation import Curator
from aidcurator.curation.changes import CreateProject, DeleteRecord, SetField, SetStatus, UpdateAmount


@pytest.fixture
def records(real_curator: Curator) -> list[int]:
    ids = record_ids(real_curator, import_articles(real_curator, [*HOSPITAL, SCHOOL]))
    assert len(ids) == 4
    return ids


def _row(curator: Curator, project_id: int):
    (row,) = [r for r in curator.projects() if r.id == project_id]
    return row


def test_a_member_field_edit_refreshes_the_stored_columns_and_undo_still_matches(
    real_curator: Curator, records: list[int]
) -> None:
    curator = real_curator
    made = CreateProject(records[:3])
    assert made.apply(curator)
    project_id = made.project_id
    assert project_id is not None
    assert _row(curator, project_id).recipient == curator.record(records[0]).recipient != "乌干达"

    for record_id in records[:3]:
        SetField(curator.record(record_id), "recipient", "Uganda").apply(curator)
    assert _row(curator, project_id).recipient == curator.record(records[0]).recipient == "乌干达"

    made.undo(curator)  # a record edit in this window is not a change "elsewhere"
    assert curator.projects() == []
    made.redo(curator)
    assert _row(curator, project_id).recipient == "乌干达"  # redo recomputes from the records now


def test_status_and_amount_edits_refresh_the_project(real_curator: Curator, records: list[int]) -> None:
    curator = real_curator
    project_id = curator.create_project(records[:3]).project_id
    assert project_id is not None
    assert _row(curator, project_id).project_status == "completed"

    last = curator.record(records[2])
    SetField(last, "project_status", "cancelled").apply(curator)
    assert _row(curator, project_id).project_status == "cancelled"

    source = curator.project(project_id).sources["amount"]
    record = curator.record(source)
    change = UpdateAmount(
        record, record.amounts[0], {"text": "150 million US dollars"}, "150 million US dollars"
    )
    assert change.apply(curator)
    row = _row(curator, project_id)
    assert (row.amount_value, row.amount_currency) == (Decimal("150000000"), "USD")
    change.undo(curator)
    assert _row(curator, project_id).amount_value == Decimal("120000000")

    SetStatus(curator.record(records[0]), "rejected").apply(curator)  # the review status changes nothing
    assert _row(curator, project_id).n_records == 3


def test_deleting_a_member_refreshes_or_removes_the_project(
    real_curator: Curator, records: list[int]
) -> None:
    curator = real_curator
    project_id = curator.create_project(records[1:3]).project_id
    alone = curator.create_project(records[3:]).project_id
    assert project_id is not None and alone is not None
    assert _row(curator, project_id).project_status == "completed"
    DeleteRecord(curator.record(records[2])).apply(curator)
    row = _row(curator, project_id)
    assert row.n_records == 1 and row.project_status == "committed"
    gone = DeleteRecord(curator.record(records[3]))
    gone.apply(curator)
    assert [r.id for r in curator.projects()] == [project_id]  # a project left empty is gone
    gone.undo(curator)
    assert curator.project_of(records[3]) is None  # (its project is not made again)


def test_undoing_a_deletion_puts_the_record_back_into_its_project(
    real_curator: Curator, records: list[int]
) -> None:
    curator = real_curator
    project_id = curator.create_project(records[:3]).project_id
    assert project_id is not None
    deletion = DeleteRecord(curator.record(records[2]))
    deletion.apply(curator)
    assert _row(curator, project_id).project_status == "committed"
    deletion.undo(curator)
    assert curator.project_of(records[2]) == project_id
    row = _row(curator, project_id)
    assert row.n_records == 3 and row.project_status == "completed"


def test_a_record_in_no_project_is_edited_as_before(real_curator: Curator, records: list[int]) -> None:
    curator = real_curator
    view = curator.update_record_field(records[3], "recipient", "Uganda")
    assert view.recipient == "乌干达" and curator.projects() == []


def test_a_note_or_review_status_leaves_the_project_alone(real_curator: Curator, records: list[int]) -> None:
    curator = real_curator
    project_id = curator.create_project(records[:3]).project_id
    assert project_id is not None
    version = curator.project(project_id).version
    curator.update_record_field(records[0], "notes", "checked")
    curator.accept(records[1])
    assert curator.project(project_id).version == version
    curator.update_record_field(records[0], "sector", "120")
    assert curator.project(project_id).version > version


def test_re_extraction_refreshes_the_projects_of_its_records(curator: Curator, stub) -> None:
    from curation_support import import_zh

    article_id = import_zh(curator)
    first, _share, third = curator.records(article_id)
    project_id = curator.create_project([first.id, third.id]).project_id
    assert project_id is not None
    donor = _row(curator, project_id).donor
    stub.donor = "长沙"  # the improved extractor finds another donor
    curator.re_extract([article_id])
    assert _row(curator, project_id).donor == curator.record(first.id).donor == "长沙" != donor
