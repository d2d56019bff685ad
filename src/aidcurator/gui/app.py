"""Start the window: ``aidcurator``, ``aidcurator gui [--demo] [--db FILE] [--screenshot FILE.png]``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from aidcurator.curation import default_database_path, demo_database, sample_files
from aidcurator.gui.main_window import MainWindow
from aidcurator.gui.settings import APP_NAME, Preferences, default_settings

SCREENSHOT_SIZE = (1440, 900)
#: Libraries Qt's xcb platform plugin loads that a fresh Linux often lacks (``ldd libqxcb.so``).
XCB_LIBRARIES = ("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxkbcommon-x11.so.0")
#: The Debian/Ubuntu packages the window needs (the README's apt line).
APT_PACKAGES = (
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0", "libxcb-randr0",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1", "libxkbcommon-x11-0", "libegl1", "libgl1",
    "libfontconfig1", "libdbus-1-3", "fonts-wqy-microhei",
)  # fmt: skip


def application() -> QApplication:
    """The running QApplication, created with our names if there is none yet."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(APP_NAME)
        QCoreApplication.setApplicationName(APP_NAME)
        app = QApplication([sys.argv[0] if sys.argv else "aidcurator"])
        app.setApplicationDisplayName(APP_NAME)
        app.setDesktopFileName("aidcurator")
    assert isinstance(app, QApplication)
    return app


def _xcb_libraries_missing() -> list[str]:
    """The system libraries Qt's xcb plugin needs that cannot be loaded (Linux only)."""
    import ctypes

    missing = []
    for name in XCB_LIBRARIES:
        try:
            ctypes.CDLL(name)
        except OSError:
            missing.append(name)
    return missing


def choose_platform(*, screenshot: bool) -> str | None:
    """Pick Qt's platform before the QApplication exists: a screenshot without a usable display
    renders offscreen. Returns a message when the window cannot open at all (None: go ahead)."""
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return None
    has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    missing = _xcb_libraries_missing() if has_display and not os.environ.get("WAYLAND_DISPLAY") else []
    if screenshot and (not has_display or missing):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        return None
    if missing:
        return (
            f"The window needs system libraries that are missing ({', '.join(missing)}). "
            f"On Debian or Ubuntu: sudo apt-get install {' '.join(APT_PACKAGES)}"
        )
    return None


def demo_database_path() -> Path:
    return demo_database()


def ensure_demo_database(path: str | os.PathLike[str] | None = None) -> Path:
    """The demo database, filled with the bundled sample articles if it is empty."""
    from aidcurator.curation import Curator

    target = Path(path) if path is not None else demo_database_path()
    with Curator.open(target) as curator:
        if curator.count_articles() == 0:
            report = curator.import_paths(sample_files())
            if report.failures:
                print(f"demo database: {report.summary()}", file=sys.stderr)
    return target


def _chosen_database(args: argparse.Namespace, prefs: Preferences) -> str:
    given = getattr(args, "db", None)
    if getattr(args, "demo", False):
        return str(ensure_demo_database(given))
    if given:
        return str(given)
    if not os.environ.get("AIDCURATOR_DB"):
        last = prefs.last_database()
        if last and ("://" in last or Path(last).exists()):
            return last
    return str(default_database_path())


def save_screenshot(window: MainWindow, path: str | os.PathLike[str]) -> bool:
    """Render the window with its first article and a record selected to a PNG."""
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    window.select_first_article()
    for _ in range(3):
        QApplication.processEvents()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    return window.grab().save(str(target))


def run(args: argparse.Namespace | None = None) -> int:
    """Open the workbench; returns the exit code."""
    from aidcurator.curation import Curator

    args = args if args is not None else argparse.Namespace()
    screenshot = getattr(args, "screenshot", None)
    problem = choose_platform(screenshot=bool(screenshot))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    app = application()
    settings = default_settings()
    prefs = Preferences(settings)
    try:
        database = _chosen_database(args, prefs)
        curator = Curator.open(database)
    except Exception as exc:
        message = f"Cannot open the database: {exc}"
        print(message, file=sys.stderr)
        if not screenshot:
            QMessageBox.critical(None, APP_NAME, message)
        return 2
    demo = bool(getattr(args, "demo", False))
    window = MainWindow(curator, database_path=database, settings=settings, remember=not screenshot)
    if screenshot:
        ok = save_screenshot(window, screenshot)
        window.close()
        curator.close()
        if not ok:
            print(f"could not write {screenshot}", file=sys.stderr)
            return 1
        print(f"wrote {screenshot}")
        return 0
    if not demo:
        prefs.remember_database(database)
    window.show()
    window.resume_session()
    if not demo:
        QTimer.singleShot(0, window.offer_samples_if_empty)
    code = app.exec()
    curator.close()
    return code


def main(argv: list[str] | None = None) -> int:
    """``python -m aidcurator.gui``: the window without the rest of the command line."""
    parser = argparse.ArgumentParser(prog="aidcurator-gui", description="Open the AidCurator workbench.")
    parser.add_argument("--db", help="database file or SQLAlchemy URL (default: your AidCurator database)")
    parser.add_argument(
        "--demo", action="store_true", help="open a separate demo database with the sample articles"
    )
    parser.add_argument("--screenshot", metavar="FILE.png", help="render the window to FILE.png and exit")
    return run(parser.parse_args(argv))
