"""Database location, engine set-up and sessions.

SQLite connections run with WAL, foreign keys and ``synchronous=NORMAL``. pysqlite's own
transaction handling is switched off and SQLAlchemy emits ``BEGIN`` itself (the recipe from the
SQLAlchemy SQLite dialect docs), so a session's reads and writes really are one transaction and
migrations are transactional DDL. Write sessions start with ``BEGIN IMMEDIATE``: a
read-check-write sequence (such as a version check) cannot interleave with another writer.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session

from aidcurator.domain.errors import ConflictError
from aidcurator.domain.jsonvalues import dumps_stored
from aidcurator.store.errors import StoreError

APP_NAME = "aidcurator"
DB_ENV_VAR = "AIDCURATOR_DB"
BUSY_TIMEOUT_MS = 60_000  # a writer storing a very large file may hold the lock for a while

_BEGIN_OPTION = "aidcurator_sqlite_begin"


def user_data_dir() -> Path:
    """The per-user folder where AidCurator keeps its databases."""
    from platformdirs import user_data_dir as _user_data_dir

    return Path(_user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    """``$AIDCURATOR_DB`` if set, else ``<user data dir>/aidcurator.db``."""
    override = os.environ.get(DB_ENV_VAR)
    if override:
        return Path(override).expanduser()
    return user_data_dir() / "aidcurator.db"


def _looks_like_url(db: str) -> bool:
    head, sep, _ = db.partition("://")
    return bool(sep) and head.replace("+", "").replace("_", "").isalnum() and len(head) > 1


def database_url(db: str | os.PathLike[str] | None = None) -> str:
    """Turn a file path or an SQLAlchemy URL into an SQLAlchemy URL.

    ``None`` means the default database; ``sqlite://`` is a private in-memory database.
    An ``AIDCURATOR_DB`` value may itself be a URL.
    """
    if db is None:
        override = os.environ.get(DB_ENV_VAR)
        db = override if override else default_database_path()
    if isinstance(db, os.PathLike):
        db = os.fspath(db)
    if not db.strip():
        raise StoreError("empty database path")
    if _looks_like_url(db):
        try:
            make_url(db)
        except ArgumentError as exc:
            raise StoreError(f"not a valid database URL: {db!r} ({exc})") from exc
        return db
    path = Path(db).expanduser().resolve()
    return sa.URL.create("sqlite", database=str(path)).render_as_string(hide_password=False)


def _sqlite_file(url: sa.URL) -> Path | None:
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    if database in ("", ":memory:") or database.startswith("file:") or url.query.get("mode") == "memory":
        return None
    return Path(database)


def database_file(db: str | os.PathLike[str] | None = None) -> Path | None:
    """The SQLite file behind ``db`` (``None`` for in-memory and non-SQLite databases)."""
    return _sqlite_file(make_url(database_url(db)))


def shared_url(engine: Engine) -> str | None:
    """The URL other processes open to reach ``engine``'s database (password included, so keep it
    in memory), or None when they cannot: a private in-memory SQLite database."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and _sqlite_file(url) is None:
        return None
    return url.render_as_string(hide_password=False)


def _install_sqlite_hooks(engine: Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide where transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        mode = connection.get_execution_options().get(_BEGIN_OPTION, "")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN")


def create_engine_for(db: str | os.PathLike[str] | None = None) -> Engine:
    """An engine for ``db`` with the pragmas set, without running migrations."""
    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite":
        file_path = _sqlite_file(url)
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
        if file_path is None:
            kwargs["poolclass"] = StaticPool
        else:
            try:
                file_path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the folder for {file_path}: {exc.strerror or exc}") from exc
        engine = sa.create_engine(url, json_serializer=dumps_stored, **kwargs)
        _install_sqlite_hooks(engine)
        return engine
    try:
        return sa.create_engine(url, pool_pre_ping=True, json_serializer=dumps_stored)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot open {url.render_as_string()}: {exc}") from exc


def open_engine(db: str | os.PathLike[str] | None = None) -> Engine:
    """Open (creating if needed) an AidCurator database and upgrade its schema to the newest."""
    from aidcurator.store.migrate import upgrade_to_head

    engine = create_engine_for(db)
    try:
        upgrade_to_head(engine)
    except Exception:
        engine.dispose()
        raise
    return engine


def read_session(engine: Engine) -> Session:
    """A session for queries (and ordinary writes); use as a context manager."""
    return Session(engine, expire_on_commit=False)


@contextmanager
def write_session(engine: Engine) -> Iterator[Session]:
    """One write transaction: commits on success, rolls back on any exception.

    On SQLite it begins with ``BEGIN IMMEDIATE`` so concurrent writers queue instead of failing
    half-way.
    """
    bind = engine
    if engine.dialect.name == "sqlite":
        bind = engine.execution_options(**{_BEGIN_OPTION: "IMMEDIATE"})
    with Session(bind, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except StaleDataError as exc:
            session.rollback()
            raise ConflictError(
                "a record was changed elsewhere while this change was being saved; reload it and try again"
            ) from exc
        except sa.exc.OperationalError as exc:  # read-only file, locked database, lost connection…
            session.rollback()
            raise StoreError(f"the database refused the change: {_first_line(exc.orig)}") from exc
        except BaseException:
            session.rollback()
            raise


def _first_line(error: BaseException | None) -> str:
    """The driver's own message, without the SQL statement and parameters SQLAlchemy appends."""
    text = str(error or "").strip()
    return text.splitlines()[0] if text else type(error).__name__
