"""Edits as a careful editor makes them (issue 13, item 2): Esc cancels, Enter or leaving commits,
a refused value stays on screen with its message and is never dropped by moving away."""

from PySide6.QtCore import Qt
from window_support import (
    assert_lists_show,
    click_row,
    first_record_with_amount,
    key_in,
    painted_rows,
    type_into,
)


def ready(window, qtbot):
    window.activateWindow()
    qtbot.waitActive(window)


def alt_down(qtbot, widget):
    qtbot.keyClick(widget, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)


def test_escape_in_a_text_field_restores_the_saved_value_and_saves_nothing(window, qtbot):
    ready(window, qtbot)
    record = window.current_record
    steps = window.undo_stack.count()
    editor = window.form.rows["donor"].editor
    editor.setFocus()
    editor.selectAll()
    key_in(editor, "不要保存")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.text() == (record.donor or "")
    assert editor.hasFocus()
    alt_down(qtbot, editor)  # moving on commits what is typed: nothing is
    assert window.current_record.id != record.id
    stored = window.curator.record(record.id)
    assert (stored.donor, stored.version) == (record.donor, record.version)
    assert window.undo_stack.count() == steps


def test_escape_in_the_amount_box_restores_the_saved_amount(window, qtbot):
    ready(window, qtbot)
    record = first_record_with_amount(window)
    amount = window.form.amounts.amount
    line = window.form.amounts.line
    line.setFocus()
    line.selectAll()
    key_in(line, "9亿元")
    assert "900,000,000" in window.form.amounts.reading.text()
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert line.text() == amount.text
    assert window.form.amounts.reading.text().startswith("Stored:")
    alt_down(qtbot, line)
    assert window.current_record.id != record.id
    stored = next(a for a in window.curator.record(record.id).amounts if a.id == amount.id)
    assert (stored.text, stored.value) == (amount.text, amount.value)
    assert window.curator.record(record.id).version == record.version


def test_escape_clears_a_refused_value_and_its_message(window, qtbot):
    ready(window, qtbot)
    record = window.current_record
    editor = window.form.rows["year_start"].editor
    type_into(qtbot, editor, "next year")
    assert "whole number" in window.form.field_error("year_start")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.form.field_error("year_start") == ""
    assert editor.text() == str(record.year_start or "")
    assert window.form.refused() == []


def test_a_refused_amount_stays_shown_and_blocks_moving_away(window, qtbot):
    ready(window, qtbot)
    record = first_record_with_amount(window)
    others = [r for r in window.records.records() if r.id != record.id]
    line = window.form.amounts.line
    line.setFocus()
    line.selectAll()
    key_in(line, "abc")  # not even Enter: the move itself finds it
    alt_down(qtbot, line)
    assert window.current_record.id == record.id  # did not move
    assert line.text() == "abc"
    assert window.form.amounts.error.isVisible() and "abc" in window.form.amounts.error.text()
    assert "Fix or undo" in window.statusBar().currentMessage()
    assert_lists_show(window, window.current_article_id, record.id)
    # a click on another row is refused the same way, and the list goes back to the record shown
    click_row(qtbot, window.record_table, window.records.row_of(others[0].id))
    assert window.current_record.id == record.id and line.text() == "abc"
    assert_lists_show(window, window.current_article_id, record.id)
    # ... and so is another article
    window.actions["next_article"].trigger()
    assert_lists_show(window, record.article_id, record.id)
    assert painted_rows(window.article_table) == {window.articles.row_of(record.article_id)}
    # Esc cancels; then moving works and nothing was saved
    qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert not window.form.amounts.error.isVisible()
    alt_down(qtbot, line)
    assert window.current_record.id != record.id
    assert window.curator.record(record.id).amounts == record.amounts


def test_enter_and_leaving_a_field_commit_it(window, qtbot):
    ready(window, qtbot)
    record = window.current_record
    type_into(qtbot, window.form.rows["donor"].editor, "回车保存")  # Enter
    assert window.curator.record(record.id).donor == "回车保存"
    editor = window.form.rows["recipient"].editor
    editor.setFocus()
    editor.selectAll()
    key_in(editor, "离开保存")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # leaving the field
    assert window.curator.record(record.id).recipient == "离开保存"
