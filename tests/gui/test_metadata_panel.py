"""The article details panel: open with Ctrl+I, save on Enter, Escape cancels, refusals stay, undo."""

import datetime as dt

from PySide6.QtCore import Qt


def _open(window, qtbot):
    window.activateWindow()
    qtbot.keyClick(window.article_view.text, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    panel = window.metadata.panel
    assert panel.isVisible()
    return panel


def _type(qtbot, editor, text: str) -> None:
    editor.setFocus()
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:  # QTest cannot type CJK characters: insert them as an input method would
        editor.insert(text)


def test_ctrl_i_shows_the_article_metadata(window, qtbot):
    panel = _open(window, qtbot)
    article = window.curator.article(window.current_article_id)
    assert panel.editors["title"].text() == article.title
    assert panel.editors["published"].text() == (article.published.isoformat() if article.published else "")
    assert panel.editors["title"].hasFocus()
    assert window.actions["article_details"] in window.edit_menu.actions()


def test_enter_saves_a_field_with_history_and_undo(window, qtbot):
    panel = _open(window, qtbot)
    article_id = window.current_article_id
    old = window.curator.article(article_id).source
    _type(qtbot, panel.editors["source"], "天山晚报")
    qtbot.keyClick(panel.editors["source"], Qt.Key.Key_Return)
    assert window.curator.article(article_id).source == "天山晚报"
    assert "天山晚报" in window.article_view.meta.text()
    assert [(e.field, e.new_value) for e in window.curator.article_history(article_id)] == [
        ("source", "天山晚报")
    ]
    row = window.articles.row_of(article_id)
    assert window.article_table.selectionModel().isRowSelected(row)
    window.undo_stack.undo()
    assert window.curator.article(article_id).source == old
    assert panel.editors["source"].text() == (old or "")
    window.undo_stack.redo()
    assert window.curator.article(article_id).source == "天山晚报"


def test_a_new_date_is_saved_and_typed_forms_are_read(window, qtbot):
    panel = _open(window, qtbot)
    article_id = window.current_article_id
    _type(qtbot, panel.editors["published"], "2025年11月20日")
    qtbot.keyClick(panel.editors["published"], Qt.Key.Key_Return)
    assert window.curator.article(article_id).published == dt.date(2025, 11, 20)
    assert panel.editors["published"].text() == "2025-11-20"
    assert "years read again" in window.statusBar().currentMessage()


def test_escape_restores_the_stored_value_and_saves_nothing(window, qtbot):
    panel = _open(window, qtbot)
    article_id = window.current_article_id
    stored = window.curator.article(article_id).title
    _type(qtbot, panel.editors["title"], "不要保存")
    qtbot.keyClick(panel.editors["title"], Qt.Key.Key_Escape)
    assert panel.editors["title"].text() == stored
    window.article_view.text.setFocus()  # leaving the box saves nothing either
    assert window.curator.article(article_id).title == stored
    assert window.curator.article_history(article_id) == []
    qtbot.keyClick(panel.editors["title"], Qt.Key.Key_Escape)  # nothing left to cancel: the panel closes
    assert not panel.isVisible()


def test_a_refused_date_stays_with_its_reason(window, qtbot):
    panel = _open(window, qtbot)
    article_id = window.current_article_id
    before = window.curator.article(article_id).published
    _type(qtbot, panel.editors["published"], "next tuesday")
    qtbot.keyClick(panel.editors["published"], Qt.Key.Key_Return)
    assert panel.editors["published"].text() == "next tuesday"
    assert panel.error.isVisible() and "cannot read" in panel.error.text()
    assert window.curator.article(article_id).published == before
    assert window.undo_stack.count() == 0
    qtbot.keyClick(panel.editors["published"], Qt.Key.Key_Escape)
    assert not panel.error.isVisible()


def test_the_panel_follows_the_article_shown(window, qtbot):
    panel = _open(window, qtbot)
    window.controller.next_article()
    assert panel.editors["title"].text() == window.curator.article(window.current_article_id).title
