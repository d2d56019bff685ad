"""The record form is built from the field table: one row per editable field, choices as combo boxes."""

from PySide6.QtWidgets import QComboBox, QLineEdit

from aidcurator.domain.fields import RECORD_FIELDS
from aidcurator.gui.record_form import FORM_FIELDS, RecordForm


def parse_amount(text):
    raise ValueError("not read in these tests")


def test_every_editable_field_of_the_table_has_a_row(qtbot):
    form = RecordForm(parse_amount)
    qtbot.addWidget(form)
    assert list(form.rows) == [s.name for s in RECORD_FIELDS if s.type not in ("record_ref", "code")]
    for spec in FORM_FIELDS:
        row = form.rows[spec.name]
        assert row.label.text() == f"{spec.label}:"
        assert row.label.toolTip() == spec.help
        if spec.type == "count":
            assert isinstance(row.editor, QLineEdit) and row.editor.placeholderText() == "number"


def test_choice_fields_are_combo_boxes_with_a_not_set_entry_unless_they_have_a_default(qtbot):
    form = RecordForm(parse_amount)
    qtbot.addWidget(form)
    choices = [spec for spec in FORM_FIELDS if spec.type == "choice"]
    assert {"record_kind", "flow_type", "project_status"} <= {spec.name for spec in choices}
    for spec in choices:
        combo = form.rows[spec.name].editor
        assert isinstance(combo, QComboBox)
        values = [combo.itemData(i) for i in range(combo.count())]
        expected = list(spec.choice_values()) if spec.default is not None else ["", *spec.choice_values()]
        assert values == expected, spec.name


def test_a_record_fills_the_form_and_the_choices_show_its_values(window):
    record = window.current_record
    form = window.form
    assert form.rows["record_kind"].editor.currentData() == record.record_kind.value
    assert form.rows["flow_type"].editor.currentData() == (record.flow_type.value if record.flow_type else "")
    assert form.rows["donor"].editor.text() == (record.donor or "")
    assert form.tab_chain()[1] is form.rows["record_kind"].editor
