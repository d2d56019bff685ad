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


def test_a_decision_closing_the_clause_before_makes_the_gift_committed() -> None:
    text = "会谈结束后双方商定，甲省援助乙州帮扶资金8000万元，用于改善饮水。"
    assert _by_value(text)[80_000_000].amounts[0].kind == "committed"


def test_an_announcement_before_a_planned_gift_keeps_it_planned() -> None:
    text = "该国政府宣布，将向受灾国家提供500万美元现汇援助。"
    assert _by_value(text)[5_000_000].amounts[0].kind == "planned"


def test_funds_in_place_after_the_amount_are_spent() -> None:
    text = "去年起甲市安排结对帮扶乙县，6000万元年度帮扶资金及时到位。"
    assert _by_value(text)[60_000_000].amounts[0].kind == "spent"


def test_money_that_will_arrive_after_the_amount_is_planned() -> None:
    text = "某校师生发起募捐，已募集80万元将于下周汇往灾区。"
    assert _by_value(text)[800_000].amounts[0].kind == "planned"


def test_a_list_goes_on_with_the_kind_of_its_first_item() -> None:
    text = "今年，各帮扶单位累计投入帮扶资金9.2亿元，引进帮扶资金3.1亿元。"
    records = _by_value(text, "2024-11-01")
    assert records[920_000_000].amounts[0].kind == "cumulative"
    assert records[310_000_000].amounts[0].kind == "cumulative"


def test_an_amount_with_its_own_year_is_not_a_cumulative_total() -> None:
    text = "近年来该区持续增加帮扶资金，从2020年的3000万元，到2021年的5000万元，再到2022年的8000万元。"
    records = _by_value(text, "2023-05-01")
    assert {records[v].amounts[0].kind for v in (30_000_000, 50_000_000, 80_000_000)} == {"spent"}


def test_every_clause_of_a_chain_opened_by_qizhong_is_a_share() -> None:
    text = (
        "截至去年底，甲市在乙区累计到位资金12亿元。其中，经济合作类项目投入资金8亿元；"
        "无偿援助项目累计到位资金4亿元；培训干部300人次。"
    )
    records = _by_value(text, "2024-02-01")
    assert records[800_000_000].amounts[0].kind == "share"
    assert records[400_000_000].amounts[0].kind == "share"


def test_two_donors_listed_before_the_amount_give_an_aggregate() -> None:
    record = _by_value("截至目前，江苏、浙江已向青海累计投入帮扶资金45亿元。")[4_500_000_000]
    assert record.record_kind == "aggregate"
    assert record.donor is None


def test_one_donors_part_of_a_total_of_many_is_its_programme() -> None:
    text = "近年来，江苏、浙江对口支援累计到位资金达45亿元，其中江苏省30亿元，浙江省15亿元。"
    records = _by_value(text)
    assert records[4_500_000_000].record_kind == "aggregate"
    assert records[3_000_000_000].record_kind == "programme"
    assert records[3_000_000_000].donor == "江苏省"


def test_a_list_of_parts_goes_on_past_a_rounded_total() -> None:
    text = (
        "多年来，该市累计接受四省市对口援助资金超过50亿元。甲省援助资金24亿元；乙省援助资金16亿元；"
        "丙省援助资金8亿元；丁企业援助资金1.5亿元；戊企业援助资金1.2亿元。"
    )
    records = _by_value(text)
    assert records[150_000_000].amounts[0].kind == "share"
    assert records[120_000_000].amounts[0].kind == "share"


def test_an_estimated_value_is_a_qualifier_not_an_estimate() -> None:
    text = "The minister said China would write off loans worth an estimated 30 million dollars."
    assert _by_value(text)[30_000_000].amounts[0].kind == "planned"


def test_many_givers_before_an_earlier_amount_do_not_give_the_next_one() -> None:
    text = "某红十字会多年来为灾区募集善款超过2亿元，紧急发运救援物资超过3000万元。"
    records = _by_value(text)
    assert records[200_000_000].record_kind == "aggregate"
    assert records[30_000_000].record_kind != "aggregate"


def test_gifts_from_the_public_and_groups_are_an_aggregate() -> None:
    text = "该会已从基金中拨出50万元送往灾区，目前已收到来自市民和社会团体的捐款260万元。"
    assert _by_value(text)[2_600_000].record_kind == "aggregate"


def test_the_same_figure_from_two_named_donors_is_two_gifts() -> None:
    text = (
        "地震发生后，香港红十字会拨款五十万元人民币，派员前往灾区。\n"
        "澳门红十字会拨出五十万元人民币，协助当地救灾。"
    )
    gifts = [r for r in extract(text).records if int(r.amounts[0].value) == 500_000]
    assert sorted(r.donor for r in gifts) == ["澳门特别行政区", "香港特别行政区"]


def test_two_givers_that_each_give_a_sum_are_two_gifts() -> None:
    text = "某商会率先捐出300万港币。\n次日，甲集团捐出150万港币，乙商会和丙集团分别捐出300万港币，支援灾区。"
    gifts = [r for r in extract(text).records if int(r.amounts[0].value) == 3_000_000]
    assert len(gifts) == 3


def test_givers_with_one_sum_each_listed_are_not_doubled() -> None:
    text = "甲银行与乙协会向红十字会分别捐款300万、400万港币，帮助受灾群众。"
    values = sorted(int(r.amounts[0].value) for r in extract(text).records)
    assert values == [3_000_000, 4_000_000]


def test_currency_names_in_traditional_characters() -> None:
    text = "中國政府向斐濟提供42萬斐濟元現匯援助，另向斯里蘭卡提供5000萬斯里蘭卡盧比。"
    currencies = {m.text: m.currency for m in extract(text).mentions if m.kind == "amount"}
    assert currencies["42萬斐濟元"] == "FJD"
    assert currencies["5000萬斯里蘭卡盧比"] == "LKR"


def test_a_currency_name_with_pinyin_residue() -> None:
    text = "中國政府將向斐濟(jì)提供35萬斐濟(jì)元人道緊急援助。"
    assert {m.currency for m in extract(text).mentions if m.kind == "amount"} == {"FJD"}


def _counts(text: str) -> dict[str, tuple[int, str]]:
    return {m.text: (int(m.value), m.what) for m in extract(text).mentions if m.kind == "count"}


def test_registered_poor_people_and_households_are_counted_without_a_classifier() -> None:
    counts = _counts("项目惠及9万多建档立卡贫困人口，覆盖3600户建档立卡贫困户，帮助2万贫困群众增收。")
    assert counts["9万多建档立卡贫困人口"] == (90_000, "people")
    assert counts["3600户建档立卡贫困户"] == (3_600, "households")
    assert counts["2万贫困群众"] == (20_000, "people")


def test_poverty_workshops_written_noun_first_are_facilities() -> None:
    assert _counts("两地共建扶贫车间15个，吸纳就业800人。")["15个"] == (15, "facilities")


def test_a_proposed_grant_is_planned_and_an_approved_one_committed() -> None:
    proposed = _by_value("特区政府建议从赈灾基金拨款3亿港元支援灾区重建。")[300_000_000]
    approved = _by_value("财务委员会昨日批准拨款9亿港元，支援灾区重建。")[900_000_000]
    assert proposed.amounts[0].kind == "planned"
    assert approved.amounts[0].kind == "committed"


def test_givers_that_each_donated_a_sum_in_english_are_two_gifts() -> None:
    text = "The Jockey Club and the Lee Foundation each donated HK$10 million to the quake-hit areas."
    gifts = [r for r in extract(text).records if int(r.amounts[0].value) == 10_000_000]
    assert len(gifts) == 2
    assert {r.amounts[0].kind for r in gifts} == {"spent"}


def test_a_sum_for_each_unit_is_still_no_gift() -> None:
    text = "Families whose homes collapsed will receive up to 20,000 yuan each."
    assert 20_000 not in _by_value(text)


def test_parts_listed_after_baokuo_are_shares() -> None:
    text = "中国政府向该国提供了总额5亿元人民币的援助，包括3亿元无偿援助和2亿元无息贷款。"
    records = _by_value(text)
    assert records[300_000_000].amounts[0].kind == "share"
    assert records[200_000_000].amounts[0].kind == "share"


def test_a_new_total_after_a_further_pledge_is_cumulative() -> None:
    text = "China has pledged a further $10 million, bringing its total contribution to $50 million."
    records = _by_value(text)
    assert records[10_000_000].amounts[0].kind == "committed"
    assert records[50_000_000].amounts[0].kind == "cumulative"


def test_one_named_works_is_a_project_despite_the_funds_name() -> None:
    assert (
        _by_value("甲省援建的阿克苏第一人民医院项目投入援疆资金2.5亿元。")[250_000_000].record_kind
        == "project"
    )
    assert _by_value("某市投入援疆资金1.2亿元，建设喀什大学新校区。")[120_000_000].record_kind == "project"


def test_unnamed_or_listed_works_stay_a_programme() -> None:
    assert (
        _by_value("今年广东省安排援疆资金3亿元，主要用于团场学校改扩建。")[300_000_000].record_kind
        == "programme"
    )
    text = "某市下达援疆资金1亿元，用于墨玉县第二中学扩建和就业车间建设。"
    assert _by_value(text)[100_000_000].record_kind == "programme"


def test_money_restating_a_percentage_of_a_total_is_a_share() -> None:
    text = "2019年至2021年，该国援助资金的42.5%（85亿元人民币）投向非洲。"
    assert _by_value(text, "2022-05-01")[8_500_000_000].amounts[0].kind == "share"


def test_aid_to_a_counted_number_of_countries_is_a_programme() -> None:
    text = "中国年内已向12国提供价值1600万美元的人道援助。"
    assert _by_value(text, "2022-05-01")[16_000_000].record_kind == "programme"


def test_a_sum_of_a_larger_named_sum_is_a_share() -> None:
    text = "China has disbursed 800 million dollars of the 1 billion dollars it pledged."
    records = _by_value(text)
    assert records[800_000_000].amounts[0].kind == "share"
    assert records[1_000_000_000].amounts[0].kind == "committed"
    assert (
        _by_value("China spent 5 million dollars of the 2019 budget on a school.")[5_000_000].amounts[0].kind
        != "share"
    )


def test_a_total_as_of_a_date_is_cumulative_unless_it_is_this_years() -> None:
    assert (
        _by_value("截至去年底，甲市共向乙县投入帮扶资金20亿元。", "2024-03-01")[2_000_000_000].amounts[0].kind
        == "cumulative"
    )
    this_year = _by_value("截至6月底，今年共到位帮扶资金3亿元。", "2024-08-01")[300_000_000]
    assert this_year.amounts[0].kind != "cumulative"


def test_a_part_named_by_its_proportion_is_a_share() -> None:
    text = "今年援疆资金18亿元，民生领域占比超过80%，达14.5亿元。"
    assert _by_value(text, "2024-03-01")[1_450_000_000].amounts[0].kind == "share"


def test_a_verb_before_the_next_amount_is_not_the_first_amounts() -> None:
    text = "截至目前，今年的20亿元援疆资金已拨付15亿元。"
    first = _by_value(text, "2024-09-01")[2_000_000_000]
    assert not any("拨付" in text[span.start : span.end] for span in first.evidence.get("amount_kind", []))


def test_a_share_cue_reaches_over_a_wrapped_line() -> None:
    text = (
        "Officials said the aid had been delivered. The total\n"
        "includes 30 million yuan of relief goods, 200 million\n"
        "yuan of reconstruction aid and US$5 million for the UN agencies,\n"
        "according to the ministry."
    )
    assert _by_value(text)[5_000_000].amounts[0].kind == "share"


def test_a_finished_line_stops_the_reach() -> None:
    text = "The package includes tents and food.\nChina provided US$5 million in cash aid on Monday."
    assert _by_value(text)[5_000_000].amounts[0].kind == "spent"


def test_donations_received_from_many_are_an_aggregate() -> None:
    assert _by_value("某红十字会收到市民捐款超过500万澳门元。")[5_000_000].record_kind == "aggregate"
    text = "The office has received donations totalling HK$150 million from various sectors of the city."
    assert _by_value(text)[150_000_000].record_kind == "aggregate"


def test_aid_to_three_or_more_named_countries_is_a_programme() -> None:
    text = "China provided 100 million yuan in emergency aid to India, Indonesia, Thailand and Sri Lanka."
    assert _by_value(text)[100_000_000].record_kind == "programme"
    assert (
        _by_value("China provided 10 million yuan in emergency aid to Nepal.")[10_000_000].record_kind
        != "programme"
    )


def test_a_sum_announced_is_committed() -> None:
    assert (
        _by_value("China announced 10 million US dollars in emergency aid for Myanmar.")[10_000_000]
        .amounts[0]
        .kind
        == "committed"
    )
    text = "China announced it would provide 5 million US dollars in emergency aid."
    assert _by_value(text)[5_000_000].amounts[0].kind == "planned"


def test_money_already_used_of_a_planned_total_is_a_share() -> None:
    records = _by_value("今年计划投入帮扶资金3亿元，目前已完成投资2.1亿元。", "2024-10-01")
    assert records[210_000_000].amounts[0].kind == "share"
    records = _by_value("今年安排帮扶资金5亿元，已使用3亿元。", "2024-10-01")
    assert records[300_000_000].amounts[0].kind == "share"
