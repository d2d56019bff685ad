"""Engine set-up: database locations, URLs, SQLite pragmas, sessions."""

from pathlib import Path

import pytest
import sqlalchemy as sa

from aidcurator.store import StoreError, database_url, default_database_path, open_engine, write_session
from aidcurator.store.engine import user_data_dir


def test_default_database_path_uses_env_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AIDCURATOR_DB", str(tmp_path / "mine.db"))
    assert default_database_path() == tmp_path / "mine.db"


def test_default_database_path_is_in_user_data_dir(
    monkeypatch: pytest.MonkeyPatch, isolated_user_data: Path
) -> None:
    monkeypatch.delenv("AIDCURATOR_DB")
    assert default_database_path() == user_data_dir() / "aidcurator.db"
    assert user_data_dir() == isolated_user_data / "data"


def test_database_url_accepts_paths_and_urls(tmp_path: Path) -> None:
    url = database_url(tmp_path / "a b" / "x.db")
    assert url.startswith("sqlite:///")
    assert sa.make_url(url).database == str((tmp_path / "a b" / "x.db").resolve())
    assert database_url("sqlite://") == "sqlite://"
    assert database_url("postgresql+psycopg://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert database_url(str(tmp_path / "rel.db")) == database_url(tmp_path / "rel.db")


def test_database_url_rejects_empty() -> None:
    with pytest.raises(StoreError):
        database_url("  ")


def test_file_database_runs_with_wal_foreign_keys_and_normal_sync(db_path: Path) -> None:
    engine = open_engine(db_path)
    try:
        assert db_path.exists(), "parent folders are created"
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    finally:
        engine.dispose()


def test_memory_database_is_migrated_and_shared_across_sessions() -> None:
    engine = open_engine("sqlite://")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            conn.exec_driver_sql(
                "INSERT INTO article (title, text, content_hash, imported_at, review_state, extra) "
                "VALUES ('t', 'x', 'h', '2024-01-01 00:00:00', 'NEW', '{}')"
            )
            conn.commit()
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM article").scalar() == 1
    finally:
        engine.dispose()


def test_foreign_keys_cascade_from_article(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO article (id, title, text, content_hash, imported_at, review_state, extra) "
            "VALUES (1, 't', 'x', 'h', '2024-01-01 00:00:00', 'NEW', '{}')"
        )
        conn.exec_driver_sql(
            "INSERT INTO record (id, article_id, record_kind, status, origin, extracted, curated_fields, flags, "
            "created_at, updated_at, version) VALUES (1, 1, 'PROJECT', 'PENDING', 'EXTRACTED', '{}', '[]', '{}', "
            "'2024-01-01 00:00:00', '2024-01-01 00:00:00', 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO amount (record_id, position, text, value, currency, qualifier, kind, origin, extracted, "
            "curated_fields) VALUES (1, 0, '3亿元', '300000000', 'CNY', 'EXACT', 'UNKNOWN', 'EXTRACTED', '{}', '[]')"
        )
    with engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM article WHERE id = 1")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM record").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM amount").scalar() == 0


def test_foreign_keys_refuse_orphans(engine: sa.Engine) -> None:
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO mention (article_id, kind, start, \"end\", text, data) VALUES (99, 'amount', 0, 1, 'x', '{}')"
        )


def test_write_session_rolls_back_on_error(engine: sa.Engine) -> None:
    from aidcurator.domain import ArticleDraft
    from aidcurator.store import repository as repo

    with pytest.raises(RuntimeError), write_session(engine) as session:
        repo.add_article(session, draft=ArticleDraft(text="正文"), content_hash="h1")
        raise RuntimeError("boom")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM article").scalar() == 0


def test_not_a_database_gives_a_readable_error(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        open_engine(bogus)
