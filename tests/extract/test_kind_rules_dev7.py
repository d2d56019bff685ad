"""Record-kind rules of the dev7 round on real-news conventions. Texts written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from aidcurator.extract import extract


def _by_value(text: str, published: str | None = None) -> dict[int, object]:
    date = dt.date.fromisoformat(published) if published else None
    return {int(r.amounts[0].value): r for r in extract(text, published=date).records}


@pytest.mark.parametrize(
    "text",
    [
        "截至去年底，甲省共向乙省投入援助资金3.2亿元，社会捐赠资金4600多万元，实施项目210个。",
        "今年甲省向乙省下达财政援助资金5亿元，甲省社会力量另外捐助现金和物资6800万元。",
    ],
)
def test_social_giving_after_the_government_money_is_an_aggregate(text: str) -> None:
    records = _by_value(text, "2024-05-10")
    social = next(r for v, r in records.items() if v < 100_000_000)
    assert social.record_kind == "aggregate"
    government = next(r for v, r in records.items() if v >= 100_000_000)
    assert government.record_kind != "aggregate"


def test_a_donor_raising_money_through_public_giving_keeps_its_donor() -> None:
    text = "对口支援以来，杭州市还通过社会捐赠筹集了1200万元资助乙县学校重建。"
    record = _by_value(text, "2010-05-10")[12_000_000]
    assert record.record_kind != "aggregate"
    assert record.donor == "杭州市"


def test_public_giving_of_a_named_city_is_an_aggregate() -> None:
    text = "对口支援以来，杭州市社会捐赠1200万元资助某县学校重建。"
    assert _by_value(text, "2010-05-10")[12_000_000].record_kind == "aggregate"


@pytest.mark.parametrize(
    "text",
    [
        "On March 3, 2012, an official said the city had given 150 million yuan (about US$24 million) "
        "in aid to the county over the last eight years.",
        "Speaking on May 9, 2014, the envoy said the province had provided 80 million yuan (US$13 million) "
        "in aid to the region during the past six years.",
    ],
)
def test_a_running_total_cue_after_a_converted_amount_makes_it_cumulative(text: str) -> None:
    records = _by_value(text)
    record = next(r for v, r in records.items() if v in (150_000_000, 80_000_000))
    assert record.amounts[0].kind == "cumulative"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2025年甲省对口支援某州年度资金总计3.6亿元，实施项目40个。", 360_000_000),
        ("某市对口支援乙县的任务资金总量为1.2亿元。", 120_000_000),
    ],
)
def test_an_allotment_noun_with_no_verb_is_committed(text: str, value: int) -> None:
    assert _by_value(text, "2025-03-01")[value].amounts[0].kind == "committed"


def test_an_allotment_noun_keeps_a_verb_of_its_own() -> None:
    text = "2025年甲省对口支援某州年度资金已拨付3.6亿元。"
    assert _by_value(text, "2025-09-01")[360_000_000].amounts[0].kind == "spent"


def test_each_of_listed_givers_giving_a_sum_is_no_aggregate() -> None:
    text = "为支持某县发展特色种植，苏州市、无锡市、常州市今年分别出资200万元。"
    record = _by_value(text, "2024-04-01")[2_000_000]
    assert record.record_kind != "aggregate"


def test_listed_givers_with_a_joint_sum_stay_an_aggregate() -> None:
    text = "今年，苏州、无锡向某县共投入帮扶资金2000万元。"
    assert _by_value(text, "2024-04-01")[20_000_000].record_kind == "aggregate"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "The donor will give 300 million yuan to the island state to carry out several projects.",
            300_000_000,
        ),
        ("Officials said 20 million dollars would fund a series of projects in the valley.", 20_000_000),
        ("甲国向乙国提供8000万元无偿资金，用于实施一系列项目。", 80_000_000),
    ],
)
def test_money_for_several_projects_is_a_programme(text: str, value: int) -> None:
    assert _by_value(text)[value].record_kind == "programme"
