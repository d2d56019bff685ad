"""Reconciliation use cases: reference import, matching curated projects, confirm/undo, AidData export.

The reference table and the projects are made up for these tests.
"""

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from curation_support import ZH_TEXT

from aidcurator.curation import ConflictError, Curator
from aidcurator.curation.reconcile import ConfirmReference
from aidcurator.domain import ArticleDraft
from aidcurator.ingest import IngestError
from aidcurator.store import write_session
from aidcurator.store.project_models import Project

REFERENCE_CSV = (
    "project_id,title,description,year,donor,recipient_condensed,recipient_iso3,amount,currency,usd_current,"
    "flow,status,crs_sector_code,umbrella\n"
    "10,China funds a made-up clinic in Kisumu,Text we wrote.,2010,China,Kenya,KEN,300000000,CNY,44315000,"
    "Grant,Completion,120,0\n"
    "12,China lends for a made-up road,Text we wrote.,2010,China,Kenya,KEN,20000000,USD,20000000,"
    "Loan (excluding debt rescheduling),Pipeline: Commitment,210,0\n"
    "14,China sends made-up rice,Text we wrote.,2011,China,Kenya,KEN,,,,Grant,Completion,520,0\n"
    "16,China funds a made-up clinic in Dodoma,Text we wrote.,2010,China,Tanzania,TZA,300000000,CNY,44315000,"
    "Grant,Completion,120,0\n"
)


@pytest.fixture
def reference_csv(tmp_path: Path) -> Path:
    path = tmp_path / "reference.csv"
    path.write_text(REFERENCE_CSV, encoding="utf-8")
    return path


def _project(curator: Curator, **fields) -> int:
    """A project row written directly (the projects API is another branch)."""
    with write_session(curator.engine) as session:
        project = Project(field_sources={}, **fields)
        session.add(project)
        session.flush()
        return project.id


def _clinic(curator: Curator) -> int:
    return _project(
        curator, recipient="肯尼亚", recipient_code="KEN", commitment_year=2010, sector="121", flow_type="grant",
        amount_value=Decimal("300000000"), amount_currency="CNY", donor="中国", donor_code="CHN",
    )  # fmt: skip


def test_import_is_idempotent_and_keeps_no_descriptions_when_asked(
    curator: Curator, reference_csv: Path
) -> None:
    report = curator.import_reference(reference_csv, without_descriptions=True)
    assert (report.dataset, report.flavour, report.inserted, report.skipped) == ("gcof1", "gcof1", 4, 0)
    again = curator.import_reference(reference_csv, without_descriptions=True)
    assert (again.inserted, again.skipped) == (0, 4)
    assert curator.reference_datasets() == {"gcof1": 4}
    named = curator.import_reference(reference_csv, dataset="my copy")
    assert (named.dataset, named.flavour, named.inserted) == ("my copy", "gcof1", 4)
    assert curator.reference_datasets() == {"gcof1": 4, "my copy": 4}


def test_a_bad_table_imports_nothing(curator: Curator, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        REFERENCE_CSV + "18,Another,Text,twenty,China,Kenya,KEN,1,USD,1,Grant,Completion,120,0\n",
        encoding="utf-8",
    )
    with pytest.raises(IngestError, match="line 6: year 'twenty' is not a number"):
        curator.import_reference(path)
    assert curator.reference_datasets() == {}


def test_matching_proposes_the_right_reference_first_with_reasons(
    curator: Curator, reference_csv: Path
) -> None:
    curator.import_reference(reference_csv)
    clinic = _clinic(curator)
    road = _project(
        curator,
        recipient_code="KEN",
        commitment_year=2011,
        amount_value=Decimal("14400000"),
        amount_currency="EUR",
    )
    matches = {m.project_id: m for m in curator.match_projects()}
    best = matches[clinic].best
    assert best is not None and best.ref_id == "10" and best.score == 1.0
    assert "donor China" in best.reasons  # the reference's donor name resolved to the code CHN
    assert [c.ref_id for c in matches[clinic].candidates][1] == "16"  # same amount, other recipient
    # 14.4 m EUR in 2011 is about 20 m USD at the shipped rates: the road, compared in US dollars
    assert matches[road].best is not None and matches[road].best.ref_id == "12"
    assert any("same (14,400,000 EUR vs 20,000,000 USD)" in reason for reason in matches[road].best.reasons)


def test_confirm_undo_redo_and_conflict(curator: Curator, reference_csv: Path) -> None:
    curator.import_reference(reference_csv)
    clinic = _clinic(curator)
    best = curator.match_projects([clinic])[0].best
    assert best is not None
    change = ConfirmReference(clinic, best.reference_id, best.score)
    assert change.apply(curator)
    assert curator.project_reference(clinic)[:2] == (best.reference_id, 1.0)
    change.undo(curator)
    assert curator.project_reference(clinic)[:2] == (None, None)
    change.redo(curator)
    assert curator.project_reference(clinic)[0] == best.reference_id
    assert not ConfirmReference(clinic, best.reference_id, best.score).apply(curator)  # nothing to change
    curator.confirm_reference(clinic, None)  # someone else clears it meanwhile
    with pytest.raises(ConflictError):
        change.undo(curator)


def test_a_rejected_reference_is_not_proposed_again_until_unrejected(
    curator: Curator, reference_csv: Path
) -> None:
    curator.import_reference(reference_csv)
    clinic = _clinic(curator)
    first = curator.match_projects([clinic])[0].best
    assert first is not None
    curator.reject_reference(clinic, first.reference_id)
    assert curator.match_projects([clinic])[0].best.ref_id != first.ref_id
    curator.reject_reference(clinic, first.reference_id, undo=True)
    assert curator.match_projects([clinic])[0].best.ref_id == first.ref_id


def test_confirm_matches_above_a_score(curator: Curator, reference_csv: Path) -> None:
    curator.import_reference(reference_csv)
    clinic = _clinic(curator)
    vague = _project(curator, recipient_code="KEN")
    assert curator.confirm_matches(curator.match_projects(), above=0.9) == 1
    assert curator.project_reference(clinic)[0] is not None
    assert curator.confirm_matches(curator.match_projects(), above=0.9) == 0  # already confirmed
    assert curator.project_reference(vague)[0] is None


def test_aiddata_export_uses_their_column_names(
    curator: Curator, reference_csv: Path, tmp_path: Path
) -> None:
    curator.import_reference(reference_csv)
    clinic = _clinic(curator)
    curator.add_party(
        name="Made-up Builders Co., Ltd.", role="implementing", organisation_type="company", project_id=clinic
    )
    curator.confirm_matches(curator.match_projects(), above=0.9)
    out = tmp_path / "aiddata.csv"
    assert curator.export_aiddata(out) == 1
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    row = rows[0]
    assert row["project_id"] == str(clinic) and row["recipient_iso3"] == "KEN" and row["year"] == "2010"
    assert (
        row["donor"] == "China" and row["recipient_condensed"] == "Kenya"
    )  # English, as AidData writes them
    assert row["amount"] == "300000000" and row["currency"] == "CNY" and row["flow"] == "Grant"
    assert row["crs_sector_code"] == "120" and row["crs_sector_name"] == "Health"
    assert row["usd_current"] and Decimal(row["usd_current"]) > 40_000_000
    assert row["reference_dataset"] == "gcof1" and row["reference_id"] == "10"
    assert (
        row["implementing_agency"] == "Made-up Builders Co., Ltd. (company)" and row["funding_agency"] == ""
    )
    gcdf = tmp_path / "gcdf.csv"
    curator.export_aiddata(gcdf, flavour="gcdf3")
    header = gcdf.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("AidData Record ID,Recommended For Aggregates,Umbrella,Financier Country")
    assert "Implementing Agencies,Co-financing Agencies,Direct Receiving Agencies," in header


def test_projects_from_records_copy_the_record_fields(curator: Curator) -> None:
    report = curator.import_drafts([ArticleDraft(title="援疆资金", text=ZH_TEXT)])
    record = curator.records(report.article_ids[0])[0]
    (project_id,) = curator.projects_from_records([record.id])
    with write_session(curator.engine) as session:
        project = session.get(Project, project_id)
        assert project is not None
        assert project.amount_value == Decimal("376000000") and project.amount_currency == "CNY"
        assert project.donor == "湖南" and project.title == "援疆资金"
