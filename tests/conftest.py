"""Shared fixtures: every test runs with a private data folder and throwaway databases."""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything imports Qt (GUI tests)

from pathlib import Path

import pytest

#: ../shared beside the checkout (AIDCURATOR_SHARED overrides); seed texts never enter the repository.
SHARED_DIR = Path(os.environ.get("AIDCURATOR_SHARED") or Path(__file__).resolve().parents[2] / "shared")
SEEDS_DIR = SHARED_DIR / "seeds"
SEED_EN_NAME = "000_6f79e82da50a2fb6.txt"  # a single English article
SEED_ZH_NAME = "002_5a1baa89eb5e1d3d.txt"  # a digest of Chinese articles


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


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The shared seed articles. Without them a test skips, except under CI (``CI`` set), where
    shared/ is always laid beside the clone: there a missing folder fails loudly instead."""
    if not (SEEDS_DIR / SEED_EN_NAME).is_file() or not (SEEDS_DIR / SEED_ZH_NAME).is_file():
        message = f"the seed articles are not at {SEEDS_DIR} (../shared/seeds beside the checkout)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI runs with shared/ beside the clone", pytrace=False)
        pytest.skip(message)
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_en(seeds_dir: Path) -> Path:
    """The English seed: one article."""
    return seeds_dir / SEED_EN_NAME


@pytest.fixture(scope="session")
def seed_zh(seeds_dir: Path) -> Path:
    """The Chinese seed: a news digest of several articles."""
    return seeds_dir / SEED_ZH_NAME
