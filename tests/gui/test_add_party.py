"""The record form's "Add party…": gazetteer completion, a new organisation, evidence, undo."""

from aidcurator.curation.parties import organisation_choices
from aidcurator.gui import party_dialog
from aidcurator.gui.parties_panel import PARTY_ROLE
from aidcurator.gui.party_dialog import AddPartyDialog, PartyRequest


def test_dialog_completes_from_the_gazetteer_in_chinese_and_sets_the_type(qtbot):
    dialog = AddPartyDialog(organisation_choices)
    qtbot.addWidget(dialog)
    dialog.completer.refresh("进出口银行")
    assert dialog.completer.labels()[0] == "Export-Import Bank of China · 中国进出口银行 · bank"
    [bank] = organisation_choices("中国进出口银行")[:1]
    dialog.choose(bank)
    dialog.role.setCurrentIndex(dialog.role.findData("funding"))
    assert dialog.type.currentData() == "bank"
    assert "In the gazetteer" in dialog.known.text()
    assert not dialog.evidence.isEnabled()  # nothing selected in the article
    assert dialog.request() == PartyRequest(
        "Export-Import Bank of China", "中国进出口银行", "bank", "funding", None
    )


def test_dialog_keeps_a_new_name_with_the_type_chosen_and_the_selected_words(qtbot):
    dialog = AddPartyDialog(organisation_choices, selection=(4, 12, "江苏恒远建设集团"))
    qtbot.addWidget(dialog)
    assert dialog.name.text() == "江苏恒远建设集团" and dialog.evidence.isChecked()
    assert dialog.known.text() == "A new organisation: choose its type"
    dialog.type.setCurrentIndex(dialog.type.findData("company"))
    dialog.role.setCurrentIndex(dialog.role.findData("implementing"))
    assert dialog.request() == PartyRequest("江苏恒远建设集团", None, "company", "implementing", (4, 12))
    dialog.evidence.setChecked(False)
    assert dialog.request().span is None
    dialog.name.setText("  ")
    assert dialog.request() is None


def test_add_party_from_the_window_takes_the_selection_and_is_undoable(window, monkeypatch):
    record = window.current_record
    curator = window.controller.curator
    text = window.controller.article.text
    start, end = 0, min(6, len(text))
    window.article_view.select_span(start, end)
    asked = []

    def ask(parent, choices, selection):
        asked.append(selection)
        dialog = AddPartyDialog(choices, selection, parent)
        dialog.name.setText("Export-Import Bank of China")  # a gazetteer name typed in full
        dialog.role.setCurrentIndex(dialog.role.findData("funding"))
        return dialog.request()

    monkeypatch.setattr(party_dialog, "ask_party", ask)
    before = len(curator.record_parties(record.id))
    window.form.parties.add_button.click()
    assert asked == [(start, end, text[start:end])]
    parties = curator.record_parties(record.id)
    [added] = [p for p in parties if p.origin == "manual"]
    assert (added.name, added.name_zh, added.organisation_type, added.role) == (
        "Export-Import Bank of China", "中国进出口银行", "bank", "funding",
    )  # fmt: skip
    assert (added.start, added.end, added.quote) == (start, end, text[start:end])
    shown = window.form.parties.model
    assert "Export-Import Bank of China" in [
        shown.index(r, 0).data(PARTY_ROLE).name for r in range(shown.rowCount())
    ]
    window.undo_stack.undo()
    assert len(curator.record_parties(record.id)) == before
    window.undo_stack.redo()
    assert [p.name for p in curator.record_parties(record.id) if p.origin == "manual"] == [added.name]


def test_cancelled_dialog_adds_nothing(window, monkeypatch):
    record = window.current_record
    monkeypatch.setattr(party_dialog, "ask_party", lambda *args: None)
    before = window.controller.curator.record_parties(record.id)
    steps = window.undo_stack.count()
    window.form.parties.add_button.click()
    assert window.controller.curator.record_parties(record.id) == before
    assert window.undo_stack.count() == steps


def test_selected_words_naming_a_gazetteer_alias_resolve_to_the_organisation(qtbot):
    dialog = AddPartyDialog(organisation_choices, selection=(0, 14, "China Eximbank"))
    qtbot.addWidget(dialog)
    assert dialog.type.currentData() == "bank"
    request = dialog.request()
    assert (request.name, request.name_zh, request.span) == (
        "Export-Import Bank of China",
        "中国进出口银行",
        (0, 14),
    )
