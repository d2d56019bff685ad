"""Round 4 of the real-text rules (records): Hong Kong and Macao give to the mainland, group donors,
not-aid totals and kind cues. Texts written for the tests."""

from __future__ import annotations

from aidcurator.extract import extract


def _by_value(text: str, published: str | None = None) -> dict[int, object]:
    import datetime as dt

    date = dt.date.fromisoformat(published) if published else None
    return {int(r.amounts[0].value): r for r in extract(text, published=date).records}


def test_hong_kong_gives_in_an_english_report_and_the_quake_province_receives() -> None:
    text = (
        "Residents of Gansu province were hit by the quake. "
        "The Hong Kong Teachers Union gave HK$500,000 and a Hong Kong shipping firm donated HK$2 million."
    )
    records = extract(text).records
    assert [r.donor for r in records] == ["香港特别行政区", "香港特别行政区"]
    assert all(r.recipient == "甘肃省" for r in records)


def test_a_region_of_china_never_gives_to_china() -> None:
    records = extract("香港市民通过中国红十字会捐出300万港元。").records
    assert [(r.donor, r.recipient) for r in records] == [("香港特别行政区", None)]


def test_a_portfolio_total_investment_is_no_aid_but_a_projects_total_is() -> None:
    text = "今年共安排援建项目120个，总投资18.5亿元，其中援助资金6.2亿元。"
    assert sorted(_by_value(text)) == [620_000_000]
    assert sorted(_by_value("该援建项目总投资3亿元，由江苏负责建设。")) == [300_000_000]


def test_agreement_amounts_and_firms_investment_are_no_aid() -> None:
    text = "双方签订合作项目30个，协议总金额为52.3亿元。"
    assert _by_value(text) == {}


def test_pinyin_residue_does_not_hide_a_cue_word() -> None:
    text = "全州地區(qū)生產(chǎn)總值從2010年的5.5億元增長(zhǎng)到2020年的18.2億元。"
    assert _by_value(text) == {}


def test_beijing_giving_to_a_foreign_country_is_china() -> None:
    text = "The foreign minister said Beijing would write off loans to Zambia worth US$15 million."
    assert [(r.donor, r.recipient) for r in extract(text).records] == [("中国", "赞比亚")]


def test_the_drc_has_its_full_chinese_name() -> None:
    records = extract("中国向刚果（金）提供500万美元紧急援助。").records
    assert [r.recipient for r in records] == ["刚果民主共和国"]


def test_a_headline_figure_is_one_record_with_the_bodys_kind() -> None:
    text = "特区政府捐助五千万港元赈灾\n\n特区政府今日决定拨款5000万港元，支援甘肃地震灾区救灾。"
    records = extract(text).records
    assert len(records) == 1
    assert records[0].amounts[0].kind.value == "committed"
    assert len(records[0].evidence["amount"]) == 2


def test_central_units_paired_aid_is_an_aggregate_without_donor() -> None:
    records = extract("2023年，42家中央单位共向甘肃省贫困县投入帮扶资金8.6亿元。").records
    assert [(r.record_kind.value, r.donor) for r in records] == [("aggregate", None)]


def test_money_in_place_after_a_fixed_total_is_its_share() -> None:
    text = "截至6月底，各援建省市已确定援建资金48.6亿元，已到位资金31.2亿元。"
    kinds = {v: r.amounts[0].kind.value for v, r in _by_value(text).items()}
    assert kinds == {4_860_000_000: "committed", 3_120_000_000: "share"}


def test_money_in_place_alone_is_spent() -> None:
    kinds = [r.amounts[0].kind.value for r in extract("今年援疆资金已到位3.2亿元。").records]
    assert kinds == ["spent"]


def test_fixed_asset_investment_is_no_aid() -> None:
    assert _by_value("全县固定资产投资从2010年的1.2亿元增长到2020年的35.6亿元。") == {}


def test_parts_of_a_running_total_cover_its_period() -> None:
    text = "2019年5月以来，各帮扶单位共投入帮扶资金6.4亿元，其中直接拨付资金1.1亿元。"
    years = {v: (r.year_start, r.year_end) for v, r in _by_value(text, "2021-03-02").items()}
    assert years == {640_000_000: (2019, 2021), 110_000_000: (2019, 2021)}


def test_amounts_that_add_up_to_the_total_before_them_are_its_shares() -> None:
    text = (
        "2005年至2020年，浙江累计援助资金9.6亿元。其中省级财政资金5.1亿元，市县资金3.2亿元，社会捐助1.3亿元。"
    )
    kinds = {v: r.amounts[0].kind.value for v, r in _by_value(text, "2021-01-05").items()}
    assert kinds[960_000_000] == "cumulative"
    assert {kinds[510_000_000], kinds[320_000_000], kinds[130_000_000]} == {"share"}
    text = "Since 2001 China gave 90 million yuan in aid. It gave 50 million yuan for roads, 30 million yuan for schools and 11 million yuan for clinics."
    kinds = {v: r.amounts[0].kind.value for v, r in _by_value(text, "2012-01-05").items()}
    assert [kinds[v] for v in (50_000_000, 30_000_000, 11_000_000)] == ["share"] * 3


def test_two_round_figures_that_happen_to_add_up_are_not_shares() -> None:
    text = "甲商会捐出300万港元，乙协会捐出100万港元，丙基金会捐出200万港元。"
    assert {r.amounts[0].kind.value for r in extract(text).records} == {"spent"}


def test_three_gorges_districts_are_recipients() -> None:
    records = extract("上海市累计投入2.6亿元对口支援重庆万州区。").records
    assert [(r.donor, r.recipient) for r in records] == [("上海市", "万州区")]


def test_aid_to_many_countries_has_no_single_recipient() -> None:
    text = "今年以来，中国已累计向12个国家提供价值共1800万美元的紧急援助。4月，尼泊尔发生地震。"
    assert [r.recipient for r in extract(text, published=None).records] == [None]


def test_the_wenchuan_quake_stands_for_sichuan() -> None:
    records = extract("汶川发生特大地震后，澳门特区政府拨款3亿澳门元支援灾区。").records
    assert [r.recipient for r in records] == ["四川省"]
    records = extract("澳门特区政府向汶川县映秀镇援建学校，投入3000万澳门元。").records
    assert [r.recipient for r in records] == ["汶川县"]


def test_place_offsets_survive_pinyin_residue_before_them() -> None:
    text = "在(zài)四(sì)川汶川强(qiáng)震后，特区政府拨款一亿元人民币支援灾区。"
    assert [r.recipient for r in extract(text).records] == ["四川省"]


def test_a_rounded_lead_figure_is_the_bodys_exact_record() -> None:
    text = "江苏累计援助近5亿元\n\n2000年至2020年，江苏累计援助资金4.86亿元，建设项目120个。"
    records = extract(text).records
    assert [int(r.amounts[0].value) for r in records] == [486_000_000]
    assert len(records[0].evidence["amount"]) == 2


def test_a_different_approximate_figure_stays_its_own_record() -> None:
    text = "各界捐款约1.2亿港元。其中红十字会收到1.05亿港元。"
    assert sorted(int(r.amounts[0].value) for r in extract(text).records) == [105_000_000, 120_000_000]


def test_gifts_of_a_whole_community_are_an_aggregate() -> None:
    records = extract("截至昨日，香港各界通过中联办向灾区捐款约8600万港元。").records
    assert [(r.record_kind.value, r.donor) for r in records] == [("aggregate", "香港特别行政区")]
    records = extract("16年来，江苏社会各界捐助折款2.3亿元支援青海。").records
    assert [(r.record_kind.value, r.donor) for r in records] == [("aggregate", None)]


def test_a_countrys_total_assistance_is_a_programme() -> None:
    records = extract("China's total relief assistance to Nepal reached 40 million yuan.").records
    assert [r.record_kind.value for r in records] == ["programme"]


def test_donorless_totals_of_the_corps_or_tibet_are_aggregates() -> None:
    records = extract("今年上半年，新疆生产建设兵团累计到位援疆资金12.4亿元。").records
    assert [(r.record_kind.value, r.donor, r.recipient) for r in records] == [
        ("aggregate", None, "新疆生产建设兵团")
    ]


def test_taiwan_gives_to_the_quake_county() -> None:
    records = extract("台湾红十字组织向芦山地震灾区捐款300万元新台币。").records
    assert [(r.donor, r.recipient) for r in records] == [("台湾省", "芦山县")]


def test_our_province_points_back_and_survives_an_aggregate() -> None:
    text = "中央单位帮扶陜西成效显著。2022年，40家中央单位共向我省投入帮扶资金12.5亿元。"
    records = extract(text).records
    assert [(r.record_kind.value, r.donor, r.recipient) for r in records] == [("aggregate", None, "陕西省")]


def test_a_month_without_a_year_dates_the_amount_in_the_publication_year() -> None:
    published = "2019-03-02"
    assert _by_value("仅2月26日一天，各界捐款就超过300万元。", published)[3_000_000].year_start == 2019
    assert (
        _by_value("On Feb. 26, China provided 3 million dollars to Fiji.", published)[3_000_000].year_start
        == 2019
    )
    assert _by_value("截至26日，各界捐款300万元。", published)[3_000_000].year_start is None
    assert _by_value("新华社北京2月26日电 各界捐款300万元。", published)[3_000_000].year_start is None
    assert (
        _by_value("2月26日，由援疆资金投入300万元建设的卫生院正式启用。", published)[3_000_000].year_start
        is None
    )


def test_the_sum_named_again_is_the_same_record() -> None:
    text = (
        "China pledged 300 million yuan of relief aid to the region. "
        "Officials said most of the 300 million yuan has been spent on shelters."
    )
    records = extract(text).records
    assert len(records) == 1 and len(records[0].evidence["amount"]) == 2


def test_a_figure_going_on_about_a_rejected_one_is_no_aid_either() -> None:
    text = "全区财政收入累计达120亿元，其中2010年至2015年达45亿元。"
    assert _by_value(text) == {}
    text = "全县农民人均收入达到8000元，投入帮扶资金500万元。"
    assert sorted(_by_value(text)) == [5_000_000]


def test_reconstruction_progress_and_industrial_cooperation_are_no_aid() -> None:
    assert _by_value("三年来，全州共实施重建项目1200个，完成投资360亿元。") == {}
    assert _by_value("Industrial cooperation projects so far add up to 80 billion yuan.") == {}


def test_a_donor_in_xinjiang_aids_the_area_of_its_pairings() -> None:
    text = "Shanghai will set aside 1.2 billion yuan this year for projects in the Xinjiang Uygur Autonomous Region."
    assert [r.recipient for r in extract(text).records] == ["喀什地区"]
