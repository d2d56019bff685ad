"""Migration 0005 on SQLite and PostgreSQL: a database made at 0004 is upgraded in place, its data
kept, and the new review states, record status and columns work at once."""

import datetime as dt

import sqlalchemy as sa

from aidcurator.curation import Curator
from aidcurator.domain import RecordStatus, ReviewState
from aidcurator.store.engine import create_engine_for
from aidcurator.store.migrate import current_revision, head_revision, upgrade


def _make_0004_database(url: str) -> None:
    engine = create_engine_for(url)
    try:
        upgrade(engine, "0004")
        assert current_revision(engine) == "0004"
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO article (id, title, source, published, text, content_hash, imported_at, "
                "review_state, extra) VALUES (7, '援疆项目', '新华日报', '2024-05-06', "
                "'今年安排援疆资金2.14亿元。', 'abc', '2024-05-07 08:00:00', 'DONE', '{}')"
            )
            conn.exec_driver_sql(
                "INSERT INTO record (id, article_id, record_kind, donor, status, origin, extracted, "
                "curated_fields, flags, created_at, updated_at, version) VALUES (3, 7, 'PROJECT', '扬州', "
                "'REJECTED', 'EXTRACTED', '{}', '[]', '{}', '2024-05-07 08:00:00', '2024-05-07 09:00:00', 4)"
            )
            conn.exec_driver_sql(
                "INSERT INTO edit (record_id, action, field, old_value, new_value, at, actor) "
                "VALUES (3, 'status', 'status', '\"pending\"', '\"rejected\"', '2024-05-07 09:00:00', 'ana')"
            )
            if engine.dialect.name == "postgresql":  # explicit ids leave the sequences behind
                for table in ("article", "record", "edit"):
                    conn.exec_driver_sql(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
                    )
    finally:
        engine.dispose()


def test_a_database_at_0004_is_upgraded_in_place_and_takes_the_new_states(backend_url: str) -> None:
    _make_0004_database(backend_url)
    with Curator.open(backend_url, actor="bo") as curator:
        assert current_revision(curator.engine) == head_revision()
        article = curator.article(7)
        assert (article.title, article.review_state, article.review_note) == (
            "援疆项目",
            ReviewState.DONE,
            None,
        )
        assert article.published == dt.date(2024, 5, 6)
        record = curator.record(3)
        assert (record.donor, record.status, record.version, record.reject_reason) == (
            "扬州",
            RecordStatus.REJECTED,
            4,
            None,
        )
        assert [e.new_value for e in curator.history(3)] == ["rejected"]
        # the new enum values and columns are usable right away
        curator.set_review_state(7, ReviewState.FLAGGED, reason="second look")
        curator.mark_unsure(3, reason="which donor?")
        assert curator.article(7).review_state == ReviewState.FLAGGED
        assert (curator.record(3).status, curator.record(3).reject_reason) == (
            RecordStatus.UNSURE,
            "which donor?",
        )
        assert curator.stats().articles_by_state["flagged"] == 1
    # opening again runs nothing and keeps everything
    engine = create_engine_for(backend_url)
    try:
        assert not upgrade(engine)
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM edit")).scalar() >= 3
    finally:
        engine.dispose()
