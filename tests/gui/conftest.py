"""GUI test fixtures: an offscreen Qt, private QSettings, and a copy of the demo database per test."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt

import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

sys.path.insert(0, str(Path(__file__).parent))  # the stub extractor beside this file

# Messages the offscreen platform prints that say nothing about our code.
QT_NOISE = ("propagateSizeHints", "QFont::setPointSizeF", "This plugin does not support")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Qt warnings fail GUI tests (except known platform noise)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore(*QT_NOISE))


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> Path:
    """Every QSettings the code creates (including the default one) lives in tmp_path."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
        QSettings.setPath(fmt, QSettings.Scope.SystemScope, str(folder / "system"))
    return folder


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small database of the stub extractor's articles, built once per session through curation."""
    from stub_extractor import ARTICLES, stub_extract

    from aidcurator.curation import Curator

    folder = tmp_path_factory.mktemp("demo-template")
    files = []
    for number, text in enumerate(ARTICLES, 1):
        path = folder / f"article_{number:02}.txt"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    target = folder / "demo.db"
    with Curator.open(target, extractor=stub_extract) as curator:
        report = curator.import_paths(files)
        assert report.ok, report.failures
    return target


@pytest.fixture
def demo_db(tmp_path: Path, demo_template: Path) -> Path:
    target = tmp_path / "demo.db"
    shutil.copy(demo_template, target)
    return target


@pytest.fixture
def make_window(qtbot, settings):
    """Open a MainWindow on a database; closed (and its engine disposed) after the test."""
    from stub_extractor import stub_extract

    from aidcurator.curation import Curator
    from aidcurator.gui.main_window import MainWindow

    windows = []

    def make(db: Path, *, page_size: int = 200) -> MainWindow:
        curator = Curator.open(db, extractor=stub_extract)
        window = MainWindow(curator, database_path=db, settings=settings, page_size=page_size)
        qtbot.addWidget(window)
        window.dialogs.confirm = lambda *args: pytest.fail(f"unexpected question: {args}")
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.job is not None:
            window.job.cancel()
            window.job.wait()
        window.close()
        window.curator.close()


@pytest.fixture
def window(make_window, demo_db: Path):
    window = make_window(demo_db)
    window.select_first_article()
    return window
