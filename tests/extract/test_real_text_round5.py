"""Round 5 of the real-text rules (records): donors named earlier in the paragraph, enterprise donors
and other left-overs. Texts written for the tests."""

from __future__ import annotations

import datetime as dt

from aidcurator.extract import extract


def _by_value(text: str, published: str | None = None) -> dict[int, object]:
    date = dt.date.fromisoformat(published) if published else None
    return {int(r.amounts[0].value): r for r in extract(text, published=date).records}


def test_a_clause_without_a_place_gives_for_the_place_its_paragraph_names() -> None:
    text = (
        "香港多个团体发起募捐：某慈善会宣布捐出二百万元；某工会捐赠三十万元。\n"
        "在澳门，特区政府拨款五千万元人民币支援灾区。澳门各界继续捐款。"
    )
    records = _by_value(text)
    assert records[300_000].donor == "香港特别行政区"
    assert records[2_000_000].donor == "香港特别行政区"


def test_a_listed_donor_does_not_stand_for_a_later_clause() -> None:
    text = "其中湖南、浙江资金到位已超额完成计划；援疆项目累计到位资金达80亿元。"
    assert _by_value(text)[8_000_000_000].donor is None


def test_an_office_named_after_a_city_is_a_channel_not_the_recipient() -> None:
    text = "四川发生地震。某同乡会捐出二百万港元，透过特区政府驻北京办事处赈济灾民。"
    assert _by_value(text)[2_000_000].recipient == "四川省"


def test_donors_listed_in_the_previous_sentence_are_a_group() -> None:
    text = (
        "浙江省援建的学校已经开学。今年江苏、浙江两省对口支援我省的资金全部落实。"
        "帮扶资金共计6.4亿元，其中教育2.1亿元。"
    )
    records = _by_value(text)
    assert records[640_000_000].donor is None
    assert records[210_000_000].donor is None


def test_a_place_written_with_pinyin_residue_is_still_found() -> None:
    text = "上海市累计援助萬(wàn)州区各类项目资金12.5亿元。"
    assert _by_value(text)[1_250_000_000].recipient == "万州区"


def test_cash_aid_given_as_disaster_relief_is_emergency_response() -> None:
    text = "为帮助该国开展救灾工作，中国政府向斐济提供300万美元现汇援助。"
    assert _by_value(text)[3_000_000].sector == "720"


def test_an_announced_gift_is_committed() -> None:
    text = "四川发生地震后，某商会宣布捐赠八十万元支持灾区。"
    assert _by_value(text)[800_000].amounts[0].kind == "committed"


def test_a_programme_total_with_no_giver_goes_to_the_programme_region() -> None:
    text = (
        "截至6月底，今年援疆资金新到位20亿元。山东、河南、湖北等省市项目全部开工。"
        "江苏省对口支援伊犁州的项目全部开工，伊犁州新建学校12所，伊犁州新建医院3所。"
    )
    record = _by_value(text)[2_000_000_000]
    assert (record.donor, record.recipient) == (None, "新疆维吾尔自治区")


def test_an_enterprise_opening_a_row_of_a_per_donor_table_gives() -> None:
    text = (
        "2000年以来，天津市对口援藏项目210个、援藏资金12.6亿元；"
        "某钢铁集团(现为某宝集团)对口援藏项目40个、援藏资金1.1亿元；某能源公司对口支援项目9个、资金3000万元。"
    )
    records = _by_value(text)
    assert records[1_260_000_000].donor == "天津市"
    assert records[110_000_000].donor == "某钢铁集团"
    assert records[30_000_000].donor == "某能源公司"


def test_an_aid_package_is_a_programme() -> None:
    text = "China has sent medical supplies worth 60 million yuan to the tsunami-hit countries."
    assert _by_value(text)[60_000_000].record_kind == "programme"
    text = "Over 12 billion yuan was given in grants and 9 billion yuan in interest-free loans."
    assert {r.record_kind for r in _by_value(text).values()} == {"programme"}
    text = "三年间，中国向该地区提供无息贷款15亿元人民币。"
    assert _by_value(text)[1_500_000_000].record_kind == "programme"


def test_a_trade_union_giving_is_not_trade() -> None:
    text = "After the quake in Gansu province, the Hong Kong Federation of Trade Unions gave HK$400,000."
    assert _by_value(text)[400_000].sector != "331"


def test_a_region_wide_programme_total_needs_many_named_givers() -> None:
    text = "今年援疆资金到位2亿元。江苏省对口支援伊犁州，伊犁州新建学校12所，伊犁州新建医院3所。"
    assert _by_value(text)[200_000_000].recipient != "新疆维吾尔自治区"
