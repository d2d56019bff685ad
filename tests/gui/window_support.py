"""What the window's lists show: selected rows as the selection models hold them and as painted.

``painted_rows`` reads the window's backing store (what is on screen), so a row the selection
model holds but the view was never told about (signals blocked) is caught.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QPalette, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication

from aidcurator.gui.offsets import OffsetMap


def selected(view: QAbstractItemView) -> tuple[list[int], int]:
    """(rows the selection model holds as selected, the current row)."""
    rows = sorted(index.row() for index in view.selectionModel().selectedRows())
    return rows, view.selectionModel().currentIndex().row()


def painted_rows(view: QAbstractItemView) -> set[int]:
    """Rows (of those visible) painted in the selection colour in the window's backing store."""
    for _ in range(3):
        QApplication.processEvents()
    window = view.window()
    image = view.screen().grabWindow(window.winId()).toImage()
    palette = view.palette()
    colours = {
        palette.color(group, QPalette.ColorRole.Highlight).name()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
    }
    model, viewport = view.model(), view.viewport()
    last = model.columnCount() - 1
    painted = set()
    for row in range(model.rowCount()):
        rect = view.visualRect(model.index(row, 0)).united(view.visualRect(model.index(row, last)))
        rect = rect.intersected(viewport.rect())
        if rect.isEmpty():
            continue
        left = viewport.mapTo(window, QPoint(rect.left(), rect.center().y()))
        xs = range(left.x(), left.x() + rect.width())
        hits = sum(image.pixelColor(x, left.y()).name() in colours for x in xs)
        if hits > 0.3 * len(xs):
            painted.add(row)
    return painted


def assert_lists_show(window, article_id: int, record_id: int | None) -> None:
    """Both lists hold and paint exactly the current article and record, and the form shows it."""
    QApplication.processEvents()  # a view that was refused a move is put right once its click ends
    assert window.current_article_id == article_id
    assert (window.current_record.id if window.current_record else None) == record_id
    assert (window.form.record.id if window.form.record else None) == record_id
    article_row = window.articles.row_of(article_id)
    if article_row >= 0:
        assert selected(window.article_table) == ([article_row], article_row)
        assert painted_rows(window.article_table) == {article_row}
    else:
        assert selected(window.article_table) == ([], -1)
        assert painted_rows(window.article_table) == set()
    record_row = window.records.row_of(record_id) if record_id else -1
    assert record_row >= 0 or record_id is None
    expected = [record_row] if record_row >= 0 else []
    assert selected(window.record_table) == (expected, record_row)
    assert painted_rows(window.record_table) == set(expected)


def click_row(qtbot, view: QAbstractItemView, row: int) -> None:
    rect = view.visualRect(view.model().index(row, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def click_text(qtbot, window, offset: int) -> None:
    """Click the article text at Python offset ``offset`` (inside a highlight)."""
    text_edit = window.article_view.text
    cursor = QTextCursor(text_edit.document())
    cursor.setPosition(OffsetMap(text_edit.toPlainText()).to_qt(offset))
    qtbot.mouseClick(
        text_edit.viewport(), Qt.MouseButton.LeftButton, pos=text_edit.cursorRect(cursor).center()
    )


def key_in(widget, text: str) -> None:
    """Type text as key events (QTest.keyClicks only knows Latin-1 characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def type_into(qtbot, widget, text: str) -> None:
    """Replace a line edit's text by typing, then press Enter."""
    widget.setFocus()
    widget.selectAll()
    key_in(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def first_record_with_amount(window):
    """Select (and return) the first record of the article that has an amount."""
    for row in range(window.records.rowCount()):
        record = window.records.record_at(row)
        if record.amounts:
            window.select_record(record.id)
            return record
    raise AssertionError("no record with an amount in this article")
