"""Use cases shared by the CLI and the GUI: import, edits with history, undo helpers, re-extraction, export."""

import datetime as dt
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from aidcurator.curation import ConflictError, Curator, content_hash
from aidcurator.domain import (
    AmountKind,
    ArticleDraft,
    CandidateAmount,
    CandidateRecord,
    Extraction,
    Mention,
    MentionKind,
    Qualifier,
    RecordStatus,
    ReviewState,
    Span,
)
from aidcurator.extract import AmountParseError
from aidcurator.store import NotFoundError, read_session
from aidcurator.store import repository as repo

ZH_TEXT = (
    "湖南援疆工作队介绍，今年计划在吐鲁番实施102个援疆项目，安排援疆资金3.76亿元。"
    "其中，2.14亿元用于教育文化项目。去年共完成投资1262万元。"
)
EN_TEXT = "Zhejiang will invest 376 million yuan in Aksu this year, creating 11,000 jobs for local residents."

_AMOUNTS = {"3.76亿元": "376000000", "2.14亿元": "214000000", "1262万元": "12620000", "8010万元": "80100000"}


class StubExtractor:
    """A predictable extractor: one record per known amount, with the project count of its sentence.

    ``donor`` is put on every record; ``skip`` names amounts to leave out; ``shares`` maps an amount
    to the amount it is a share of. Tests change these between runs to simulate a better extractor.
    """

    def __init__(self) -> None:
        self.donor: str | None = "湖南"
        self.skip: set[str] = set()
        self.shares: dict[str, str] = {"2.14亿元": "3.76亿元"}
        self.fail_on: str | None = None
        self.calls = 0

    def __call__(self, text: str, published: dt.date | None = None) -> Extraction:
        self.calls += 1
        if self.fail_on and self.fail_on in text:
            raise RuntimeError("extractor exploded")
        found = sorted((text.index(t), t) for t in _AMOUNTS if t in text and t not in self.skip)
        order = [t for _, t in found]
        mentions, records = [], []
        for start, amount_text in found:
            span = Span(start, start + len(amount_text))
            mentions.append(
                Mention(
                    MentionKind.AMOUNT,
                    span.start,
                    span.end,
                    amount_text,
                    Decimal(_AMOUNTS[amount_text]),
                    "CNY",
                )
            )
            count = re.search(r"(\d+)个援疆项目", text[text.rfind("。", 0, start) + 1 : start])
            evidence = {"amount": [span]}
            n_projects = None
            if count:
                offset = text.rfind("。", 0, start) + 1
                evidence["n_projects"] = [Span(offset + count.start(), offset + count.end())]
                n_projects = int(count.group(1))
            parent = self.shares.get(amount_text)
            parent_index = order.index(parent) if parent in order else None
            records.append(
                CandidateRecord(
                    donor=self.donor,
                    n_projects=n_projects,
                    year_start=published.year if published else None,
                    amounts=[
                        CandidateAmount(
                            text=amount_text,
                            value=Decimal(_AMOUNTS[amount_text]),
                            currency="CNY",
                            qualifier=Qualifier.EXACT,
                            kind=AmountKind.SHARE if parent_index is not None else AmountKind.PLANNED,
                            span=span,
                            share_of=parent_index,
                        )
                    ],
                    evidence=evidence,
                    parent_index=parent_index,
                )
            )
        return Extraction(mentions=mentions, records=records)


@pytest.fixture
def stub() -> StubExtractor:
    return StubExtractor()


@pytest.fixture
def curator(engine, stub: StubExtractor) -> Curator:
    return Curator(engine, extractor=stub, actor="tester")


@pytest.fixture
def real_curator(engine) -> Curator:
    return Curator(engine, actor="tester")


def _import_zh(curator: Curator, title: str = "湖南援疆") -> int:
    report = curator.import_drafts([ArticleDraft(text=ZH_TEXT, title=title, published=dt.date(2024, 3, 1))])
    assert report.ok, report.failures
    return report.article_ids[0]


def _count(curator: Curator, table: str) -> int:
    with curator.engine.connect() as conn:
        return conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()


# ------------------------------------------------------------------------------------------ import


def test_content_hash_ignores_normalization_and_outer_space() -> None:
    assert content_hash("  援疆\n") == content_hash("援疆")
    assert content_hash("e\u0301") == content_hash("\u00e9")
    assert content_hash("援疆") != content_hash("援 疆")


def test_import_stores_article_mentions_records_amounts_and_evidence(curator: Curator) -> None:
    article_id = _import_zh(curator)
    article = curator.article(article_id)
    assert article.title == "湖南援疆" and article.text == ZH_TEXT and article.review_state == ReviewState.NEW
    mentions = curator.mentions(article_id)
    assert [m.text for m in mentions] == ["3.76亿元", "2.14亿元", "1262万元"]
    assert all(ZH_TEXT[m.start : m.end] == m.text for m in mentions)
    first, share, third = curator.records(article_id)
    assert first.n_projects == 102 and first.year_start == 2024 and first.status == RecordStatus.PENDING
    assert first.extracted["n_projects"] == 102 and first.extracted["donor"] == "湖南"
    assert (
        first.amounts[0].value == Decimal("376000000") and first.amounts[0].extracted["value"] == "376000000"
    )
    assert share.parent_id == first.id and share.amounts[0].share_of_id == first.amounts[0].id
    assert {e.field: e.quote for e in first.evidence} == {"amount": "3.76亿元", "n_projects": "102个援疆项目"}
    assert third.parent_id is None


def test_reimport_adds_nothing_and_counts_skipped(curator: Curator, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("湖南援疆\n\n" + ZH_TEXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Zhejiang aid\n\n" + EN_TEXT, encoding="utf-8")
    first = curator.import_paths([tmp_path])
    assert (first.imported, first.skipped, first.files, first.failed) == (2, 0, 2, 0)
    second = curator.import_paths([tmp_path])
    assert (second.imported, second.skipped) == (0, 2)
    assert second.summary() == "Imported 0 articles (2 skipped as duplicates) from 2 files; 0 failed"
    assert _count(curator, "article") == 2


def test_duplicates_inside_one_batch_are_skipped(curator: Curator, tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text("Title\n\n" + EN_TEXT, encoding="utf-8")
    lines = [json.dumps({"title": f"t{i}", "text": ZH_TEXT}, ensure_ascii=False) for i in range(3)]
    (tmp_path / "three.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = curator.import_paths([tmp_path])
    assert (report.imported, report.skipped, report.failed) == (2, 3, 0)


def test_each_file_is_all_or_nothing(curator: Curator, stub: StubExtractor, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Good\n\n" + EN_TEXT, encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    rows = [{"title": "fine", "text": ZH_TEXT}, {"title": "breaks", "text": "BOOM 8010万元 援疆"}]
    bad.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    stub.fail_on = "BOOM"
    report = curator.import_paths([bad, good])
    assert report.imported == 1 and report.failed == 1
    ((name, reason),) = report.failures
    assert name == str(bad) and "extractor exploded" in reason
    assert [a.title for a in curator.list_articles()] == ["Good"]
    # Fixed extractor: the same file now imports completely, nothing counted as duplicate.
    stub.fail_on = None
    again = curator.import_paths([bad])
    assert (again.imported, again.skipped, again.failed) == (2, 0, 0)


def test_a_file_failing_while_stored_leaves_nothing(curator: Curator, tmp_path: Path) -> None:
    def bad_spans(text: str, published: dt.date | None = None) -> Extraction:
        return Extraction(records=[CandidateRecord(evidence={"donor": [Span(0, len(text) + 10)]})])

    curator._extractor = bad_spans
    target = tmp_path / "digest.jsonl"
    target.write_text(
        "\n".join(json.dumps({"title": t, "text": t * 3}, ensure_ascii=False) for t in ("甲", "乙")),
        encoding="utf-8",
    )
    report = curator.import_paths([target])
    assert report.failed == 1 and "outside the article text" in report.failures[0][1]
    assert _count(curator, "article") == 0 and _count(curator, "record") == 0


def test_unreadable_files_fail_with_one_line_each_and_store_nothing(
    real_curator: Curator, tmp_path: Path
) -> None:
    random_bytes = tmp_path / "random.txt"
    random_bytes.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    truncated = tmp_path / "cut.json"
    truncated.write_text('[{"title": "援疆", "text": "投入3亿元', encoding="utf-8")
    gb = tmp_path / "gb.txt"
    gb_text = "喀什援疆项目进展顺利\n\n今年上海计划投入援疆资金12亿元，建设12所学校，惠及3000户家庭。"
    gb.write_bytes(gb_text.encode("gb18030"))
    report = real_curator.import_paths([random_bytes, empty, truncated, gb, tmp_path / "missing.txt"])
    failed = dict(report.failures)
    assert set(failed) == {str(random_bytes), str(empty), str(truncated), str(tmp_path / "missing.txt")}
    assert all(reason and "\n" not in reason for reason in failed.values())
    assert report.imported == 1 and report.files == 5
    (article,) = real_curator.list_articles()
    assert article.title == "喀什援疆项目进展顺利"
    assert "12亿元" in real_curator.article(article.id).text


def test_progress_and_cancel(curator: Curator, tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"T{i}\n\n{EN_TEXT} {i}", encoding="utf-8")
    calls: list[tuple[int, int, str]] = []
    report = curator.import_paths([tmp_path], progress=lambda d, t, n: calls.append((d, t, n)))
    assert [c[:2] for c in calls] == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert report.imported == 3
    cancelled = curator.import_paths([tmp_path], cancel=lambda: True)
    assert cancelled.cancelled and cancelled.imported == 0


# ------------------------------------------------------------------------------------ field edits


def test_update_record_field_writes_history_and_bumps_version(curator: Curator) -> None:
    article_id = _import_zh(curator)
    record = curator.records(article_id)[0]
    updated = curator.update_record_field(record.id, "n_projects", "1,200", expected_version=record.version)
    assert updated.n_projects == 1200 and updated.version == record.version + 1
    assert "n_projects" in updated.curated_fields and updated.updated_at >= record.updated_at
    assert updated.extracted["n_projects"] == 102  # the machine value is kept
    (edit,) = curator.history(record.id)
    assert (edit.field, edit.old_value, edit.new_value, edit.actor) == ("n_projects", 102, 1200, "tester")
    same = curator.update_record_field(record.id, "n_projects", 1200)
    assert same.version == updated.version and len(curator.history(record.id)) == 1
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
    record = curator.records(_import_zh(curator))[0]
    with pytest.raises(ValueError, match=message):
        curator.update_record_field(record.id, field, value)
    assert curator.record(record.id) == record
    assert curator.history(record.id) == []


def test_stale_version_raises_conflict_and_writes_nothing(curator: Curator) -> None:
    record = curator.records(_import_zh(curator))[0]
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
    first, second, _third = curator.records(_import_zh(curator))
    with pytest.raises(ValueError, match="own parent"):
        curator.update_record_field(first.id, "parent_id", first.id)
    with pytest.raises(ValueError, match="cycle"):
        curator.update_record_field(first.id, "parent_id", second.id)  # second's parent is first


# ----------------------------------------------------------------------------------------- amounts


def test_update_amount_parses_text_exactly(curator: Curator) -> None:
    record = curator.records(_import_zh(curator))[2]  # 1262万元
    amount = record.amounts[0]
    updated = curator.update_amount(amount.id, text="2.14亿元", expected_version=record.version)
    (new,) = updated.amounts
    assert new.value == Decimal("214000000") and str(new.value) == "214000000"
    assert new.text == "2.14亿元" and new.currency == "CNY" and new.qualifier == Qualifier.EXACT
    assert set(new.curated_fields) == {"text", "value"}
    assert updated.version == record.version + 1
    fields = {e.field: (e.old_value, e.new_value) for e in curator.history(record.id)}
    assert fields == {"amount.text": ("1262万元", "2.14亿元"), "amount.value": ("12620000", "214000000")}
    # A text without a currency keeps the amount's currency; a range sets value_max.
    bare = curator.update_amount(amount.id, text="4亿")
    assert bare.amounts[0].currency == "CNY" and bare.amounts[0].value == Decimal("400000000")
    ranged = curator.update_amount(amount.id, text="3-5亿元")
    assert ranged.amounts[0].qualifier == Qualifier.RANGE and ranged.amounts[0].value_max == Decimal(
        "500000000"
    )


def test_update_amount_with_text_and_value_restores_without_parsing(curator: Curator) -> None:
    record = curator.records(_import_zh(curator))[0]
    amount_id = record.amounts[0].id
    restored = curator.update_amount(amount_id, text="69920万 元", value=Decimal("699200000"))
    assert (restored.amounts[0].text, restored.amounts[0].value) == ("69920万 元", Decimal("699200000"))
    with pytest.raises(ValueError, match="needs a value"):
        curator.update_amount(amount_id, value="")


def test_update_amount_with_unreadable_text_changes_nothing(curator: Curator) -> None:
    record = curator.records(_import_zh(curator))[0]
    with pytest.raises(AmountParseError, match="abc"):
        curator.update_amount(record.amounts[0].id, text="abc", kind="spent")
    assert curator.record(record.id) == record
    assert curator.history(record.id) == []


def test_update_amount_fields_and_validation(curator: Curator) -> None:
    record = curator.records(_import_zh(curator))[0]
    amount_id = record.amounts[0].id
    updated = curator.update_amount(amount_id, currency="usd", kind="committed", qualifier="approx")
    amount = updated.amounts[0]
    assert (amount.currency, amount.kind, amount.qualifier) == ("USD", AmountKind.COMMITTED, Qualifier.APPROX)
    with pytest.raises(ValueError, match="ISO 4217"):
        curator.update_amount(amount_id, currency="dollars")
    with pytest.raises(ValueError, match="range needs a maximum"):
        curator.update_amount(amount_id, qualifier="range")
    with pytest.raises(ValueError, match="below the value"):
        curator.update_amount(amount_id, qualifier="range", value_max="1")
    ranged = curator.update_amount(amount_id, qualifier="range", value_max="5亿")
    assert ranged.amounts[0].value_max == Decimal("500000000")
    with pytest.raises(ValueError, match="exact number"):
        curator.update_amount(amount_id, value_max=5e8)


def test_add_delete_and_restore_amount(curator: Curator) -> None:
    record = curator.records(_import_zh(curator))[0]
    amount_id = curator.add_amount(record.id, "约5000万美元", kind="committed", span=(0, 2))
    amounts = curator.record(record.id).amounts
    assert [a.value for a in amounts] == [Decimal("376000000"), Decimal("50000000")]
    added = amounts[1]
    assert (added.currency, added.qualifier, added.origin, added.start) == (
        "USD",
        Qualifier.APPROX,
        "manual",
        0,
    )
    removed = curator.delete_amount(amount_id)
    assert len(curator.record(record.id).amounts) == 1
    curator.restore_amount(removed)
    assert curator.record(record.id).amounts[1] == removed
    actions = [(e.action, e.field) for e in curator.history(record.id)]
    assert actions == [("create", "amount"), ("delete", "amount"), ("restore", "amount")]


def test_reset_amount_to_extracted(curator: Curator) -> None:
    record = curator.records(_import_zh(curator))[0]
    amount_id = record.amounts[0].id
    curator.update_amount(amount_id, text="4亿元")
    reset = curator.reset_amount_to_extracted(amount_id)
    assert reset.amounts[0].value == Decimal("376000000") and reset.amounts[0].text == "3.76亿元"
    assert reset.amounts[0].curated_fields == ()


# ------------------------------------------------------------------------------------------ status


def test_status_moves_review_state(curator: Curator) -> None:
    article_id = _import_zh(curator)
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


# ------------------------------------------------------------------------------- records by hand


def test_create_delete_and_restore_record(curator: Curator) -> None:
    article_id = _import_zh(curator)
    start = ZH_TEXT.index("吐鲁番")
    record_id = curator.create_record(
        article_id,
        {"recipient": "吐鲁番", "n_projects": "102", "year_start": 2024},
        [("recipient", start, start + 3)],
        amounts=["3.76亿元"],
    )
    created = curator.record(record_id)
    assert created.origin == "manual" and created.recipient == "吐鲁番" and created.n_projects == 102
    assert created.evidence[0].quote == "吐鲁番" and created.amounts[0].value == Decimal("376000000")
    parent = curator.records(article_id)[0]
    child = curator.update_record_field(record_id, "parent_id", parent.id)
    snapshot = curator.delete_record(parent.id)
    assert curator.record(record_id).parent_id is None
    with pytest.raises(NotFoundError):
        curator.record(parent.id)
    restored = curator.restore_record(snapshot)
    assert restored == parent
    assert curator.record(record_id).parent_id == parent.id == child.parent_id
    share = curator.records(article_id)[1]
    assert share.amounts[0].share_of_id == parent.amounts[0].id
    assert [e.action for e in curator.history(parent.id)] == ["delete", "restore"]
    with pytest.raises(ValueError, match="already exists"):
        curator.restore_record(snapshot)


def test_create_record_checks_everything_first(curator: Curator) -> None:
    article_id = _import_zh(curator)
    before = _count(curator, "record")
    with pytest.raises(ValueError, match="whole number"):
        curator.create_record(article_id, {"jobs": "many"})
    with pytest.raises(AmountParseError):
        curator.create_record(article_id, {"donor": "x"}, amounts=["lots"])
    with pytest.raises(ValueError, match="outside the article text"):
        curator.create_record(article_id, {"donor": "x"}, [("donor", 0, 10_000)])
    with pytest.raises(ValueError, match="cannot attach evidence"):
        curator.create_record(article_id, {"donor": "x"}, [("colour", 0, 1)])
    with pytest.raises(NotFoundError):
        curator.create_record(12345, {"donor": "x"})
    assert _count(curator, "record") == before


def test_set_evidence_and_reset_to_extracted(curator: Curator) -> None:
    record = curator.records(_import_zh(curator))[0]
    start = ZH_TEXT.index("湖南")
    updated = curator.set_evidence(record.id, "donor", start, start + 2)
    assert [(e.quote, e.origin) for e in updated.evidence_for("donor")] == [("湖南", "manual")]
    assert updated.version == record.version + 1
    cleared = curator.replace_evidence(record.id, "donor", [])
    assert cleared.evidence_for("donor") == []
    curator.update_record_field(record.id, "donor", "长沙")
    curator.update_record_field(record.id, "n_projects", 5)
    one = curator.reset_to_extracted(record.id, "donor")
    assert one.donor == "湖南" and one.curated_fields == ("n_projects",)
    everything = curator.reset_to_extracted(record.id)
    assert everything.n_projects == 102 and everything.curated_fields == ()
    with pytest.raises(ValueError, match="no extracted value"):
        curator.reset_to_extracted(record.id, "notes")


# ------------------------------------------------------------------------------------ re-extract


def test_re_extract_keeps_people_work_and_refreshes_the_rest(curator: Curator, stub: StubExtractor) -> None:
    article_id = _import_zh(curator)
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
    article_id = _import_zh(curator)
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
    article_id = _import_zh(curator)
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
    article_id = _import_zh(curator)
    record = curator.records(article_id)[0]
    amount_id = record.amounts[0].id
    curator.update_amount(amount_id, kind="committed")
    curator.re_extract([article_id])
    (amount,) = curator.record(record.id).amounts
    assert (amount.id, amount.kind, amount.value) == (amount_id, AmountKind.COMMITTED, Decimal("376000000"))


def test_re_extract_keeps_a_touched_record_whose_candidate_disappeared(
    curator: Curator, stub: StubExtractor
) -> None:
    article_id = _import_zh(curator)
    third = curator.records(article_id)[2]
    curator.update_record_field(third.id, "notes", "check the year")
    stub.skip = {"1262万元"}
    report = curator.re_extract([article_id])
    assert report.records_removed == 0
    assert curator.record(third.id).notes == "check the year"


# --------------------------------------------------------------------------------------- export


def _exportable(curator: Curator) -> list[dict]:
    article_id = _import_zh(curator, '=HYPERLINK("http://x")')
    for record in curator.records(article_id):
        curator.accept(record.id)
    curator.update_record_field(curator.records(article_id)[0].id, "notes", "备注：已核对")
    with read_session(curator.engine) as session:
        return repo.record_export_rows(session, status="accepted")


def _text(value) -> str:
    """How a store value reads back from CSV (Excel's view of it)."""
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        return "'" + value
    return str(value)


def assert_export_matches(target: Path, fmt: str, rows: list[dict]) -> None:
    """Read an export back with pandas and compare it with the store's rows, exactly."""
    import pandas as pd

    if fmt in ("csv", "xlsx"):
        if fmt == "csv":
            assert target.read_bytes().startswith(b"\xef\xbb\xbf")
            frame = pd.read_csv(target, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            columns = [k for k in rows[0] if k not in ("amounts", "evidence")]
        else:
            frame = pd.read_excel(target, dtype=str, keep_default_na=False)
            # Excel keeps numbers and text exactly; dates become Excel dates, so compare the rest.
            columns = [
                k
                for k in rows[0]
                if k not in ("amounts", "evidence", "article_published") and not k.endswith("_at")
            ]
        assert len(frame) == len(rows)
        for column in columns:
            assert list(frame[column]) == [_text(r[column]) for r in rows], column
        assert list(frame["amount_value"]) == [_text(r["amounts"][0]["value"]) for r in rows]
        assert list(frame["amount_text"]) == [r["amounts"][0]["text"] for r in rows]
        assert list(frame["amount_currency"]) == [r["amounts"][0]["currency"] for r in rows]
        return
    frame = pd.read_json(target, lines=fmt == "jsonl", dtype=False)
    assert list(frame["record_id"]) == [r["record_id"] for r in rows]
    assert list(frame["article_title"]) == [r["article_title"] for r in rows]  # JSON is verbatim
    text = target.read_text(encoding="utf-8")
    decoded = (
        json.loads(text, parse_float=Decimal)
        if fmt == "json"
        else [json.loads(line, parse_float=Decimal) for line in text.splitlines()]
    )
    for got, want in zip(decoded, rows, strict=True):
        assert [Decimal(str(a["value"])) for a in got["amounts"]] == [a["value"] for a in want["amounts"]]
        assert [a["text"] for a in got["amounts"]] == [a["text"] for a in want["amounts"]]
        assert got["evidence"] == [dict(e) for e in want["evidence"]]
        for key in ("donor", "recipient", "title", "notes", "n_projects", "status", "version"):
            assert got[key] == want[key], key


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "jsonl"])
def test_exports_read_back_equal_to_the_store(curator: Curator, tmp_path: Path, fmt: str) -> None:
    rows = _exportable(curator)
    target = tmp_path / f"out.{fmt}"
    assert curator.export(target) == len(rows) == 3  # format from the suffix
    assert_export_matches(target, fmt, rows)
    text = target.read_bytes()
    if fmt in ("json", "jsonl"):
        assert "备注：已核对".encode() in text and b'"value": 376000000' in text
    if fmt == "csv":
        assert b"'=HYPERLINK" in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "jsonl"])
def test_seed_exports_read_back_equal_to_the_store(
    real_curator: Curator, seeds_dir: Path, tmp_path: Path, fmt: str
) -> None:
    report = real_curator.import_paths(sorted(seeds_dir.glob("*.txt")))
    assert report.ok and report.imported == 6
    with read_session(real_curator.engine) as session:
        rows = repo.record_export_rows(session, status=None)
    assert rows
    target = tmp_path / f"seeds.{fmt}"
    assert real_curator.export(target, status="all") == len(rows)
    assert_export_matches(target, fmt, rows)


def test_export_tables_and_status_filter(curator: Curator, tmp_path: Path) -> None:
    import pandas as pd

    _exportable(curator)
    assert curator.export(tmp_path / "none.csv", status="pending") == 0
    assert curator.export(tmp_path / "all.csv", status="all") == 3
    assert curator.export(tmp_path / "articles.xlsx", what="articles") == 1
    assert curator.export(tmp_path / "mentions.jsonl", what="mentions") == 3
    edits = curator.export(tmp_path / "edits.csv", what="edits")
    assert edits == len(pd.read_csv(tmp_path / "edits.csv", encoding="utf-8-sig"))
    with pytest.raises(ValueError, match="cannot export"):
        curator.export(tmp_path / "x.csv", what="people")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="export format"):
        curator.export(tmp_path / "noext")


def test_stats(curator: Curator) -> None:
    article_id = _import_zh(curator)
    curator.accept(curator.records(article_id)[0].id)
    stats = curator.stats()
    assert stats.articles_by_state == {"new": 0, "in_progress": 1, "done": 0}
    assert stats.records_by_status == {"pending": 2, "accepted": 1, "rejected": 0}


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
        record = curator.records(_import_zh(curator))[0]
        curator.update_record_field(record.id, "jobs", "30")
        curator.accept(record.id)
        assert curator.stats().records_by_status["accepted"] == 1


def test_concurrent_edits_with_the_same_version_conflict(curator: Curator) -> None:
    import threading

    record = curator.records(_import_zh(curator))[0]
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
        "扬州援疆工作组今年计划投入援疆资金1.36亿元，实施27个援疆项目。其中，4820万元用于教育文化项目。"
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
