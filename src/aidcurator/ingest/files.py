"""Choose the reader for a file by its suffix; list the input files of folders."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from aidcurator.domain import ArticleDraft
from aidcurator.ingest.csv_reader import read_csv
from aidcurator.ingest.encoding import decode_bytes
from aidcurator.ingest.errors import IngestError
from aidcurator.ingest.html_reader import read_html
from aidcurator.ingest.json_reader import read_json, read_jsonl
from aidcurator.ingest.language import detect_language
from aidcurator.ingest.plain_text import read_plain_text

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".csv")
STDIN_NAME = "-"

_Reader = Callable[[bytes, str], list[ArticleDraft]]


def _text_reader(data: bytes, name: str) -> list[ArticleDraft]:
    decoded = decode_bytes(data, name)
    return _with_warnings(read_plain_text(decoded.text), decoded.warnings)


def _decoded(read: Callable[[str, str], list[ArticleDraft]]) -> _Reader:
    def reader(data: bytes, name: str) -> list[ArticleDraft]:
        decoded = decode_bytes(data, name)
        return _with_warnings(read(decoded.text, name), decoded.warnings)

    return reader


def _with_warnings(drafts: list[ArticleDraft], warnings: list[str]) -> list[ArticleDraft]:
    """Put the decoding's warnings on every draft of the file."""
    if warnings:
        for draft in drafts:
            draft.warnings.extend(warnings)
    return drafts


_READERS: dict[str, _Reader] = {
    ".txt": _text_reader,
    ".md": _text_reader,
    ".html": read_html,
    ".htm": read_html,
    ".json": _decoded(read_json),
    ".jsonl": _decoded(read_jsonl),
    ".csv": _decoded(read_csv),
}


def iter_input_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files to read for ``paths``, in order, each once.

    A folder is expanded recursively to its files with a supported suffix, sorted, skipping
    hidden files and folders (name starting with ".") and Office lock files ("~$…"). A file
    named explicitly is kept whatever its suffix (reading it then fails with a clear reason).
    Raises IngestError for a path that does not exist.
    """
    found: list[Path] = []
    seen: set[Path] = set()
    folders: dict[Path, Path] = {}  # each folder resolved once
    for item in paths:
        path = Path(item)
        if path.is_dir():
            candidates = _folder_files(path)
        elif path.exists():
            candidates = [path]
        else:
            raise IngestError(os.fspath(item), "no such file or folder")
        for candidate in candidates:
            key = _resolved(candidate, folders)
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def _resolved(path: Path, folders: dict[Path, Path]) -> Path:
    """``path.resolve()``: a file that is no symbolic link is its resolved folder / its name, so a
    folder of thousands of files is resolved once, not once per file and per folder above it."""
    if path.name in ("", ".", "..") or path.is_symlink():
        return path.resolve()
    folder = folders.get(path.parent)
    if folder is None:
        folder = folders[path.parent] = path.parent.resolve()
    return folder / path.name


def read_file(path: str | os.PathLike[str]) -> list[ArticleDraft]:
    """All articles of one file, or IngestError: never a partial list.

    ``origin_file`` is the path as given; ``origin_position`` says where in the file each
    article was ("article N", "row N", "line N", "item N"; None for a one-article file).
    """
    name = os.fspath(path)
    try:
        with open(path, "rb") as file:
            data = file.read()
    except IsADirectoryError:
        raise IngestError(name, "is a folder, not a file") from None
    except FileNotFoundError:
        raise IngestError(name, "no such file") from None
    except OSError as error:
        raise IngestError(name, f"cannot read the file ({error.strerror or error})") from None
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> list[ArticleDraft]:
    """All articles in ``data``; ``name``'s suffix chooses the format ("-", stdin, is text).

    Sets ``origin_file`` to ``name`` and ``language`` (detected unless the input gave one).
    When bad bytes had to be replaced, every draft of the file carries the same warning.
    """
    suffix = ".txt" if name == STDIN_NAME else os.path.splitext(name)[1].lower()
    reader = _READERS.get(suffix)
    if reader is None:
        kind = f"'{suffix}'" if suffix else "without a suffix"
        raise IngestError(name, f"unsupported file type {kind} (supported: {', '.join(SUPPORTED_SUFFIXES)})")
    drafts = reader(data, name)
    for draft in drafts:
        draft.origin_file = name
        if not draft.language:
            draft.language = detect_language(draft.text)
    return drafts


def _folder_files(folder: Path) -> list[Path]:
    files: list[Path] = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file_name in sorted(names):
            if _is_skipped(file_name):
                continue
            if os.path.splitext(file_name)[1].lower() in SUPPORTED_SUFFIXES:
                files.append(Path(root, file_name))
    return files


def _is_skipped(file_name: str) -> bool:
    return file_name.startswith((".", "~$"))
