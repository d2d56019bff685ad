"""The use cases with the real extractor and an in-memory database."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from curation_support import _AMOUNTS, EN_TEXT, ZH_TEXT, StubExtractor, count_rows, import_zh  # noqa: F401

from aidcurator.curation import ConflictError, Curator
from aidcurator.domain import (
    AmountKind,
    ArticleDraft,
    RecordStatus,
)

# ------------------------------------------------------------------------ with the real extractor


def test_real_extractor_import_and_exact_values(real_curator: Curator, tmp_path: Path) -> None:
    (tmp_path / "zh.txt").write_text("湖南援疆\n\n" + ZH_TEXT, encoding="utf-8")
    report = real_curator.import_paths([tmp_path])
    assert report.ok and report.imported == 1
    article_id = report.article_ids[0]
    values = {a.value for r in real_curator.records(article_id) for a in r.amounts}
    assert {Decimal("376000000"), Decimal("214000000"), Decimal("12620000")} <= values
    text = real_curator.article(article_id).text
    for mention in real_curator.mentions(article_id):
        assert text[mention.start : mention.end] == mention.text


def test_memory_database_works_for_a_whole_session(stub: StubExtractor) -> None:
    with Curator.open("sqlite://", extractor=stub, actor="t") as curator:
        record = curator.records(import_zh(curator))[0]
        curator.update_record_field(record.id, "jobs", "30")
        curator.accept(record.id)
        assert curator.stats().records_by_status["accepted"] == 1


def test_concurrent_edits_with_the_same_version_conflict(curator: Curator) -> None:
    import threading

    record = curator.records(import_zh(curator))[0]
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def edit(value: int) -> None:
        barrier.wait()
        try:
            curator.update_record_field(record.id, "jobs", value, expected_version=record.version)
            outcomes.append("ok")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "conflict", "conflict", "ok"]
    assert curator.record(record.id).version == record.version + 1
    assert len(curator.history(record.id)) == 1


def test_re_extract_with_the_real_extractor_keeps_curated_record_fields(real_curator: Curator) -> None:
    text = (
        "扬州援疆工作组今年计划投入援疆资金1.36亿元，实施27个援疆项目。其中，4820万元投向学校和文化设施。"
        "去年，工作组到位资金1.2亿元。"
    )
    report = real_curator.import_drafts(
        [ArticleDraft(text=text, title="扬州", published=dt.date(2026, 1, 9))]
    )
    article_id = report.article_ids[0]
    plan, share, last_year = real_curator.records(article_id)
    assert (plan.donor, plan.recipient, plan.year_start, plan.n_projects) == ("扬州市", "新源县", 2026, 27)
    assert share.parent_id == plan.id and share.amounts[0].kind == AmountKind.SHARE
    assert last_year.year_start == 2025 and last_year.amounts[0].kind == AmountKind.SPENT
    real_curator.update_record_field(plan.id, "recipient", "伊犁哈萨克自治州")  # a person's correction
    real_curator.update_record_field(plan.id, "year_end", 2027)
    real_curator.update_amount(last_year.amounts[0].id, kind="committed")
    real_curator.accept(share.id)

    real_curator.re_extract([article_id])
    plan2, share2, last2 = real_curator.records(article_id)
    assert (plan2.id, share2.id, last2.id) == (plan.id, share.id, last_year.id)
    assert (plan2.recipient, plan2.year_start, plan2.year_end) == ("伊犁哈萨克自治州", 2026, 2027)
    assert plan2.extracted["recipient"] == "新源县"  # the machine value stays underneath
    assert last2.amounts[0].kind == AmountKind.COMMITTED
    assert share2.status == RecordStatus.ACCEPTED and share2.parent_id == plan2.id
    assert {e.field for e in plan2.evidence} >= {"amount", "donor", "year", "n_projects", "amount_kind"}
