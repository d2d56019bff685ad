"""Recipient and donor rules of the dev5 round (venues, groups of receivers, a country that aids China,
a province written before one of its places). Texts written for the tests."""

from __future__ import annotations

import datetime as dt

from aidcurator.extract import extract


def _by_value(text: str, published: str | None = None) -> dict[int, object]:
    date = dt.date.fromisoformat(published) if published else None
    return {int(r.amounts[0].value): r for r in extract(text, published=date).records}


def test_credit_line_country_is_no_recipient() -> None:
    text = (
        "(Daily Herald, Kenya, 3 May 2021) At the last summit China pledged 7 billion dollars to "
        "support Africa's growth."
    )
    record = _by_value(text, "2021-05-03")[7_000_000_000]
    assert record.donor == "中国"
    assert record.recipient is None


def test_event_place_is_no_recipient() -> None:
    text = (
        "The next forum will take place in June in Kenya. China will offer 3 billion dollars in "
        "grants to African nations."
    )
    record = _by_value(text, "2021-05-03")[3_000_000_000]
    assert record.recipient is None


def test_group_of_african_states_has_no_recipient() -> None:
    text = "Kenya welcomed the plan. China pledged 4 billion dollars in soft loans to various African states."
    record = _by_value(text, "2021-05-03")[4_000_000_000]
    assert record.recipient is None


def test_foreign_aid_total_has_no_recipient() -> None:
    text = "我国向老挝提供了物资援助。2001年至2003年，中国的对外援助总额达到500亿元人民币。"
    record = _by_value(text, "2004-05-01")[50_000_000_000]
    assert record.recipient is None


def test_country_lending_to_china_gives_and_china_receives() -> None:
    text = (
        "Tokyo office, 2 April 2005. By the end of the year the Japanese side had extended "
        "800 billion yen in ODA loans to China, the agency said."
    )
    record = _by_value(text, "2005-04-02")[800_000_000_000]
    assert (record.donor, record.recipient) == ("日本", "中国")


def test_country_aiding_china_in_chinese() -> None:
    text = "日本对华提供无偿援助始于上世纪八十年代。至某年末，累计无偿援助300亿日元。"
    record = _by_value(text, "2005-04-02")[30_000_000_000]
    assert (record.donor, record.recipient) == ("日本", "中国")


def test_china_aiding_that_country_stays_the_giver() -> None:
    text = (
        "China provided 10 million dollars in emergency aid to Japan after the storm. "
        "Japan has long given development loans to China, officials recalled."
    )
    record = _by_value(text, "2012-04-02")[10_000_000]
    assert (record.donor, record.recipient) == ("中国", "日本")


def test_outlet_home_said_to_receive_earlier_receives() -> None:
    text = (
        "河北日报讯 依照双方协议，天津市对我省几个县开展结对帮扶。\n\n"
        "2022年，天津市总计拨出协作资金6亿元，用于产业项目。"
    )
    record = _by_value(text, "2022-12-01")[600_000_000]
    assert (record.donor, record.recipient) == ("天津市", "河北省")


def test_province_named_alone_more_often_than_its_one_project_place() -> None:
    text = (
        "福建省继续加大对宁夏的支持，鼓励企业到宁夏投资，并支持宁夏固原的一个苗木示范工程。\n\n"
        "2020年，福建省财政拨出协作资金2亿元。"
    )
    record = _by_value(text, "2020-12-01")[200_000_000]
    assert (record.donor, record.recipient) == ("福建省", "宁夏回族自治区")


def test_unlisted_county_opening_the_clause_before_the_amount_receives() -> None:
    text = "江苏省对口帮扶陕西省。2014年，云岭县某乡的种植项目，协作资金安排90万元。"
    record = _by_value(text, "2014-12-01")[900_000]
    assert record.recipient == "云岭县"


def test_lender_after_from_gives_the_loan() -> None:
    text = (
        "Officials of Hunan said that a loan from the Asian Development Bank for a water project in "
        "Hunan was approved with the amount of 150 million USD."
    )
    record = _by_value(text, "2021-02-01")[150_000_000]
    assert record.donor == "亚洲开发银行"


def test_lender_in_another_amounts_stretch_does_not_give() -> None:
    text = "China provided 50 million dollars to Laos, and 120 million dollars came as a loan from the World Bank."
    record = _by_value(text, "2021-02-01")[50_000_000]
    assert record.donor == "中国"


def test_central_enterprise_named_before_keeps_giving() -> None:
    text = (
        "中国华辰自2017年定点帮扶云岭县以来，累计投入资金3000万元。"
        "今年中国华辰继续向云岭县投入帮扶资金900万元，用于产业项目。"
    )
    records = _by_value(text, "2022-06-01")
    assert records[30_000_000].donor == "中国华辰"
    assert records[9_000_000].donor == "中国华辰"


def test_two_places_each_giving_earlier_in_the_paragraph_leave_no_single_donor() -> None:
    text = (
        "2015年起江苏省对口支援某州，2016年起山东省对口支援某县，每年安排资金逐年递增。"
        "工作启动以来，双方共同推进，已投入近8亿元资金。"
    )
    record = _by_value(text, "2019-05-01")[800_000_000]
    assert record.donor is None


def test_clause_giver_before_the_amount_beats_a_list_of_givers_after_it() -> None:
    text = "今年，浙江将帮扶600万元资金建设某中学食堂，杭州、湖州两市将分别帮扶200万元用于产业项目。"
    record = _by_value(text, "2013-08-01")[6_000_000]
    assert record.donor == "浙江省"


def test_year_of_accounts_after_a_comma_dates_the_paragraph() -> None:
    text = "日前，随着最后一批项目计划明确，2021年度江苏省对口支援某州的资金全部落实。帮扶资金共计3亿元。"
    record = _by_value(text, "2022-05-15")[300_000_000]
    assert (record.year_start, record.year_end) == (2021, 2021)


def test_countries_listed_before_etc_are_a_group() -> None:
    text = "中国政府决定向老挝、柬埔寨、缅甸等国提供紧急援助，共计5000万元人民币。"
    record = _by_value(text, "2015-03-01")[50_000_000]
    assert record.donor == "中国"
    assert record.recipient is None


def test_lender_saying_a_province_will_receive_its_loan() -> None:
    text = (
        "The Asian Development Bank said China's Yunnan province will receive a $150m loan for rural roads."
    )
    record = _by_value(text, "2019-03-01")[150_000_000]
    assert (record.donor, record.recipient) == ("亚洲开发银行", "云南省")


def test_place_whose_pairing_money_is_listed_gives_it() -> None:
    text = (
        "2019年某县共投入各类资金5亿元，其中，财政资金2亿元，上海对口帮扶资金9000万元，"
        "曲靖市对口帮扶资金6000万元。"
    )
    records = _by_value(text, "2020-01-10")
    assert records[60_000_000].donor == "曲靖市"
    assert records[90_000_000].donor == "上海市"


def test_place_after_a_giver_in_its_clause_receives_the_pairing_money() -> None:
    text = "今年北京市拨付玉树州对口支援资金3亿元，用于农牧业项目。"
    record = _by_value(text, "2020-01-10")[300_000_000]
    assert (record.donor, record.recipient) == ("北京市", "玉树藏族自治州")
