"""The article scrolls to the chosen record's amount, by keyboard or list click (issue 13, item 5)."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from window_support import click_row

FILLER = "这是一段用于测试滚动的说明文字，其中没有任何金额，也没有地名。\n\n"
LONG_ARTICLE = (
    "北京援疆长文测试\n\n"
    "北京市安排援疆资金3亿元，在墨玉县新建学校。\n\n"
    + FILLER * 80
    + "上海市另投入援疆资金5000万元，在莎车县建设医院。\n\n"
    + FILLER * 40
)


def import_long(window, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(LONG_ARTICLE, encoding="utf-8")
    report = window.curator.import_paths([path])
    assert report.ok, report.failures
    window.articles.reload()
    window.controller.open_article(report.article_ids[0])
    records = window.curator.records(report.article_ids[0])
    assert [r.amounts[0].text for r in records] == ["3亿元", "5000万元"]
    return records


def in_sight(window, start: int, end: int) -> bool:
    text_edit = window.article_view.text
    offsets = window.article_view.offsets
    view = text_edit.viewport().rect()
    for offset in (start, end):
        cursor = QTextCursor(text_edit.document())
        cursor.setPosition(offsets.to_qt(offset))
        if not view.contains(text_edit.cursorRect(cursor)):
            return False
    return True


def test_choosing_a_record_scrolls_the_article_to_its_amount(window, qtbot, tmp_path):
    window.activateWindow()
    qtbot.waitActive(window)
    first, second = import_long(window, tmp_path)
    near, far = first.amounts[0], second.amounts[0]
    assert window.current_record.id == first.id
    assert in_sight(window, near.start, near.end) and not in_sight(window, far.start, far.end)

    qtbot.keyClick(window.record_table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # keyboard
    assert window.current_record.id == second.id
    assert in_sight(window, far.start, far.end)
    assert not window.article_view.text.textCursor().hasSelection()  # scrolled, nothing selected

    click_row(qtbot, window.record_table, window.records.row_of(first.id))  # list click
    assert window.current_record.id == first.id
    assert in_sight(window, near.start, near.end)


def test_editing_the_record_does_not_scroll_away_from_where_the_curator_reads(window, qtbot, tmp_path):
    first, _second = import_long(window, tmp_path)
    bar = window.article_view.text.verticalScrollBar()
    bar.setValue(bar.maximum())  # the curator scrolled down to read
    window.controller.set_field(first.id, "donor", "北京市人民政府")
    assert window.curator.record(first.id).donor == "北京市人民政府"
    assert bar.value() == bar.maximum()
