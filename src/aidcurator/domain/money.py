"""Amounts in comparable units: nominal US dollars of the commitment year and constant dollars of a
base year, from an exchange-rate table and a price-index (deflator) table.

The rules, stated once:

- **Year.** An amount is converted at the rate of its record's year (``year_start``: the commitment
  year; for a period, its first year). A record without a year uses the amount's own
  ``period_start``; without either there is no year, and no value.
- **Nominal USD** = value / (units of the currency per US dollar, annual average of that year).
  USD itself needs no rate (1 in every year, and also without a year).
- **Constant USD of base year B** = value x index(B) / (rate x index(year)): the nominal value,
  unrounded, moved to B's prices.
- **Exact and rounded once.** The arithmetic is on exact fractions (integer numerators and
  denominators); only the result is rounded, to whole US dollars, halves away from zero.
- **Never guessed.** When a value cannot be computed it is ``None`` and ``reason`` says why:
  ``unknown currency``, ``no year``, ``no rate for MOP 1998``, ``no deflator for 2026``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

_ISO_CODE = re.compile(r"[A-Z]{3}")
USD = "USD"


#: ``(nominal factor, constant factor, reason)``: factors as ``(numerator, denominator)`` integers.
_Factors = tuple[tuple[int, int] | None, tuple[int, int] | None, str | None]


@dataclass(frozen=True, slots=True)
class MoneyTables:
    """Units of a currency per US dollar by ``(currency, year)`` (annual averages) and a US price
    index by year (the deflator), with a note naming where each comes from."""

    rates: Mapping[tuple[str, int], Decimal]
    deflator: Mapping[int, Decimal]
    source: str = ""

    def deflator_years(self) -> tuple[int, int] | None:
        """First and last year of the deflator table (``None`` when it is empty)."""
        return (min(self.deflator), max(self.deflator)) if self.deflator else None


@dataclass(frozen=True, slots=True)
class UsdValue:
    """An amount in US dollars: the year converted at, nominal and constant values, and the reason
    when either value is missing."""

    year: int | None
    nominal: Decimal | None
    constant: Decimal | None
    reason: str | None = None


def conversion_year(record_year: Any, amount_period_start: Any = None) -> int | None:
    """The year an amount is converted at: the record's year, else the amount's period start."""
    for year in (record_year, amount_period_start):
        if type(year) is int:
            return year
    return None


class UsdConverter:
    """Converts amounts to nominal and constant USD of ``base_year`` (default: the deflator
    table's last year). The factors of each ``(currency, year)`` are worked out once."""

    def __init__(self, tables: MoneyTables, base_year: int | None = None) -> None:
        span = tables.deflator_years()
        if span is None:
            raise ValueError("the deflator table is empty: no constant US dollars can be computed")
        self.tables = tables
        self.base_year = span[1] if base_year is None else base_year
        if self.base_year not in tables.deflator:
            raise ValueError(
                f"no deflator for the base year {base_year}; choose a year from {span[0]} to {span[1]}"
            )
        self._base_index = tables.deflator[self.base_year].as_integer_ratio()
        self._factors: dict[tuple[Any, int | None], _Factors] = {}

    def convert(self, value: Decimal | None, currency: Any, year: int | None) -> UsdValue:
        """``value`` of ``currency`` converted at ``year`` (see the module docstring)."""
        if type(value) is not Decimal:
            value = _decimal(value)
        if value is None or not value.is_finite():
            return UsdValue(year, None, None, "no value")
        key = (currency, year)
        factors = self._factors.get(key)
        if factors is None:
            factors = self._factors[key] = self._factors_for(currency, year)
        nominal_factor, constant_factor, reason = factors
        numerator, denominator = value.as_integer_ratio()
        nominal = None if nominal_factor is None else _whole(numerator, denominator, nominal_factor)
        constant = None if constant_factor is None else _whole(numerator, denominator, constant_factor)
        return UsdValue(year, nominal, constant, reason)

    def _factors_for(self, currency: Any, year: int | None) -> _Factors:
        """``(1 / rate, index(base) / (rate x index(year)), reason)`` of a currency and year, as
        integer ratios; ``None`` where missing."""
        code = currency.strip().upper() if isinstance(currency, str) else ""
        if not _ISO_CODE.fullmatch(code):
            return None, None, "unknown currency"
        if year is None:
            return ((1, 1) if code == USD else None), None, "no year"
        rate = Decimal(1) if code == USD else self.tables.rates.get((code, year))
        if rate is None or rate <= 0:
            return None, None, f"no rate for {code} {year}"
        rate_n, rate_d = rate.as_integer_ratio()
        index = self.tables.deflator.get(year)
        if index is None or index <= 0:
            return (rate_d, rate_n), None, f"no deflator for {year}"
        index_n, index_d = index.as_integer_ratio()
        base_n, base_d = self._base_index
        return (rate_d, rate_n), (base_n * rate_d * index_d, base_d * rate_n * index_n), None


def _decimal(value: Any) -> Decimal | None:
    """An int or numeric text as a Decimal (floats through their shortest text); else ``None``."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(value if isinstance(value, int | str | Decimal) else repr(float(value)))
    except (ArithmeticError, TypeError, ValueError):
        return None


def _whole(numerator: int, denominator: int, factor: tuple[int, int]) -> Decimal:
    """``numerator / denominator x factor`` in whole units, halves away from zero (exact)."""
    top, bottom = numerator * factor[0], denominator * factor[1]  # bottom > 0
    units = (2 * abs(top) + bottom) // (2 * bottom)
    return Decimal(units if top >= 0 else -units)
