"""Running the extractor again without losing what people did."""

from decimal import Decimal

from curation_support import _AMOUNTS, EN_TEXT, ZH_TEXT, StubExtractor, count_rows, import_zh  # noqa: F401

from aidcurator.curation import Curator
from aidcurator.domain import (
    AmountKind,
    RecordStatus,
)

# ------------------------------------------------------------------------------------ re-extract


def test_re_extract_keeps_people_work_and_refreshes_the_rest(curator: Curator, stub: StubExtractor) -> None:
    article_id = import_zh(curator)
    first, _share, third = curator.records(article_id)
    curator.update_record_field(first.id, "donor", "湖南省")  # curated field
    curator.accept(third.id)  # reviewed record
    manual_id = curator.create_record(article_id, {"notes": "by hand"})

    stub.donor = "长沙"  # the improved extractor finds another donor…
    stub.skip = {"2.14亿元"}  # …no longer sees the share…
    report = curator.re_extract([article_id])
    assert (report.articles, report.failures) == (1, [])
    records = {r.id: r for r in curator.records(article_id)}
    assert set(records) == {first.id, third.id, manual_id}  # untouched share removed
    assert records[first.id].donor == "湖南省"  # curated value kept
    assert records[first.id].extracted["donor"] == "长沙"  # machine value refreshed underneath
    assert records[third.id].donor == "湖南" and records[third.id].status == RecordStatus.ACCEPTED
    assert records[manual_id].notes == "by hand"
    assert [m.text for m in curator.mentions(article_id)] == ["3.76亿元", "1262万元"]
    assert (report.records_refreshed, report.records_kept, report.records_removed) == (1, 2, 1)

    stub.skip = set()
    again = curator.re_extract()
    assert again.records_added == 1
    records = curator.records(article_id)
    added = [r for r in records if r.amounts and r.amounts[0].text == "2.14亿元"]
    assert len(added) == 1 and added[0].parent_id == first.id and added[0].donor == "长沙"
    assert added[0].amounts[0].share_of_id == records[0].amounts[0].id


def test_re_extract_refreshes_untouched_values_of_pending_records(
    curator: Curator, stub: StubExtractor
) -> None:
    article_id = import_zh(curator)
    record = curator.records(article_id)[0]
    curator.update_amount(record.amounts[0].id, kind="committed")
    stub.donor = None
    curator.re_extract([article_id])
    refreshed = curator.record(record.id)
    assert refreshed.donor is None and refreshed.version > record.version
    assert refreshed.amounts[0].kind == AmountKind.COMMITTED  # curated amount field kept
    history = [(e.action, e.field) for e in curator.history(record.id)]
    assert ("re_extract", "donor") in history


def test_re_extract_respects_amounts_a_person_removed(curator: Curator, stub: StubExtractor) -> None:
    article_id = import_zh(curator)
    record = curator.records(article_id)[0]
    curator.add_amount(record.id, "500万元", kind="spent")
    curator.delete_amount(record.amounts[0].id)
    stub.donor = "长沙"
    curator.re_extract([article_id])
    refreshed = curator.record(record.id)
    assert [a.text for a in refreshed.amounts] == ["500万元"]  # the deleted one does not come back
    assert refreshed.donor == "长沙"  # other machine values still refresh
    assert "amounts" in refreshed.curated_fields


def test_re_extract_follows_amounts_by_span(curator: Curator, stub: StubExtractor) -> None:
    article_id = import_zh(curator)
    record = curator.records(article_id)[0]
    amount_id = record.amounts[0].id
    curator.update_amount(amount_id, kind="committed")
    curator.re_extract([article_id])
    (amount,) = curator.record(record.id).amounts
    assert (amount.id, amount.kind, amount.value) == (amount_id, AmountKind.COMMITTED, Decimal("376000000"))


def test_re_extract_keeps_a_touched_record_whose_candidate_disappeared(
    curator: Curator, stub: StubExtractor
) -> None:
    article_id = import_zh(curator)
    third = curator.records(article_id)[2]
    curator.update_record_field(third.id, "notes", "check the year")
    stub.skip = {"1262万元"}
    report = curator.re_extract([article_id])
    assert report.records_removed == 0
    assert curator.record(third.id).notes == "check the year"
