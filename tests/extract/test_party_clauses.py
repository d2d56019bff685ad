"""Clause-level donor and recipient words (extract/party_clauses.py): a place that gives in its own clause,
a firm whose name starts with a place, social donations with no single giver, a disaster county the
gazetteer lacks. Texts written for the tests."""

from __future__ import annotations

import datetime as dt

from aidcurator.extract import extract


def _by_value(text: str, published: str | None = None) -> dict[int, object]:
    date = dt.date.fromisoformat(published) if published else None
    return {int(r.amounts[0].value): r for r in extract(text, published=date).records}


def test_two_donor_places_each_giving_in_their_own_clause() -> None:
    text = "2021至2025年，上海市一共拨出帮扶资金20亿元，天津市一共拨出帮扶资金8亿元，用于对口地区的民生项目。"
    records = _by_value(text)
    assert records[2_000_000_000].donor == "上海市"
    assert records[800_000_000].donor == "天津市"
    assert records[2_000_000_000].recipient != "天津市"  # a giver does not receive from the other one


def test_two_donor_places_without_a_giving_word_still_pair() -> None:
    text = "江苏省与陕西省开展协作，今年安排协作资金3亿元。"
    record = _by_value(text, "2022-05-01")[300_000_000]
    assert (record.donor, record.recipient) == ("江苏省", "陕西省")


def test_english_clause_giver() -> None:
    text = "Beijing allocated 900 million yuan over five years, while Tianjin has provided 300 million yuan."
    records = _by_value(text)
    assert records[300_000_000].donor == "天津市"


def test_a_firm_named_after_a_place_gives_its_gift() -> None:
    text = "援青工作稳步推进。同时，天津新港建材有限公司捐助15万元用于黄南州的乡村小学。"
    record = _by_value(text)[150_000]
    assert record.donor == "天津新港建材有限公司"


def test_social_donations_have_no_single_donor() -> None:
    text = "截至去年底，浙江共向四川投入财政援助资金9亿元，社会捐赠资金5000多万元。"
    records = _by_value(text, "2020-03-01")
    assert records[900_000_000].donor == "浙江省"
    assert records[50_000_000].donor is None


def test_english_social_donation_funds_have_no_single_donor() -> None:
    text = (
        "In 2019 Zhejiang Province invested 31.2 million yuan of government assistance funds, "
        "720,000 yuan of social donation funds and 2.1 million yuan of relief materials in Sichuan."
    )
    records = _by_value(text)
    assert records[31_200_000].donor == "浙江省"
    assert records[720_000].donor is None
    assert records[2_100_000].donor == "浙江省"


def test_a_city_that_raises_social_donations_stays_the_donor() -> None:
    text = "此外，珠海市还通过社会捐赠筹集了600万元资助当地学校重建。"
    record = _by_value(text)[6_000_000]
    assert record.donor == "珠海市"


def test_hong_kong_society_stays_the_donor() -> None:
    text = "香港市民纷纷解囊，香港某商会向四川地震灾区捐出300万港元。"
    record = _by_value(text)[3_000_000]
    assert record.donor == "香港特别行政区"


def test_a_disaster_county_written_after_its_prefecture_receives() -> None:
    text = (
        "甘肃省定西市岷县日前发生6.6级地震后，香港各界纷纷伸出援手。某基金会启动紧急援助机制，"
        "拨出500万港元赈灾。另一商会亦捐出200万港元。"
    )
    records = _by_value(text)
    assert records[5_000_000].recipient == "岷县"
    assert records[2_000_000].recipient == "岷县"


def test_a_county_after_its_prefecture_without_a_disaster_does_not_replace_it() -> None:
    text = "甘肃省定西市岷县民间艺术团来沪演出。上海市今年向定西市投入帮扶资金1.5亿元。"
    record = _by_value(text, "2019-06-01")[150_000_000]
    assert record.recipient == "定西市"


def test_a_foreign_government_giving_to_a_chinese_province() -> None:
    text = (
        '日本政府"草根援助"项目日前在西安完成了今年最大的一笔捐赠，无偿援助约30万美元为陕西山区新建3所小学。'
        '据介绍，"草根援助"项目累计金额约900万元。'
    )
    records = _by_value(text)
    assert records[300_000].donor == "日本"
    assert records[9_000_000].donor == "日本"


def test_a_chinese_gift_thanked_by_a_foreign_government_stays_chinese() -> None:
    text = "日本政府感谢中国政府捐赠的300万元人民币救灾物资。"
    record = _by_value(text)[3_000_000]
    assert (record.donor, record.recipient) == ("中国", "日本")


def test_a_central_enterprise_short_name_is_the_donor_not_china() -> None:
    text = "中国华电自2015年定点帮扶某某县以来，累计投入帮扶资金6200万元，实施项目41个。"
    record = _by_value(text)[62_000_000]
    assert record.donor == "中国华电"


def test_the_chinese_government_is_no_enterprise() -> None:
    text = "中国政府决定向斐济政府提供300万元人民币紧急援助。"
    record = _by_value(text)[3_000_000]
    assert (record.donor, record.recipient) == ("中国", "斐济")


def test_a_district_written_after_its_donor_city_gives() -> None:
    text = "上海市静安区这几年不断加大帮扶投入，2019年投入帮扶资金6500万元，实施项目18个。"
    record = _by_value(text)[65_000_000]
    assert record.donor == "静安区"


def test_a_development_zone_after_a_city_is_no_donor_district() -> None:
    text = "上海市开发区企业踊跃参与，上海市今年投入帮扶资金3亿元。"
    record = _by_value(text, "2020-01-01")[300_000_000]
    assert record.donor == "上海市"


def test_a_programme_word_and_recipient_county_after_a_donor_city_are_no_district() -> None:
    text = "杭州援疆某某县工作组日前透露，今年拟投入援疆资金3000万元。"
    record = _by_value(text, "2021-01-01")[30_000_000]
    assert record.donor == "杭州市"


def test_a_place_set_apart_does_not_receive() -> None:
    text = (
        "Apart from aiding Lhasa, Jiangsu has sent doctors to Hotan Prefecture in Xinjiang "
        "and raised 12 million yuan for 20 clinics there."
    )
    record = _by_value(text)[12_000_000]
    assert record.recipient == "和田地区"


def test_a_chinese_place_set_apart_does_not_receive() -> None:
    text = "除援助拉萨市外，江苏省今年还向和田地区投入资金8000万元。"
    record = _by_value(text, "2021-01-01")[80_000_000]
    assert record.recipient == "和田地区"


def test_the_county_of_a_project_in_the_amount_clause_receives() -> None:
    text = (
        "以榆林市为例，2014年建成的某川县中心幼儿园由协作资金安排260万元，某龙县敬老院由协作资金安排90万元。"
    )
    records = _by_value(text)
    assert records[2_600_000].recipient == "某川县"
    assert records[900_000].recipient == "某龙县"


def test_a_county_that_gives_is_no_project_county() -> None:
    text = "浙江省某兴县投入帮扶资金500万元，支持四川省建设乡村学校。"
    record = _by_value(text)[5_000_000]
    assert record.recipient != "某兴县"


def test_a_paired_county_word_is_no_county() -> None:
    text = "上海今年安排对口支援日喀则市资金14亿元，其中安排5个对口县资金11亿元。"
    records = _by_value(text, "2024-01-01")
    assert records[1_100_000_000].recipient == "日喀则市"


def test_a_persons_birthplace_is_no_party() -> None:
    text = "出生于四川的香港企业家陈某向甘肃灾区捐款500万港元。"
    record = _by_value(text)[5_000_000]
    assert (record.donor, record.recipient) == ("香港特别行政区", "甘肃省")


def test_an_english_birthplace_is_no_party() -> None:
    text = "A Hong Kong businessman born in Guangdong donated HK$5 million to flood victims in Gansu."
    record = _by_value(text)[5_000_000]
    assert (record.donor, record.recipient) == ("香港特别行政区", "甘肃省")


def test_far_apart_places_the_one_after_a_receiving_word_receives() -> None:
    text = "香港某商会的代表走访四川灾区后，再向甘肃灾区捐出8000万港元。"
    record = _by_value(text)[80_000_000]
    assert record.recipient == "甘肃省"


def test_a_share_given_to_an_unlisted_county_goes_to_the_county() -> None:
    text = "厦门市对口帮扶临夏州，2020年厦门市财政援助资金达3亿元，其中向某乡县投入8000万元。"
    records = _by_value(text)
    assert records[300_000_000].recipient == "临夏回族自治州"
    assert records[80_000_000].recipient == "某乡县"


def test_speaking_in_a_city_is_a_venue() -> None:
    text = "Speaking in Lhasa, a Jiangsu official announced 100 million yuan for rural schools in Tibet."
    record = _by_value(text)[100_000_000]
    assert record.recipient == "西藏自治区"


def test_two_listed_provinces_have_no_single_recipient() -> None:
    text = "广东省对口帮扶广西、贵州两省区，2019年投入财政帮扶资金60亿元。"
    record = _by_value(text)[6_000_000_000]
    assert (record.donor, record.recipient) == ("广东省", None)


def test_an_unlisted_district_that_pairs_is_the_donor() -> None:
    text = "某楼区对口帮扶某源县，2019年投入帮扶资金800万元。"
    record = _by_value(text)[8_000_000]
    assert (record.donor, record.recipient) == ("某楼区", "某源县")


def test_the_county_word_that_pairs_is_no_donor() -> None:
    text = "该县对口帮扶某村，投入资金50万元。"
    record = _by_value(text)[500_000]
    assert record.donor is None


def test_provincial_money_in_a_city_total_comes_from_the_province() -> None:
    text = "珠海市对口援建资金总量为2亿元，其中珠海出资1.6亿元，省级统筹资金4000万元。"
    records = _by_value(text)
    assert records[160_000_000].donor == "珠海市"
    assert records[40_000_000].donor == "广东省"
