"""The record form's parties panel: the record's organisations with their roles, read-only."""

from aidcurator.domain.parties import PartyView
from aidcurator.gui.parties_panel import PARTY_ROLE, PartiesModel, PartiesPanel

BANK = PartyView(
    link_id=1, organisation_id=1, name="Export-Import Bank of China", name_en="Export-Import Bank of China",
    name_zh="中国进出口银行", organisation_type="bank", country_code="CHN", role="funding", record_id=5,
    start=3, end=10, quote="中国进出口银行",
)  # fmt: skip
BUILDER = PartyView(
    link_id=2, organisation_id=2, name="江苏恒远建设集团有限公司", name_en=None, name_zh="江苏恒远建设集团有限公司",
    organisation_type="company", country_code="CHN", role="implementing", record_id=5, origin="manual",
)  # fmt: skip


def test_model_rows_and_columns(qtmodeltester):
    model = PartiesModel()
    model.set_parties([BANK, BUILDER])
    qtmodeltester.check(model)
    cells = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    assert cells == [
        ["Funding", "Export-Import Bank of China · 中国进出口银行", "bank", "中国进出口银行"],
        ["Implementing", "江苏恒远建设集团有限公司", "company", "—"],
    ]
    assert model.index(1, 0).data(PARTY_ROLE) is BUILDER
    assert "typed by a person" in model.index(1, 1).data(0x03)  # ToolTipRole


def test_panel_shows_a_none_line_without_parties_and_asks_for_evidence(qtbot):
    panel = PartiesPanel()
    qtbot.addWidget(panel)
    panel.show()
    assert panel.empty.isVisible() and not panel.table.isVisible()
    panel.show_parties([BANK, BUILDER])
    assert panel.table.isVisible() and not panel.empty.isVisible()
    assert panel.title.text() == "Parties (2)"
    with qtbot.waitSignal(panel.evidence_requested) as signal:
        panel._on_table_clicked(panel.model.index(0, 1))
    assert signal.args == [3, 10]


def test_window_shows_the_parties_of_the_selected_record(window):
    record = window.current_record
    curator = window.controller.curator
    curator.add_party(name="China Road and Bridge Corporation", role="implementing", record_id=record.id)
    window.controller.select_record(record.id)
    model = window.form.parties.model
    shown = [model.index(r, 0).data(PARTY_ROLE) for r in range(model.rowCount())]
    assert shown == curator.record_parties(record.id)
    assert "China Road and Bridge Corporation" in [p.name for p in shown]


def test_role_change_and_removal_from_the_panel_are_undoable(window):
    record = window.current_record
    curator = window.controller.curator
    curator.add_party(name="China Road and Bridge Corporation", role="implementing", record_id=record.id)
    window.controller.reload_records(select=record.id)  # the record's version moved on
    panel = window.form.parties
    [party] = [p for p in curator.record_parties(record.id) if p.name == "China Road and Bridge Corporation"]
    menu = panel.party_menu(party)
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels == [
        "Funding party",
        "Implementing party",
        "Co-financing party",
        "Receiving party",
        "Remove from record",
    ]
    menu.actions()[2].trigger()  # co-financing
    roles = {p.name: p.role for p in curator.record_parties(record.id)}
    assert roles["China Road and Bridge Corporation"] == "cofinancing"
    shown = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert "Co-financing" in shown
    window.undo_stack.undo()
    roles = {p.name: p.role for p in curator.record_parties(record.id)}
    assert roles["China Road and Bridge Corporation"] == "implementing"
    [party] = [p for p in curator.record_parties(record.id) if p.name == "China Road and Bridge Corporation"]
    panel.remove_requested.emit(party)
    assert "China Road and Bridge Corporation" not in [p.name for p in curator.record_parties(record.id)]
    window.undo_stack.undo()
    assert "China Road and Bridge Corporation" in [p.name for p in curator.record_parties(record.id)]
