"""The field table is the one list of record fields: the views, candidates, validation and export follow it."""

import dataclasses
from decimal import Decimal

import pytest

from aidcurator.curation.validation import coerce_field_value
from aidcurator.domain import CandidateRecord, FlowType, ProjectStatus, RecordKind
from aidcurator.domain.fields import (
    AMOUNT_FIELDS,
    COUNT_FIELDS,
    EDITABLE_FIELDS,
    EVIDENCE_NAMES,
    MACHINE_FIELDS,
    RECORD_FIELD,
    RECORD_FIELDS,
    highlight_kind,
    label,
)
from aidcurator.domain.jsonvalues import dumps_exact, jsonable
from aidcurator.domain.views import RecordView
from aidcurator.export import RECORD_COLUMNS


def test_names_are_unique_and_labels_distinct() -> None:
    names = [spec.name for spec in RECORD_FIELDS]
    assert len(names) == len(set(names))
    labels = [spec.label.lower() for spec in (*RECORD_FIELDS, *AMOUNT_FIELDS)]
    assert len(labels) == len(set(labels))


def test_candidate_and_view_carry_every_table_field() -> None:
    candidate_fields = {f.name for f in dataclasses.fields(CandidateRecord)}
    assert set(MACHINE_FIELDS) <= candidate_fields
    assert "notes" not in candidate_fields  # a person's field, not the machine's
    view_fields = [f.name for f in dataclasses.fields(RecordView)]
    assert [n for n in view_fields if n in RECORD_FIELD] == [spec.name for spec in RECORD_FIELDS]
    assert CandidateRecord().record_kind is RecordKind.PROJECT


def test_export_columns_follow_the_table() -> None:
    table = [spec.name for spec in RECORD_FIELDS if spec.name != "parent_id"]
    assert [c for c in RECORD_COLUMNS if c in RECORD_FIELD] == table


def test_count_nouns_and_highlights() -> None:
    assert COUNT_FIELDS == {
        "projects": "n_projects",
        "people": "beneficiaries_people",
        "households": "beneficiaries_households",
        "jobs": "jobs",
    }
    assert highlight_kind("year") == "year"
    assert highlight_kind("recipient") == "place"
    assert highlight_kind("amount") == "amount"
    assert highlight_kind("amount_kind") is None
    assert {"amount", "year", "place", "amount_kind", "flow_type"} <= EVIDENCE_NAMES
    assert label("beneficiaries_households") == "households reached"
    assert label("amount.kind") == "amount kind"
    assert "parent_id" not in EDITABLE_FIELDS


@pytest.mark.parametrize(
    ("name", "typed", "stored"),
    [
        ("flow_type", " Grant ", FlowType.GRANT),
        ("flow_type", "", None),
        ("project_status", "completed", ProjectStatus.COMPLETED),
        ("record_kind", "PROGRAMME", RecordKind.PROGRAMME),
        ("beneficiaries_households", "１,２００", 1200),
        ("year_end", "2025", 2025),
        ("notes", "  ", None),
    ],
)
def test_typed_values_are_checked_by_their_field_type(name: str, typed: str, stored: object) -> None:
    assert coerce_field_value(name, typed) == stored


def test_a_choice_outside_its_enum_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="flow type must be one of grant, loan"):
        coerce_field_value("flow_type", "gift")


def test_exact_json() -> None:
    value = {"v": Decimal("2.14E8"), "f": Decimal("0.125"), "k": FlowType.LOAN, "t": (1, 2)}
    assert dumps_exact(value) == '{"v": 214000000, "f": 0.125, "k": "loan", "t": [1, 2]}'
    assert jsonable(value) == {"v": "214000000", "f": "0.125", "k": "loan", "t": [1, 2]}
