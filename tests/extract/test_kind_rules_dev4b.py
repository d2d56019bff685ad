"""Amount and record kinds found on the dev4b real-news passages, as general rules. Texts written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from aidcurator.domain import MentionKind
from aidcurator.extract import extract, find_quantities


def _by_value(text: str, published: str | None = "2024-06-01") -> dict[int, object]:
    date = dt.date.fromisoformat(published) if published else None
    return {int(r.amounts[0].value): r for r in extract(text, published=date).records}


def test_parts_a_total_is_divided_into_are_shares() -> None:
    text = (
        "At the meeting the country promised support worth $9 billion. The $9 billion was divided into "
        "$2 billion of grants, $4 billion of loans and $3 billion for a fund."
    )
    records = _by_value(text)
    assert [records[v].amounts[0].kind for v in (2_000_000_000, 4_000_000_000, 3_000_000_000)] == [
        "share"
    ] * 3


def test_to_the_present_makes_a_running_total() -> None:
    text = "Aid to the country began in 1985, and from that time to the present about 2 billion euros have been given."
    assert _by_value(text)[2_000_000_000].amounts[0].kind == "cumulative"


def test_money_applied_for_is_planned() -> None:
    text = "某师今年计划建设援疆项目6个，总投资8000万元，申请使用援疆资金5200万元。"
    assert _by_value(text, "2023-05-01")[52_000_000].amounts[0].kind == "planned"


def test_to_the_end_of_a_year_and_a_total_word_make_a_running_total() -> None:
    text = "至2020年末，某省共向某县提供援助资金3.6亿元。"
    assert _by_value(text)[360_000_000].amounts[0].kind == "cumulative"


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        (
            "The finance minister signed a loan agreement with the bank, worth US$50 million, for a road.",
            50_000_000,
            "committed",
        ),
        (
            "At the forum the country pledged new support to the region, worth $2 billion.",
            2_000_000_000,
            "committed",
        ),
        (
            "The agency will offer a fresh package to the province, valued at 30 million euros.",
            30_000_000,
            "planned",
        ),
    ],
)
def test_worth_after_a_comma_gives_the_value_of_the_main_clause(text: str, value: int, kind: str) -> None:
    assert _by_value(text)[value].amounts[0].kind == kind


def test_worth_without_another_cue_stays_spent() -> None:
    text = "The embassy handed over relief goods, worth 2 million yuan, to the Red Cross."
    assert _by_value(text)[2_000_000].amounts[0].kind == "spent"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "The two governments agreed that a total of 80 billion yen would be provided in 2025 and 2026.",
            80_000_000_000,
        ),
        ("2025年至2027年，某省共计划安排援藏资金12亿元。", 1_200_000_000),
    ],
)
def test_a_total_over_years_to_come_is_planned(text: str, value: int) -> None:
    assert _by_value(text, "2024-12-01")[value].amounts[0].kind == "planned"


def test_a_total_over_past_years_stays_cumulative() -> None:
    text = "2019年至2021年，某省共计投入援藏资金12亿元。"
    assert _by_value(text)[1_200_000_000].amounts[0].kind == "cumulative"


def test_parts_that_add_up_to_a_programme_are_the_programme_s() -> None:
    text = "2019年，某省向某县投入帮扶资金9亿元。省级财政资金4亿元，市县资金3亿元，社会捐助2亿元。"
    records = _by_value(text, "2022-01-01")
    assert records[900_000_000].record_kind == "programme"
    assert [records[v].record_kind for v in (400_000_000, 300_000_000)] == ["programme", "programme"]


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "The bank approved a loan of 80 million dollars for the port. The project has a total investment of "
            "130 million dollars.",
            130_000_000,
        ),
        ("某国银行将向该公路项目提供2000万美元贷款。这条公路总投资约3500万美元。", 35_000_000),
        (
            "The country granted 2 million dollars for a bridge which has a total project cost of "
            "5 million dollars.",
            5_000_000,
        ),
    ],
)
def test_a_project_s_total_cost_after_its_loan_or_grant_is_no_record(text: str, total: int) -> None:
    assert total not in _by_value(text)


def test_a_total_investment_received_is_aid() -> None:
    text = "Over the past five years, the region has received a total investment of 80 billion yuan in aid."
    assert 80_000_000_000 in _by_value(text)


def test_a_total_investment_with_no_earlier_aid_stays_a_record() -> None:
    text = "某省对口援建的某县人民医院项目总投资1.2亿元。"
    assert 120_000_000 in _by_value(text)


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        ("某县去年投入扶贫资金5000万元，其中对口帮扶资金1200万元，群众自筹800万元。", 12_000_000, 8_000_000),
        (
            "The bank will lend 90 million dollars for the road; it will also get 40 million dollars from the "
            "provincial government.",
            90_000_000,
            40_000_000,
        ),
        ("某县引进对口帮扶资金3000万元。两年来引进企业15家，投资金额6.5亿元。", 30_000_000, 650_000_000),
    ],
)
def test_own_money_co_financing_and_firms_investment_are_no_records(
    text: str, kept: int, dropped: int
) -> None:
    records = _by_value(text)
    assert kept in records
    assert dropped not in records


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("某县引入合作项目超300个。", ("300个", 300, "projects")),
        ("今年实施6个对口帮扶整村推进，覆盖贫困户。", ("6个对口帮扶整村推进", 6, "projects")),
        ("The grant built about 12 new berths for fishing boats.", ("12 new berths", 12, "facilities")),
        (
            "The county trained farmers for 1280 person-times last year.",
            ("1280 person-times", 1280, "people"),
        ),
        ("The plants gave work to 3,500 labors from the villages.", ("3,500 labors", 3500, "people")),
        ("晚会吸引了二十多位爱心人士参加。", ("二十多位爱心人士", 20, "people")),
    ],
)
def test_count_words_of_the_dev4b_passages(text: str, expected: tuple[str, int, str]) -> None:
    counts = [(m.text, int(m.value), m.what) for m in find_quantities(text) if m.kind is MentionKind.COUNT]
    assert expected in counts


def test_later_items_of_a_chinese_list_keep_the_first_item_s_kind() -> None:
    text = "至2015年末，某国共向该国提供了300亿日元贷款、20亿日元的赠款和15亿日元的技术合作资金。"
    records = _by_value(text, "2018-01-01")
    assert [records[v].amounts[0].kind for v in (30_000_000_000, 2_000_000_000, 1_500_000_000)] == [
        "cumulative"
    ] * 3


def test_a_list_item_after_a_share_opener_is_a_share() -> None:
    text = "某省投入援疆资金10亿元，其中教育4亿元、医疗3亿元和产业3亿元。"
    records = _by_value(text)
    assert [records[v].amounts[0].kind for v in (400_000_000, 300_000_000)] == ["share", "share"]


def test_all_supporting_provinces_make_an_aggregate() -> None:
    text = "十四五以来，各支援省市累计在移民区安排民生资金3.2亿元，实施项目120个。"
    assert _by_value(text, "2025-03-01")[320_000_000].record_kind == "aggregate"


def test_the_value_of_the_total_is_no_share() -> None:
    text = "Under the deal, the value of the total assistance comes to 300 million yuan."
    assert _by_value(text)[300_000_000].amounts[0].kind != "share"


def test_an_equivalent_after_a_currency_note_is_a_conversion() -> None:
    text = "某会共收到捐款2000万元(新台币,下同),相当于约450万元人民币。"
    records = extract(text, published=dt.date(2020, 1, 1)).records
    assert len(records) == 1
    assert {a.currency for a in records[0].amounts} == {"TWD", "CNY"}


def test_a_long_first_line_is_a_lead_not_a_headline() -> None:
    lead = (
        "CAPITAL, May 2 (Agency) -- The country will provide 8 million dollars to the neighbouring island "
        "state for its new water works, the foreign minister told reporters after the talks on Monday."
    )
    text = (
        lead
        + "\nThe country has also honored its 2019 promise to provide 8 million dollars for schools there."
    )
    kinds = sorted(r.amounts[0].kind for r in extract(text, published=dt.date(2021, 5, 2)).records)
    assert kinds == ["committed", "planned"]


def test_a_short_headline_figure_is_the_body_s() -> None:
    text = "Country gives 8 million dollars to island\nThe country has provided 8 million dollars for schools there."
    assert len(extract(text, published=dt.date(2021, 5, 2)).records) == 1


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The government will provide 40 million dollars in food aid to African countries.", 40_000_000),
        (
            "The country has kept its promise to provide Africa with support totaling 3 billion dollars.",
            3_000_000_000,
        ),
        ("中方将向太平洋岛国提供2000万元人民币紧急援助。", 20_000_000),
    ],
)
def test_aid_to_a_continent_or_group_of_countries_is_a_programme(text: str, value: int) -> None:
    assert _by_value(text)[value].record_kind == "programme"


def test_a_donorless_total_for_qinghai_is_an_aggregate() -> None:
    text = "Since pairing aid to Qinghai started in 2010, more than 9 billion yuan of aid funds have been put into the province."
    assert _by_value(text, "2018-01-01")[9_000_000_000].record_kind == "aggregate"


def test_aid_a_receiver_brought_in_from_unnamed_donors_is_an_aggregate() -> None:
    text = "截至2023年底，某移民区累计引进对口支援资金120亿元。"
    assert _by_value(text)[12_000_000_000].record_kind == "aggregate"


def test_aid_brought_in_from_a_named_donor_keeps_its_donor() -> None:
    text = "2023年，阿克苏市引进浙江省援疆资金3亿元，用于学校建设。"
    record = _by_value(text)[300_000_000]
    assert record.donor == "浙江省"
    assert record.record_kind != "aggregate"


def test_a_headline_figure_takes_the_body_s_record_kind() -> None:
    text = (
        "某省定点帮扶成效显著\n累计投入帮扶资金3.5亿元\n"
        "记者获悉，2022年，20家中央单位在我省开展定点帮扶工作，累计投入帮扶资金3.5亿元，实施项目80个。"
    )
    records = extract(text, published=dt.date(2023, 2, 1)).records
    assert len(records) == 1
    assert records[0].record_kind == "aggregate"


def test_a_decision_opening_a_list_of_grants_commits_every_item() -> None:
    text = "行政长官宣布由特区政府拨款5000万元、某基金会拨款800万元支援灾区。"
    records = _by_value(text)
    assert [records[v].amounts[0].kind for v in (50_000_000, 8_000_000)] == ["committed", "committed"]


def test_a_decision_in_an_earlier_clause_does_not_reach_past_a_comma() -> None:
    text = "政府决定拨款5000万元，目前已拨付2000万元，某基金会捐出800万元。"
    assert _by_value(text)[8_000_000].amounts[0].kind == "spent"


@pytest.mark.parametrize(
    ("text", "old", "new", "kind"),
    [
        ("某国拟将向该地区提供贷款的额度从50亿美元提高到80亿美元。", 5_000_000_000, 8_000_000_000, "planned"),
    ],
)
def test_the_level_before_a_raise_is_no_record(text: str, old: int, new: int, kind: str) -> None:
    records = _by_value(text)
    assert old not in records
    assert records[new].amounts[0].kind == kind


@pytest.mark.parametrize(
    ("text", "dropped"),
    [
        ("2020年，中央下达该省财政专项扶贫资金50亿元，某市投入对口帮扶资金3亿元。", 5_000_000_000),
        ("Chinese firms said their investments in the region exceeded 9 billion dollars.", 9_000_000_000),
    ],
)
def test_domestic_poverty_funds_and_firms_investments_are_no_records(text: str, dropped: int) -> None:
    assert dropped not in _by_value(text)


def test_a_dated_level_before_a_raise_stays_a_record() -> None:
    text = "2018年，某市决定把对口援助资金由2015年的0.8亿元提高到1.5亿元。"
    assert set(_by_value(text, "2018-06-01")) == {80_000_000, 150_000_000}


def test_a_total_over_a_period_still_running_is_a_budget() -> None:
    text = "2016至2020年，某市共计安排帮扶资金15亿元。"
    assert _by_value(text, "2017-12-01")[1_500_000_000].amounts[0].kind == "committed"


def test_spending_over_several_years_up_to_this_year_is_a_running_total() -> None:
    text = "2016—2017年，某市向某县投入帮扶资金3亿元。"
    assert _by_value(text, "2017-12-01")[300_000_000].amounts[0].kind == "cumulative"


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        ("某省今年投入帮扶资金1.2亿元，重点帮扶县按每县3000万元安排。", 120_000_000, 30_000_000),
        ("某县完成项目合同金额8亿元，对口支援投入援助资金2亿元。", 200_000_000, 800_000_000),
        ("某市开展消费帮扶1.5亿元，投入财政援助资金3亿元。", 300_000_000, 150_000_000),
        ("引导落地企业20家，到位投资12亿元；援建资金到位3亿元。", 300_000_000, 1_200_000_000),
    ],
)
def test_rates_contracts_purchases_and_firms_money_are_no_records(text: str, kept: int, dropped: int) -> None:
    records = _by_value(text)
    assert kept in records
    assert dropped not in records


def test_a_rate_in_brackets_after_a_total_keeps_the_total() -> None:
    text = "今年某省18个县将投入5400万元（每县300万元）用于新村建设。"
    assert 54_000_000 in _by_value(text)


@pytest.mark.parametrize(
    "text",
    [
        "中国政府决定再向某国提供两批紧急援助：一是提供价值1500万元人民币的物资，二是派遣医疗队。",
        "中国政府决定再向某国提供两批紧急援助：\n一是提供价值1500万元人民币的物资；\n二是派遣医疗队。",
    ],
)
def test_items_of_a_decided_list_are_committed(text: str) -> None:
    assert _by_value(text)[15_000_000].amounts[0].kind == "committed"


def test_aid_to_a_counted_number_of_counties_is_a_programme() -> None:
    text = "今年，某省12个县将对某州12县率先投入3600万元，用于新村建设。"
    assert _by_value(text)[36_000_000].record_kind == "programme"
