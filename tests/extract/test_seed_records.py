"""Candidate records of the seeds match domain-schema.md §4.5 (skipped without ../shared)."""

from decimal import Decimal
from pathlib import Path

from aidcurator.domain import AmountKind, RecordKind
from aidcurator.extract import extract
from aidcurator.ingest import read_file


def _records(seeds: Path):
    rows = []
    for path in sorted(seeds.glob("*.txt")):
        for draft in read_file(path):
            for record in extract(draft.text, draft.published).records:
                amount = record.amounts[0]
                rows.append((record, amount))
    return rows


def _find(seeds: Path, value: str):
    matches = [(r, a) for r, a in _records(seeds) if a.value == Decimal(value)]
    assert matches, value
    return matches


def test_hunan_records(seeds_dir: Path) -> None:
    hunan = sorted(_find(seeds_dir, "376000000"), key=lambda ra: ra[0].year_start)
    assert [(r.donor, r.recipient, r.year_start, r.n_projects, a.kind) for r, a in hunan] == [
        ("湖南省", "吐鲁番市", 2023, 88, AmountKind.COMMITTED),
        ("湖南省", "吐鲁番市", 2024, 102, AmountKind.PLANNED),
    ]
    assert all(r.record_kind is RecordKind.PROGRAMME for r, _ in hunan)


def test_yangzhou_plan_and_shares(seeds_dir: Path) -> None:
    ((parent, amount),) = _find(seeds_dir, "699200000")
    assert (parent.donor, parent.recipient, parent.year_start, parent.year_end) == (
        "扬州市",
        "新源县",
        2026,
        2030,
    )
    assert amount.kind is AmountKind.PLANNED
    for value in ("214000000", "219000000", "80100000"):
        ((share, share_amount),) = _find(seeds_dir, value)
        assert share_amount.kind is AmountKind.SHARE
        assert share.parent_index is not None
        assert share.recipient == "新源县"


def test_taizhou_housing(seeds_dir: Path) -> None:
    ((record, amount),) = _find(seeds_dir, "12620000")
    assert (record.donor, record.recipient) == ("泰州市", "昭苏县")
    assert amount.kind is AmountKind.CUMULATIVE
    assert (record.beneficiaries_households, record.beneficiaries_people) == (735, 1869)


def test_nineteen_province_aggregate(seeds_dir: Path) -> None:
    ((record, amount),) = _find(seeds_dir, "200000000000")
    assert record.record_kind is RecordKind.AGGREGATE
    assert record.donor is None and record.recipient == "新疆维吾尔自治区"
    assert amount.kind is AmountKind.CUMULATIVE and amount.qualifier.value == "at_least"
