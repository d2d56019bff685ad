"""Schema versions: fresh databases, upgrades in place, refusals, models == migrated schema."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

import aidcurator.store.models  # fills the metadata
from aidcurator.store import StoreError, open_engine, read_session
from aidcurator.store import repository as repo
from aidcurator.store.engine import create_engine_for
from aidcurator.store.migrate import current_revision, head_revision, upgrade


def _indexes(engine: sa.Engine, table: str) -> set[str]:
    return {ix["name"] for ix in sa.inspect(engine).get_indexes(table)}


def test_new_database_is_at_head(engine: sa.Engine) -> None:
    assert current_revision(engine) == head_revision() == "0010"


def test_head_revision_from_file_names_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    from aidcurator.store.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert {rev.revision for rev in script.walk_revisions()} == {f"{n:04d}" for n in range(1, 11)}


def test_current_revision_reads_alembics_table(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        assert current_revision(engine) == MigrationContext.configure(conn).get_current_revision()


def test_unversioned_database_has_no_revision(tmp_path: Path) -> None:
    engine = create_engine_for(tmp_path / "empty.db")
    try:
        assert current_revision(engine) is None
    finally:
        engine.dispose()


def test_opening_a_database_at_head_imports_no_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    open_engine(tmp_path / "a.db").dispose()
    code = (
        "import sys; from aidcurator.store import open_engine; "
        f"open_engine({str(tmp_path / 'a.db')!r}).dispose(); "
        "print(any(name.split('.')[0] == 'alembic' for name in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_models_and_migrated_schema_agree(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True}
        )
        assert compare_metadata(context, SQLModel.metadata) == []
    inspector = sa.inspect(engine)
    assert set(inspector.get_table_names()) == set(SQLModel.metadata.tables) | {"alembic_version"}
    for name, table in SQLModel.metadata.tables.items():
        assert [c["name"] for c in inspector.get_columns(name)] == [c.name for c in table.columns]
        assert _indexes(engine, name) == {ix.name for ix in table.indexes}


def _make_0001_database(path: Path) -> None:
    engine = create_engine_for(path)
    try:
        upgrade(engine, "0001")
        assert current_revision(engine) == "0001"
        assert "ix_record_article_id_status" not in _indexes(engine, "record")
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO article (id, title, source, published, text, content_hash, imported_at, review_state, "
                "extra) VALUES (7, '援疆项目', '新华日报', '2024-05-06', '今年安排援疆资金2.14亿元。', 'abc', "
                "'2024-05-07 08:00:00', 'IN_PROGRESS', '{\"k\": \"值\"}')"
            )
            conn.exec_driver_sql(
                "INSERT INTO record (id, article_id, record_kind, donor, n_projects, status, origin, extracted, "
                "curated_fields, flags, created_at, updated_at, version) VALUES (3, 7, 'PROGRAMME', '扬州', 12, "
                "'ACCEPTED', 'EXTRACTED', '{}', '[\"donor\"]', '{}', '2024-05-07 08:00:00', "
                "'2024-05-07 09:00:00', 4)"
            )
            conn.exec_driver_sql(
                'INSERT INTO amount (id, record_id, position, text, value, currency, qualifier, kind, start, "end", '
                "origin, extracted, curated_fields) VALUES (11, 3, 0, '2.14亿元', '214000000', 'CNY', 'EXACT', "
                "'COMMITTED', 8, 14, 'EXTRACTED', '{}', '[]')"
            )
            conn.exec_driver_sql(
                'INSERT INTO evidence (record_id, field, start, "end", quote, origin) '
                "VALUES (3, 'amount', 8, 14, '2.14亿元', 'EXTRACTED')"
            )
            conn.exec_driver_sql(
                "INSERT INTO edit (record_id, action, field, old_value, new_value, at, actor) "
                "VALUES (3, 'update', 'donor', '\"扬\"', '\"扬州\"', '2024-05-07 09:00:00', 'ana')"
            )
    finally:
        engine.dispose()


def test_database_at_0001_is_upgraded_in_place_with_data_kept(db_path: Path) -> None:
    _make_0001_database(db_path)
    engine = open_engine(db_path)
    try:
        assert current_revision(engine) == head_revision()
        assert "ix_record_article_id_status" in _indexes(engine, "record")
        assert "ix_article_review_state_published" in _indexes(engine, "article")
        with read_session(engine) as session:
            article = repo.get_article(session, article_id=7)
            assert article is not None
            assert article.title == "援疆项目"
            assert article.published == dt.date(2024, 5, 6)
            assert article.extra == {"k": "值"}
            record = repo.get_record(session, record_id=3)
            assert record is not None
            assert record.donor == "扬州" and record.version == 4 and record.curated_fields == ("donor",)
            assert record.updated_at == dt.datetime(2024, 5, 7, 9, tzinfo=dt.UTC)
            assert [a.value for a in record.amounts] == [Decimal("214000000")]
            assert record.evidence[0].quote == "2.14亿元"
            assert len(repo.edits_for_record(session, record_id=3)) == 1
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
    # Opening again changes nothing.
    engine = open_engine(db_path)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM amount").scalar() == 1
    finally:
        engine.dispose()


def test_database_without_version_table_but_with_our_tables_is_adopted(db_path: Path) -> None:
    engine = create_engine_for(db_path)
    SQLModel.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO article (title, text, content_hash, imported_at, review_state, extra) "
            "VALUES ('t', 'x', 'h', '2024-01-01 00:00:00', 'NEW', '{}')"
        )
    engine.dispose()
    engine = open_engine(db_path)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM article").scalar() == 1
    finally:
        engine.dispose()


def test_foreign_database_is_refused_and_left_alone(db_path: Path) -> None:
    engine = create_engine_for(db_path)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    engine.dispose()
    with pytest.raises(StoreError, match="not an AidCurator database"):
        open_engine(db_path)
    engine = create_engine_for(db_path)
    try:
        assert sa.inspect(engine).get_table_names() == ["invoices"]
    finally:
        engine.dispose()


def test_database_from_a_newer_version_is_refused(db_path: Path) -> None:
    open_engine(db_path).dispose()
    engine = create_engine_for(db_path)
    with engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    engine.dispose()
    with pytest.raises(StoreError, match="newer AidCurator"):
        open_engine(db_path)


def test_migration_scripts_ship_inside_the_package() -> None:
    from aidcurator.store.migrate import MIGRATIONS_DIR

    assert MIGRATIONS_DIR.is_relative_to(Path(aidcurator.store.models.__file__).parent)
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert sorted(p.name[:4] for p in (MIGRATIONS_DIR / "versions").glob("*.py")) == [
        "0001",
        "0002",
        "0003",
        "0004",
        "0005",
        "0006",
        "0007",
        "0008",
        "0009",
        "0010",
    ]


def test_database_at_0004_gets_article_metadata_versions_in_place(db_path: Path) -> None:
    """0006: every existing article starts at metadata version 1; nothing else changes."""
    _make_0001_database(db_path)
    engine = create_engine_for(db_path)
    try:
        upgrade(engine, "0004")
        assert current_revision(engine) == "0004"
        assert "metadata_version" not in {c["name"] for c in sa.inspect(engine).get_columns("article")}
    finally:
        engine.dispose()
    engine = open_engine(db_path)
    try:
        assert current_revision(engine) == head_revision()
        with read_session(engine) as session:
            article = repo.get_article(session, article_id=7)
            assert article is not None
            assert (article.title, article.source, article.metadata_version) == ("援疆项目", "新华日报", 1)
            assert article.extra == {"k": "值"}
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO article (title, text, content_hash, imported_at, review_state, extra) "
                "VALUES ('t', 'x', 'h2', '2024-01-01 00:00:00', 'NEW', '{}')"
            )
            assert (
                conn.exec_driver_sql(
                    "SELECT metadata_version FROM article WHERE content_hash = 'h2'"
                ).scalar()
                == 1
            )
    finally:
        engine.dispose()
