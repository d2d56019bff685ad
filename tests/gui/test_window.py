"""Drive the real window over a copy of the demo database and check the database after each step."""

import csv
import json
from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt, QThread, QUrl
from PySide6.QtGui import QColor, QDropEvent, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QPushButton, QTextBrowser

from aidcurator.domain import Origin, RecordStatus
from aidcurator.gui.highlight_styles import style_for
from aidcurator.gui.offsets import OffsetMap

ASTRAL_ARTICLE = (
    "北京援疆😀新项目𠀀落地\n\n"
    "😀😀 记者获悉，𠀀北京市安排援疆资金2.14亿元，在墨玉县新建学校3所，6000余名学生受益。\n"
)


def first_record_with_amount(window):
    for row in range(window.records.rowCount()):
        record = window.records.record_at(row)
        if record.amounts:
            window.select_record(record.id)
            return record
    pytest.fail("no record with an amount in this article")


def key_in(widget, text):
    """Type text as key events (QTest.keyClicks only knows Latin-1 characters)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            )


def type_into(qtbot, widget, text):
    widget.setFocus()
    widget.selectAll()
    key_in(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def import_now(window, tmp_path, text, name="astral.txt"):
    """Import one article synchronously through curation and put it on screen."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = window.curator.import_paths([path])
    assert report.ok, report.failures
    window.articles.reload()
    article_id = report.article_ids[0]
    window.controller.open_article(article_id)
    return article_id


def selection_spans(window):
    """(qt start, qt end, background colour name) of every highlight in the article view."""
    return [
        (sel.cursor.selectionStart(), sel.cursor.selectionEnd(), sel.format.background().color().name())
        for sel in window.article_view.text.extraSelections()
    ]


def test_opens_demo_database_with_first_article_and_record(window):
    total = window.curator.count_articles()
    assert total > 10
    assert window.articles.rowCount() == total
    assert window.progress_label.text() == f"0 of {total} articles done"
    assert window.current_article_id == window.articles.article_at(0).id
    assert window.current_record is not None
    assert window.article_view.text.toPlainText() == window.curator.article(window.current_article_id).text
    assert window.windowTitle() == "demo.db — AidCurator"


def test_article_mentions_are_highlighted_by_kind_at_utf16_positions(window):
    article = window.curator.article(window.current_article_id)
    mentions = window.curator.mentions(article.id)
    assert mentions
    offsets = OffsetMap(article.text)
    painted = selection_spans(window)
    for mention in mentions:
        expected = (
            *offsets.span_to_qt(mention.start, mention.end),
            QColor(style_for(mention.kind).light).name(),
        )
        assert expected in painted, mention
    # the selected record's evidence is painted again, more strongly
    record = window.current_record
    strong = {
        (s, e)
        for s, e, colour in painted
        if colour
        in {QColor(style_for(k).strong).name() for k in ("amount", "count", "place", "year", "sector", "x")}
    }
    for ev in record.evidence:
        assert offsets.span_to_qt(ev.start, ev.end) in strong


def test_highlights_and_clicks_are_right_after_astral_characters(window, qtbot, tmp_path):
    article_id = import_now(window, tmp_path, ASTRAL_ARTICLE)
    article = window.curator.article(article_id)
    amount = next(m for m in window.curator.mentions(article_id) if m.kind == "amount")
    assert article.text[amount.start : amount.end] == "2.14亿元"
    text_edit = window.article_view.text
    for selection in text_edit.extraSelections():
        cursor = selection.cursor
        if selection.format.background().color().name() == QColor(style_for("amount").light).name():
            assert cursor.selectedText() == "2.14亿元"
            break
    else:
        pytest.fail("the amount is not highlighted")
    # hovering shows the normalized value
    qt_middle = OffsetMap(article.text).to_qt(amount.start + 2)
    assert window.article_view._tooltip_at(qt_middle).startswith("2.14亿元 → 214,000,000 CNY")
    # clicking the amount selects the record it belongs to
    owner = next(
        r for r in window.curator.records(article_id) if any(a.start == amount.start for a in r.amounts)
    )
    window.select_record(
        next(r.id for r in window.curator.records(article_id) if r.id != owner.id)
        if len(window.curator.records(article_id)) > 1
        else owner.id
    )
    cursor = QTextCursor(text_edit.document())
    cursor.setPosition(qt_middle)
    point = text_edit.cursorRect(cursor).center()
    qtbot.mouseClick(text_edit.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(lambda: window.current_record is not None and window.current_record.id == owner.id)


def test_typing_an_amount_saves_the_exact_value(window, qtbot):
    record = first_record_with_amount(window)
    amount = window.form.amounts.amount
    line = window.form.amounts.line
    line.setFocus()
    line.selectAll()
    key_in(line, "2.14亿元")
    assert "214,000,000" in window.form.amounts.reading.text()  # read live, before saving
    assert "CNY" in window.form.amounts.reading.text()
    qtbot.keyClick(line, Qt.Key.Key_Return)
    stored = next(a for a in window.curator.record(record.id).amounts if a.id == amount.id)
    assert (stored.text, stored.value, stored.currency) == ("2.14亿元", Decimal("214000000"), "CNY")
    assert "text" in stored.curated_fields
    assert window.statusBar().currentMessage().startswith("Saved")
    assert window.form.amounts.badge.state == "changed"
    assert any(e.field == "amount.value" for e in window.curator.history(record.id))


def test_unreadable_amount_is_refused_and_shown(window, qtbot):
    record = first_record_with_amount(window)
    before = window.curator.record(record.id)
    steps = window.undo_stack.count()
    type_into(qtbot, window.form.amounts.line, "abc")
    error = window.form.amounts.error
    assert error.isVisible()
    assert "abc" in error.text() and "not saved" in error.text()
    after = window.curator.record(record.id)
    assert after.amounts == before.amounts and after.version == before.version
    assert window.undo_stack.count() == steps


def test_undo_and_redo_a_field_edit_and_an_amount_edit(window, qtbot):
    record = first_record_with_amount(window)
    old_donor = record.donor
    type_into(qtbot, window.form.rows["donor"].editor, "测试捐助方")
    assert window.curator.record(record.id).donor == "测试捐助方"
    assert window.form.rows["donor"].badge.state == "changed"

    window.record_table.setFocus()
    qtbot.keyClick(window.record_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    undone = window.curator.record(record.id)
    assert undone.donor == old_donor
    assert "donor" not in undone.curated_fields  # back to the extracted value, not a copy of it
    assert window.form.rows["donor"].editor.text() == (old_donor or "")

    qtbot.keyClick(
        window.record_table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.curator.record(record.id).donor == "测试捐助方"

    amount = window.form.amounts.amount
    type_into(qtbot, window.form.amounts.line, "约3亿元")
    changed = next(a for a in window.curator.record(record.id).amounts if a.id == amount.id)
    assert (changed.value, str(changed.qualifier)) == (Decimal("300000000"), "approx")
    window.undo_stack.undo()
    restored = next(a for a in window.curator.record(record.id).amounts if a.id == amount.id)
    assert (restored.text, restored.value, restored.qualifier) == (
        amount.text,
        amount.value,
        amount.qualifier,
    )
    window.undo_stack.redo()
    assert next(a for a in window.curator.record(record.id).amounts if a.id == amount.id).value == Decimal(
        "300000000"
    )


def test_accept_with_the_keyboard_moves_to_the_next_unreviewed_record(window, qtbot):
    pending = [r for r in window.records.records() if r.status == RecordStatus.PENDING]
    assert len(pending) >= 2
    window.select_record(pending[0].id)
    window.activateWindow()
    qtbot.waitActive(window)
    window.form.rows["donor"].editor.setFocus()  # shortcuts work from inside a field too
    qtbot.keyClick(window.form.rows["donor"].editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.curator.record(pending[0].id).status == RecordStatus.ACCEPTED
    assert window.current_record.id == pending[1].id
    qtbot.keyClick(window.record_table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert window.curator.record(pending[1].id).status == RecordStatus.REJECTED
    window.undo_stack.undo()
    assert window.curator.record(pending[1].id).status == RecordStatus.PENDING


def test_accept_and_next_goes_on_to_the_next_article(window, qtbot):
    first_article = window.current_article_id
    for _ in range(len(window.records.records())):
        window.actions["accept_next"].trigger()
    assert window.current_article_id != first_article
    assert window.current_record.status == RecordStatus.PENDING
    assert window.articles.article_at(0).review_state.value == "done"
    assert window.progress_label.text().startswith("1 of ")


def test_new_record_from_a_selection_after_emoji(window, qtbot, tmp_path):
    article_id = import_now(window, tmp_path, ASTRAL_ARTICLE)
    text = window.curator.article(article_id).text
    start = text.index("2.14亿元")
    end = start + len("2.14亿元")
    offsets = OffsetMap(text)
    cursor = QTextCursor(window.article_view.text.document())
    cursor.setPosition(offsets.to_qt(start))
    cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    window.article_view.text.setTextCursor(cursor)
    assert window.article_view.selected_span() == (start, end)
    before = {r.id for r in window.curator.records(article_id)}
    menu = window.article_view.menu_actions_for_selection()
    next(a for a in menu.actions() if a.objectName() == "newRecordFromSelection").trigger()
    created = [r for r in window.curator.records(article_id) if r.id not in before]
    assert len(created) == 1
    record = created[0]
    assert record.origin == Origin.MANUAL
    assert [(a.value, a.currency) for a in record.amounts] == [(Decimal("214000000"), "CNY")]
    assert [(e.field, e.start, e.end, e.quote) for e in record.evidence] == [
        ("amount", start, end, "2.14亿元")
    ]
    assert window.current_record.id == record.id
    # the new record's evidence is marked strongly at the right UTF-16 positions
    strong = QColor(style_for("amount").strong).name()
    assert (offsets.to_qt(start), offsets.to_qt(end), strong) in selection_spans(window)

    # "Use as donor" on another selection sets the value and its evidence
    donor_start = text.index("北京市")
    cursor.setPosition(offsets.to_qt(donor_start))
    cursor.setPosition(offsets.to_qt(donor_start + 3), QTextCursor.MoveMode.KeepAnchor)
    window.article_view.text.setTextCursor(cursor)
    menu = window.article_view.menu_actions_for_selection()
    use_as = next(a.menu() for a in menu.actions() if a.menu() and a.menu().objectName() == "useAsMenu")
    next(a for a in use_as.actions() if a.objectName() == "useAs_donor").trigger()
    updated = window.curator.record(record.id)
    assert updated.donor == "北京市"
    assert [(e.start, e.end) for e in updated.evidence_for("donor")] == [(donor_start, donor_start + 3)]
    window.undo_stack.undo()
    assert window.curator.record(record.id).donor is None
    assert window.curator.record(record.id).evidence_for("donor") == []
    window.undo_stack.undo()  # the record creation
    assert record.id not in {r.id for r in window.curator.records(article_id)}
    window.undo_stack.redo()
    assert window.curator.record(record.id).amounts[0].value == Decimal("214000000")


def test_delete_record_and_undo(window):
    record = window.current_record
    window.actions["delete_record"].trigger()
    assert record.id not in {r.id for r in window.curator.records(record.article_id)}
    window.undo_stack.undo()
    restored = window.curator.record(record.id)
    assert restored.amounts == record.amounts
    assert window.current_record.id == record.id


def test_export_through_the_menu(window, qtbot, tmp_path):
    target = tmp_path / "out" / "records.csv"
    target.parent.mkdir()
    window.dialogs.save_path = lambda *args: str(target)
    window.actions["accept"].trigger()  # one accepted record
    window.export_all.setChecked(True)
    with qtbot.waitSignal(window.job_ended, timeout=20_000):
        window.actions["export_csv"].trigger()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == window.curator.stats().records
    assert "2.14亿元" not in {r.get("amount_text") for r in rows}
    assert window.statusBar().currentMessage().startswith(f"Exported {len(rows)} records")

    json_target = tmp_path / "out" / "accepted.json"
    window.dialogs.save_path = lambda *args: str(json_target)
    window.export_accepted_only.setChecked(True)
    with qtbot.waitSignal(window.job_ended, timeout=20_000):
        window.actions["export_json"].trigger()
    accepted = json.loads(json_target.read_text(encoding="utf-8"))
    assert len(accepted) == 1 and accepted[0]["status"] == "accepted"


def test_drop_a_file_to_import_it(window, qtbot, tmp_path):
    path = tmp_path / "dropped.txt"
    path.write_text(
        "上海援疆莎车县新建医院\n\n上海市安排援疆资金1.5亿元，在莎车县新建医院。\n", encoding="utf-8"
    )
    before = window.curator.count_articles()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QDropEvent.Type.DragEnter,
    )
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.job_ended, timeout=20_000):
        QApplication.sendEvent(window, drop)
    assert window.curator.count_articles() == before + 1
    assert window.articles.rowCount() == before + 1
    assert window.article_view.title.text() == "上海援疆莎车县新建医院"
    assert "Imported 1 article" in window.statusBar().currentMessage()


def test_import_failures_are_listed_per_file(window, qtbot, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    shown = []
    window.dialogs.report_failures = lambda title, summary, failures: shown.append(failures)
    with qtbot.waitSignal(window.job_ended, timeout=20_000):
        window.import_paths([empty, tmp_path / "missing.txt"])
    assert len(shown) == 1
    names = " ".join(name for name, _reason in shown[0])
    assert "empty.txt" in names and "missing.txt" in names


def test_search_is_debounced_and_filters_in_sql(window, qtbot):
    total = window.articles.rowCount()
    qtbot.keyClicks(window.search, "Kashgar")
    assert window.articles.rowCount() == total  # not on every keystroke
    qtbot.waitUntil(lambda: 0 < window.articles.rowCount() < total, timeout=3000)
    assert "matching articles done" in window.progress_label.text()
    window.language_filter.setCurrentIndex(window.language_filter.findData("zh"))
    window.language_filter.activated.emit(window.language_filter.currentIndex())
    assert all(window.articles.article_at(r).language == "zh" for r in range(window.articles.rowCount()))


def test_next_article_and_record_keys(window, qtbot):
    first = window.current_article_id
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window.article_table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.current_article_id == window.articles.article_at(1).id != first
    record = window.current_record
    qtbot.keyClick(window.article_table, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.current_record.id != record.id
    qtbot.keyClick(window.article_table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search.hasFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert window.form.amounts.line.hasFocus()


def test_shortcuts_are_listed_in_menus_and_help(window, qtbot):
    window.actions["shortcuts"].trigger()
    dialog = window.shortcuts_dialog
    text = dialog.findChild(QTextBrowser, "shortcutsText").toPlainText()
    for label in (
        "Accept record",
        "Reject record",
        "Accept and go to next unreviewed",
        "Undo",
        "Next record",
        "Find articles",
        "Edit amount",
    ):
        assert label in text
    assert "Ctrl+Return" in text and "Ctrl+Del" in text
    assert window.actions["accept"].shortcut().toString() == "Ctrl+Return"
    dialog.close()


def test_layout_and_last_database_are_remembered(make_window, demo_db, settings, tmp_path):
    window = make_window(demo_db)
    window.resize(700, 500)  # inside the offscreen screen, so restoring does not clamp it
    window.main_splitter.setSizes([200, 250, 250])
    sizes = window.main_splitter.sizes()
    other = tmp_path / "other.db"
    window.dialogs.confirm = lambda *args: False  # no samples into the new database
    assert window.open_database(other)
    window.close()
    assert settings.value("databases/last") == str(other)
    again = make_window(demo_db)
    assert abs(again.width() - window.width()) <= 2 and again.height() == window.height()
    assert all(abs(a - b) <= 2 for a, b in zip(again.main_splitter.sizes(), sizes, strict=True))


def test_empty_database_offers_the_samples(make_window, qtbot, tmp_path):
    window = make_window(tmp_path / "empty.db")
    asked = []
    window.dialogs.confirm = lambda title, text: asked.append(title) or True
    with qtbot.waitSignal(window.job_ended, timeout=30_000):
        window.offer_samples_if_empty()
    assert asked == ["Load sample articles?"]
    assert window.curator.count_articles() >= 13
    assert window.current_article_id != 0


def test_reset_amount_to_extracted(window, qtbot):
    record = first_record_with_amount(window)
    amount = window.form.amounts.amount
    type_into(qtbot, window.form.amounts.line, "1,262万")
    assert window.form.amounts.reset_button.isEnabled()
    window.form.amounts.reset_button.click()
    back = next(a for a in window.curator.record(record.id).amounts if a.id == amount.id)
    assert (back.text, back.value) == (amount.text, amount.value)
    assert not back.curated_fields
    window.undo_stack.undo()
    assert next(a for a in window.curator.record(record.id).amounts if a.id == amount.id).text == "1,262万"


def test_explicit_currency_and_qualifier(window, qtbot):
    record = first_record_with_amount(window)
    editor = window.form.amounts
    amount = editor.amount
    editor.currency.setCurrentIndex(editor.currency.findData("USD"))
    editor.currency.activated.emit(editor.currency.currentIndex())
    assert next(a for a in window.curator.record(record.id).amounts if a.id == amount.id).currency == "USD"
    editor.qualifier.setCurrentIndex(editor.qualifier.findData("range"))
    editor.qualifier.activated.emit(editor.qualifier.currentIndex())
    assert "range needs a maximum" in editor.error.text()  # refused by curation, nothing saved
    assert editor.qualifier.currentData() == str(amount.qualifier)  # the combo shows what is stored
    assert (
        str(next(a for a in window.curator.record(record.id).amounts if a.id == amount.id).qualifier)
        != "range"
    )


def test_screenshot_command(qtbot, tmp_path):
    import argparse

    from PySide6.QtGui import QImage

    from aidcurator.gui.app import run

    target = tmp_path / "shot.png"
    assert run(argparse.Namespace(demo=True, screenshot=str(target))) == 0
    image = QImage(str(target))
    assert (image.width(), image.height()) == (1440, 900)


def test_field_error_is_shown_and_not_saved(window, qtbot):
    record = window.current_record
    type_into(qtbot, window.form.rows["year_start"].editor, "next year")
    assert "whole number" in window.form.field_error("year_start")
    assert window.curator.record(record.id).year_start == record.year_start


def test_ctrl_z_in_a_field_undoes_the_last_saved_change(window, qtbot):
    record = window.current_record
    editor = window.form.rows["title"].editor
    type_into(qtbot, editor, "Schools for Moyu")
    assert window.curator.record(record.id).title == "Schools for Moyu"
    assert editor.hasFocus()
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.curator.record(record.id).title == record.title


def test_re_extract_runs_in_the_background_and_keeps_curated_values(window, qtbot):
    record = first_record_with_amount(window)
    type_into(qtbot, window.form.rows["donor"].editor, "人工核对的捐助方")
    with qtbot.waitSignal(window.job_ended, timeout=20_000):
        window.actions["re_extract_article"].trigger()
    assert window.curator.record(record.id).donor == "人工核对的捐助方"
    assert window.undo_stack.count() == 0  # records may have changed under the history
    assert window.statusBar().currentMessage().startswith("Re-extracted 1 articles")


def test_progress_dialog_cancels_the_worker(window, qtbot):
    def work(curator, progress, cancelled):
        progress(0, 10, "waiting.txt")
        for _ in range(10_000):
            if cancelled():
                return "cancelled"
            QThread.msleep(1)
        return "not cancelled"

    results = []
    with qtbot.waitSignal(window.job_ended, timeout=20_000):
        window.start_job("Waiting", work, results.append)
        qtbot.waitUntil(lambda: window.progress_dialog is not None and window.progress_dialog.maximum() == 10)
        window.progress_dialog.findChild(QPushButton).click()  # the dialog's Cancel button
    assert results == ["cancelled"]
    assert window.job is None and window.progress_dialog is None


def test_cli_gui_command_writes_a_screenshot(qtbot, tmp_path):
    from aidcurator.cli import main

    target = tmp_path / "s.png"
    assert main(["gui", "--demo", "--screenshot", str(target)]) == 0
    assert target.stat().st_size > 10_000


def test_tab_moves_from_the_list_to_the_text_the_records_and_the_form(window, qtbot):
    window.activateWindow()
    qtbot.waitActive(window)
    window.search.setFocus()
    order = []
    for _ in range(9):
        order.append(QApplication.focusWidget().objectName())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert order[:8] == [
        "search",
        "stateFilter",
        "languageFilter",
        "articleTable",
        "articleText",
        "recordTable",
        "field_status",
        "field_record_kind",
    ]


def test_accept_waits_while_a_refused_value_is_on_screen(window, qtbot):
    record = first_record_with_amount(window)
    type_into(qtbot, window.form.amounts.line, "abc")
    window.actions["accept"].trigger()
    assert window.curator.record(record.id).status == RecordStatus.PENDING
    assert window.current_record.id == record.id
    assert "Fix or undo" in window.statusBar().currentMessage()
