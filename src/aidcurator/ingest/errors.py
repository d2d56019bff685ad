"""The one exception type of the ingest package."""

from __future__ import annotations


class IngestError(Exception):
    """A file (or byte string) could not be read into articles.

    ``path`` names the input as the user gave it, ``reason`` says what is wrong with it;
    ``str(err)`` is the one-line message ``"PATH: reason"``.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(path, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        reason = " ".join(self.reason.split("\n"))
        return f"{self.path}: {reason}"
