"""Migration 0008: a revision-0007 database gets the project tables in place, its records kept."""

from pathlib import Path

import sqlalchemy as sa

from aidcurator.store import open_engine, read_session
from aidcurator.store import repository as repo
from aidcurator.store.engine import create_engine_for
from aidcurator.store.migrate import current_revision, head_revision, upgrade

_PROJECT_TABLES = {
    "project",
    "projectrecord",
    "projectstatusevent",
    "notsamepair",
    "organisation",
    "partylink",
    "referenceproject",
}


def _make_0007_database(path: Path) -> None:
    engine = create_engine_for(path)
    try:
        upgrade(engine, "0007")
        assert not _PROJECT_TABLES & set(sa.inspect(engine).get_table_names())
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO article (id, title, text, content_hash, imported_at, review_state, extra) "
                "VALUES (1, '我们写的标题', '苏州援疆投入300万元。', 'h1', '2024-05-07 08:00:00', 'NEW', '{}')"
            )
            conn.exec_driver_sql(
                "INSERT INTO record (id, article_id, record_kind, donor, recipient, status, origin, "
                "extracted, curated_fields, flags, created_at, updated_at, version, donor_code) VALUES "
                "(5, 1, 'PROJECT', '苏州市', '阿图什市', 'ACCEPTED', 'EXTRACTED', '{}', '[]', '{}', "
                "'2024-05-07 08:00:00', '2024-05-07 08:00:00', 3, 'cn-suzhou')"
            )
            conn.exec_driver_sql(
                "INSERT INTO edit (id, record_id, action, field, at, actor) "
                "VALUES (9, 5, 'update', 'donor', '2024-05-07 08:00:00', 'ann')"
            )
    finally:
        engine.dispose()


def test_database_at_0007_gets_the_project_tables_in_place(db_path: Path) -> None:
    _make_0007_database(db_path)
    engine = open_engine(db_path)  # upgrades to the newest revision
    try:
        assert current_revision(engine) == head_revision()
        inspector = sa.inspect(engine)
        assert set(inspector.get_table_names()) >= _PROJECT_TABLES
        assert "project_id" in {c["name"] for c in inspector.get_columns("edit")}
        with read_session(engine) as session:
            record = repo.get_record(session, record_id=5)
            assert record is not None
            assert (record.donor, record.recipient, record.donor_code, record.version) == (
                "苏州市",
                "阿图什市",
                "cn-suzhou",
                3,
            )
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT project_id FROM edit WHERE id = 9").scalar() is None
            assert conn.exec_driver_sql("SELECT count(*) FROM project").scalar() == 0
    finally:
        engine.dispose()
