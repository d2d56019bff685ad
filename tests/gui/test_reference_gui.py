"""Reconciliation in the window: importing a reference table in the background, matching a project,
confirm / reject with the window's undo stack, and the project and AidData exports.

The reference table and the articles are written for the tests.
"""

import csv
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "curation"))  # the articles written for project tests

from project_texts import HOSPITAL, SCHOOL, import_articles, record_ids

from aidcurator.curation import Curator
from aidcurator.gui import reference_dialogs
from aidcurator.gui.reference_dialogs import ImportChoice, ReferenceImportDialog
from aidcurator.gui.reference_dock import show_reconcile_dock
from aidcurator.gui.reference_panel import CandidatesModel, ReconcilePanel

REFERENCE_CSV = (
    "project_id,title,description,year,donor,recipient_condensed,recipient_iso3,amount,currency,usd_current,"
    "flow,status,crs_sector_code,umbrella\n"
    "10,China lends for a made-up hospital in Kisumu,Text we wrote.,2021,China,Kenya,KEN,120000000,USD,"
    "120000000,Loan (excluding debt rescheduling),Completion,120,0\n"
    "12,China funds a made-up school in Mombasa,Text we wrote.,2021,China,Kenya,KEN,8000000,USD,8000000,"
    "Grant,Completion,110,0\n"
    "16,China lends for a made-up hospital in Dodoma,Text we wrote.,2021,China,Tanzania,TZA,120000000,USD,"
    "120000000,Loan (excluding debt rescheduling),Completion,120,0\n"
)


@pytest.fixture
def hospital_db(tmp_path: Path) -> Path:
    """A database with two projects: the hospital (three records) and the school (one)."""
    db = tmp_path / "projects.db"
    with Curator.open(db, actor="gui") as curator:
        hospital = record_ids(curator, import_articles(curator, HOSPITAL))
        school = record_ids(curator, import_articles(curator, [SCHOOL]))
        curator.create_project(hospital)
        curator.create_project(school)
    return db


@pytest.fixture
def reference_csv(tmp_path: Path) -> Path:
    path = tmp_path / "reference.csv"
    path.write_text(REFERENCE_CSV, encoding="utf-8")
    return path


@pytest.fixture
def ref_window(make_window, hospital_db: Path):
    window = make_window(hospital_db)
    errors: list[tuple[str, str]] = []
    window.dialogs.error = lambda title, text, details="": errors.append((title, text))
    window.errors = errors
    yield window
    dock = getattr(window, "reconcile_dock", None)
    if dock is not None:
        dock.widget().wait()


def _import(window, qtbot, monkeypatch, path: Path, **options) -> None:
    monkeypatch.setattr(reference_dialogs, "ask_import", lambda parent: ImportChoice(str(path), **options))
    with qtbot.waitSignal(window.job_ended, timeout=20_000):
        window.actions["import_reference"].trigger()


def _hospital(curator: Curator) -> int:
    return next(p.id for p in curator.projects() if "Hospital" in (p.title or ""))


def test_import_runs_in_the_background_and_a_bad_file_imports_nothing(
    ref_window, qtbot, monkeypatch, tmp_path: Path, reference_csv: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        REFERENCE_CSV + "18,Another,Text,twenty,China,Kenya,KEN,1,USD,1,Grant,Completion,120,0\n",
        encoding="utf-8",
    )
    _import(ref_window, qtbot, monkeypatch, bad)
    assert ref_window.curator.reference_datasets() == {}
    message = ref_window.statusBar().currentMessage()
    assert message.startswith("Importing reference dataset failed:") and "year 'twenty'" in message
    assert "\n" not in message
    assert len(ref_window.errors) == 1

    _import(ref_window, qtbot, monkeypatch, reference_csv, without_descriptions=True)
    assert ref_window.curator.reference_datasets() == {"gcof1": 3}
    assert ref_window.statusBar().currentMessage().startswith("Imported 3 reference projects")
    assert len(ref_window.errors) == 1


def test_the_import_dialog_gives_the_choice(qtbot, tmp_path: Path) -> None:
    dialog = ReferenceImportDialog(path="")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.buttons()[0]
    assert not ok.isEnabled()
    dialog.path.setText(str(tmp_path / "gcof.xlsx"))
    dialog.dataset.setText("my copy")
    dialog.without_descriptions.setChecked(True)
    assert ok.isEnabled()
    assert dialog.choice() == ImportChoice(str(tmp_path / "gcof.xlsx"), "my copy", True)


def test_match_confirm_reject_and_undo_through_the_window(
    ref_window, qtbot, monkeypatch, reference_csv: Path
) -> None:
    _import(ref_window, qtbot, monkeypatch, reference_csv)
    curator = ref_window.curator
    hospital = _hospital(curator)
    panel = show_reconcile_dock(ref_window)
    assert ref_window.reconcile_dock.isVisible()
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        panel.show_project(hospital)
    assert [c.ref_id for c in panel.model.candidates][:2] == ["10", "16"]
    best = panel.model.candidates[0]
    assert panel.model.cell(0, 3) == "China lends for a made-up hospital in Kisumu"
    assert "No reference confirmed" in panel.confirmed.text()
    assert panel.reasons.text().startswith("Why gcof1 #10: recipient KEN")
    assert not panel.clear_button.isEnabled()

    with qtbot.waitSignal(panel.shown, timeout=20_000):
        panel.confirm_button.click()
    assert curator.project_reference(hospital)[0] == best.reference_id
    assert panel.confirmed.text().startswith(
        "Confirmed: gcof1 #10 — China lends for a made-up hospital in Kisumu"
    )
    assert panel.model.cell(0, 0) == "✓"
    assert ref_window.undo_stack.undoText() == f"confirm gcof1 #10 for project {hospital}"

    with qtbot.waitSignal(panel.shown, timeout=20_000):
        ref_window.actions["undo"].trigger()
    assert curator.project_reference(hospital)[0] is None
    assert "No reference confirmed" in panel.confirmed.text()
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        ref_window.actions["redo"].trigger()
    assert curator.project_reference(hospital)[0] == best.reference_id

    panel.table.selectRow(1)
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        panel.reject_button.click()
    assert "16" not in [c.ref_id for c in panel.model.candidates]
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        ref_window.undo_stack.undo()
    assert "16" in [c.ref_id for c in panel.model.candidates]
    assert curator.project_reference(hospital)[0] == best.reference_id  # only the rejection was undone


def test_a_confirmation_changed_elsewhere_is_not_overwritten_by_undo(
    qtbot, tmp_path: Path, hospital_db: Path, reference_csv: Path
) -> None:
    with Curator.open(hospital_db, actor="gui") as curator:
        curator.import_reference(reference_csv)
        panel = ReconcilePanel(lambda: curator)
        qtbot.addWidget(panel)
        hospital = _hospital(curator)
        with qtbot.waitSignal(panel.shown, timeout=20_000):
            panel.show_project(hospital)
        with qtbot.waitSignal(panel.shown, timeout=20_000):
            panel.confirm_selected()
        curator.confirm_reference(hospital, None)  # someone else clears it
        with qtbot.waitSignal(panel.shown, timeout=20_000):
            panel.undo_stack.undo()
        assert panel.message.text().startswith("Could not undo")
        assert curator.project_reference(hospital)[0] is None
        panel.wait()


def test_candidates_model_passes_the_model_tester(qtmodeltester, qtbot, hospital_db, reference_csv) -> None:
    with Curator.open(hospital_db, actor="gui") as curator:
        curator.import_reference(reference_csv)
        match = curator.match_projects([_hospital(curator)])[0]
        model = CandidatesModel()
        model.set_candidates(
            match.candidates, curator.references(c.reference_id for c in match.candidates), None
        )
        qtmodeltester.check(model)
        assert model.rowCount() == len(match.candidates) > 0


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_projects_export_writes_a_file_in_the_background(ref_window, qtbot, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "out" / f"projects.{fmt}"
    target.parent.mkdir()
    ref_window.dialogs.save_path = lambda *args: str(target)
    with qtbot.waitSignal(ref_window.job_ended, timeout=20_000):
        ref_window.actions[f"export_projects_{fmt}"].trigger()
    assert ref_window.statusBar().currentMessage() == f"Exported 2 projects to {target}"
    if fmt == "csv":
        with target.open(encoding="utf-8-sig", newline="") as handle:
            assert len(list(csv.DictReader(handle))) == 2
    elif fmt == "json":
        assert len(json.loads(target.read_text(encoding="utf-8"))) == 2
    else:
        assert target.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no temporary file left


def test_aiddata_export_carries_the_confirmed_reference(
    ref_window, qtbot, monkeypatch, tmp_path: Path, reference_csv: Path
) -> None:
    _import(ref_window, qtbot, monkeypatch, reference_csv)
    curator = ref_window.curator
    best = curator.match_projects([_hospital(curator)])[0].best
    curator.confirm_reference(_hospital(curator), best.reference_id, score=best.score)
    target = tmp_path / "aiddata"  # no suffix: .csv is added
    ref_window.dialogs.save_path = lambda *args: str(target)
    with qtbot.waitSignal(ref_window.job_ended, timeout=20_000):
        ref_window.actions["export_aiddata_gcof1"].trigger()
    written = target.with_suffix(".csv")
    with written.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2
    assert {row["reference_id"] for row in rows} == {"10", ""}
    assert ref_window.statusBar().currentMessage() == f"Wrote 2 projects to {written} (gcof1 columns)"


def test_the_menu_opens_the_panel_beside_the_projects_panel_and_follows_it(
    ref_window, qtbot, monkeypatch, reference_csv: Path
) -> None:
    _import(ref_window, qtbot, monkeypatch, reference_csv)
    ref_window.actions["reconcile"].trigger()
    assert ref_window.projects_dock.isVisible() and ref_window.reconcile_dock.isVisible()
    panel = ref_window.reconcile_dock.widget()
    projects = ref_window.projects_dock.widget()
    qtbot.waitUntil(lambda: panel.job is None and panel.model.rowCount() > 0, timeout=20_000)
    first = panel.project_id  # the newest project, until the Projects panel selects one
    assert first == projects.projects.rows[0].id
    other = projects.projects.rows[1]
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        projects.project_table.selectRow(1)
    assert panel.project_id == other.id != first
    assert panel.picker.currentData() == other.id
    expected = "10" if "Hospital" in other.title else "12"
    assert panel.model.candidates[0].ref_id == expected


def test_switching_databases_empties_the_panel(ref_window, qtbot, tmp_path: Path) -> None:
    panel = show_reconcile_dock(ref_window)
    qtbot.waitUntil(lambda: panel.job is None and panel.project_id is not None, timeout=20_000)
    assert panel.picker.count() == 2
    ref_window.dialogs.confirm = lambda *args: False  # no sample articles
    assert ref_window.open_database(tmp_path / "empty.db")
    assert panel.picker.count() == 0 and panel.project_id is None
    assert panel.model.rowCount() == 0


def test_a_window_reopened_after_confirmations_starts(
    ref_window, make_window, qtbot, monkeypatch, hospital_db: Path, reference_csv: Path
) -> None:
    _import(ref_window, qtbot, monkeypatch, reference_csv)
    panel = show_reconcile_dock(ref_window)
    qtbot.waitUntil(lambda: panel.job is None and panel.model.rowCount() > 0, timeout=20_000)
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        panel.confirm_selected()
    panel.table.selectRow(1)
    with qtbot.waitSignal(panel.shown, timeout=20_000):
        panel.reject_selected()
    again = make_window(hospital_db)  # the undo history of earlier sessions is read back
    assert again.curator.project_reference(panel.project_id)[0] is not None


def test_a_reference_confirmed_for_another_project_says_so(
    qtbot, hospital_db: Path, reference_csv: Path
) -> None:
    with Curator.open(hospital_db, actor="gui") as curator:
        curator.import_reference(reference_csv)
        hospital = _hospital(curator)
        school = next(p.id for p in curator.projects() if p.id != hospital)
        kisumu = curator.match_projects([hospital])[0].best
        curator.confirm_reference(hospital, kisumu.reference_id, score=kisumu.score)
        panel = ReconcilePanel(lambda: curator)
        qtbot.addWidget(panel)
        with qtbot.waitSignal(panel.shown, timeout=20_000):
            panel.show_project(school)
        column = CandidatesModel.HEADERS.index("Confirmed for")
        taken = {c.ref_id: panel.model.cell(row, column) for row, c in enumerate(panel.model.candidates)}
        assert taken["10"] == f"project {hospital}"
        assert taken["12"] == ""
        panel.table.selectRow([c.ref_id for c in panel.model.candidates].index("10"))
        assert panel.reasons.text().startswith(f"Why gcof1 #10 (already confirmed for project {hospital}): ")
        with qtbot.waitSignal(panel.shown, timeout=20_000):
            panel.show_project(hospital)  # its own confirmation is not "another project"
        assert panel.model.cell(0, column) == "" and panel.model.cell(0, 0) == "✓"
        panel.wait()
