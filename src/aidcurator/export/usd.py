"""US-dollar columns of a record export, from the rate and deflator tables in ``resources/money``.

Every exported amount gets :data:`USD_KEYS` (nested in JSON; the record's first amount also as the
flat ``amount_usd_*`` columns of CSV and XLSX). The rules (year, rounding, reasons) are those of
:mod:`aidcurator.domain.money`; the tables and their sources are described in
``resources/money/README.md``. The curated amount itself is never changed.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from aidcurator.domain.money import MoneyTables, UsdConverter, conversion_year
from aidcurator.export.atomic import ExportError
from aidcurator.resources import resource_path

#: Keys added to every exported amount, in column order.
USD_KEYS: tuple[str, ...] = ("usd_year", "usd_nominal", "usd_constant", "usd_base_year", "usd_reason")
RATES_FILE = ("money", "usd_rates.csv")
DEFLATOR_FILE = ("money", "us_deflator.csv")


@cache
def money_tables() -> MoneyTables:
    """The shipped tables (read once). Raises :class:`ExportError` naming a damaged line."""
    rates: dict[tuple[str, int], Decimal] = {}
    for line, row in _rows(RATES_FILE, ("currency", "year", "units_per_usd")):
        rate = _number(row["units_per_usd"], RATES_FILE, line)
        if rate <= 0:
            raise ExportError(f"{'/'.join(RATES_FILE)} line {line}: a rate must be positive")
        rates[row["currency"].strip().upper(), _year(row["year"], RATES_FILE, line)] = rate
    deflator: dict[int, Decimal] = {}
    for line, row in _rows(DEFLATOR_FILE, ("year", "index")):
        index = _number(row["index"], DEFLATOR_FILE, line)
        if index <= 0:
            raise ExportError(f"{'/'.join(DEFLATOR_FILE)} line {line}: an index must be positive")
        deflator[_year(row["year"], DEFLATOR_FILE, line)] = index
    return MoneyTables(rates, deflator, source="resources/money (ECB reference rates, pegs; BLS CPI-U)")


def usd_converter(base_year: int | None = None) -> UsdConverter:
    """A converter on the shipped tables; :class:`ExportError` when ``base_year`` has no deflator."""
    try:
        return UsdConverter(money_tables(), base_year)
    except ValueError as error:
        raise ExportError(f"Cannot export US dollars: {error}.") from None


class UsdColumns:
    """The export hook: adds :data:`USD_KEYS` to amounts, given as dicts or as the store's tuples."""

    def __init__(self, base_year: int | None = None) -> None:
        self.converter = usd_converter(base_year)
        self.base_year = self.converter.base_year

    def values(self, value: Any, currency: Any, record_year: Any, period_start: Any) -> tuple[Any, ...]:
        """The :data:`USD_KEYS` values of one amount."""
        usd = self.converter.convert(value, currency, conversion_year(record_year, period_start))
        return usd.year, usd.nominal, usd.constant, self.base_year, usd.reason

    def records(self, records: Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
        """Each record as a new dict whose amounts (new dicts) carry the USD keys; records without
        amounts pass through unchanged."""
        values = self.values
        for record in records:
            amounts = record.get("amounts")
            if not amounts:
                yield record
                continue
            year = record.get("year_start")
            yield {
                **record,
                "amounts": [
                    {
                        **amount,
                        **dict(
                            zip(
                                USD_KEYS,
                                values(
                                    amount.get("value"),
                                    amount.get("currency"),
                                    year,
                                    amount.get("period_start"),
                                ),
                                strict=True,
                            )
                        ),
                    }
                    for amount in amounts
                ],
            }

    def memo(
        self, text_of: Callable[[Any], Any] | None = None
    ) -> Callable[[Any, Any, int | None], tuple[Any, ...]]:
        """A function giving the :data:`USD_KEYS` values of an amount from its value, currency and
        conversion year (:func:`conversion_year`); with ``text_of``, the dollar values come as
        ``text_of(value)`` (a writer's text). The values of each distinct ``(value, currency,
        year)`` are worked out once (a bounded memo): exports repeat amounts a lot."""
        values = self.values
        memo: dict[tuple[Any, Any, Any], tuple[Any, ...]] = {}
        get = memo.get

        def usd_of(value: Any, currency: Any, year: int | None) -> tuple[Any, ...]:
            usd = get((value, currency, year))
            if usd is None:
                if len(memo) > 50_000:
                    memo.clear()
                usd = values(value, currency, year, None)
                if text_of is not None:
                    usd = (usd[0], text_of(usd[1]), text_of(usd[2]), *usd[3:])
                memo[value, currency, year] = usd
            return usd

        return usd_of


def _rows(parts: tuple[str, ...], needed: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    path = resource_path(*parts)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [name for name in needed if name not in (reader.fieldnames or ())]
            if missing:
                raise ExportError(f"{path} lacks the column(s) {', '.join(missing)}")
            yield from enumerate(reader, start=2)
    except OSError as error:
        raise ExportError(f"Cannot read the money table {path}: {error}") from error


def _number(text: str | None, parts: tuple[str, ...], line: int) -> Decimal:
    try:
        number = Decimal((text or "").strip())
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise ExportError(f"{'/'.join(parts)} line {line}: {text!r} is not a number")
    return number


def _year(text: str | None, parts: tuple[str, ...], line: int) -> int:
    try:
        return int((text or "").strip())
    except ValueError:
        raise ExportError(f"{'/'.join(parts)} line {line}: {text!r} is not a year") from None
