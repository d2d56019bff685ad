"""Alembic environment for AidCurator.

Normally run programmatically by :func:`aidcurator.store.migrate.upgrade_to_head`, which passes an
open connection in ``config.attributes["connection"]``. For developers, the ``alembic`` command works
too: ``alembic -x db=PATH_OR_URL -c /dev/null ...`` with ``script_location`` pointing here (see
``aidcurator.store.migrate.alembic_config``).
"""

from alembic import context
from sqlmodel import SQLModel

import aidcurator.store.models  # noqa: F401  (fills SQLModel.metadata for autogenerate)

config = context.config
target_metadata = SQLModel.metadata


def _url() -> str:
    from aidcurator.store.engine import database_url

    db = context.get_x_argument(as_dictionary=True).get("db") or config.get_main_option("sqlalchemy.url")
    return database_url(db)


def run_migrations_offline() -> None:
    context.configure(
        url=_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return

    from aidcurator.store.engine import create_engine_for

    engine = create_engine_for(_url())
    try:
        with engine.connect() as conn:
            context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
            with context.begin_transaction():
                context.run_migrations()
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
