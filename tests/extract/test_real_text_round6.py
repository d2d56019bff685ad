"""Round 6 of the real-text rules (amount kinds, record kinds): pairing funds named after the
recipient province, several donations counted as one sum, multi-year totals with 共, and others.
Texts written for the tests."""

from __future__ import annotations

import datetime as dt

from aidcurator.extract import extract


def _by_value(text: str, published: str | None = None) -> dict[int, object]:
    date = dt.date.fromisoformat(published) if published else None
    return {int(r.amounts[0].value): r for r in extract(text, published=date).records}


def test_pairing_funds_named_after_any_recipient_province_are_a_programme() -> None:
    text = "2019年，某省财政安排援滇资金1.5亿元，支持结对县发展。"
    assert _by_value(text)[150_000_000].record_kind == "programme"


def test_a_district_level_fund_is_a_programme() -> None:
    text = "某区到位区级资金3.4亿元。"
    assert _by_value(text)[340_000_000].record_kind == "programme"


def test_several_donations_counted_as_one_sum_are_an_aggregate() -> None:
    text = "昨日又有三笔总额六百万元的善款送到联络办，将转交灾区。"
    assert _by_value(text)[6_000_000].record_kind == "aggregate"


def test_a_multi_year_total_with_gong_is_cumulative() -> None:
    text = "2021年至2024年，该国共向周边国家提供援助资金30亿元。"
    assert _by_value(text, "2024-12-01")[3_000_000_000].amounts[0].kind == "cumulative"


def test_a_single_year_with_gong_stays_spent() -> None:
    text = "2023年，该省共投入帮扶资金3亿元。"
    assert _by_value(text, "2024-03-01")[300_000_000].amounts[0].kind == "spent"
