"""Atomic file replacement: an export is written to a temp file beside its target, then moved in place."""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO


class ExportError(Exception):
    """An export could not be written; any existing target file was left untouched."""


#: A temp file of an earlier export untouched for this long was left by a killed export.
STALE_TEMP_SECONDS = 600


def _remove_stale_temps(target: Path) -> int:
    """Delete temp files that killed exports to ``target`` left behind; returns how many."""
    removed = 0
    cutoff = time.time() - STALE_TEMP_SECONDS
    for leftover in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                leftover.unlink()
                removed += 1
    return removed


def _atomic_write(target: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write through ``write`` into a temp file beside ``target``, then ``os.replace`` it in place.

    Temp files that an earlier, killed export to the same target left behind are removed first
    (those untouched for ``STALE_TEMP_SECONDS``; a running export keeps its file fresh).
    """
    _remove_stale_temps(target)
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ExportError(
            f"Cannot export to {target}: cannot create a file in {target.parent} ({exc})."
        ) from exc
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        _copy_permissions(temp, target)
        os.replace(temp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        if isinstance(exc, ExportError) or not isinstance(exc, Exception):
            raise  # our own message, or KeyboardInterrupt/SystemExit: propagate unchanged
        raise ExportError(_failure_message(target, exc)) from exc
    _fsync_folder(target.parent)


def _failure_message(target: Path, exc: Exception) -> str:
    if isinstance(exc, PermissionError):
        return (
            f"Cannot write {target}: permission denied (is the file open in another program, such as Excel?)."
        )
    return f"Export to {target} failed: {type(exc).__name__}: {exc}"


def _copy_permissions(temp: Path, target: Path) -> None:
    """mkstemp makes 0600 files: give the result the old file's mode, or the usual umask default."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    os.chmod(temp, mode)


def _umask() -> int:
    # The only portable way to read the umask is to set it; set a strict one meanwhile so a file
    # created by another thread in that instant is never more open than intended.
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); best effort."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_bytes_atomic(target: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``target`` atomically (a temp file beside it, then moved in place);
    :class:`ExportError` with a readable message when it cannot be written."""
    path = Path(target)
    _atomic_write(path, lambda handle: handle.write(data))


def checked_target(path: str | os.PathLike[str]) -> Path:
    """``path`` checked before anything is written (a link is followed): its folder exists and it
    is not a folder."""
    target = Path(path)
    if target.is_symlink():  # write through the link, next to the real file
        target = target.resolve()
    if not target.parent.is_dir():
        raise ExportError(f"Cannot export to {target}: the folder {target.parent} does not exist.")
    if target.is_dir():
        raise ExportError(f"Cannot export to {target}: it is a folder, not a file.")
    return target
