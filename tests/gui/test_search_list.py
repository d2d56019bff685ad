"""The search box and the article list: keyboard from the search box into the results, and the
article pane following the list when a search or filter drops the article on screen."""

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def key_in(widget, text):
    """Type text as key events (QTest.keyClicks only knows Latin-1 characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def open_row_titled(window, words):
    for row in range(window.articles.rowCount()):
        article = window.articles.article_at(row)
        if words in article.title:
            window.select_article_row(row)
            assert window.current_article_id == article.id
            return article
    raise AssertionError(f"no article titled {words!r}")


def current_row(window):
    return window.article_table.selectionModel().currentIndex().row()


def selected_rows(window):
    return [index.row() for index in window.article_table.selectionModel().selectedRows()]


def search_from_keyboard(qtbot, window, text, key):
    window.activateWindow()
    window.search.setFocus()
    qtbot.waitUntil(window.search.hasFocus)
    key_in(window.search, text)
    qtbot.keyClick(window.search, key)


def test_return_in_search_box_moves_focus_to_the_first_result(qtbot, window):
    # an article that the search keeps, but not as its first row
    kept = open_row_titled(window, "Shanghai funds hospital")
    search_from_keyboard(qtbot, window, "Kashgar", Qt.Key.Key_Return)

    assert window.current_query().search == "Kashgar"
    assert window.articles.rowCount() >= 2
    first = window.articles.article_at(0)
    assert first.id != kept.id
    assert QApplication.focusWidget() is window.article_table
    assert current_row(window) == 0
    assert selected_rows(window) == [0]
    assert window.current_article_id == first.id
    assert window.article_view.article.id == first.id


def test_down_in_search_box_runs_the_search_and_moves_into_the_results(qtbot, window):
    open_row_titled(window, "北京援疆墨玉县")
    search_from_keyboard(qtbot, window, "Aksu", Qt.Key.Key_Down)

    assert window.current_query().search == "Aksu"  # the delayed search ran at once
    assert QApplication.focusWidget() is window.article_table
    assert current_row(window) == 0
    assert selected_rows(window) == [0]
    assert window.current_article_id == window.articles.article_at(0).id
    assert "Aksu" in window.article_view.text.toPlainText()
    # Down in the list then moves on to the next result
    qtbot.keyClick(window.article_table, Qt.Key.Key_Down)
    assert current_row(window) == min(1, window.articles.rowCount() - 1)


def test_article_filtered_out_of_the_list_gives_way_to_the_first_match(window):
    hidden = open_row_titled(window, "北京援疆墨玉县")
    window.search.setText("Kashgar")
    window.apply_query()

    first = window.articles.article_at(0)
    assert window.articles.row_of(hidden.id) == -1
    assert window.current_article_id == first.id
    assert window.article_view.article.id == first.id
    assert current_row(window) == 0
    assert selected_rows(window) == [0]
    assert window.current_record is not None
    assert window.current_record.article_id == first.id
    assert all(r.article_id == first.id for r in window.records.records())


def test_article_the_list_still_holds_stays_on_screen(window):
    kept = open_row_titled(window, "Shanghai funds hospital")
    window.search.setText("Kashgar")
    window.apply_query()

    assert window.current_article_id == kept.id
    assert current_row(window) == window.articles.row_of(kept.id) > 0


def test_nothing_matching_empties_the_pane_with_a_message_and_clearing_brings_the_list_back(window):
    window.search.setText("no such words anywhere")
    window.apply_query()

    assert window.articles.rowCount() == 0
    assert window.current_article_id == 0
    assert window.current_record is None
    assert window.records.rowCount() == 0
    assert window.article_view.article is None
    assert window.article_view.text.toPlainText() == ""
    assert "No article matches" in window.article_view.title.text()
    assert not window.actions["accept"].isEnabled()

    window.search.setText("")
    window.apply_query()
    assert window.current_article_id == window.articles.article_at(0).id
    assert current_row(window) == 0


def test_state_filter_drops_the_article_on_screen_too(window):
    shown = window.current_article_id
    window.state_filter.setCurrentIndex(window.state_filter.findData("done"))
    window.apply_query()
    assert window.articles.rowCount() == 0
    assert window.current_article_id == 0
    assert shown != 0
