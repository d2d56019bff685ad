"""The lists always hold and paint exactly the record and article in the form (issue 13, item 1).

Every keyboard and mouse path that moves the selection is driven through the real window; the
checks read the views' selection models and what they painted, not just the form.
"""

from PySide6.QtCore import Qt
from window_support import assert_lists_show, click_row, click_text, painted_rows, selected

from aidcurator.domain import RecordStatus


def ready(window, qtbot):
    window.activateWindow()
    qtbot.waitActive(window)
    assert_lists_show(window, window.current_article_id, window.current_record.id)


def test_alt_down_and_alt_up_move_the_selected_row(window, qtbot):
    ready(window, qtbot)
    article, records = window.current_article_id, list(window.records.records())
    assert len(records) >= 2
    qtbot.keyClick(window.article_table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert_lists_show(window, article, records[1].id)
    qtbot.keyClick(window.record_table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert_lists_show(window, article, records[0].id)
    window.form.rows["donor"].editor.setFocus()  # from inside a field too
    qtbot.keyClick(window.form.rows["donor"].editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert_lists_show(window, article, records[1].id)


def test_clicking_a_highlight_selects_its_record_row_and_amount_row(window, qtbot):
    ready(window, qtbot)
    records = list(window.records.records())
    other = records[1]
    amount = other.amounts[0]
    click_text(qtbot, window, amount.start + 1)
    assert_lists_show(window, window.current_article_id, other.id)
    amounts = window.form.amounts.table
    assert selected(amounts) == ([0], 0)
    assert painted_rows(amounts) == {0}
    assert window.form.amounts.line.text() == amount.text


def test_clicking_rows_selects_them(window, qtbot):
    ready(window, qtbot)
    click_row(qtbot, window.record_table, 1)
    assert_lists_show(window, window.current_article_id, window.records.record_at(1).id)
    click_row(qtbot, window.article_table, 2)
    second = window.articles.article_at(2).id
    assert_lists_show(window, second, window.records.record_at(0).id)
    qtbot.keyClick(window.article_table, Qt.Key.Key_Up)  # arrows inside the list
    assert_lists_show(window, window.articles.article_at(1).id, window.records.record_at(0).id)


def test_accept_and_next_within_and_across_articles(window, qtbot):
    ready(window, qtbot)
    first_article = window.current_article_id
    records = list(window.records.records())
    qtbot.keyClick(window.record_table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert_lists_show(window, first_article, records[1].id)
    window.actions["accept_next"].trigger()
    assert window.curator.record(records[1].id).status == RecordStatus.ACCEPTED
    second_article = window.articles.article_at(1).id
    assert_lists_show(window, second_article, window.records.record_at(0).id)


def test_undo_and_redo_in_another_article_select_its_rows(window, qtbot):
    ready(window, qtbot)
    first_article = window.current_article_id
    record = window.current_record
    window.actions["accept"].trigger()
    moved_to = window.current_record.id
    assert moved_to != record.id
    window.actions["next_article"].trigger()
    window.actions["next_article"].trigger()
    assert_lists_show(window, window.articles.article_at(2).id, window.records.record_at(0).id)
    window.undo_stack.undo()  # back in the first article, on the record it changed
    assert window.curator.record(record.id).status == RecordStatus.PENDING
    assert_lists_show(window, first_article, record.id)
    window.actions["next_article"].trigger()
    window.undo_stack.redo()
    assert_lists_show(window, first_article, record.id)


def test_the_next_article_past_the_loaded_page_is_selected(make_window, demo_db, qtbot):
    window = make_window(demo_db, page_size=3)
    window.select_first_article()
    window.select_article_row(2)
    third = window.current_article_id
    for _ in range(len(window.records.records())):
        window.actions["accept_next"].trigger()
    assert window.current_article_id != third
    assert window.articles.row_of(window.current_article_id) == 3  # the list loaded it
    assert_lists_show(window, window.current_article_id, window.current_record.id)


def test_filtering_keeps_the_current_article_row_or_shows_the_first_match(window, qtbot):
    ready(window, qtbot)
    english = next(
        window.articles.article_at(r).id
        for r in range(window.articles.rowCount())
        if window.articles.article_at(r).title.startswith("Shanghai funds")
    )
    window.controller.open_article(english)
    record = window.current_record.id
    assert_lists_show(window, english, record)
    window.search.setText("Kashgar")
    window.apply_query()
    assert window.articles.rowCount() < window.curator.count_articles()
    assert_lists_show(window, english, record)
    window.search.setText("Hotan")
    window.apply_query()
    assert window.articles.row_of(english) == -1
    # the pane never keeps an article the list filtered out: it shows the first match, row marked
    first = window.articles.article_at(0).id
    shown = window.current_record.id if window.current_record is not None else None
    assert_lists_show(window, first, shown)
    window.search.setText("")
    window.apply_query()
    assert window.articles.row_of(window.current_article_id) >= 0
    shown = window.current_record.id if window.current_record is not None else None
    assert_lists_show(window, window.current_article_id, shown)


def test_delete_and_new_record_select_their_rows(window, qtbot):
    ready(window, qtbot)
    article = window.current_article_id
    record = window.current_record
    window.actions["delete_record"].trigger()
    assert_lists_show(window, article, window.records.record_at(0).id)
    window.undo_stack.undo()
    assert_lists_show(window, article, record.id)
