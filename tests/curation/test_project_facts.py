"""A curator's own project facts: review status, umbrella, parent, recommended override, typed dates."""

import csv
import datetime as dt
from pathlib import Path

import pytest
from project_texts import HOSPITAL, SCHOOL, import_articles, record_ids

from aidcurator.curation import Curator
from aidcurator.curation.changes import SetProjectFacts
from aidcurator.curation.project_facts import facts_from_text


@pytest.fixture
def projects(real_curator: Curator) -> tuple[int, int]:
    """The hospital (three records, completed) and the school as two projects: their ids."""
    ids = record_ids(real_curator, import_articles(real_curator, [*HOSPITAL, SCHOOL]))
    hospital = real_curator.create_project(ids[:3]).project_id
    school = real_curator.create_project(ids[3:]).project_id
    assert hospital is not None and school is not None
    return hospital, school


def _edits(curator: Curator, project_id: int, group: str) -> dict[str, tuple[object, object]]:
    return {
        e["field"]: (e["old_value"], e["new_value"])
        for e in curator.project_history(project_id)
        if e["change_group"] == group
    }


def test_facts_are_undoable_changes_with_edit_rows(real_curator: Curator, projects: tuple[int, int]) -> None:
    curator = real_curator
    hospital, school = projects
    change = SetProjectFacts(
        curator.project(school),
        {"review_status": "accepted", "umbrella": True, "parent_id": None, "notes": "two phases"},
    )
    assert change.apply(curator)
    view = curator.project(school)
    assert (view.review_status, view.umbrella, view.notes) == ("accepted", True, "two phases")
    assert _edits(curator, school, change.group) == {
        "review_status": ("pending", "accepted"),
        "umbrella": (False, True),
        "notes": (None, "two phases"),
    }
    child = SetProjectFacts(curator.project(hospital), {"parent_id": school})
    assert child.apply(curator)
    assert curator.project(hospital).parent_id == school
    child.undo(curator)
    change.undo(curator)
    view = curator.project(school)
    assert (view.review_status, view.umbrella, view.notes) == ("pending", False, None)
    assert curator.project(hospital).parent_id is None
    change.redo(curator)
    assert curator.project(school).umbrella is True


def test_a_parent_must_exist_and_not_be_a_child(real_curator: Curator, projects: tuple[int, int]) -> None:
    curator = real_curator
    hospital, school = projects
    with pytest.raises(ValueError, match="own parent"):
        curator.set_project_facts(hospital, {"parent_id": hospital})
    with pytest.raises(ValueError, match="does not exist"):
        curator.set_project_facts(hospital, {"parent_id": 999})
    curator.set_project_facts(hospital, {"parent_id": school})
    with pytest.raises(ValueError, match="cannot be its child"):
        curator.set_project_facts(school, {"parent_id": hospital})


def test_an_override_needs_a_reason_and_auto_clears_it(
    real_curator: Curator, projects: tuple[int, int]
) -> None:
    curator = real_curator
    hospital, _school = projects
    version = curator.project(hospital).version
    with pytest.raises(ValueError, match="needs a reason"):
        curator.set_project_facts(hospital, {"recommended_override": False})
    with pytest.raises(ValueError, match="needs a reason"):
        curator.set_project_facts(hospital, {"recommended_override": False, "recommended_reason": "  "})
    assert curator.project(hospital).version == version  # nothing written
    assert not any(e["action"] == "project_update" for e in curator.project_history(hospital))
    curator.set_project_facts(hospital, {"recommended_override": False, "recommended_reason": "double count"})
    view = curator.project(hospital)
    assert (view.recommended_override, view.recommended_reason) == (False, "double count")
    curator.set_project_facts(hospital, {"recommended_override": None})
    view = curator.project(hospital)
    assert (view.recommended_override, view.recommended_reason) == (None, None)


def test_typed_dates_replace_the_sources_until_cleared(
    real_curator: Curator, projects: tuple[int, int], tmp_path: Path
) -> None:
    curator = real_curator
    hospital, _school = projects
    derived = curator.project(hospital)
    assert derived.actual_end == dt.date(2022, 11, 20) and derived.actual_end_estimated is True
    change = SetProjectFacts(
        derived,
        {
            "actual_end": dt.date(2022, 10, 31),
            "actual_end_estimated": False,
            "planned_start": dt.date(2021, 6, 1),
        },
    )
    assert change.apply(curator)
    view = curator.project(hospital)
    assert (view.actual_end, view.actual_end_estimated) == (dt.date(2022, 10, 31), False)
    assert view.planned_start == dt.date(2021, 6, 1) and view.planned_start_estimated is False
    by_field = {f.field: f for f in curator.project_field_values(hospital)}
    assert by_field["actual_end"].manual == (dt.date(2022, 10, 31), False)
    assert by_field["actual_end"].value == dt.date(2022, 10, 31)
    edits = _edits(curator, hospital, change.group)
    assert edits["actual_end"] == (
        {"date": "2022-11-20", "estimated": True, "typed": False},
        {"date": "2022-10-31", "estimated": False, "typed": True},
    )
    curator.refresh_project(hospital)  # a refresh keeps what was typed
    out = tmp_path / "p.csv"
    curator.export_projects(out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        (row,) = [r for r in csv.DictReader(handle) if r["project_id"] == str(hospital)]
    assert (row["actual_end"], row["actual_end_estimated"]) == ("2022-10-31", "false")
    assert (row["actual_end_source"], row["actual_end_source_title"]) == ("", "typed by a curator")
    assert curator.project(hospital).actual_end == dt.date(2022, 10, 31)

    flag_only = SetProjectFacts(curator.project(hospital), {"actual_end_estimated": True})
    assert flag_only.apply(curator)
    assert curator.project(hospital).actual_end_estimated is True

    flag_only.undo(curator)
    change.undo(curator)
    view = curator.project(hospital)
    assert (view.actual_end, view.actual_end_estimated) == (dt.date(2022, 11, 20), True)
    assert view.planned_start == derived.planned_start

    curator.set_project_facts(hospital, {"actual_end": dt.date(2023, 1, 1)})
    curator.set_project_facts(hospital, {"actual_end": None})  # back to the sources
    assert curator.project(hospital).actual_end == dt.date(2022, 11, 20)


def test_an_end_before_its_start_is_refused(real_curator: Curator, projects: tuple[int, int]) -> None:
    curator = real_curator
    hospital, _school = projects
    with pytest.raises(ValueError, match="before planned start"):
        curator.set_project_facts(
            hospital, {"planned_start": dt.date(2022, 1, 1), "planned_end": dt.date(2021, 1, 1)}
        )
    assert curator.project(hospital).planned_start != dt.date(2022, 1, 1)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"planned_start": "2021-13-01"}, "planned start: '2021-13-01' is not a date; type YYYY-MM-DD"),
        ({"actual_end": "31/12/2021"}, "actual end: '31/12/2021' is not a date"),
        ({"planned_end": "1850-01-01"}, "outside 1900–2100"),
        ({"umbrella": "maybe"}, "umbrella: 'maybe' is not yes or no"),
        ({"recommended_override": "perhaps"}, "is not yes, no or auto"),
        ({"review_status": "done"}, "review status: 'done' is not one of pending, accepted"),
        ({"parent_id": "abc"}, "not a project id"),
        ({"donor": "China"}, "not a project fact"),
    ],
)
def test_typed_text_gets_a_clear_message(raw: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(")):
        facts_from_text(raw)


def test_typed_text_becomes_facts() -> None:
    assert facts_from_text(
        {
            "review_status": "Accepted",
            "umbrella": "yes",
            "parent_id": "P12",
            "recommended_override": "auto",
            "planned_start": "2021-03-01",
            "actual_end": "source",
            "actual_end_estimated": "no",
        }
    ) == {
        "review_status": "accepted",
        "umbrella": True,
        "parent_id": 12,
        "recommended_override": None,
        "planned_start": dt.date(2021, 3, 1),
        "actual_end": None,
        "actual_end_estimated": False,
    }
