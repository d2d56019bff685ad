"""A one-line progress bar for the command line: ``[#####.....] 1234/10000 files · 210 files/s``."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressBar:
    """Call it as ``progress(done, total, name)``; draws on a terminal only, at most 10 times a second."""

    def __init__(self, noun: str = "files", stream: TextIO | None = None, width: int = 30) -> None:
        self.noun = noun
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self._drawn = 0.0

    def __call__(self, done: int, total: int, _name: str = "") -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self._drawn < 0.1:
            return
        self._drawn = now
        filled = self.width * done // total if total else self.width
        rate = done / max(now - self.started, 1e-6)
        bar = "#" * filled + "." * (self.width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} {self.noun} · {rate:.0f} {self.noun}/s ")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()
