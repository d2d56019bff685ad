"""Schema versions with Alembic, run from Python (no ``alembic.ini`` needed at run time).

The scripts live in ``aidcurator/store/migrations`` and ship inside the wheel. Opening a database
always upgrades it in place to the newest revision; it is never dropped and re-created:

- no version table and no tables → the migrations create the schema;
- no version table but the AidCurator tables present (a database made by an early build with
  ``create_all``) → stamped at ``0001`` and upgraded;
- no version table and foreign tables → refused, nothing changed;
- a revision this version does not know (made by a newer AidCurator) → refused.

On SQLite, foreign keys are switched off while migrating (a batch "move and copy" of a table
would otherwise fire ``ON DELETE CASCADE``) and the whole upgrade is one transaction.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from aidcurator.store.errors import StoreError

if TYPE_CHECKING:  # Alembic is imported only when a migration runs (it costs ~50 ms at start-up)
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
BASELINE_REVISION = "0001"
_MIGRATION_LOCK = 0x41494443  # "AIDC": the PostgreSQL advisory lock key held while migrating
APP_TABLES = frozenset({"article", "mention", "record", "amount", "evidence", "edit"})


def alembic_config(connection: sa.Connection | None = None) -> Config:
    """An Alembic config pointing at the bundled scripts, optionally bound to ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


#: Migration scripts are named after their revision, which is numbered: ``0010_lean_indexes.py``.
_SCRIPT_NAME = re.compile(r"(\d{4})_\w+\.py")


def head_revision() -> str:
    """The newest revision: the highest number among the bundled scripts (a test checks that this is
    Alembic's head), read from the file names, so opening a database at head needs no Alembic."""
    numbers = [
        m.group(1) for p in (MIGRATIONS_DIR / "versions").iterdir() if (m := _SCRIPT_NAME.fullmatch(p.name))
    ]
    return max(numbers)


def current_revision(engine: Engine) -> str | None:
    """The revision the database behind ``engine`` is at (None: not versioned yet)."""
    with engine.connect() as conn:
        return _stored_revision(conn)


def _stored_revision(conn: sa.Connection) -> str | None:
    """The revision in ``alembic_version``, as Alembic's ``get_current_revision`` reads it."""
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    versions = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars().all()
    if len(versions) > 1:
        raise StoreError(f"this database has several schema versions ({', '.join(versions)}); cannot open it")
    return versions[0] if versions else None


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def upgrade(engine: Engine, revision: str = "head") -> bool:
    """Upgrade the database behind ``engine`` to ``revision`` (``"head"`` = newest).

    Returns whether a migration ran. A database already at ``revision`` is only read. Otherwise
    the upgrade runs under a lock that concurrent openers wait for (an advisory lock on
    PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), and the revision is read again inside it, so two
    processes opening a new database at once create the schema once. The integrity check runs
    only after a migration actually ran.
    """
    target = head_revision() if revision == "head" else revision
    with engine.connect() as conn:
        if _stored_revision(conn) == target:
            return False
    sqlite = engine.dialect.name == "sqlite"
    bind = engine.execution_options(aidcurator_sqlite_begin="IMMEDIATE") if sqlite else engine
    with bind.connect() as conn:
        raw = conn.connection.dbapi_connection if sqlite else None
        if raw is not None:
            # Must run outside a transaction, i.e. before the connection's first statement.
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            try:
                if engine.dialect.name == "postgresql":
                    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
                ran = _upgrade_on(conn, revision, target)
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
            if raw is not None and ran:
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                conn.commit()
                if problems:
                    raise StoreError(
                        f"the upgraded database has {len(problems)} broken references; first: {problems[0]}"
                    )
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys=ON")
    return ran


def _upgrade_on(conn: sa.Connection, revision: str, target: str) -> bool:
    from alembic import command

    current = _stored_revision(conn)
    if current == target:  # another process did it while we waited for the lock
        return False
    config = alembic_config(conn)
    if current is None:
        tables = {name for name in sa.inspect(conn).get_table_names() if not name.startswith("sqlite_")}
        tables.discard("alembic_version")
        if tables and tables >= APP_TABLES:
            command.stamp(config, BASELINE_REVISION)
        elif tables:
            shown = ", ".join(sorted(tables)[:5])
            raise StoreError(
                f"this database holds other tables ({shown}) and is not an AidCurator database; "
                "nothing was changed"
            )
    elif current not in _known_revisions():
        raise StoreError(
            f"this database was made by a newer AidCurator (schema {current}); "
            "please upgrade AidCurator to open it"
        )
    command.upgrade(config, revision)
    return True


def upgrade_to_head(engine: Engine) -> None:
    """Bring the schema to the newest revision, keeping all data."""
    try:
        upgrade(engine, "head")
    except sa.exc.DBAPIError as exc:
        raise StoreError(f"cannot open database {engine.url.render_as_string()}: {exc.orig}") from exc
