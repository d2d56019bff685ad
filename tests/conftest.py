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


# ------------------------------------------------------------------------------------- PostgreSQL

#: A server URL (e.g. from ``.ci/postgres.sh start DIR``); each test gets a database of its own on it.
PG_URL_ENV = "AIDCURATOR_TEST_PG_URL"
#: Set by ``.ci/run`` when PostgreSQL could not be installed: the PostgreSQL tests skip with it.
PG_SKIP_ENV = "AIDCURATOR_TEST_PG_SKIP"


def _postgres_database(request: pytest.FixtureRequest) -> str:
    import uuid

    import sqlalchemy as sa

    server = os.environ.get(PG_URL_ENV)
    if not server:
        reason = os.environ.get(PG_SKIP_ENV)
        if reason:
            pytest.skip(f"PostgreSQL unavailable: {reason}")
        if os.environ.get("CI"):
            pytest.fail(
                f"{PG_URL_ENV} is not set: .ci/run starts a PostgreSQL server for these tests", pytrace=False
            )
        pytest.skip(f"set {PG_URL_ENV} (start a server with .ci/postgres.sh start DIR)")
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    request.addfinalizer(drop)
    return sa.make_url(server).set(database=name).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database on each backend: an SQLite file, and a database on the PostgreSQL
    server that ``.ci/run`` starts."""
    if request.param == "sqlite":
        return str(tmp_path / "backend" / "aidcurator.db")
    return _postgres_database(request)
