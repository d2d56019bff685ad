"""The dashboard's use case: totals by year, donor, recipient, sector and status, in nominal US
dollars, over accepted projects recommended for aggregates (by default), accepted projects or all.

Before any project exists the totals are made of records instead (the note says so). Amounts are
added exactly per currency and year, then each sum is converted once at that year's average rate
(:mod:`aidcurator.domain.money`); an amount without a rate is left out of the dollar totals and
counted, with its reason, never guessed.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from aidcurator.curation.base import CuratorBase
from aidcurator.curation.names import sector_label
from aidcurator.domain.dashboard import (
    DIMENSION_LABELS,
    Bar,
    BarKey,
    Basis,
    DashboardTotals,
    Dimension,
    Measure,
    Scope,
)
from aidcurator.domain.projects import STATUS_LADDER
from aidcurator.domain.values import ProjectStatus
from aidcurator.export.atomic import write_bytes_atomic
from aidcurator.export.usd import usd_converter
from aidcurator.store import dashboard as store_dashboard
from aidcurator.store import read_session

#: Bars a chart shows at most (years: all of them); the rest are summed up in the chart's note.
TOP_BARS = 12
#: Year axes longer than this are not filled with the empty years between.
MAX_FILLED_YEARS = 60
#: Status bars in the order a project climbs, then the ends that may follow any step.
STATUS_ORDER: tuple[str, ...] = (
    *(s.value for s in STATUS_LADDER),
    ProjectStatus.CANCELLED.value,
    ProjectStatus.SUSPENDED.value,
    ProjectStatus.UNKNOWN.value,
)


class _Tally:
    """Counts and exact sums of one bar, per (currency, year)."""

    __slots__ = ("count", "sums")

    def __init__(self) -> None:
        self.count = 0
        self.sums: dict[tuple[str, int | None], list[Any]] = {}  # -> [exact sum, number of amounts]

    def add(
        self, count: int, currency: str | None, year: int | None, total: Decimal | None, amounts: int
    ) -> None:
        self.count += count
        if total is None or currency is None or not amounts:
            return
        entry = self.sums.get((currency, year))
        if entry is None:
            self.sums[currency, year] = [total, amounts]
        else:
            entry[0] += total
            entry[1] += amounts


def totals_from_rows(rows: Iterable[Sequence[Any]], *, basis: Basis, scope: Scope) -> DashboardTotals:
    """Totals by every dimension from the store's grouped rows (see ``store.dashboard.grouped_rows``)."""
    dimensions = store_dashboard.ROW_DIMENSIONS
    year_at = dimensions.index(Dimension.YEAR)
    tallies: dict[Dimension, dict[BarKey, _Tally]] = {d: defaultdict(_Tally) for d in dimensions}
    overall = _Tally()
    for row in rows:
        currency, total, amounts, count = row[-4:]
        year = row[year_at]
        total = _exact(total)
        overall.add(count, currency, year, total, amounts)
        for position, dimension in enumerate(dimensions):
            tallies[dimension][_key(row[position])].add(count, currency, year, total, amounts)
    converter = usd_converter()
    reasons: Counter[str] = Counter()
    usd_total, no_rate, amounts = _to_usd(overall, converter, reasons)
    charts = {
        dimension: _ordered(
            dimension, [_bar(dimension, key, tally, converter) for key, tally in tallies[dimension].items()]
        )
        for dimension in dimensions
    }
    return DashboardTotals(
        basis=basis,
        scope=scope,
        charts=charts,
        items=overall.count,
        amounts=amounts,
        no_rate=no_rate,
        usd_total=usd_total,
        no_rate_reasons=tuple(reasons.most_common()),
    )


def top_bars(bars: Sequence[Bar], dimension: Dimension, measure: Measure, limit: int = TOP_BARS) -> list[Bar]:
    """The bars a chart shows: every year and status in their order; otherwise the ``limit``
    largest by ``measure`` (ties by count, then label)."""
    if dimension in (Dimension.YEAR, Dimension.STATUS):
        return list(bars)
    ranked = sorted(bars, key=lambda b: (-b.value(measure), -b.count, b.key is None, b.label))
    return ranked if len(ranked) <= limit + 1 else ranked[:limit]  # no "the other 1"


def save_chart_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Write an exported chart (PNG or SVG bytes) atomically; ``ExportError`` says why it failed."""
    write_bytes_atomic(path, data)


class DashboardMixin(CuratorBase):
    """The dashboard's totals (read only)."""

    def dashboard(self, scope: Scope = Scope.RECOMMENDED) -> DashboardTotals:
        """Totals by year, donor, recipient, sector and status over ``scope``: projects, or records
        while the database has no project yet."""
        with read_session(self.engine) as session:
            basis = Basis.PROJECTS if store_dashboard.has_projects(session) else Basis.RECORDS
            rows = store_dashboard.grouped_rows(session, basis=basis, scope=Scope(scope))
        return totals_from_rows(rows, basis=basis, scope=Scope(scope))


# ---------------------------------------------------------------------------------------- helpers


def _exact(value: Any) -> Decimal | None:
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def _key(value: Any) -> BarKey:
    """A bar key: empty text counts as not set."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _to_usd(tally: _Tally, converter: Any, reasons: Counter[str] | None = None) -> tuple[Decimal, int, int]:
    """``(nominal USD, amounts without a rate, amounts)`` of a tally's exact sums."""
    total, missing, amounts = Decimal(0), 0, 0
    for (currency, year), (value, count) in tally.sums.items():
        amounts += count
        usd = converter.convert(value, currency, year)
        if usd.nominal is None:
            missing += count
            if reasons is not None:
                reasons[usd.reason or "no rate"] += count
        else:
            total += usd.nominal
    return total, missing, amounts


def _bar(dimension: Dimension, key: BarKey, tally: _Tally, converter: Any) -> Bar:
    usd, missing, amounts = _to_usd(tally, converter)
    by_currency: dict[str, Decimal] = defaultdict(Decimal)
    for (currency, _year), (value, _count) in tally.sums.items():
        by_currency[currency] += value
    return Bar(
        key=key,
        label=_label(dimension, key),
        count=tally.count,
        usd=usd,
        amounts=amounts,
        no_rate=missing,
        by_currency=tuple(sorted(by_currency.items(), key=lambda item: -item[1])),
    )


def _label(dimension: Dimension, key: BarKey) -> str:
    if key is None:
        return DIMENSION_LABELS[dimension][1]
    if dimension == Dimension.STATUS:
        return str(key).capitalize()
    if dimension == Dimension.SECTOR:
        return sector_label(str(key))  # 321 · Industry · 工业
    return str(key)


def _ordered(dimension: Dimension, bars: list[Bar]) -> tuple[Bar, ...]:
    """Years ascending and statuses in ladder order (not set last); others largest first."""
    if dimension == Dimension.YEAR:
        return _years(bars)
    if dimension == Dimension.STATUS:
        rank = {value: n for n, value in enumerate(STATUS_ORDER)}
        return tuple(sorted(bars, key=lambda b: (b.key is None, rank.get(str(b.key), len(rank)), b.label)))
    return tuple(sorted(bars, key=lambda b: (-b.usd, -b.count, b.key is None, b.label)))


def _years(bars: list[Bar]) -> tuple[Bar, ...]:
    """Year bars ascending, with empty bars for the years between that have none (a time axis
    without holes); the bar of records without a year last."""
    by_year = {b.key: b for b in bars if isinstance(b.key, int)}
    others = [b for b in bars if not isinstance(b.key, int)]
    if not by_year:
        return tuple(others)
    first, last = min(by_year), max(by_year)
    if last - first > MAX_FILLED_YEARS:  # a stray year far off: no hundred empty bars
        return (*(by_year[year] for year in sorted(by_year)), *others)
    filled = [by_year.get(year) or Bar(year, str(year), 0, Decimal(0)) for year in range(first, last + 1)]
    return (*filled, *others)
