"""US dollars at export (issue 14): the shipped tables, nominal and constant values, reasons."""

from __future__ import annotations

import csv
import json
import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import openpyxl
import pandas as pd
import pytest

from aidcurator.domain.money import MoneyTables, UsdConverter
from aidcurator.export import ExportError, write_record_tuples, write_records
from aidcurator.export.usd import USD_KEYS, money_tables
from aidcurator.resources import resource_path

# Figures read from the shipped tables (ECB reference rates; BLS CPI-U annual averages).
CNY_2014, CNY_2019 = Decimal("6.161199"), Decimal("6.911383")
CPI_2014, CPI_2019, CPI_2025 = Decimal("236.736"), Decimal("255.657"), Decimal("321.943")


def _table(name: str) -> list[dict[str, str]]:
    with resource_path("money", name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _round(value: Fraction) -> int:
    """Whole dollars, halves up (the values here are positive)."""
    return math.floor(value + Fraction(1, 2))


def _record(record_id: int, value: str, currency: str, year: int | None, **amount: Any) -> dict[str, Any]:
    return {
        "record_id": record_id,
        "title": f"项目 {record_id}",
        "year_start": year,
        "year_end": year,
        "amounts": [{"text": f"{value} {currency}", "value": Decimal(value), "currency": currency, **amount}],
        "evidence": [],
    }


def test_the_shipped_tables_pin_two_known_years():
    rates = {(r["currency"], int(r["year"])): Decimal(r["units_per_usd"]) for r in _table("usd_rates.csv")}
    deflator = {int(r["year"]): Decimal(r["index"]) for r in _table("us_deflator.csv")}
    assert rates["CNY", 2014] == CNY_2014
    assert rates["CNY", 2019] == CNY_2019
    assert deflator[2014] == CPI_2014
    assert deflator[2019] == CPI_2019
    # Independent check: the ECB's own annual averages of the euro rates (2014: 1.3285 USD and
    # 8.1857 CNY per euro; 2019: 1.1195 and 7.7355) give nearly the same cross rate.
    assert abs(CNY_2014 - Decimal("8.1857") / Decimal("1.3285")) < Decimal("0.005")
    assert abs(CNY_2019 - Decimal("7.7355") / Decimal("1.1195")) < Decimal("0.005")
    loaded = money_tables()
    assert loaded.rates["CNY", 2014] == CNY_2014
    assert loaded.deflator[2019] == CPI_2019
    assert all(r["source"] for r in _table("usd_rates.csv"))
    # a peg is its rate times the anchor's (unrounded) annual average
    assert abs(rates["XOF", 2014] - Decimal("655.957") * rates["EUR", 2014]) < Decimal("0.0004")


def test_a_cny_2014_record_exports_nominal_and_constant_usd(tmp_path):
    nominal = _round(Fraction(100_000_000) / Fraction(CNY_2014))
    constant_2019 = _round(
        Fraction(100_000_000) * Fraction(CPI_2019) / (Fraction(CNY_2014) * Fraction(CPI_2014))
    )
    constant_2025 = _round(
        Fraction(100_000_000) * Fraction(CPI_2025) / (Fraction(CNY_2014) * Fraction(CPI_2014))
    )
    assert (nominal, constant_2019, constant_2025) == (16_230_607, 17_527_830, 22_072_394)
    records = [_record(1, "100000000", "CNY", 2014)]

    frame = pd.read_csv(
        write_records(records, tmp_path / "r.csv", "csv", usd_base_year=2019), dtype=str, encoding="utf-8-sig"
    )
    row = frame.iloc[0]
    assert row["amount_value"] == "100000000"  # the curated amount stays as it was
    assert row["amount_currency"] == "CNY"
    assert (row["amount_usd_year"], row["amount_usd_nominal"]) == ("2014", str(nominal))
    assert (row["amount_usd_constant"], row["amount_usd_base_year"]) == (str(constant_2019), "2019")
    assert pd.isna(row["amount_usd_reason"])

    data = json.loads((write_records(records, tmp_path / "r.json", "json")).read_text(encoding="utf-8"))
    amount = data[0]["amounts"][0]
    assert amount["value"] == 100_000_000
    assert amount["usd_nominal"] == nominal
    assert (amount["usd_constant"], amount["usd_base_year"]) == (constant_2025, 2025)  # default base
    assert amount["usd_reason"] is None

    sheet = openpyxl.load_workbook(write_records(records, tmp_path / "r.xlsx", "xlsx")).active
    header = [c.value for c in sheet[1]]
    values = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert values["amount_usd_nominal"] == nominal
    assert values["amount_usd_constant"] == constant_2025


def test_every_amount_of_a_record_gets_usd_in_json(tmp_path):
    record = _record(1, "100000000", "CNY", 2019)
    record["amounts"].append({"text": "5 USD", "value": Decimal(5), "currency": "USD"})
    data = json.loads(write_records([record], tmp_path / "r.json", "json").read_text(encoding="utf-8"))
    first, second = data[0]["amounts"]
    assert first["usd_nominal"] == _round(Fraction(100_000_000) / Fraction(CNY_2019))
    assert (second["usd_nominal"], second["usd_year"]) == (5, 2019)
    assert set(USD_KEYS) <= set(second)


@pytest.mark.parametrize(
    ("currency", "year", "reason"),
    [
        ("MOP", 1998, "no rate for MOP 1998"),  # before the tables start
        ("KES", 2014, "no rate for KES 2014"),  # a currency the tables lack
        ("CNY", 2005, "no rate for CNY 2005"),  # the ECB quotes CNY only from April 2005
        ("CNY", None, "no year"),
        ("unknown", 2014, "unknown currency"),
    ],
)
def test_an_amount_without_a_rate_exports_empty_usd_with_its_reason(tmp_path, currency, year, reason):
    records = [_record(1, "1000", currency, year)]
    path = write_records(records, tmp_path / "r.csv", "csv")
    row = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig").iloc[0]
    assert row["amount_value"] == "1000"
    assert (row["amount_usd_nominal"], row["amount_usd_constant"]) == ("", "")
    assert row["amount_usd_reason"] == reason


def test_usd_needs_no_rate_but_constant_dollars_need_a_year():
    converter = UsdConverter(money_tables(), 2019)
    no_year = converter.convert(Decimal("12.5"), "USD", None)
    assert (no_year.nominal, no_year.constant, no_year.reason) == (Decimal(13), None, "no year")
    dated = converter.convert(Decimal(1000), "usd", 2014)
    assert dated.constant == _round(Fraction(1000) * Fraction(CPI_2019) / Fraction(CPI_2014))


def test_a_record_without_a_year_uses_its_amounts_period(tmp_path):
    records = [_record(1, "100000000", "CNY", None, period_start=2014)]
    row = pd.read_csv(
        write_records(records, tmp_path / "r.csv", "csv"), dtype=str, encoding="utf-8-sig"
    ).iloc[0]
    assert (row["amount_usd_year"], row["amount_usd_nominal"]) == ("2014", "16230607")


def test_the_store_tuple_path_adds_the_same_columns(tmp_path):
    keys = ("record_id", "title", "year_start")
    amount = (7, "1亿元", Decimal(100_000_000), None, "CNY", "exact", "committed", None, None, None)
    chunks = [
        [((1, "项目", 2014), [amount], []), ((2, "无金额", 2014), [], []), ((3, "无年", None), [amount], [])]
    ]
    path = write_record_tuples(keys, chunks, tmp_path / "r.csv", "csv", usd_base_year=2019)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert list(frame["amount_usd_nominal"]) == ["16230607", "", ""]
    assert list(frame["amount_usd_constant"]) == ["17527830", "", ""]
    assert list(frame["amount_usd_reason"]) == ["", "", "no year"]
    assert list(frame["n_amounts"]) == ["1", "0", "1"]


def test_a_base_year_without_a_deflator_is_refused_before_writing(tmp_path):
    target = tmp_path / "r.csv"
    with pytest.raises(ExportError, match="base year 1800"):
        write_records([_record(1, "1", "CNY", 2014)], target, "csv", usd_base_year=1800)
    assert not target.exists()


def test_the_rules_need_no_shipped_table():
    tables = MoneyTables(
        rates={("EUR", 2020): Decimal("0.8")}, deflator={2020: Decimal(100), 2021: Decimal(110)}
    )
    usd = UsdConverter(tables).convert(Decimal("2"), "EUR", 2020)
    assert (usd.nominal, usd.constant, usd.reason) == (Decimal(3), Decimal(3), None)  # 2.5 → 3, 2.75 → 3
    late = UsdConverter(tables).convert(Decimal("1"), "USD", 2022)
    assert (late.nominal, late.constant, late.reason) == (Decimal(1), None, "no deflator for 2022")
