"""Round 7 of the real-text rules (amount kinds, record kinds). Texts written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from aidcurator.extract import extract


def _by_value(text: str, published: str | None = None) -> dict[int, object]:
    date = dt.date.fromisoformat(published) if published else None
    return {int(r.amounts[0].value): r for r in extract(text, published=date).records}


def test_among_them_opens_a_share() -> None:
    text = "Over 3 billion yuan of aid has been spent in the county. Among them, 1.2 billion yuan went to schools."
    assert _by_value(text)[1_200_000_000].amounts[0].kind == "share"


@pytest.mark.parametrize(
    "text",
    [
        "In the past five years, 90 billion yuan of such aid has gone to the region.",
        "The country has received aid worth 300 million euros from the donor up to October this year.",
    ],
)
def test_a_running_total_in_english_is_cumulative(text: str) -> None:
    record = next(iter(_by_value(text, "2024-11-20").values()))
    assert record.amounts[0].kind == "cumulative"


def test_the_public_giving_is_many_givers() -> None:
    text = "某市民众为灾区捐款300万元。"
    assert _by_value(text)[3_000_000].record_kind == "aggregate"


def test_a_credit_line_is_a_programme() -> None:
    text = "该国政府表示，将把向某地区提供贷款的额度提高到50亿美元。"
    assert _by_value(text)[5_000_000_000].record_kind == "programme"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("两年间，某国提供无息贷款12.5亿元，占援助总额的9.4%。", 1_250_000_000),
        ("The province gave 1.2 billion yuan, accounting for 30 percent of the total.", 1_200_000_000),
    ],
)
def test_a_percent_of_a_total_after_the_amount_makes_a_share(text: str, value: int) -> None:
    assert _by_value(text)[value].amounts[0].kind == "share"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("今年前三季度某省援藏资金已到位2.4亿元，占年度计划的80%。", 240_000_000),
        ("Aid funds in place reached 3.1 billion yuan, or 61 percent of the annual plan.", 3_100_000_000),
    ],
)
def test_a_percent_of_a_plan_is_progress_not_a_share(text: str, value: int) -> None:
    assert _by_value(text)[value].amounts[0].kind != "share"


def test_a_semicolon_chain_after_a_mid_sentence_qizhong_lists_shares() -> None:
    text = "某集团投入的820万元帮扶资金，其中700万元用于修建道路；120万元用于资助学生。"
    records = _by_value(text)
    assert records[7_000_000].amounts[0].kind == "share"
    assert records[1_200_000].amounts[0].kind == "share"


def test_the_size_of_a_plan_is_planned_and_its_first_batch_a_share() -> None:
    text = "目前，某省正制定总额度三亿元的援建计划，首批解决了学校等5个援建项目资金4200万元。"
    records = _by_value(text)
    assert records[300_000_000].amounts[0].kind == "planned"
    assert records[42_000_000].amounts[0].kind == "share"


def test_a_first_batch_alone_is_no_share() -> None:
    text = "某商会宣布捐出第一批80万元善款。"
    assert _by_value(text)[800_000].amounts[0].kind != "share"


def test_what_each_receiver_of_a_group_gets_is_no_programme() -> None:
    each = "某国政府决定向两国各提供价值800万元人民币的救灾物资。"
    group = "某国政府决定向两国提供价值800万元人民币的救灾物资。"
    assert _by_value(each)[8_000_000].record_kind != "programme"
    assert _by_value(group)[8_000_000].record_kind == "programme"


def test_aid_construction_where_a_disaster_is_named_is_reconstruction_relief() -> None:
    text = "某县地震灾区的对口援建项目已全部完成，某省投入援建资金3亿元。"
    assert _by_value(text)[300_000_000].sector == "730"


def test_aid_construction_alone_chooses_no_sector() -> None:
    text = "某省对口援建某州，投入援建资金3亿元。"
    assert _by_value(text)[300_000_000].sector is None


def test_the_years_of_a_posting_make_a_running_total() -> None:
    text = "进藏两年，某市共安排项目120个，合计投入资金6.2亿元。"
    assert _by_value(text, "2024-11-20")[620_000_000].amounts[0].kind == "cumulative"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "In 2010 the city government allocated 2 billion yuan into the earthquake rebuilding fund.",
            2_000_000_000,
        ),
        ("某省向灾区重建基金拨款3亿元。", 300_000_000),
    ],
)
def test_money_put_into_a_fund_is_a_programme(text: str, value: int) -> None:
    assert _by_value(text)[value].record_kind == "programme"


def test_pairing_reconstruction_money_is_a_programme() -> None:
    text = "据悉，某市对口援建某镇的资金总量为2.1亿元。"
    assert _by_value(text)[210_000_000].record_kind == "programme"


def test_one_named_works_of_the_pairing_stays_a_project() -> None:
    text = "江苏对口援建的伊宁县人民医院项目投入资金8000万元。"
    assert _by_value(text)[80_000_000].record_kind == "project"


@pytest.mark.parametrize(
    ("text", "value", "sector"),
    [
        ("某集团投入资金80万元帮助60名家境困难的大学生。", 800_000, "111"),
        ("某基金会募集了45万元设立助学金。", 450_000, "111"),
        ("某公司出资300万元帮助某县实施整村搬迁工程。", 3_000_000, "160"),
    ],
)
def test_student_aid_is_education_and_village_relocation_is_housing(
    text: str, value: int, sector: str
) -> None:
    assert _by_value(text)[value].sector == sector


def test_donations_of_many_kinds_are_many_givers() -> None:
    text = "工作组配合某县吸纳各种捐赠资金，筹集到3200万元用于恢复重建。"
    assert _by_value(text)[32_000_000].record_kind == "aggregate"


def test_rural_settlements_are_housing() -> None:
    text = "Some 7000 rural settlements were put up for farmers at an expense of 120 million yuan."
    assert _by_value(text)[120_000_000].sector == "160"


def test_a_sector_tie_over_the_sentence_goes_to_the_hit_nearest_the_amount() -> None:
    text = "在对口支援地震受灾的某县期间，甲省已建成援建项目7个，完成的实物工作量约4.2亿元。"
    assert _by_value(text)[420_000_000].sector == "730"
