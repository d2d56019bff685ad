"""Alembic migration scripts for the AidCurator database (run by :mod:`aidcurator.store.migrate`)."""
