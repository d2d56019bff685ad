"""A project's parties: its own links plus its records', one per organisation and role; exported."""

from __future__ import annotations

import csv

from aidcurator.curation import Curator
from aidcurator.domain import ArticleDraft
from aidcurator.domain.parties import PARTY_EXPORT_COLUMNS

FIRST = (
    "Hospital for Ghana\n\n"
    "China Eximbank lent $100 million for the hospital in Ghana; it was built by China Road and Bridge "
    "Corporation for Ghana's Ministry of Health."
)
SECOND = (
    "Ghana hospital signed\n\nChina Eximbank signed the $100 million loan for the Ghana hospital in 2021."
)


def _project(curator: Curator) -> tuple[int, list[int]]:
    report = curator.import_drafts(
        [ArticleDraft(text=t, title=f"t{i}") for i, t in enumerate((FIRST, SECOND))]
    )
    records = [r.id for article in report.article_ids for r in curator.records(article)]
    outcome = curator.create_project(records)
    assert outcome.project_id is not None
    return outcome.project_id, records


def test_project_lists_own_and_member_parties_once_per_organisation_and_role(real_curator: Curator) -> None:
    project_id, records = _project(real_curator)
    real_curator.add_party(name="Ghana Health Service", role="receiving", organisation_type="government_agency",
                           project_id=project_id)  # fmt: skip
    parties = real_curator.project(project_id).parties
    pairs = [(p.name, p.role) for p in parties]
    assert len(pairs) == len(set(pairs))  # the bank of both articles once
    bank = next(p for p in parties if p.name == "Export-Import Bank of China")
    assert bank.role == "funding" and bank.record_id == records[0]  # the first record is its source
    own = next(p for p in parties if p.name == "Ghana Health Service")
    assert own.record_id is None and own.project_id == project_id
    assert ("China Road and Bridge Corporation", "implementing") in pairs


def test_project_export_has_the_agency_columns(real_curator: Curator, tmp_path) -> None:
    project_id, _records = _project(real_curator)
    real_curator.add_party(name="China Development Bank", role="cofinancing", organisation_type="bank",
                           project_id=project_id)  # fmt: skip
    path = tmp_path / "projects.csv"
    real_curator.export_projects(path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    for column in PARTY_EXPORT_COLUMNS.values():
        assert column in row
    assert row["funding_agencies"] == "Export-Import Bank of China (bank)"
    assert row["cofinancing_agencies"] == "China Development Bank (bank)"
    assert "China Road and Bridge Corporation (state_owned_enterprise)" in row["implementing_agencies"]
    assert "Ghana Ministry of Health (government_agency)" in row["receiving_agencies"].split("|")
