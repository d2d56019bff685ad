"""parse_date: the date forms found in news files."""

from __future__ import annotations

import datetime as dt

import pytest

from aidcurator.ingest.dates import parse_date

DEC_23 = dt.date(2025, 12, 23)


@pytest.mark.parametrize(
    "raw",
    [
        "2025-12-23",
        "2025-12-23T23:56:00+08:00",
        "2025-12-23T23:56:00Z",
        "2025-12-23 23:56",
        "2025/12/23",
        "2025.12.23",
        "20251223",
        "2025年12月23日",
        "2025年12月23日 08:30",
        "23 December 2025",
        "23 Dec 2025",
        "Dec 23, 2025",
        "December 23rd, 2025",
        "Tue, 23 Dec 2025 10:00:00 GMT",
        "  Published: 2025-12-23  ",
    ],
)
def test_known_forms(raw: str) -> None:
    assert parse_date(raw) == DEC_23


def test_single_digit_month_and_day() -> None:
    assert parse_date("2024-3-5") == dt.date(2024, 3, 5)
    assert parse_date("Sept. 3, 2024") == dt.date(2024, 9, 3)


@pytest.mark.parametrize("raw", ["", "yesterday", "2025-13-40", "3 Foo 2025", "12/23/25"])
def test_unparseable(raw: str) -> None:
    assert parse_date(raw) is None
