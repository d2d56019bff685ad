"""Errors every layer may raise or catch."""


class ConflictError(Exception):
    """The record was changed by someone else since the caller loaded it; nothing was written."""
