"""Amount-kind rules of the kinds2 round. Texts written for the tests (Ruritania, 甲市, invented figures), no
phrase of a real page."""

from __future__ import annotations

import datetime as dt

from aidcurator.extract import extract


def _kinds(text: str) -> dict[int, str]:
    records = extract(text, published=dt.date(2024, 5, 10)).records
    return {int(r.amounts[0].value): str(r.amounts[0].kind) for r in records}


def test_an_amount_in_a_sentence_of_signed_agreements_is_committed() -> None:
    text = (
        "Ruritania and Borduria concluded talks in Strelsau on Tuesday.\n"
        "A rural clinic in Zenda gets a grant worth $7 million from Borduria under the new agreements."
    )
    assert _kinds(text)[7_000_000] == "committed"


def test_money_handed_over_stays_spent_in_an_agreement_sentence() -> None:
    text = "Under last year's agreements, Borduria handed over a water plant worth $3 million to Ruritania."
    assert _kinds(text)[3_000_000] == "spent"


def test_a_secured_sum_is_committed() -> None:
    text = "Ruritania secured 45 million dollars in funding from Borduria for a coastal road on Monday."
    assert _kinds(text)[45_000_000] == "committed"


def test_a_sum_a_government_has_extended_is_committed() -> None:
    text = "The Bordurian government has extended a credit of 12 million dollars to Ruritania for new buses."
    assert _kinds(text)[12_000_000] == "committed"


def test_goods_handed_over_are_spent_by_the_handover_cue() -> None:
    """移交 says the goods changed hands: spent by a cue, not by the default."""
    text = "甲市代表团昨日向乙县移交一批价值360万元的医疗设备，帮助乙县抗击疫情。"
    record = next(r for r in extract(text, published=dt.date(2024, 5, 10)).records)
    assert str(record.amounts[0].kind) == "spent"
    assert "kind_default" not in record.flags


def test_a_will_in_a_relative_clause_after_the_amount_is_not_its_cue() -> None:
    text = "Borduria also agreed to a 90 million dollar loan for a harbour in Ruritania that will serve fishing fleets."
    assert _kinds(text)[90_000_000] == "committed"


def test_a_relative_clause_with_its_own_subject_keeps_the_amount_as_its_object() -> None:
    text = "Talks covered some 70 million dollars that Borduria had pledged to Ruritania last spring."
    assert _kinds(text)[70_000_000] == "committed"


def test_a_tally_with_a_total_word_is_cumulative() -> None:
    text = "据统计，甲市共向乙县无偿提供帮扶资金(含物资)3.6亿元，建成村级卫生室80个。"
    assert _kinds(text)[360_000_000] == "cumulative"


def test_a_total_over_several_years_is_cumulative() -> None:
    text = "丙区五年内共为丁县投入协作资金730万元，重点用于乡村学校。"
    assert _kinds(text)[7_300_000] == "cumulative"


def test_a_plan_over_several_years_is_not_a_running_total() -> None:
    text = "丙区五年内将为丁县投入协作资金730万元，重点用于乡村学校。"
    assert _kinds(text)[7_300_000] == "planned"


def test_one_of_the_deals_is_a_share_though_a_chinese_name_stands_in_brackets() -> None:
    text = (
        "Among the deals signed, Ruritania's finance minister and the Borduria Bank (甲银行) agreed on"
        " a loan of 90 million dollars for a dam."
    )
    assert _kinds(text)[90_000_000] == "share"


def test_an_allotment_noun_at_the_amount_outweighs_an_earlier_giving_verb() -> None:
    text = "据介绍，甲市对口援建丙镇任务资金总量为2.8亿元，已建成学校和卫生院各两所。"
    assert _kinds(text)[280_000_000] == "committed"


def _record_kinds(text: str) -> dict[int, str]:
    records = extract(text, published=dt.date(2024, 5, 10)).records
    return {int(r.amounts[0].value): str(r.record_kind) for r in records}


def test_a_loan_for_projects_still_to_be_agreed_is_a_programme() -> None:
    text = (
        "Borduria will lend Ruritania another 45 million dollars interest-free for mutually agreed projects."
    )
    assert _record_kinds(text)[45_000_000] == "programme"


def test_a_grant_for_infrastructure_development_at_large_is_a_programme() -> None:
    text = "Borduria gave Ruritania a grant of 60 million dollars for infrastructure development last week."
    assert _record_kinds(text)[60_000_000] == "programme"


def test_a_headline_figure_takes_the_programme_kind_the_body_finds() -> None:
    text = (
        "Borduria gives Ruritania 75 million dollars\n\n"
        "Borduria has given Ruritania 75 million dollars in budget support for the coming year, its envoy said."
    )
    records = extract(text, published=dt.date(2024, 5, 10)).records
    assert [str(r.record_kind) for r in records if int(r.amounts[0].value) == 75_000_000] == ["programme"]


def test_every_sentence_of_a_paragraph_opened_by_qizhong_is_a_share() -> None:
    text = (
        "丙国今年向丁国提供三笔贷款，总额为9亿元。\n"
        "其中，东港码头改造获贷款4亿元。山区公路获贷款3亿元，明年开工。水厂扩建获贷款2亿元。"
    )
    kinds = _kinds(text)
    assert kinds[300_000_000] == "share"
    assert kinds[200_000_000] == "share"


def test_a_present_perfect_total_is_cumulative() -> None:
    text = "The Bordurian medical teams have sent a total of about 9 million dollars to clinics in Ruritania."
    assert _kinds(text)[9_000_000] == "cumulative"


def test_a_raised_level_with_no_giving_verb_is_committed() -> None:
    text = "为加强协作，甲市今年把对乙县的帮扶标准由2023年的8000万元提高到1.2亿元。"
    assert _kinds(text)[120_000_000] == "committed"
