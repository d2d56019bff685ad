"""Errors raised by the store, with messages meant for users."""

from __future__ import annotations


class StoreError(Exception):
    """A database problem described for a user (bad URL, not an AidCurator database, …)."""


class NotFoundError(LookupError):
    """An article, record or amount id that is not (or no longer) in the database."""

    def __str__(self) -> str:  # LookupError would quote the message
        return str(self.args[0]) if self.args else "not found"
