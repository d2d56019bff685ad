"""Round 6 of the donor and recipient rules: a foreign giver to China, donor cities, many givers, a
conversion that does not end an amount's stretch, aid to a whole continent. Texts written for the tests."""

from __future__ import annotations

import datetime as dt

from aidcurator.extract import extract


def _by_value(text: str, published: str | None = None) -> dict[int, object]:
    date = dt.date.fromisoformat(published) if published else None
    return {int(r.amounts[0].value): r for r in extract(text, published=date).records}


def test_a_foreign_country_that_offers_china_aid_is_the_donor() -> None:
    text = "Norway will offer China assistance worth 12 million euros for six training programs."
    record = _by_value(text)[12_000_000]
    assert (record.donor, record.recipient) == ("挪威", "中国")


def test_money_from_a_foreign_country_received_by_china() -> None:
    text = "China has received grants worth 300 million euros from Germany since the programme began."
    record = _by_value(text)[300_000_000]
    assert (record.donor, record.recipient) == ("德国", "中国")


def test_china_giving_abroad_keeps_china_as_donor() -> None:
    text = "China will provide Nepal with grant aid of 50 million yuan for a new hospital."
    record = _by_value(text)[50_000_000]
    assert (record.donor, record.recipient) == ("中国", "尼泊尔")


def test_a_city_written_after_its_province_is_the_donor() -> None:
    text = (
        "广东省珠海市对口援建的小学日前交付使用。珠海市共投入援建资金1.2亿元，"
        "建成项目30个。此外，珠海还募集了500万元用于助学。"
    )
    records = _by_value(text)
    assert records[120_000_000].donor == "珠海市"
    assert records[5_000_000].donor == "珠海市"


def test_an_east_west_donor_city_is_found() -> None:
    text = "青岛市今年向安顺市投入帮扶资金3.5亿元。"
    assert _by_value(text)[350_000_000].donor == "青岛市"


def test_gifts_of_many_units_and_people_have_no_single_donor() -> None:
    text = "浙江省援建的医院已开诊。另外，机关、企业等45家单位和个人捐助的款物折合900万元。"
    record = _by_value(text)[9_000_000]
    assert record.donor is None
    assert record.record_kind == "aggregate"


def test_the_words_after_a_converted_amount_still_name_its_recipient() -> None:
    text = (
        "Xinjiang held its annual conference on Monday. In the past five years, 80 billion yuan "
        "(11.6 billion U.S. dollars) of pairing aid has flowed into the region, officials said. "
        "Kashgar prefecture will get more schools."
    )
    assert _by_value(text, "2021-05-10")[80_000_000_000].recipient == "新疆维吾尔自治区"


def test_a_place_before_the_amount_keeps_the_recipient_despite_a_conversion() -> None:
    text = (
        "China will give 5 million yuan to Ghana as part of 15 million yuan (2.2 million U.S. dollars) "
        "for Ghana, Togo and Benin."
    )
    assert _by_value(text)[5_000_000].recipient == "加纳"


def test_loans_to_africa_go_to_no_single_country() -> None:
    text = "China announces US$10bn loan to Africa\nThe loans will support roads in Kenya and Ghana."
    assert _by_value(text)[10_000_000_000].recipient is None


def test_an_unlisted_enterprise_that_gives_to_an_unlisted_county() -> None:
    text = (
        "日前，青山食品集团启动新一轮帮扶行动，向石门县捐赠帮扶资金300万元。\n"
        "青山食品集团自2015年结对帮扶石门县以来，累计投入帮扶资金900万元。新建了2所小学，并投入40万元奖励乡村教师。"
    )
    records = _by_value(text)
    for value in (3_000_000, 9_000_000, 400_000):
        assert (records[value].donor, records[value].recipient) == ("青山食品集团", "石门县")


def test_a_listed_donor_place_in_the_sentence_beats_an_enterprise() -> None:
    text = "江苏省援藏工作队联合某建设集团，向拉萨市捐赠援助资金200万元。"
    assert _by_value(text)[2_000_000].donor == "江苏省"


def test_counties_of_a_list_and_county_level_words_are_no_recipient() -> None:
    text = "山东今年计划安排援青资金2亿元，重点支持门源县、祁连县的学校，80%投向县及县以下基层。"
    assert _by_value(text)[200_000_000].recipient not in ("门源县", "祁连县", "县及县")


def test_a_kind_of_county_is_no_county() -> None:
    text = "某集团向贫困县捐赠物资价值50万元。"
    assert _by_value(text)[500_000].recipient != "贫困县"


def test_a_tibet_aid_donor_gives_to_its_paired_prefecture_when_no_place_is_named() -> None:
    text = "援藏工作队进藏三年来，天津市共安排援藏项目120个，合计投入资金6.5亿元。"
    record = _by_value(text)[650_000_000]
    assert (record.donor, record.recipient) == ("天津市", "昌都市")
    assert "recipient" in record.flags.get("inferred", [])


def test_a_region_named_in_the_sentence_stays_the_recipient() -> None:
    text = "今年，江苏安排对口支援西藏的资金共6亿元。"
    assert _by_value(text)[600_000_000].recipient == "西藏自治区"


def test_a_qinghai_aid_donor_gives_to_its_paired_prefecture() -> None:
    text = "援青干部人才座谈会召开。山东今年安排援青资金3亿元，实施项目40个。"
    assert _by_value(text)[300_000_000].recipient == "海北藏族自治州"


def test_a_country_goods_pass_through_is_no_recipient() -> None:
    text = "中国政府将经由约旦向叙利亚提供一批价值1500万元人民币的人道主义援助物资。"
    assert _by_value(text)[15_000_000].recipient == "叙利亚"


def test_gaza_is_palestine() -> None:
    text = "China will provide emergency food aid worth 8 million U.S. dollars to Gaza."
    assert _by_value(text)[8_000_000].recipient == "巴勒斯坦"


def test_aid_passed_via_a_neighbour_goes_to_the_country_named_after_it() -> None:
    text = "China will send relief supplies worth 3 million U.S. dollars via Thailand to Myanmar."
    assert _by_value(text)[3_000_000].recipient == "缅甸"


def test_a_total_of_all_donor_provinces_keeps_the_article_s_place() -> None:
    text = (
        "四川雅安地震灾后重建进入收尾阶段。\n"
        "到9月底，15个对口援建省市已确定援建项目900个，对口支援资金120亿元。"
    )
    record = _by_value(text)[12_000_000_000]
    assert record.donor is None
    assert record.recipient in ("四川省", "雅安市")


def test_a_headline_figure_takes_the_narrower_place_its_body_repeat_names() -> None:
    text = (
        "Macao government's MOP 50 million gift approved\n\n"
        "The Macao SAR government will donate MOP 50 million to help quake victims in Baoxing County, "
        "Sichuan Province.\n\nSichuan officials thanked Macao. Sichuan has received many gifts."
    )
    assert _by_value(text)[50_000_000].recipient == "宝兴县"


def test_a_giver_before_向_and_a_disaster_area_is_no_recipient() -> None:
    record = _by_value("香港向四川地震灾区捐款1亿元。")[100_000_000]
    assert (record.donor, record.recipient) == ("香港特别行政区", "四川省")


def test_the_garrison_in_hong_kong_gives_for_hong_kong() -> None:
    record = _by_value("驻港部队向青海地震灾区捐款120万元人民币。")[1_200_000]
    assert (record.donor, record.recipient) == ("香港特别行政区", "青海省")


def test_a_foreign_government_that_gives_china_aid_in_chinese() -> None:
    record = _by_value("挪威政府向中国提供无偿援助3000万挪威克朗，用于改善云南农村饮水。")[30_000_000]
    assert (record.donor, record.recipient) == ("挪威", "中国")


def test_china_giving_to_a_donor_country_keeps_china_as_donor() -> None:
    record = _by_value("中国向日本提供紧急援助100万美元，支持地震灾区。")[1_000_000]
    assert (record.donor, record.recipient) == ("中国", "日本")


def test_a_country_s_grant_to_china() -> None:
    record = _by_value("Canada's grant of 20 million Canadian dollars to China will train rural doctors.")[
        20_000_000
    ]
    assert (record.donor, record.recipient) == ("加拿大", "中国")


def test_a_multilateral_lender_that_opens_the_sentence_gives() -> None:
    record = _by_value("亚洲开发银行向中国提供3亿美元贷款，支持宁夏农村道路建设。")[300_000_000]
    assert (record.donor, record.recipient) == ("亚洲开发银行", "中国")
    record = _by_value("The World Bank approved a US$80 million loan to China for schools in Gansu.")[
        80_000_000
    ]
    assert (record.donor, record.recipient) == ("世界银行", "中国")


def test_an_agency_that_passes_china_s_aid_on_is_no_donor() -> None:
    record = _by_value("中国政府通过世界粮食计划署向阿富汗提供价值500万美元的粮食援助。")[5_000_000]
    assert (record.donor, record.recipient) == ("中国", "阿富汗")


def test_the_pronoun_who_is_no_organisation() -> None:
    text = (
        "The minister, who visited Beijing in May, said China will provide 18 million U.S. dollars to Fiji."
    )
    assert _by_value(text)[18_000_000].donor == "中国"


def test_a_gift_in_hong_kong_dollars_with_no_giver_named_comes_from_hong_kong() -> None:
    record = _by_value("新华社香港4月21日电 特区政府决定拨款2亿港元支援雅安灾区。")[200_000_000]
    assert (record.donor, record.recipient) == ("香港特别行政区", "雅安市")
    assert "donor" in record.flags["inferred"]


def test_a_state_firm_whose_name_starts_with_china_gives_under_its_full_name() -> None:
    record = _by_value("中国远洋海运集团有限公司向西藏那曲地区捐款2000万元。")[20_000_000]
    assert (record.donor, record.recipient) == ("中国远洋海运集团有限公司", "那曲市")


def test_a_counted_group_of_countries_has_no_single_recipient() -> None:
    assert _by_value("中国今年已向12国提供价值2000万美元的紧急援助。")[20_000_000].recipient is None
    text = "China has provided 30 million U.S. dollars to eight African countries this year."
    assert _by_value(text)[30_000_000].recipient is None


def test_donors_written_as_a_list_give_together() -> None:
    record = _by_value("天津、青岛、福州三市今年共向甘肃投入东西部协作资金20亿元。")[2_000_000_000]
    assert (record.donor, record.recipient) == (None, "甘肃省")


def test_an_unlisted_county_written_after_its_province_receives() -> None:
    record = _by_value("澳门基金会向贵州榕江县捐赠300万澳门元，用于建设学校。")[3_000_000]
    assert (record.donor, record.recipient) == ("澳门特别行政区", "榕江县")


def test_a_country_before_向中国_gives_even_with_an_acronym_between() -> None:
    record = _by_value("澳大利亚国际发展署（AusAID）向中国提供赠款800万澳元，用于西藏农村饮水。")[8_000_000]
    assert (record.donor, record.recipient) == ("澳大利亚", "中国")


def test_china_s_south_south_fund_gives_for_china() -> None:
    record = _by_value("南南合作援助基金向尼泊尔提供300万美元，帮助该国灾后重建。")[3_000_000]
    assert (record.donor, record.recipient) == ("中国", "尼泊尔")


def test_the_giver_of_a_share_is_not_the_giver_of_the_total() -> None:
    records = _by_value("和田地区今年接受援疆资金40亿元，其中北京市援助15亿元。")
    assert records[4_000_000_000].donor is None
    assert records[1_500_000_000].donor == "北京市"


def test_a_meeting_place_written_with_its_province_is_no_party() -> None:
    text = "在浙江杭州召开的对口支援工作会议上，浙江省宣布今年投入援疆资金12亿元。"
    assert _by_value(text)[1_200_000_000].donor == "浙江省"


def test_a_province_and_its_country_are_no_list_of_givers() -> None:
    text = "A medical team from Fujian, China, donated equipment worth 30,000 U.S. dollars to a hospital in Tonga."
    assert _by_value(text)[30_000].donor is not None


def test_givers_joined_by_and_give_together() -> None:
    record = _by_value("Guangdong and Fujian jointly provided 600 million yuan to Nyingchi.")[600_000_000]
    assert (record.donor, record.recipient) == (None, "林芝市")


def test_a_counted_group_of_givers_has_no_single_donor() -> None:
    text = (
        "Beijing and Tianjin are paired with Hotan. Tianjin's share, 200 million yuan, went to Cele county. "
        "Last year the two donors spent 1.5 billion yuan."
    )
    assert _by_value(text)[1_500_000_000].donor is None
    assert (
        _by_value("援疆工作推进会召开。江苏省今年投入5亿元。四省市共向和田投入援疆资金30亿元。")[
            3_000_000_000
        ].donor
        is None
    )


def test_a_total_whose_shares_name_several_places_goes_to_the_place_holding_them() -> None:
    text = "今年，福建省投入援疆资金9亿元，其中援助昌吉州6亿元，援助兵团第六师3亿元。"
    records = _by_value(text)
    assert records[900_000_000].recipient == "新疆维吾尔自治区"
    assert records[600_000_000].recipient == "昌吉回族自治州"


def test_the_wenchuan_quake_area_is_sichuan() -> None:
    assert _by_value("某基金会宣布向汶川地震灾区捐款2000万元。")[20_000_000].recipient == "四川省"


def test_the_three_gorges_reservoir_area_is_no_single_recipient() -> None:
    text = "1992年以来，北京市已累计无偿援助三峡库区6.5亿元。"
    assert _by_value(text)[650_000_000].recipient is None


def test_my_province_in_a_provincial_paper_is_the_paper_s_province() -> None:
    record = _by_value("江苏日报讯 记者从省发改委获悉，今年全省安排援疆资金18亿元。")[1_800_000_000]
    assert record.donor == "江苏省"
    text = "甘肃日报讯 今年，天津、青岛两市对口帮扶我省贫困县。帮扶资金共计6亿元。"
    assert _by_value(text)[600_000_000].recipient == "甘肃省"


def test_my_province_without_an_outlet_changes_nothing() -> None:
    text = "今年，天津、青岛两市对口帮扶我省贫困县。帮扶资金共计6亿元。"
    assert _by_value(text)[600_000_000].recipient != "天津市"


def test_a_country_that_thanks_china_is_no_giver() -> None:
    record = _by_value("斐济总理向中国政府提供的50万美元紧急援助表示衷心感谢。")[500_000]
    assert (record.donor, record.recipient) == ("中国", "斐济")
    record = _by_value("新西兰总理向中国政府提供的50万美元紧急援助表示感谢。")[500_000]
    assert (record.donor, record.recipient) == ("中国", "新西兰")


def test_a_country_that_asks_china_for_a_loan_is_no_giver() -> None:
    record = _by_value("老挝向中国申请优惠贷款3亿美元，用于修建水电站。")[300_000_000]
    assert record.donor == "中国"


def test_an_outlet_name_with_pinyin_residue_still_gives_its_home() -> None:
    text = "山東(dōng)日報(bào)訊 今年全省(shěng)安排援疆資金15億元。"
    assert _by_value(text)[1_500_000_000].donor == "山东省"


def test_a_receiving_region_s_paper_does_not_make_it_a_giver() -> None:
    record = _by_value("新疆日报讯 今年全区落实援疆资金150亿元。")[15_000_000_000]
    assert (record.donor, record.recipient) == (None, "新疆维吾尔自治区")
    record = _by_value("四川日报讯 今年我省获得东西部协作资金12亿元。")[1_200_000_000]
    assert record.donor is None


def test_a_capitals_dateline_is_a_venue_and_the_city_stands_for_it() -> None:
    record = _by_value("LHASA -- Tibet has received 20 billion yuan in aid from other provinces since 2010.")[
        20_000_000_000
    ]
    assert record.recipient == "西藏自治区"
    text = "HANGZHOU, May 4 (Xinhua) -- The province will spend 1.8 billion yuan on aid projects in Xinjiang."
    assert _by_value(text)[1_800_000_000].donor == "浙江省"
    text = "URUMQI, Jan. 8 (Xinhua) -- The region received 17 billion yuan of aid funds last year."
    assert _by_value(text, "2021-01-08")[17_000_000_000].recipient == "新疆维吾尔自治区"


def test_a_country_heading_a_digest_item_is_no_dateline() -> None:
    record = _by_value("CAMBODIA — China spent 20 million yuan on a rural school that opened on Monday.")[
        20_000_000
    ]
    assert record.recipient == "柬埔寨"


def test_the_chinese_side_is_china() -> None:
    record = _by_value("中方宣布向汤加提供50万美元紧急现汇援助，支持汤方救灾。")[500_000]
    assert (record.donor, record.recipient) == ("中国", "汤加")


def test_zhongfang_inside_another_word_is_no_place() -> None:
    record = _by_value("浙江省援疆指挥部采取集中方式投入援疆资金2亿元。")[200_000_000]
    assert record.donor == "浙江省"


def test_a_province_of_china_giving_abroad_gives_and_the_country_receives() -> None:
    record = _by_value("云南省政府向老挝捐赠价值80万元的抗疫物资。")[800_000]
    assert (record.donor, record.recipient) == ("云南省", "老挝")


def test_a_province_giving_to_a_country_in_english() -> None:
    record = _by_value(
        "The Guangxi Zhuang Autonomous Region gave 250,000 U.S. dollars to Vietnam for flood relief."
    )[250_000]
    assert (record.donor, record.recipient) == ("广西壮族自治区", "越南")


def test_a_chinese_place_before_a_country_without_a_giving_link_is_no_giver() -> None:
    text = "At a hotel in Pudong, Shanghai, the Dominica prime minister signed a 50 million U.S. dollar loan with China."
    assert _by_value(text)[50_000_000].donor in ("中国", None)


def test_a_dateline_on_the_first_body_line_is_a_venue() -> None:
    text = "Chinese firm builds a dam in Guyana\nXI'AN, May 2, SinoCast -- The firm signed a 200 million U.S. dollar contract in Guyana."
    assert _by_value(text)[200_000_000].donor != "西安市"


def test_a_provincial_red_cross_after_向_leaves_its_province_the_receiver() -> None:
    record = _by_value("香港某同乡会向甘肃省红十字会捐款80万元，用于地震灾区重建。")[800_000]
    assert (record.donor, record.recipient) == ("香港特别行政区", "甘肃省")


def test_two_givers_joined_by_和_are_no_firm_name() -> None:
    text = "当天，香港某商会和某某集团分别捐出100万港币，支援四川灾区。"
    records = extract_all(text)
    assert all(r.donor != "香港某商会和某某集团" for r in records)


def extract_all(text: str) -> list:
    return list(extract(text).records)


def test_haidong_as_a_given_name_is_no_place() -> None:
    record = _by_value("副署长钟海东介绍，中国已向斐济提供50万美元紧急援助。")[500_000]
    assert (record.donor, record.recipient) == ("中国", "斐济")
