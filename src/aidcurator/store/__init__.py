"""Persistence: SQLModel tables, engine and session set-up, migrations and queries.

The only package that speaks SQL. Callers use :func:`open_engine` and the keyword-only
functions of :mod:`aidcurator.store.repository`.
"""

from sqlalchemy.engine import Engine
from sqlmodel import Session

from aidcurator.store.engine import (
    create_engine_for,
    database_file,
    database_url,
    default_database_path,
    open_engine,
    read_session,
    shared_url,
    user_data_dir,
    write_session,
)
from aidcurator.store.errors import NotFoundError, StoreError

__all__ = [
    "Engine",
    "NotFoundError",
    "Session",
    "StoreError",
    "create_engine_for",
    "database_file",
    "database_url",
    "default_database_path",
    "open_engine",
    "read_session",
    "shared_url",
    "user_data_dir",
    "write_session",
]
