"""The Projects panel: proposals, same project, merge, split, not the same, undo, conflicts, the dock."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "curation"))  # the articles written for project tests

from project_texts import HOSPITAL, import_articles, record_ids

from aidcurator.curation import Curator
from aidcurator.gui.projects_panel import ProjectsPanel, RowsModel, show_projects_dock


@pytest.fixture
def curator(tmp_path: Path):
    with Curator.open(tmp_path / "projects.db", actor="panel") as curator:
        yield curator


@pytest.fixture
def hospital(curator: Curator) -> list[int]:
    ids = record_ids(curator, import_articles(curator, HOSPITAL))
    assert len(ids) == 3
    return ids


@pytest.fixture
def panel(qtbot, curator: Curator, hospital: list[int]) -> ProjectsPanel:
    widget = ProjectsPanel(lambda: curator)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _select(table, rows) -> None:
    """Select rows through the selection model (``selectRow`` follows held keyboard modifiers)."""
    table.clearSelection()
    model = table.selectionModel()
    for row in rows:
        index = table.model().index(row, 0)
        model.select(index, model.SelectionFlag.Select | model.SelectionFlag.Rows)


def test_models_pass_the_model_tester(qtmodeltester, panel: ProjectsPanel) -> None:
    panel.find_duplicates()
    _select(panel.proposal_table, [0])
    panel.apply_selected_proposal()
    for model in (panel.projects, panel.members, panel.fields, panel.proposals):
        qtmodeltester.check(model)
    assert isinstance(panel.projects, RowsModel)


def test_proposals_become_one_project_and_undo_takes_it_apart(panel: ProjectsPanel, hospital) -> None:
    assert panel.projects.rowCount() == 0
    panel.find_duplicates()
    assert panel.proposals.rowCount() == 3
    assert panel.message.text() == "3 possible duplicates"
    _select(panel.proposal_table, [0])
    panel.apply_selected_proposal()
    assert panel.projects.rowCount() == 1 and panel.members.rowCount() == 2
    _select(panel.proposal_table, [0])
    panel.apply_selected_proposal()
    assert panel.projects.rowCount() == 1 and panel.members.rowCount() == 3
    assert panel.proposals.rowCount() == 0
    assert panel.history.text() == "pledged 2021-03-01 → committed 2021-09-10 → completed 2022-11-20"
    fields = {f.field: f for f in panel.fields.rows}
    assert fields["title"].disagree and not fields["amount"].disagree

    panel.undo_stack.undo()
    panel.undo_stack.undo()
    assert panel.projects.rowCount() == 0
    assert panel.message.text().startswith("Undone:")
    panel.undo_stack.redo()
    assert panel.projects.rowCount() == 1 and panel.members.rowCount() == 2


def test_split_merge_and_not_same(panel: ProjectsPanel, curator: Curator, hospital) -> None:
    curator.create_project(hospital)
    panel.refresh()
    _select(panel.project_table, [0])
    _select(panel.member_table, [2])
    panel.split_selected()
    assert panel.projects.rowCount() == 2
    assert curator.project_of(hospital[2]) != curator.project_of(hospital[0])

    _select(panel.project_table, [0, 1])
    panel.merge_selected()
    assert panel.projects.rowCount() == 1 and panel.members.rowCount() == 3
    assert panel.message.text().startswith("Saved: merge project")

    panel.undo_stack.undo()  # the merge
    panel.undo_stack.undo()  # the split
    assert panel.projects.rowCount() == 1
    assert curator.project(panel.projects.rows[0].id).record_ids == tuple(hospital)

    _select(panel.project_table, [0])
    _select(panel.member_table, [0, 2])
    panel.not_same_selected()
    assert panel.message.text().startswith("Saved: records")
    _select(panel.project_table, [0])
    panel.merge_selected()
    assert panel.message.text() == "Select two projects to merge (the lower id is kept)"


def test_a_conflict_is_shown_not_raised(panel: ProjectsPanel, curator: Curator, hospital) -> None:
    project_id = curator.create_project(hospital).project_id
    panel.refresh(select=project_id)
    _select(panel.member_table, [2])
    panel.split_selected()
    other = Curator(curator.engine, actor="someone else")
    other.add_status_event(project_id, "cancelled", None)
    panel.undo_stack.undo()
    assert "Could not undo" in panel.message.text() and "changed elsewhere" in panel.message.text()
    assert curator.project_of(hospital[2]) != project_id


def test_the_window_opens_the_panel_in_a_dock(make_window, tmp_path: Path, curator, hospital) -> None:
    curator.create_project(hospital)
    window = make_window(tmp_path / "projects.db")
    window.actions["projects"].trigger()
    assert window.projects_dock.isVisible()
    panel = show_projects_dock(window)
    assert panel.projects.rowCount() == 1


@pytest.fixture
def one_project(panel: ProjectsPanel, curator: Curator, hospital) -> int:
    project_id = curator.create_project(hospital).project_id
    assert project_id is not None
    panel.refresh(select=project_id)
    assert panel.current is not None and panel.current.id == project_id
    return project_id


def test_facts_form_saves_undoes_and_redoes(panel: ProjectsPanel, curator: Curator, one_project: int) -> None:
    form = panel.facts
    assert form.isEnabled() and form.derived.text() == "rule says yes"
    assert form.dates["actual_end"].text() == "2022-11-20" and form.estimated["actual_end"].isChecked()
    assert form.changed_text() == {}
    form.review_status.setCurrentText("accepted")
    form.umbrella.setChecked(True)
    form.dates["actual_end"].setText("2022-10-31")
    form.estimated["actual_end"].setChecked(False)
    form.save_button.click()
    assert panel.message.text().startswith("Saved: set review status, umbrella, actual end of project")
    view = curator.project(one_project)
    assert (view.review_status, view.umbrella) == ("accepted", True)
    assert (str(view.actual_end), view.actual_end_estimated) == ("2022-10-31", False)
    assert form.derived.text() == "rule says no"  # an umbrella is not counted
    assert panel.projects.rows[0].review_status == "accepted"
    fields = {f.field: f for f in panel.fields.rows}
    assert panel.fields.index(list(fields).index("actual_end"), 2).data() == "typed"

    panel.undo_stack.undo()
    assert panel.message.text().startswith("Undone: set review status")
    assert form.review_status.currentText() == "pending" and not form.umbrella.isChecked()
    assert form.dates["actual_end"].text() == "2022-11-20"
    panel.undo_stack.redo()
    assert form.review_status.currentText() == "accepted"
    assert curator.project(one_project).actual_end_estimated is False


def test_facts_form_refuses_a_bad_date_and_an_override_without_reason(
    panel: ProjectsPanel, curator: Curator, one_project: int
) -> None:
    form = panel.facts
    version = curator.project(one_project).version
    form.dates["planned_start"].setText("2021-02-30")
    form.save_button.click()
    assert panel.message.text() == (
        "Not saved: planned start: '2021-02-30' is not a date; type YYYY-MM-DD, e.g. 2021-03-01"
    )
    assert form.dates["planned_start"].text() == "2021-02-30"  # kept to correct
    form.dates["planned_start"].setText("")
    form.recommended.setCurrentIndex(2)  # no (override)
    form.save_button.click()
    assert "needs a reason" in panel.message.text()
    assert form.recommended.currentData() == "no"  # what was typed stays
    assert curator.project(one_project).version == version and panel.undo_stack.count() == 0
    form.reason.setText("the loan was never disbursed")
    form.notes.setText("see the 2023 audit")
    form.save_button.click()
    assert curator.project(one_project).notes == "see the 2023 audit"
    view = curator.project(one_project)
    assert (view.recommended_override, view.recommended_reason) == (False, "the loan was never disbursed")
    form.save_button.click()
    assert panel.message.text() == "Nothing changed"


def test_facts_form_sets_a_parent_and_is_disabled_without_a_project(
    panel: ProjectsPanel, curator: Curator, hospital
) -> None:
    umbrella = curator.create_project(hospital[:1]).project_id
    child = curator.create_project(hospital[1:]).project_id
    panel.refresh(select=child)
    panel.facts.parent_id.setText(str(umbrella))
    panel.facts.save_button.click()
    assert curator.project(child).parent_id == umbrella
    panel.facts.parent_id.setText(str(child))
    panel.facts.save_button.click()
    assert panel.message.text() == f"Not done: project {child} cannot be its own parent"
    panel.project_table.clearSelection()
    assert panel.current is None and not panel.facts.isEnabled()


def test_the_panel_restores_project_changes_of_an_earlier_session(
    qtbot, curator: Curator, one_project: int
) -> None:
    from aidcurator.curation.changes import SetProjectFacts

    SetProjectFacts(curator.project(one_project), {"review_status": "rejected"}).apply(curator)
    later = ProjectsPanel(lambda: curator)  # the window opened again
    qtbot.addWidget(later)
    assert later.undo_stack.count() == 1 and later.undo_stack.isClean()
    assert curator.project(one_project).review_status == "rejected"  # pushing changed nothing
    later.undo_stack.undo()
    assert later.message.text() == f"Undone: set review status of project {one_project} (earlier session)"
    assert curator.project(one_project).review_status == "pending"


def test_panel_lists_the_parties_of_the_project_with_their_source(
    qtmodeltester, panel: ProjectsPanel, curator: Curator, hospital
) -> None:
    outcome = curator.create_project(hospital)
    curator.add_party(name="中国进出口银行", role="funding", organisation_type="bank", record_id=hospital[0])
    curator.add_party(name="中国进出口银行", role="funding", organisation_type="bank", record_id=hospital[1])
    curator.add_party(name="Ghana Health Service", role="receiving", organisation_type="government_agency",
                      project_id=outcome.project_id)  # fmt: skip
    panel.refresh(select=outcome.project_id)
    qtmodeltester.check(panel.parties)
    rows = [[panel.parties.index(r, c).data() for c in range(4)] for r in range(panel.parties.rowCount())]
    assert ["Funding", f"record {hospital[0]}", "bank", "中国进出口银行"] in rows
    assert ["Receiving", "project", "government agency", "Ghana Health Service"] in rows
    assert [row[3] for row in rows].count("中国进出口银行") == 1  # the same bank and role once
