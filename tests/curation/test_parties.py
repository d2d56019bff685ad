"""Parties stored on import and re-extraction, listed, added, removed, re-roled, undone, exported."""

from __future__ import annotations

import csv
import json

import pytest
from sqlmodel import select

from aidcurator.curation import ConflictError, Curator
from aidcurator.curation.parties import AddParty, RemoveParty, SetPartyRole
from aidcurator.domain import ArticleDraft
from aidcurator.store import read_session
from aidcurator.store.models import Edit
from aidcurator.store.project_models import Organisation

TEXT = (
    "Hospital for Ghana\n\n"
    "China Eximbank lent $100 million for the hospital in Ghana; it was built by China Road and Bridge "
    "Corporation for Ghana's Ministry of Health."
)
SECOND = "中国进出口银行提供贷款3亿美元，中国路桥工程有限责任公司承建该公路。"


def _import(curator: Curator, *texts: str) -> list[int]:
    report = curator.import_drafts([ArticleDraft(text=t, title=f"t{i}") for i, t in enumerate(texts)])
    assert not report.failures
    return report.article_ids


def _record(curator: Curator, article_id: int):
    [record] = curator.records(article_id)
    return record


def test_import_stores_parties_and_one_organisation_per_name(real_curator: Curator) -> None:
    first, second = _import(real_curator, TEXT, SECOND)
    parties = real_curator.record_parties(_record(real_curator, first).id)
    assert [(p.name, p.role, p.organisation_type) for p in parties] == [
        ("Export-Import Bank of China", "funding", "bank"),
        ("China Road and Bridge Corporation", "implementing", "state_owned_enterprise"),
        ("Ghana Ministry of Health", "receiving", "government_agency"),
    ]
    bank = parties[0]
    assert (bank.quote, bank.origin) == ("China Eximbank", "extracted")
    assert TEXT[bank.start : bank.end] == "China Eximbank"
    chinese = real_curator.record_parties(_record(real_curator, second).id)
    assert {p.name for p in chinese} == {"Export-Import Bank of China", "China Road and Bridge Corporation"}
    with read_session(real_curator.engine) as session:
        names = [o.name_en or o.name_zh for o in session.exec(select(Organisation))]
    assert sorted(names) == sorted(set(names))  # the bank and the contractor once each


def test_add_remove_and_change_role_are_undoable(real_curator: Curator) -> None:
    [article] = _import(real_curator, TEXT)
    record = _record(real_curator, article)
    start = TEXT.index("Ghana")
    add = AddParty(record, "Ghana Health Service", "receiving", "government_agency", span=(start, start + 5))
    assert add.apply(real_curator)
    names = [p.name for p in real_curator.record_parties(record.id)]
    assert "Ghana Health Service" in names
    add.undo(real_curator)
    assert "Ghana Health Service" not in [p.name for p in real_curator.record_parties(record.id)]
    add.redo(real_curator)
    assert "Ghana Health Service" in [p.name for p in real_curator.record_parties(record.id)]

    record = real_curator.record(record.id)
    contractor = next(p for p in real_curator.record_parties(record.id) if p.role == "implementing")
    role = SetPartyRole(record, contractor, "cofinancing")
    assert role.apply(real_curator)
    assert real_curator.record_parties(record.id)[0].role in ("funding",)
    changed = {p.name: p for p in real_curator.record_parties(record.id)}[contractor.name]
    assert (changed.role, changed.origin) == ("cofinancing", "manual")
    role.undo(real_curator)
    assert {p.name: p.role for p in real_curator.record_parties(record.id)}[contractor.name] == "implementing"

    record = real_curator.record(record.id)
    bank = real_curator.record_parties(record.id)[0]
    remove = RemoveParty(record, bank)
    assert remove.apply(real_curator)
    assert bank.name not in [p.name for p in real_curator.record_parties(record.id)]
    remove.undo(real_curator)
    back = next(p for p in real_curator.record_parties(record.id) if p.name == bank.name)
    assert (back.role, back.start, back.end, back.origin) == ("funding", bank.start, bank.end, "extracted")
    with read_session(real_curator.engine) as session:
        actions = [e.action for e in session.exec(select(Edit).where(Edit.field == "parties"))]
    assert {"party_add", "party_remove", "party_role"} <= set(actions)


def test_a_party_change_checks_the_version_seen(real_curator: Curator) -> None:
    [article] = _import(real_curator, TEXT)
    record = _record(real_curator, article)
    real_curator.add_party(name="Elsewhere Ltd", role="implementing", record_id=record.id)
    with pytest.raises(ConflictError):
        real_curator.add_party(
            name="Stale Co", role="funding", record_id=record.id, expected_version=record.version
        )


def test_reextraction_keeps_parties_a_person_changed(real_curator: Curator) -> None:
    [article] = _import(real_curator, TEXT)
    record = _record(real_curator, article)
    before = real_curator.record_parties(record.id)
    real_curator.re_extract([article])
    again = real_curator.record_parties(record.id)
    assert [(p.name, p.role) for p in again] == [(p.name, p.role) for p in before]
    real_curator.remove_party(again[0].link_id)
    real_curator.re_extract([article])
    assert [p.name for p in real_curator.record_parties(record.id)] == [p.name for p in again[1:]]


def test_project_parties(real_curator: Curator, engine) -> None:
    from aidcurator.store import write_session
    from aidcurator.store.project_models import Project

    with write_session(engine) as session:
        project = Project(title="Ghana hospital")
        session.add(project)
        session.flush()
        project_id = project.id
    real_curator.add_party(
        name="国家开发银行", role="funding", organisation_type="bank", project_id=project_id
    )
    [party] = real_curator.project_parties(project_id)
    assert (party.name, party.name_zh, party.project_id, party.record_id) == (
        "国家开发银行",
        "国家开发银行",
        project_id,
        None,
    )
    real_curator.remove_party(party.link_id)
    assert real_curator.project_parties(project_id) == []


def test_export_has_one_column_per_role(real_curator: Curator, tmp_path) -> None:
    [article] = _import(real_curator, TEXT)
    record = _record(real_curator, article)
    real_curator.add_party(
        name="World Bank", role="cofinancing", organisation_type="multilateral", record_id=record.id
    )
    out = tmp_path / "records.csv"
    real_curator.export(out, "csv", status="all")
    with out.open(encoding="utf-8-sig", newline="") as handle:
        [row] = list(csv.DictReader(handle))
    assert row["funding_agencies"] == "Export-Import Bank of China (bank)"
    assert row["implementing_agencies"] == "China Road and Bridge Corporation (state_owned_enterprise)"
    assert row["cofinancing_agencies"] == "World Bank (multilateral)"
    assert row["receiving_agencies"] == "Ghana Ministry of Health (government_agency)"
    out_json = tmp_path / "records.json"
    real_curator.export(out_json, "json", status="all")
    [item] = json.loads(out_json.read_text(encoding="utf-8"))
    assert item["cofinancing_agencies"] == "World Bank (multilateral)"


def test_undoing_a_record_deletion_brings_its_parties_back(real_curator: Curator) -> None:
    [article] = _import(real_curator, TEXT)
    record = _record(real_curator, article)
    before = real_curator.record_parties(record.id)
    assert before
    snapshot = real_curator.delete_record(record.id)
    assert real_curator.record_parties(record.id) == []
    real_curator.restore_record(snapshot)
    assert real_curator.record_parties(record.id) == before
