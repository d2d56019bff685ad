"""Donor, recipient and year rules of helper dev9 (real-news round rn163-rn182): short names of
multilateral lenders, several loans of one lender, and further cases below. Texts written for the tests
(invented projects and figures)."""

from __future__ import annotations

import datetime as dt

from aidcurator.extract import extract


def _by_value(text: str, published: str | None = None) -> dict[int, object]:
    date = dt.date.fromisoformat(published) if published else None
    return {int(r.amounts[0].value): r for r in extract(text, published=date).records}


def test_a_project_that_obtains_a_loan_of_the_short_named_bank_has_it_as_donor() -> None:
    records = _by_value("甲区污水处理工程获世行贷款8000万美元，乙县供水工程则获亚行贷款5000万美元。")
    assert records[80_000_000].donor == "世界银行"
    assert records[50_000_000].donor == "亚洲开发银行"


def test_several_loans_of_one_lender_keep_the_lender_as_donor() -> None:
    record = _by_value("世界银行日前同意向中国发放两笔合计4亿美元的贷款，用于某流域治理。")[400_000_000]
    assert (record.donor, record.recipient) == ("世界银行", "中国")
    assert record.record_kind.value != "aggregate"


def test_many_givers_still_make_an_aggregate_without_a_lender() -> None:
    record = _by_value("某市各界人士为灾区捐款两笔共300万元。")[3_000_000]
    assert record.record_kind.value == "aggregate"


def test_a_central_ministry_that_arranges_money_for_a_county_is_the_donor() -> None:
    record = _by_value("农业农村部拨付专项资金260万元，支持泽库县某合作社建设饲草基地。")[2_600_000]
    assert (record.donor, record.recipient) == ("农业农村部", "泽库县")


def test_a_central_bank_gives_also_the_later_clause_of_its_sentence() -> None:
    records = _by_value("人民银行为泽库县某乡小学援建教学楼，投入帮扶资金280万元；另捐资15万元添置图书。")
    assert records[2_800_000].donor == "人民银行"
    assert records[150_000].donor == "人民银行"


def test_a_ministry_s_department_is_no_ministry() -> None:
    record = _by_value("商务部门安排资金500万元用于泽库县电商服务站。")[5_000_000]
    assert record.donor != "商务部"


def test_a_ministry_giving_abroad_acts_for_china() -> None:
    record = _by_value("商务部向尼泊尔提供500万元援助。")[5_000_000]
    assert (record.donor, record.recipient) == ("中国", "尼泊尔")


def test_the_county_level_city_of_tongren_in_huangnan() -> None:
    record = _by_value("某银行捐资30万元，为同仁市某中学配备教具。")[300_000]
    assert record.recipient == "同仁市"


def test_a_place_after_to_and_a_relative_clause_receives() -> None:
    record = _by_value("台湾某基金会日前宣布向遭受洪灾的福建省捐赠8万美元赈灾款。")[80_000]
    assert (record.donor, record.recipient) == ("台湾省", "福建省")


def test_a_place_that_gives_after_its_name_still_gives() -> None:
    record = _by_value("天津市累计拨付协作资金2亿元，用于甘肃省产业。")[200_000_000]
    assert record.donor == "天津市"


def test_the_colloquial_name_of_the_kyat() -> None:
    record = _by_value("2009年3月5日，某使馆向缅甸政府捐赠了2,345,600缅币的救灾款。")[2_345_600]
    assert record.amounts[0].currency == "MMK"


def test_an_embassy_and_chinese_firms_abroad_give_for_china() -> None:
    text = "甲大使代表驻缅甸使馆及当地中资企业，向缅甸政府捐出1,200,000缅币救灾款。"
    record = _by_value(text)[1_200_000]
    assert (record.donor, record.recipient) == ("中国", "缅甸")


def test_a_foreign_embassy_in_china_is_no_chinese_giver() -> None:
    record = _by_value("日本驻华大使馆向四川省捐赠了50万元。")[500_000]
    assert record.donor == "日本"


def test_a_month_date_leads_its_whole_semicolon_list_despite_a_later_item_s_start_word() -> None:
    text = "截至5月31日，某地续建项目全部复工；新开工项目48个；已拨付援助资金3.2亿元。"
    assert _by_value(text, "2015-06-20")[320_000_000].year_start == 2015


def test_a_later_stage_in_the_date_s_own_item_still_gives_no_year() -> None:
    text = "1月12日，某县医院正式启用，该院由某市投入援助资金6000万元建设。"
    assert _by_value(text, "2015-06-20")[60_000_000].year_start is None


def test_this_year_leading_the_paragraph_agrees_with_a_later_month_date() -> None:
    text = "今年，某地计划实施项目30个。整个十三五期间，投资将超100亿元。截至4月30日，续建项目基本复工；已拨付援助资金2.5亿元。"
    assert _by_value(text, "2016-06-07")[250_000_000].year_start == 2016


def test_the_fund_the_money_is_taken_out_of_names_no_receiver() -> None:
    text = "某日云南鲁甸县发生地震。某基金会决定从玉树项目中调拨150万元，用于鲁甸地震救灾。"
    record = _by_value(text, "2014-08-05")[1_500_000]
    assert record.recipient == "鲁甸县"


def test_yuan_before_new_taiwan_dollars_is_one_currency() -> None:
    record = _by_value("某集团向福建灾民捐赠价值300萬元新臺幣的盒饭。")[3_000_000]
    assert record.amounts[0].currency == "TWD"


def test_a_scale_word_written_onto_the_number() -> None:
    mentions = extract("An additional Sh3.1 billion (210million Yuan) is for relief.").mentions
    assert any(m.text == "210million Yuan" for m in mentions)


def test_a_donor_country_signing_a_loan_with_china_lends_to_china() -> None:
    record = _by_value("Japan signed a loan agreement worth 12 billion yen with China for a sewage plant.")[
        12_000_000_000
    ]
    assert (record.donor, record.recipient) == ("日本", "中国")


def test_a_donor_country_that_agrees_to_lend_china() -> None:
    record = _by_value("The German government agreed to lend China 40 million euros for forest work.")[
        40_000_000
    ]
    assert (record.donor, record.recipient) == ("德国", "中国")


def test_a_chinese_loan_agreement_signed_with_china() -> None:
    record = _by_value("日本政府与我国签署了总额为150亿日元的贷款协议。")[15_000_000_000]
    assert (record.donor, record.recipient) == ("日本", "中国")


def test_a_receiving_country_signing_with_china_still_receives() -> None:
    record = _by_value("Laos signed a grant agreement worth 300 million yuan with China.")[300_000_000]
    assert (record.donor, record.recipient) == ("中国", "老挝")


def test_the_one_character_name_of_a_receiving_province_in_the_programme_word() -> None:
    assert _by_value("今年上半年，某市到位援滇资金6亿元。", "2023-07-01")[600_000_000].recipient == "云南省"
    assert _by_value("某省今年安排援黔资金9亿元。", "2023-07-01")[900_000_000].recipient == "贵州省"


def test_our_country_s_government_gives_for_china() -> None:
    record = _by_value("汤加遭遇飓风。我国政府向汤加提供价值800万元人民币的救灾物资。")[8_000_000]
    assert (record.donor, record.recipient) == ("中国", "汤加")
