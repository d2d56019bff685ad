"""Dates and money the store hands over already written as CSV text (``csv_text``)."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from aidcurator.export import csv_text, write_record_tuples


def test_text_made_by_csv_text_is_written_as_it_is(tmp_path: Path) -> None:
    """A negative amount stays a number (no formula quote), in a column of its own and in a
    column mixed with other values; None stays empty."""
    when = dt.datetime(2024, 5, 1, 8, 30, tzinfo=dt.UTC)
    rows = [
        ((csv_text(Decimal("-5.50")), "=SUM(A1)", csv_text(when)), [], []),
        ((csv_text(Decimal("12")), None, 3), [], []),
    ]
    target = tmp_path / "out.csv"
    write_record_tuples(("money", "text", "mixed"), [rows], target, "csv")
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].startswith("-5.5,'=SUM(A1),2024-05-01T08:30:00+00:00,")
    assert lines[2].startswith("12,,3,")
    assert csv_text(None) is None


def test_summarised_evidence_and_the_cycle_collector_after_a_failed_export(tmp_path: Path) -> None:
    """Evidence handed over as its summary text is written as it is (a formula-like one is
    quoted); the cycle collector paused during the write runs again, also after a failure."""
    import gc

    import pytest

    from aidcurator.export import ExportError

    rows = [((1,), [], "amount: «3亿元» [0:3]"), ((2,), [], None), ((3,), [], "=x")]
    target = tmp_path / "out.csv"
    write_record_tuples(("record_id",), [rows], target, "csv")
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[1].endswith(",0,,amount: «3亿元» [0:3]")
    assert lines[2].endswith(",0,,")
    assert lines[3].endswith(",0,,'=x")
    assert gc.isenabled()

    def failing():
        yield rows
        raise RuntimeError("the database went away")

    with pytest.raises(ExportError):
        write_record_tuples(("record_id",), failing(), tmp_path / "bad.csv", "csv")
    assert gc.isenabled()
