"""Migration 0007: a revision-0004 database gets ``donor_code``/``recipient_code``, its data kept."""

from pathlib import Path

import sqlalchemy as sa

from aidcurator.store import open_engine, read_session
from aidcurator.store import repository as repo
from aidcurator.store.engine import create_engine_for
from aidcurator.store.migrate import current_revision, head_revision, upgrade


def _make_0004_database(path: Path) -> None:
    engine = create_engine_for(path)
    try:
        upgrade(engine, "0004")
        columns = {c["name"] for c in sa.inspect(engine).get_columns("record")}
        assert "donor_code" not in columns
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO article (id, title, text, content_hash, imported_at, review_state, extra) "
                "VALUES (1, '我们写的标题', '苏州援疆投入300万元。', 'h1', '2024-05-07 08:00:00', 'NEW', '{}')"
            )
            conn.exec_driver_sql(
                "INSERT INTO record (id, article_id, record_kind, donor, recipient, sector, status, origin, "
                "extracted, curated_fields, flags, created_at, updated_at, version, flow_type) VALUES "
                "(5, 1, 'PROJECT', '苏州市', '阿图什市', '111', 'PENDING', 'EXTRACTED', '{}', '[]', '{}', "
                "'2024-05-07 08:00:00', '2024-05-07 08:00:00', 2, 'GRANT')"
            )
    finally:
        engine.dispose()


def test_database_at_0004_gets_the_code_columns_in_place(db_path: Path) -> None:
    _make_0004_database(db_path)
    engine = open_engine(db_path)  # upgrades to the newest revision
    try:
        assert current_revision(engine) == head_revision()
        columns = [c["name"] for c in sa.inspect(engine).get_columns("record")]
        assert columns[-2:] == ["donor_code", "recipient_code"]
        with read_session(engine) as session:
            record = repo.get_record(session, record_id=5)
            assert record is not None
            assert (record.donor, record.recipient, record.sector, record.version) == (
                "苏州市",
                "阿图什市",
                "111",
                2,
            )
            assert record.donor_code is None and record.recipient_code is None
    finally:
        engine.dispose()
