"""The record form's controlled names: place completion, the sector picker, "new" marks, the Sector column."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from aidcurator.gui.models import RecordListModel
from aidcurator.gui.record_form import RecordForm


def _type_chinese(line, text: str) -> None:
    """Type Chinese text as an input method commits it (QtTest's key clicks are ASCII only)."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(line, event)


def _parse_amount(text):
    raise ValueError("not read in these tests")


def _form(qtbot) -> RecordForm:
    form = RecordForm(_parse_amount)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def test_typing_in_the_donor_field_offers_canonical_names(qtbot, window) -> None:
    form = window.form
    line = form.rows["donor"].editor
    completer = form.vocabularies.completers["donor"]
    line.setFocus()
    line.clear()
    qtbot.keyClicks(line, "Jiangsu")
    assert completer.labels()[0].startswith("江苏省 · Jiangsu")
    assert completer.popup().isVisible()
    line.clear()
    _type_chinese(line, "苏州")
    assert completer.labels()[0].startswith("苏州市")


def test_choosing_a_completion_stores_the_canonical_name_and_code(qtbot, window) -> None:
    form = window.form
    record = window.current_record
    line = form.rows["donor"].editor
    completer = form.vocabularies.completers["donor"]
    line.setFocus()
    line.clear()
    _type_chinese(line, "江苏")
    completer.activated[type(completer.items.index(0, 0))].emit(completer.items.index(0, 0))
    stored = window.curator.record(record.id)
    assert (stored.donor, stored.donor_code) == ("江苏省", "cn-jiangsu")
    assert line.text() == "江苏省"
    # the records table shows the new donor on its current row (read through the view's selection model)
    current = window.record_table.selectionModel().currentIndex()
    assert "江苏省" in current.siblingAtColumn(RecordListModel.COL_PARTIES).data()


def test_a_name_the_gazetteer_lacks_is_kept_and_marked_new(qtbot, window) -> None:
    form = window.form
    record = window.current_record
    line = form.rows["recipient"].editor
    line.setFocus()
    line.clear()
    _type_chinese(line, "某某慈善基金会")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    stored = window.curator.record(record.id)
    assert (stored.recipient, stored.recipient_code) == ("某某慈善基金会", None)
    assert form.vocabularies.is_marked_new("recipient")
    assert "new" in form.rows["recipient"].badge.text()
    assert not form.vocabularies.is_marked_new("donor")


def test_sector_shows_code_and_name_and_the_picker_chooses_by_name(qtbot, window) -> None:
    form = window.form
    record = window.current_record
    line = form.rows["sector"].editor
    line.setFocus()
    line.clear()
    _type_chinese(line, "旅游")
    picker = form.vocabularies.completers["sector"]
    assert picker.labels()[0] == "332 · Tourism · 旅游"
    picker.activated[type(picker.items.index(0, 0))].emit(picker.items.index(0, 0))
    assert window.curator.record(record.id).sector == "332"
    assert window.form.rows["sector"].editor.text() == "332 · Tourism · 旅游"
    assert not window.form.rows["sector"].is_modified()  # the label counts as the stored value


def test_down_in_an_empty_sector_field_lists_every_code(qtbot) -> None:
    form = _form(qtbot)
    form.show_record(None)
    line = form.rows["sector"].editor
    line.setEnabled(True)
    line.setFocus()
    qtbot.keyClick(line, Qt.Key.Key_Down)
    labels = form.vocabularies.completers["sector"].labels()
    assert (
        "720 · Emergency response · 紧急救援" in labels
        and "111 · Education, level unspecified · 教育（层次未指明）" in labels
    )


def test_records_table_shows_sector_codes_with_names(qtbot, window) -> None:
    record = window.current_record
    window.curator.update_record_field(record.id, "sector", "720")
    model = RecordListModel()
    model.set_records([window.curator.record(record.id)])
    assert model.headerData(RecordListModel.COL_SECTOR, Qt.Orientation.Horizontal) == "Sector"
    assert model.index(0, RecordListModel.COL_SECTOR).data() == "720 · Emergency response · 紧急救援"


def test_use_as_donor_on_a_short_name_stores_the_extractors_canonical_place(qtbot, window) -> None:
    from PySide6.QtGui import QTextCursor

    from aidcurator.domain import Origin
    from aidcurator.gui.offsets import OffsetMap

    record = window.current_record
    text = window.curator.article(record.article_id).text
    short = next(
        n
        for n in (
            "北京",
            "上海",
            "广东",
            "深圳",
            "天津",
            "江苏",
            "浙江",
            "山东",
            "Shanghai",
            "Beijing",
            "Guangdong",
            "Zhejiang",
        )
        if n in text
    )
    start = text.index(short)  # the selection is the short name; the gazetteer's canonical name is stored
    offsets = OffsetMap(text)
    cursor = QTextCursor(window.article_view.text.document())
    cursor.setPosition(offsets.to_qt(start))
    end = start + len(short)
    cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    window.article_view.text.setTextCursor(cursor)
    menu = window.article_view.menu_actions_for_selection()
    use_as = next(a.menu() for a in menu.actions() if a.menu() and a.menu().objectName() == "useAsMenu")
    next(a for a in use_as.actions() if a.objectName() == "useAs_donor").trigger()
    stored = window.curator.record(record.id)
    expected = {"北京": "北京市", "上海": "上海市", "广东": "广东省", "深圳": "深圳市", "天津": "天津市"}
    expected |= {
        "江苏": "江苏省",
        "浙江": "浙江省",
        "山东": "山东省",
        "Shanghai": "上海市",
        "Beijing": "北京市",
    }
    expected |= {"Guangdong": "广东省", "Zhejiang": "浙江省"}
    assert stored.donor == expected[short] and (stored.donor_code or "").startswith("cn-")
    assert [(e.start, e.end, e.origin) for e in stored.evidence_for("donor")] == [(start, end, Origin.MANUAL)]
    window.undo_stack.undo()  # value and evidence go back together
    back = window.curator.record(record.id)
    assert back.donor == record.donor
    assert [(e.start, e.end) for e in back.evidence_for("donor")] == [
        (e.start, e.end) for e in record.evidence_for("donor")
    ]
