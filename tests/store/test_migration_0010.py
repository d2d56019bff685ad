"""Migration 0010: a record's amounts indexed in order, and no mention index the composite one covers."""

from pathlib import Path

import sqlalchemy as sa

from aidcurator.store import open_engine
from aidcurator.store.engine import create_engine_for
from aidcurator.store.migrate import current_revision, head_revision, upgrade


def _index_names(engine: sa.Engine, table: str) -> set[str]:
    return {index["name"] for index in sa.inspect(engine).get_indexes(table)}


def test_database_at_0009_gets_lean_indexes_and_keeps_its_amounts(db_path: Path) -> None:
    engine = create_engine_for(db_path)
    try:
        upgrade(engine, "0009")
        assert "ix_amount_record_id" in _index_names(engine, "amount")
        assert "ix_mention_article_id" in _index_names(engine, "mention")
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO article (id, title, text, content_hash, imported_at, review_state, extra) "
                "VALUES (1, 't', '我们写的文字', 'h1', '2024-05-07 08:00:00', 'NEW', '{}')"
            )
            conn.exec_driver_sql(
                "INSERT INTO record (id, article_id, record_kind, status, origin, extracted, curated_fields, "
                "flags, created_at, updated_at, version) VALUES (5, 1, 'PROJECT', 'PENDING', 'EXTRACTED', "
                "'{}', '[]', '{}', '2024-05-07 08:00:00', '2024-05-07 08:00:00', 1)"
            )
            conn.exec_driver_sql(
                "INSERT INTO amount (id, record_id, position, text, value, currency, qualifier, kind, origin, "
                "extracted, curated_fields) VALUES (7, 5, 0, '2.14亿元', '214000000', 'CNY', 'EXACT', "
                "'PLANNED', 'EXTRACTED', '{}', '[]')"
            )
    finally:
        engine.dispose()
    engine = open_engine(db_path)
    try:
        assert current_revision(engine) == head_revision() == "0010"
        amount_indexes = _index_names(engine, "amount")
        assert "ix_amount_record_id_position" in amount_indexes
        assert "ix_amount_record_id" not in amount_indexes
        mention_indexes = _index_names(engine, "mention")
        assert "ix_mention_article_id" not in mention_indexes
        assert "ix_mention_article_id_kind" in mention_indexes
        with engine.connect() as conn:
            assert (
                conn.exec_driver_sql("SELECT value FROM amount WHERE record_id = 5").scalar() == "214000000"
            )
    finally:
        engine.dispose()
