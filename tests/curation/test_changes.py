"""Undoable changes without a window: undo/redo semantics and conflicts with changes made elsewhere."""

import datetime as dt
from decimal import Decimal

import pytest

from aidcurator.curation import ConflictError, Curator, changes
from aidcurator.domain import (
    AmountKind,
    ArticleDraft,
    CandidateAmount,
    CandidateRecord,
    Extraction,
    Qualifier,
    RecordStatus,
    Span,
)

TEXT = "湖南省今年在吐鲁番市安排援疆资金3.76亿元，实施102个援疆项目。"


def _extract(text: str, published: dt.date | None = None) -> Extraction:
    start = text.index("3.76亿元")
    amount = CandidateAmount(
        text="3.76亿元",
        value=Decimal("376000000"),
        currency="CNY",
        qualifier=Qualifier.EXACT,
        kind=AmountKind.PLANNED,
        span=Span(start, start + 6),
    )
    record = CandidateRecord(donor="湖南省", recipient="吐鲁番市", n_projects=102, amounts=[amount])
    return Extraction(records=[record])


@pytest.fixture
def pair(engine) -> tuple[Curator, Curator, int]:
    """Two curators on one database (two windows, or a window and the command line), and a record."""
    mine = Curator(engine, extractor=_extract, actor="ana")
    other = Curator(engine, extractor=_extract, actor="bo")
    report = mine.import_drafts([ArticleDraft(text=TEXT, title="t", published=dt.date(2025, 3, 1))])
    (record,) = mine.records(report.article_ids[0])
    return mine, other, record.id


def test_undo_after_a_change_made_elsewhere_raises_a_conflict_and_keeps_both(pair) -> None:
    mine, other, record_id = pair
    change = changes.SetField(mine.record(record_id), "donor", "江苏省")
    assert change.apply(mine)
    other.update_record_field(record_id, "n_projects", 99)  # someone else, meanwhile
    with pytest.raises(ConflictError, match="changed elsewhere"):
        change.undo(mine)
    record = mine.record(record_id)
    assert (record.donor, record.n_projects) == ("江苏省", 99)  # neither change lost


def test_redo_after_a_change_made_elsewhere_raises_a_conflict(pair) -> None:
    mine, other, record_id = pair
    change = changes.SetStatus(mine.record(record_id), RecordStatus.ACCEPTED)
    change.apply(mine)
    change.undo(mine)
    other.update_record_field(record_id, "donor", "北京市")
    with pytest.raises(ConflictError):
        change.redo(mine)
    record = mine.record(record_id)
    assert (record.status, record.donor) == (RecordStatus.PENDING, "北京市")


def test_undo_and_redo_in_stack_order_need_no_reload(pair) -> None:
    mine, _other, record_id = pair
    first = changes.SetField(mine.record(record_id), "donor", "江苏省")
    first.apply(mine)
    second = changes.SetField(mine.record(record_id), "n_projects", "1,200")
    second.apply(mine)
    second.undo(mine)
    first.undo(mine)  # the version the newer change's undo left is handed down
    record = mine.record(record_id)
    assert (record.donor, record.n_projects) == ("湖南省", 102)
    assert "donor" not in record.curated_fields  # a first change undone goes back to extracted
    first.redo(mine)
    second.redo(mine)
    record = mine.record(record_id)
    assert (record.donor, record.n_projects) == ("江苏省", 1200)


def test_amount_edit_undo_puts_the_extracted_amount_back(pair) -> None:
    mine, _other, record_id = pair
    record = mine.record(record_id)
    (amount,) = record.amounts
    change = changes.UpdateAmount(record, amount, {"text": "2.14亿元"}, "set amount")
    assert change.apply(mine)
    assert mine.record(record_id).amounts[0].value == Decimal("214000000")
    change.undo(mine)
    restored = mine.record(record_id).amounts[0]
    assert (restored.text, restored.value, restored.curated_fields) == ("3.76亿元", Decimal("376000000"), ())


def test_delete_and_restore_record_round_trip_with_a_macro(pair) -> None:
    mine, other, record_id = pair
    record = mine.record(record_id)
    macro = changes.Macro(
        "donor with evidence",
        [changes.SetField(record, "donor", "湖南"), changes.SetEvidence(record, "donor", [(0, 2)])],
    )
    assert macro.apply(mine)
    assert [(e.start, e.end) for e in mine.record(record_id).evidence_for("donor")] == [(0, 2)]
    macro.undo(mine)
    assert mine.record(record_id).donor == "湖南省"
    delete = changes.DeleteRecord(mine.record(record_id))
    delete.apply(mine)
    delete.undo(mine)
    assert mine.record(record_id).donor == "湖南省"
    other.update_record_field(record_id, "notes", "checked")
    with pytest.raises(ConflictError):
        delete.redo(mine)
    assert mine.record(record_id).notes == "checked"
