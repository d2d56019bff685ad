"""``aidcurator gui --screenshot`` without a display renders offscreen instead of aborting."""

import os
import subprocess
import sys
from pathlib import Path

from aidcurator.gui import app

SRC = Path(__file__).resolve().parents[2] / "src"


def test_screenshot_without_a_display_renders_offscreen(demo_db, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")])
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    picture = tmp_path / "window.png"
    done = subprocess.run(
        [sys.executable, "-m", "aidcurator", "gui", "--db", str(demo_db), "--screenshot", str(picture)],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"wrote {picture}" in done.stdout


def test_platform_choice(monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert app.choose_platform(screenshot=True) is None
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
    # a display whose xcb libraries are missing: screenshots go offscreen, the window says what to install
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(app, "_xcb_libraries_missing", lambda: ["libxcb-cursor.so.0"])
    message = app.choose_platform(screenshot=False)
    assert "libxcb-cursor.so.0" in message and "apt-get install libxcb-cursor0" in message
    assert "QT_QPA_PLATFORM" not in os.environ
    assert app.choose_platform(screenshot=True) is None
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
