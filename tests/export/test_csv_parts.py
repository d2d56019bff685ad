"""A CSV joined from parts: BOM and header once, parts in order, nothing written on failure."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aidcurator.export import ExportError, csv_header, write_csv_parts


def test_parts_follow_the_bom_and_header_in_order(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    write_csv_parts(["record_id", "donor"], [b"1,a\r\n", b"", "2,援疆\r\n".encode()], target)
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == ",".join(csv_header(["record_id", "donor"]))
    assert lines[1:] == ["1,a", "2,援疆", ""]


def test_a_part_that_fails_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_bytes(b"old")

    def parts() -> Iterator[bytes]:
        yield b"1,a\r\n"
        raise RuntimeError("worker died")

    with pytest.raises(ExportError, match="worker died"):
        write_csv_parts(["record_id", "donor"], parts(), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_missing_folder_is_refused_before_anything_is_read(tmp_path: Path) -> None:
    def parts() -> Iterator[bytes]:
        raise AssertionError("must not be read")
        yield b""

    with pytest.raises(ExportError, match="does not exist"):
        write_csv_parts(["record_id"], parts(), tmp_path / "missing" / "out.csv")
