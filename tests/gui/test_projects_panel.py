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
