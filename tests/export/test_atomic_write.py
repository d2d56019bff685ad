"""A failed export leaves the target as it was and no temporary file behind."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

import pytest

from aidcurator import export
from aidcurator.export import ExportError, cells, write_records, write_table, writers

# The per-value converter each serializer calls while it writes, so a patched one fails midway
# (the JSON one calls itself for nested values: patched in its own module).
SERIALIZERS = {"csv": "_csv_rows", "xlsx": "_xlsx_cell", "json": "_json_text", "jsonl": "_json_text"}
OLD = b"previous export, must survive"


def _fail_midway(
    monkeypatch, fmt: str, folder: Path, error: BaseException, after: int | None = None
) -> list[list[str]]:
    """Patch the format's converter (per batch of rows for CSV, per cell otherwise) to raise ``error`` after ``after``
    calls; returns folder snapshots."""
    name = SERIALIZERS[fmt]
    if after is None:  # midway: past the header and the first row
        after = 1 if name == "_csv_rows" else 40
    module = cells if name == "_json_text" else writers
    real = getattr(module, name)
    calls = 0
    seen: list[list[str]] = []

    def flaky(value):
        nonlocal calls
        calls += 1
        if calls > after:
            seen.append(sorted(p.name for p in folder.iterdir()))
            raise error
        return real(value)

    monkeypatch.setattr(module, name, flaky)
    return seen


@pytest.mark.parametrize("fmt", sorted(SERIALIZERS))
def test_failure_keeps_existing_target(records, tmp_path, monkeypatch, fmt):
    target = tmp_path / f"records.{fmt}"
    target.write_bytes(OLD)
    seen = _fail_midway(monkeypatch, fmt, tmp_path, RuntimeError("disk on fire"))
    with pytest.raises(ExportError, match="disk on fire") as info:
        write_records(records, target, fmt)
    assert isinstance(info.value.__cause__, RuntimeError)
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    # While it was failing, the partial output lived in a temp file beside the target.
    assert len(seen) == 1
    temps = [name for name in seen[0] if name != target.name]
    assert len(temps) == 1
    assert temps[0].startswith(f".{target.name}.")


@pytest.mark.parametrize("fmt", sorted(SERIALIZERS))
def test_failure_without_existing_target_leaves_nothing(records, tmp_path, monkeypatch, fmt):
    _fail_midway(monkeypatch, fmt, tmp_path, ValueError("bad value"))
    with pytest.raises(ExportError):
        write_records(records, tmp_path / f"records.{fmt}", fmt)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", sorted(SERIALIZERS))
def test_keyboard_interrupt_cleans_up_and_propagates(records, tmp_path, monkeypatch, fmt):
    target = tmp_path / f"records.{fmt}"
    target.write_bytes(OLD)
    _fail_midway(monkeypatch, fmt, tmp_path, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write_records(records, target, fmt)
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_failure_in_replace_keeps_target(records, tmp_path, monkeypatch):
    target = tmp_path / "records.csv"
    target.write_bytes(OLD)

    def deny(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(export.os, "replace", deny)
    with pytest.raises(ExportError, match="open in another program"):
        write_records(records, target, "csv")
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_table_failure_keeps_target(tmp_path, monkeypatch):
    target = tmp_path / "mentions.csv"
    target.write_bytes(OLD)
    _fail_midway(monkeypatch, "csv", tmp_path, OSError("no space left"), after=1)  # past the header
    rows = [{"mention_id": i, "kind": "amount", "text": "2.14亿元"} for i in range(5)]
    with pytest.raises(ExportError, match="no space left"):
        write_table(rows, target, "csv")
    assert target.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_success_replaces_existing_target(records, tmp_path):
    target = tmp_path / "records.csv"
    target.write_bytes(OLD)
    assert write_records(records, target, "csv") == target
    assert target.read_bytes() != OLD
    assert "扬州援疆项目" in target.read_text(encoding="utf-8-sig")
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_missing_folder_is_a_clear_error(records, tmp_path):
    target = tmp_path / "no" / "such" / "records.csv"
    with pytest.raises(ExportError, match="does not exist"):
        write_records(records, target, "csv")
    assert list(tmp_path.iterdir()) == []


def test_folder_as_target_is_a_clear_error(records, tmp_path):
    (tmp_path / "out.csv").mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        write_records(records, tmp_path / "out.csv", "csv")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_new_file_gets_umask_permissions_not_temp_0600(records, tmp_path):
    old = os.umask(0o022)
    try:
        path = write_records(records, tmp_path / "records.csv", "csv")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_overwrite_keeps_existing_permissions(records, tmp_path):
    target = tmp_path / "records.csv"
    target.write_bytes(OLD)
    target.chmod(0o640)
    write_records(records, target, "csv")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_failed_xlsx_leaves_no_openpyxl_scratch_file(records, tmp_path, monkeypatch):
    scratch = tmp_path / "system-temp"
    scratch.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    _fail_midway(monkeypatch, "xlsx", out, RuntimeError("boom"))
    with pytest.raises(ExportError):
        write_records(records, out / "records.xlsx", "xlsx")
    assert list(out.iterdir()) == []
    assert list(scratch.iterdir()) == []


def test_temp_files_of_a_killed_export_are_removed_by_the_next(tmp_path) -> None:
    import os
    import time

    from aidcurator.export import STALE_TEMP_SECONDS, write_table

    target = tmp_path / "out.csv"
    stale = tmp_path / ".out.csv.abc123.tmp"
    fresh = tmp_path / ".out.csv.def456.tmp"  # another export, still running
    other = tmp_path / ".other.csv.abc123.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_bytes(b"x" * 100)
    old = time.time() - STALE_TEMP_SECONDS - 5
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_table([{"a": 1}], target, "csv")
    assert not stale.exists()
    assert fresh.exists() and other.exists()
    assert target.read_bytes().startswith(b"\xef\xbb\xbfa")
