"""Migration 0009 and the organisation key: one row per canonical name, even for racing importers."""

from pathlib import Path

import sqlalchemy as sa

from aidcurator.store import open_engine
from aidcurator.store.engine import create_engine_for
from aidcurator.store.migrate import current_revision, head_revision, upgrade
from aidcurator.store.parties import organisation_ids


def test_database_at_0008_gets_keys_and_duplicate_organisations_merged(db_path: Path) -> None:
    engine = create_engine_for(db_path)
    try:
        upgrade(engine, "0008")
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
            for org_id, name_en, name_zh in (
                (1, "Made-up Bank", None),
                (2, None, "虚构公司"),
                (3, "Made-up Bank", None),
            ):
                conn.execute(
                    sa.text(
                        "INSERT INTO organisation (id, name_en, name_zh, aliases, org_type) "
                        "VALUES (:id, :en, :zh, '[]', 'bank')"
                    ),
                    {"id": org_id, "en": name_en, "zh": name_zh},
                )
            conn.exec_driver_sql(
                "INSERT INTO partylink (organisation_id, record_id, role, origin) VALUES (3, 5, 'funding', 'manual')"
            )
    finally:
        engine.dispose()
    engine = open_engine(db_path)
    try:
        assert current_revision(engine) == head_revision()
        with engine.connect() as conn:
            rows = conn.exec_driver_sql("SELECT id, canonical_key FROM organisation ORDER BY id").all()
            assert [tuple(r) for r in rows] == [(1, "Made-up Bank"), (2, "虚构公司")]
            assert conn.exec_driver_sql("SELECT organisation_id FROM partylink").scalar() == 1
    finally:
        engine.dispose()


def test_organisation_ids_store_a_name_once_and_skip_one_stored_meanwhile(db_path: Path) -> None:
    engine = open_engine(db_path)
    bank = ("Made-up Bank", "虚构银行", ["MUB"], "bank", "CHN")
    company = (None, "虚构公司", [], "company", None)
    try:
        with engine.begin() as conn:
            first = organisation_ids(conn, [bank, company, bank])
        assert first[0] == first[2] != first[1]
        with engine.begin() as conn:  # as if another importer had stored them first
            assert organisation_ids(conn, [company, bank]) == [first[1], first[0]]
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM organisation").scalar() == 2
    finally:
        engine.dispose()
