"""What every command shares: exit codes, the one-line error, opening the database."""

from __future__ import annotations

import sys
from typing import Any, TextIO

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A problem to report as ``error: …`` with an exit code."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


def print_error(message: str, stream: TextIO | None = None) -> None:
    """``error: message`` on stderr (or ``stream``)."""
    print(f"error: {message}", file=stream or sys.stderr)


def open_curator(db: str | None, *, must_exist: bool = False) -> Any:
    """The :class:`~aidcurator.curation.Curator` of ``db``; with ``must_exist``, a missing database
    file is an error instead of a new, empty database."""
    from aidcurator.curation import Curator, database_file, database_url

    if must_exist:
        path = database_file(db)
        if path is not None and not path.exists():
            raise CommandError(f"no database at {path}; import articles first (aidcurator import FILE...)")
    _ = database_url(db)  # raises StoreError for an unusable value before anything is created
    return Curator.open(db)
