"""Shared fixtures: every test runs with a private data folder and throwaway databases."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt (GUI tests)

from pathlib import Path

import pytest

SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(autouse=True)
def isolated_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the user's real data folder and default database out of reach of every test."""
    home = tmp_path_factory.mktemp("user-data")
    monkeypatch.setenv("AIDCURATOR_DB", str(home / "aidcurator.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg"))
    monkeypatch.setattr("platformdirs.user_data_dir", lambda *args, **kwargs: str(home / "data"))
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Path of a fresh SQLite database file (not created yet)."""
    return tmp_path / "db" / "test.db"


@pytest.fixture
def engine(db_path: Path):
    """An engine on a fresh, fully migrated file database."""
    from aidcurator.store import open_engine

    eng = open_engine(db_path)
    yield eng
    eng.dispose()


@pytest.fixture
def seeds_dir() -> Path:
    """The shared seed articles; tests using them are skipped where they are absent."""
    if not SEEDS_DIR.is_dir():
        pytest.skip("shared seeds not available")
    return SEEDS_DIR
