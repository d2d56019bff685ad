"""The window's review actions: articles without records are visited and can be finished, skipped
or flagged; records can be marked unsure or rejected with a reason; the lists show it."""

import pytest
from PySide6.QtCore import Qt

from aidcurator.domain import RecordStatus, ReviewState
from aidcurator.gui.models import IdRole

EMPTY_TEXT = "本地新闻：今天天气晴朗，市民在公园散步。\n没有任何援助项目。"


def _import_empty(window, tmp_path) -> int:
    path = tmp_path / "empty.txt"
    path.write_text(EMPTY_TEXT, encoding="utf-8")
    report = window.curator.import_paths([path])
    assert report.ok and window.curator.records(report.article_ids[0]) == []
    window.articles.reload()
    return report.article_ids[0]


def _current_article_row_id(window) -> int:
    index = window.article_table.selectionModel().currentIndex()
    assert index.isValid()
    return window.articles.data(index.siblingAtColumn(0), IdRole)


def _state_cell(window, article_id: int) -> str:
    row = window.articles.row_of(article_id)
    return window.articles.data(
        window.articles.index(row, window.articles.COL_STATE), Qt.ItemDataRole.DisplayRole
    )


def test_accept_and_next_visits_an_article_without_records_and_mark_done_finishes_it(window, tmp_path, qtbot):
    empty = _import_empty(window, tmp_path)
    first = window.current_article_id
    for row in window.curator.article_page(window.articles.query, 0, 1000):
        if row.id not in (first, empty):
            window.curator.set_review_state(row.id, ReviewState.DONE)
    window.articles.reload()
    window.controller.open_article(first)
    for _ in range(len(window.records.records())):
        window.actions["accept_next"].trigger()
    assert window.current_article_id == empty  # not skipped silently
    assert _current_article_row_id(window) == empty
    window.actions["mark_article_done"].trigger()
    article = window.curator.article(empty)
    assert (article.review_state, article.review_note) == (ReviewState.DONE, "no aid record")
    assert _state_cell(window, empty) == "✓ done"
    done, total = window.articles.progress
    assert done == total  # 100 % reachable
    assert window.progress_label.text().startswith(f"{total} of {total}")
    window.actions["undo"].trigger()
    assert window.curator.article(empty).review_state != ReviewState.DONE


@pytest.mark.parametrize(
    ("action", "state", "label"),
    [("skip_article", "skipped", "skipped"), ("flag_article", "flagged", "2nd look")],
)
def test_skip_and_flag_ask_for_a_reason_and_show_in_the_list(window, tmp_path, action, state, label):
    empty = _import_empty(window, tmp_path)
    window.controller.open_article(empty)
    window.review.ask_reason = lambda *args: "nothing about aid"
    window.actions[action].trigger()
    article = window.curator.article(empty)
    assert (article.review_state.value, article.review_note) == (state, "nothing about aid")
    assert label in _state_cell(window, empty)
    window.review.ask_reason = lambda *args: None  # cancelled: nothing changes
    window.controller.open_article(empty)
    window.actions["reopen_article"].trigger()
    assert window.curator.article(empty).review_state == ReviewState.IN_PROGRESS


def test_mark_unsure_and_reject_with_reason_show_in_the_records_list(window):
    record = window.current_record
    window.review.ask_reason = lambda *args: "which year?"
    window.actions["mark_unsure"].trigger()
    stored = window.curator.record(record.id)
    assert (stored.status, stored.reject_reason) == (RecordStatus.UNSURE, "which year?")
    row = window.records.row_of(record.id)
    cell = window.records.index(row, window.records.COL_STATUS)
    assert window.records.data(cell, Qt.ItemDataRole.DisplayRole) == "? unsure"
    assert "which year?" in window.records.data(cell, Qt.ItemDataRole.ToolTipRole)
    window.review.ask_reason = lambda *args: "a commercial loan"
    window.actions["reject_with_reason"].trigger()
    assert window.curator.record(record.id).reject_reason == "a commercial loan"
    window.actions["undo"].trigger()
    assert window.curator.record(record.id).status == RecordStatus.UNSURE


def test_undo_after_closing_and_reopening_the_window(make_window, demo_db):
    window = make_window(demo_db)
    window.select_first_article()
    record = window.current_record
    window.review.ask_reason = lambda *args: "duplicate"
    window.actions["reject_with_reason"].trigger()
    assert window.curator.record(record.id).status == RecordStatus.REJECTED
    window.close()
    again = make_window(demo_db)
    assert again.undo_stack.canUndo()
    again.actions["undo"].trigger()
    stored = again.curator.record(record.id)
    assert (stored.status, stored.reject_reason) == (RecordStatus.PENDING, None)
    assert again.current_record.id == record.id
    again.actions["redo"].trigger()
    assert again.curator.record(record.id).status == RecordStatus.REJECTED
