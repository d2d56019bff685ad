"""Record fields and status: history, versions, validation, review state."""

import pytest
from curation_support import _AMOUNTS, EN_TEXT, ZH_TEXT, StubExtractor, count_rows, import_zh  # noqa: F401

from aidcurator.curation import ConflictError, Curator
from aidcurator.domain import (
    RecordStatus,
    ReviewState,
)
from aidcurator.store import NotFoundError, read_session
from aidcurator.store import repository as repo

# ------------------------------------------------------------------------------------ field edits


def test_update_record_field_writes_history_and_bumps_version(curator: Curator) -> None:
    article_id = import_zh(curator)
    record = curator.records(article_id)[0]
    updated = curator.update_record_field(record.id, "n_projects", "1,200", expected_version=record.version)
    assert updated.n_projects == 1200 and updated.version == record.version + 1
    assert "n_projects" in updated.curated_fields and updated.updated_at >= record.updated_at
    assert updated.extracted["n_projects"] == 102  # the machine value is kept
    history = curator.history(record.id)  # the typed value's old quote goes too
    (edit,) = [e for e in history if e.action == "update"]
    (evidence_gone,) = [e for e in history if e.action == "evidence"]
    assert (edit.field, edit.old_value, edit.new_value, edit.actor) == ("n_projects", 102, 1200, "tester")
    assert (evidence_gone.action, evidence_gone.field, evidence_gone.new_value) == (
        "evidence",
        "n_projects",
        [],
    )
    same = curator.update_record_field(record.id, "n_projects", 1200)
    assert same.version == updated.version and len(curator.history(record.id)) == 2
    kind = curator.update_record_field(record.id, "record_kind", "Programme")
    assert kind.record_kind == "programme"
    cleared = curator.update_record_field(record.id, "donor", "  ")
    assert cleared.donor is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("n_projects", "abc", "number of projects must be a whole number"),
        ("n_projects", "-3", "cannot be negative"),
        ("n_projects", 2.5, "whole number"),
        ("year_start", "20244", "must be a year"),
        ("record_kind", "grant", "record kind must be one of"),
        ("donor", 12, "must be text"),
        ("colour", "red", "unknown record field"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(
    curator: Curator, field: str, value, message: str
) -> None:
    record = curator.records(import_zh(curator))[0]
    with pytest.raises(ValueError, match=message):
        curator.update_record_field(record.id, field, value)
    assert curator.record(record.id) == record
    assert curator.history(record.id) == []


def test_stale_version_raises_conflict_and_writes_nothing(curator: Curator) -> None:
    record = curator.records(import_zh(curator))[0]
    curator.update_record_field(record.id, "donor", "湖南省", expected_version=record.version)
    with pytest.raises(ConflictError, match="changed elsewhere"):
        curator.update_record_field(record.id, "donor", "长沙", expected_version=record.version)
    assert curator.record(record.id).donor == "湖南省"
    assert len(curator.history(record.id)) == 1


def test_missing_ids_raise_not_found(curator: Curator) -> None:
    with pytest.raises(NotFoundError, match="record 999"):
        curator.update_record_field(999, "donor", "x")
    with pytest.raises(NotFoundError):
        curator.set_status(999, "accepted")
    with pytest.raises(NotFoundError):
        curator.article(42)


def test_parent_links_are_checked(curator: Curator) -> None:
    first, second, _third = curator.records(import_zh(curator))
    with pytest.raises(ValueError, match="own parent"):
        curator.update_record_field(first.id, "parent_id", first.id)
    with pytest.raises(ValueError, match="cycle"):
        curator.update_record_field(first.id, "parent_id", second.id)  # second's parent is first


# ------------------------------------------------------------------------------------------ status


def test_status_moves_review_state(curator: Curator) -> None:
    article_id = import_zh(curator)
    first, second, third = curator.records(article_id)
    curator.accept(first.id)
    assert curator.article(article_id).review_state == ReviewState.IN_PROGRESS
    curator.reject(second.id)
    accepted = curator.set_status(third.id, "accepted")
    assert accepted.status == RecordStatus.ACCEPTED
    assert curator.article(article_id).review_state == ReviewState.DONE
    curator.set_status(third.id, RecordStatus.PENDING)
    assert curator.article(article_id).review_state == ReviewState.IN_PROGRESS
    with pytest.raises(ValueError, match="status must be one of"):
        curator.set_status(third.id, "maybe")
    curator.set_review_state(article_id, "done")
    assert curator.article(article_id).review_state == ReviewState.DONE
    with read_session(curator.engine) as session:
        states = [
            e for e in repo.edits_for_article(session, article_id=article_id) if e.action == "review_state"
        ]
    assert [(e.old_value, e.new_value) for e in states] == [
        ("new", "in_progress"),
        ("in_progress", "done"),
        ("done", "in_progress"),
        ("in_progress", "done"),
    ]
