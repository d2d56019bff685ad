"""Review states for every article (done, skipped, second look, with a reason) and the record
status ``unsure`` with a reject reason, without a window."""

import csv
import datetime as dt
import json

import pytest
from curation_support import import_zh

from aidcurator.curation import ConflictError, Curator, changes
from aidcurator.curation.review import NO_AID_RECORD
from aidcurator.domain import ArticleDraft, RecordStatus, ReviewState
from aidcurator.domain.views import ArticleQuery


def _import_empty(curator: Curator, title: str = "无援助") -> int:
    """An article the (stub) extractor finds nothing in."""
    text = f"{title}：本文只报道天气，没有任何援助项目。"
    report = curator.import_drafts([ArticleDraft(text=text, title=title, published=dt.date(2024, 3, 2))])
    assert report.ok
    return report.article_ids[0]


def test_an_article_without_records_can_be_marked_done_with_the_no_aid_record_reason(curator) -> None:
    empty = _import_empty(curator)
    assert curator.records(empty) == []
    view = curator.set_review_state(empty, ReviewState.DONE)
    assert (view.review_state, view.review_note) == (ReviewState.DONE, NO_AID_RECORD)
    assert curator.article_progress(ArticleQuery()) == (1, 1)  # 100 % reachable
    edits = [(e.field, e.new_value) for e in curator.article_history(empty)]
    assert edits == [("review_state", "done"), ("review_note", NO_AID_RECORD)]


def test_skipped_counts_as_finished_and_flagged_does_not(curator) -> None:
    skipped, flagged = _import_empty(curator, "甲"), _import_empty(curator, "乙")
    curator.set_review_state(skipped, "skipped", reason="duplicate of another article")
    curator.set_review_state(flagged, ReviewState.FLAGGED, reason="ask Bo")
    assert curator.article(skipped).review_note == "duplicate of another article"
    assert curator.article_progress(ArticleQuery()) == (1, 2)
    rows = curator.article_rows([skipped, flagged])
    assert rows[flagged].review_state == ReviewState.FLAGGED and rows[flagged].review_note == "ask Bo"
    assert curator.stats().articles_by_state["skipped"] == 1
    # going back to new clears the reason
    assert curator.set_review_state(flagged, ReviewState.NEW).review_note is None


def test_record_decisions_do_not_move_a_skipped_or_flagged_article(curator) -> None:
    article_id = import_zh(curator)
    curator.set_review_state(article_id, ReviewState.FLAGGED, reason="amounts look doubled")
    for record in curator.records(article_id):
        curator.accept(record.id)
    assert curator.article(article_id).review_state == ReviewState.FLAGGED


def test_unsure_records_keep_the_article_in_progress(curator) -> None:
    article_id = import_zh(curator)
    first, *others = curator.records(article_id)
    for record in others:
        curator.accept(record.id)
    unsure = curator.mark_unsure(first.id, reason="which year?")
    assert (unsure.status, unsure.reject_reason) == (RecordStatus.UNSURE, "which year?")
    assert curator.article(article_id).review_state == ReviewState.IN_PROGRESS
    curator.reject(first.id, reason="  counted twice ")
    assert curator.record(first.id).reject_reason == "counted twice"
    assert curator.article(article_id).review_state == ReviewState.DONE
    accepted = curator.accept(first.id)
    assert (accepted.status, accepted.reject_reason) == (RecordStatus.ACCEPTED, None)


def test_reject_reason_and_unsure_are_exported(curator, tmp_path) -> None:
    article_id = import_zh(curator)
    first, second, *_ = curator.records(article_id)
    curator.reject(first.id, reason="not aid: a loan from a bank")
    curator.mark_unsure(second.id)
    curator.export(tmp_path / "records.json", status="all")
    rows = {row["record_id"]: row for row in json.loads((tmp_path / "records.json").read_text("utf-8"))}
    assert rows[first.id]["status"] == "rejected"
    assert rows[first.id]["reject_reason"] == "not aid: a loan from a bank"
    assert rows[second.id]["status"] == "unsure"
    assert curator.export(tmp_path / "unsure.csv", status="unsure") == 1
    curator.export(tmp_path / "records.csv", status="all")
    with (tmp_path / "records.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows_csv = {int(row["record_id"]): row for row in csv.DictReader(handle)}
    assert rows_csv[first.id]["reject_reason"] == "not aid: a loan from a bank"


def test_the_next_article_to_review_includes_articles_without_records(curator) -> None:
    first = import_zh(curator, "一")
    empty = _import_empty(curator, "二")
    query = ArticleQuery(order_by="id", descending=False)
    for record in curator.records(first):
        curator.accept(record.id)
    assert curator.next_article_to_review(query, first) == empty
    curator.set_review_state(empty, ReviewState.SKIPPED)
    assert curator.next_article_to_review(query, first) is None


def test_review_state_change_undoes_and_redoes_and_conflicts_with_a_change_elsewhere(engine, stub) -> None:
    mine = Curator(engine, extractor=stub, actor="ana")
    other = Curator(engine, extractor=stub, actor="bo")
    empty = _import_empty(mine)
    change = changes.SetReviewState(mine.article(empty), ReviewState.SKIPPED, "off topic")
    assert change.apply(mine)
    assert "skip article" in change.text
    change.undo(mine)
    assert (mine.article(empty).review_state, mine.article(empty).review_note) == (ReviewState.NEW, None)
    change.redo(mine)
    assert mine.article(empty).review_note == "off topic"
    other.set_review_state(empty, ReviewState.FLAGGED)  # someone else, meanwhile
    with pytest.raises(ConflictError, match="changed elsewhere"):
        change.undo(mine)
    assert mine.article(empty).review_state == ReviewState.FLAGGED


def test_status_change_with_a_reason_undoes_to_the_old_reason(curator) -> None:
    article_id = import_zh(curator)
    record = curator.records(article_id)[0]
    reject = changes.SetStatus(record, RecordStatus.REJECTED, "duplicate")
    assert reject.apply(curator)
    accept = changes.SetStatus(curator.record(record.id), RecordStatus.ACCEPTED)
    accept.apply(curator)
    assert curator.record(record.id).reject_reason is None
    accept.undo(curator)
    assert (curator.record(record.id).status, curator.record(record.id).reject_reason) == (
        RecordStatus.REJECTED,
        "duplicate",
    )
    reject.undo(curator)
    assert (curator.record(record.id).status, curator.record(record.id).reject_reason) == (
        RecordStatus.PENDING,
        None,
    )


def test_undo_survives_a_restart_with_the_version_checks(engine, stub) -> None:
    first = Curator(engine, extractor=stub, actor="ana")
    article_id = import_zh(first)
    record = first.records(article_id)[0]
    changes.SetField(record, "donor", "江苏省").apply(first)
    changes.SetStatus(first.record(record.id), RecordStatus.REJECTED, "duplicate").apply(first)
    later = Curator(engine, extractor=stub, actor="ana")  # the window opened again
    newest, older, *_ = changes.restored_changes(later)
    newest.undo(later)
    assert (later.record(record.id).status, later.record(record.id).reject_reason) == (
        RecordStatus.PENDING,
        None,
    )
    older.undo(later)
    assert later.record(record.id).donor == "湖南" and "donor" not in later.record(record.id).curated_fields
    older.redo(later)
    assert later.record(record.id).donor == "江苏省"
    # a change made elsewhere after ana's last one: her old change conflicts
    Curator(engine, extractor=stub, actor="bo").update_record_field(record.id, "notes", "checked")
    again = Curator(engine, extractor=stub, actor="ana")
    (restored, *_) = changes.restored_changes(again)
    with pytest.raises(ConflictError):
        restored.undo(again)
    assert again.record(record.id).notes == "checked"


def test_an_amount_correction_can_be_undone_after_a_restart(engine, stub) -> None:
    first = Curator(engine, extractor=stub, actor="ana")
    article_id = import_zh(first)
    record = first.records(article_id)[0]
    amount = record.amounts[0]
    before = (amount.text, amount.value, amount.currency)
    typed = "2.14 亿元"
    changes.UpdateAmount(record, amount, {"text": typed}, typed).apply(first)
    corrected = next(a for a in first.record(record.id).amounts if a.id == amount.id)
    assert corrected.value == 214000000
    later = Curator(engine, extractor=stub, actor="ana")  # the window opened again
    (restored, *_) = changes.restored_changes(later)
    restored.undo(later)
    back = next(a for a in later.record(record.id).amounts if a.id == amount.id)
    assert (back.text, back.value, back.currency) == before
    restored.redo(later)
    again = next(a for a in later.record(record.id).amounts if a.id == amount.id)
    assert again.value == 214000000
    # the quote of the typed text was dropped; undo after the restart put it back
    later2 = Curator(engine, extractor=stub, actor="ana")
    (restored2, *_) = changes.restored_changes(later2)
    restored2.undo(later2)
    spans = [(e.start, e.end) for e in later2.record(record.id).evidence if e.field == "amount"]
    assert (amount.start, amount.end) in spans


def test_a_typed_field_whose_quote_was_dropped_gets_it_back_after_a_restart(engine, stub) -> None:
    first = Curator(engine, extractor=stub, actor="ana")
    record = first.records(import_zh(first))[0]
    quoted = [(e.start, e.end) for e in record.evidence if e.field == "n_projects"]
    assert quoted
    changes.SetField(record, "n_projects", 7).apply(first)
    assert not [e for e in first.record(record.id).evidence if e.field == "n_projects"]
    later = Curator(engine, extractor=stub, actor="ana")  # the window opened again
    (restored, *_) = changes.restored_changes(later)
    restored.undo(later)
    back = later.record(record.id)
    assert back.n_projects == record.n_projects
    assert [(e.start, e.end) for e in back.evidence if e.field == "n_projects"] == quoted
