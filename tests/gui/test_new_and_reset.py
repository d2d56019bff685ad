"""New record and reset in the window (issue 13, item 3): a new record is stored with its first
value (left empty it is not kept); resetting a whole record asks first and can be undone."""

from PySide6.QtCore import Qt
from window_support import assert_lists_show, key_in, painted_rows, selected, type_into

from aidcurator.domain import Origin


def ready(window, qtbot):
    window.activateWindow()
    qtbot.waitActive(window)
    window.article_view.text.setTextCursor(window.article_view.text.textCursor())  # no text selected


def new_record_key(qtbot, window):
    qtbot.keyClick(window.record_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_n_saves_the_new_record_with_its_first_value(window, qtbot):
    ready(window, qtbot)
    article = window.current_article_id
    before = {r.id for r in window.curator.records(article)}
    new_record_key(qtbot, window)
    assert {r.id for r in window.curator.records(article)} == before  # nothing stored yet
    assert window.form.record is not None and window.form.record.id == 0
    assert window.form.heading.text().startswith("New record")
    assert {row.badge.state for row in window.form.rows.values()} == {""}  # nothing typed yet
    assert selected(window.record_table) == ([], -1) and painted_rows(window.record_table) == set()
    donor = window.form.rows["donor"].editor
    assert donor.hasFocus()
    key_in(donor, "新的捐助方")
    qtbot.keyClick(donor, Qt.Key.Key_Return)
    created = [r for r in window.curator.records(article) if r.id not in before]
    assert len(created) == 1
    assert (created[0].donor, created[0].origin) == ("新的捐助方", Origin.MANUAL)
    assert_lists_show(window, article, created[0].id)
    type_into(qtbot, window.form.rows["recipient"].editor, "墨玉县")  # the next value goes to it too
    assert window.curator.record(created[0].id).recipient == "墨玉县"
    assert len(window.curator.records(article)) == len(before) + 1
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert {r.id for r in window.curator.records(article)} == before


def test_an_amount_typed_first_makes_the_new_record(window, qtbot):
    ready(window, qtbot)
    article = window.current_article_id
    before = {r.id for r in window.curator.records(article)}
    new_record_key(qtbot, window)
    type_into(qtbot, window.form.amounts.line, "3 亿元")
    created = [r for r in window.curator.records(article) if r.id not in before]
    assert len(created) == 1 and created[0].amounts[0].text == "3 亿元"
    assert_lists_show(window, article, created[0].id)


def test_a_new_record_left_empty_is_not_kept(window, qtbot):
    ready(window, qtbot)
    article = window.current_article_id
    before = [r.id for r in window.curator.records(article)]
    new_record_key(qtbot, window)
    qtbot.keyClick(window.form.rows["donor"].editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [r.id for r in window.curator.records(article)] == before
    assert "not kept" in window.statusBar().currentMessage()
    assert_lists_show(window, article, before[0])


def test_ctrl_r_asks_before_resetting_the_whole_record_and_can_be_undone(window, qtbot):
    ready(window, qtbot)
    record = window.current_record
    type_into(qtbot, window.form.rows["donor"].editor, "人工改过")
    window.record_table.setFocus()  # no field focused: the whole record
    asked = []
    window.dialogs.confirm = lambda title, text: asked.append((title, text)) or False
    qtbot.keyClick(window.record_table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert asked and "(donor)" in asked[0][1]
    assert window.curator.record(record.id).donor == "人工改过"  # said no: nothing changed
    window.dialogs.confirm = lambda title, text: True
    qtbot.keyClick(window.record_table, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.curator.record(record.id).donor == record.donor
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    assert window.curator.record(record.id).donor == "人工改过"
