"""A records CSV made in parts, side by side (in other processes), and joined into one file.

Each part is the CSV rows of some records' :class:`~aidcurator.domain.export_chunks.FlatChunk` s,
encoded (no BOM, no header); :func:`write_csv_parts` writes the BOM, the header and the parts in
order, atomically. The result is byte for byte the file one
:func:`~aidcurator.export.write_record_chunks` call writes for all the chunks.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO

from aidcurator.domain.export_chunks import FlatChunk
from aidcurator.export.atomic import _atomic_write, checked_target
from aidcurator.export.cells import _csv_rows, csv_text
from aidcurator.export.flat import AMOUNT_COLUMNS, FlatRows
from aidcurator.export.usd import UsdColumns
from aidcurator.export.writers import _CsvText, without_cycle_collection


def csv_header(scalar_keys: Sequence[str]) -> list[str]:
    """The columns of a flat records file: the scalars, the first amount, then the rest."""
    return [*scalar_keys, *AMOUNT_COLUMNS, "n_amounts", "other_amounts", "evidence"]


def csv_part(
    scalar_keys: Sequence[str], chunks: Iterable[FlatChunk], *, usd_base_year: int | None = None
) -> tuple[int, bytes]:
    """The number of records in ``chunks`` and their CSV rows, UTF-8 (cells as the store hands
    them with ``text_of=store_text("csv")``; free text neutralised)."""
    flat = FlatRows(scalar_keys, UsdColumns(usd_base_year), csv_text, neutralize=True)
    text_of = _CsvText()
    count, encoded = 0, []
    with without_cycle_collection():
        for chunk in chunks:
            count += len(chunk)
            encoded.append(text_of(flat.rows(chunk)).encode("utf-8"))
    return count, b"".join(encoded)


def write_csv_parts(scalar_keys: Sequence[str], parts: Iterable[bytes], path: str | os.PathLike[str]) -> Path:
    """Write the BOM, the header of ``scalar_keys`` and then ``parts`` (from :func:`csv_part`), in
    order, atomically: if a part fails to come, nothing is written. Returns the path."""
    target = checked_target(path)

    def write(handle: IO[bytes]) -> None:
        handle.write(codecs.BOM_UTF8)
        handle.write(_CsvText()(_csv_rows([csv_header(scalar_keys)])).encode("utf-8"))
        for part in parts:
            handle.write(part)

    _atomic_write(target, write)
    return target
