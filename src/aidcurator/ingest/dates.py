"""Read a publication date from the forms news files use.

Accepted: ISO dates and date-times (``2025-12-23``, ``2025-12-23T23:56:00+08:00``,
``2025-12-23 23:56``), ``2025/12/23``, ``2025.12.23``, ``20251223``, ``2025年12月23日``,
``23 December 2025``, ``23 Dec 2025``, ``Dec 23, 2025``, ``December 23rd, 2025`` and an
RFC 2822 date (``Tue, 23 Dec 2025 10:00:00 GMT``). The date is taken as written: a time
zone offset does not move it.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"

_YMD = re.compile(
    r"(?<!\d)(?P<year>\d{4})\s*(?:[-/.]|年)\s*(?P<month>\d{1,2})\s*(?:[-/.]|月)\s*(?P<day>\d{1,2})(?!\d)(?:\s*[日号])?"
)
_COMPACT = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})(?:T|$)")
_DAY_MONTH_YEAR = re.compile(rf"(?<!\d)(?P<day>\d{{1,2}}){_ORDINAL}\s+{_MONTH},?\s+(?P<year>\d{{4}})(?!\d)")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})(?!\d)")
_PATTERNS = (_YMD, _COMPACT, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR)


def parse_date(value: str) -> dt.date | None:
    """Return the date written in ``value``, or None when no known form is found."""
    found = find_date(value.strip())
    return found[0] if found is not None else None


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first date written in ``text`` (forms tried in the order above) and its span, or None."""
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        month_text = match.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.lower())
        if month is None:
            continue
        try:
            return (
                dt.date(int(match.group("year")), month, int(match.group("day"))),
                match.start(),
                match.end(),
            )
        except ValueError:
            return None
    return None
