"""Recipient cues of Chinese news: the place after 支援 receives, a home place inside a Hong Kong group's
name gives nothing (sentences written for the test)."""

from __future__ import annotations

import datetime as dt

from aidcurator.extract import extract

DAY = dt.date(2024, 6, 1)


def test_a_place_after_zhiyuan_receives_even_when_it_often_gives() -> None:
    record = extract("某基金会捐款30万元，支援浙江救灾。", DAY).records[0]
    assert record.recipient == "浙江省"
    assert record.donor != "浙江省"


def test_a_home_place_inside_a_hong_kong_youth_association_does_not_give() -> None:
    record = extract("香港浙江青年协会捐出80万港元，支援甘肃某县抗旱。", DAY).records[0]
    assert record.donor == "香港特别行政区"


def test_a_giving_side_province_shown_only_receiving_is_not_the_main_donor() -> None:
    text = "江苏遭遇洪灾，社会各界纷纷支援江苏。江苏省政府通报灾情，江苏各地积极自救。某基金会捐出70万元。\n某商会向沛县捐出40万元。"
    records = {r.amounts[0].value: r for r in extract(text, DAY).records}
    assert records[700_000].recipient != "沛县"  # a county named later is not the article's receiver
    assert records[400_000].donor != "江苏省"


def test_a_county_of_the_main_donor_is_not_the_main_recipient() -> None:
    text = "江苏省沛县一行赴松桃县交流协作。据了解，今年协作资金共900万元，主要用于产业发展。\n沛县某镇、沛县某村的代表也分别发言。"
    record = extract(text, DAY).records[0]
    assert record.recipient == "松桃苗族自治县"


def test_donations_to_the_mainland_at_large_have_no_recipient_and_stay_projects() -> None:
    record = extract("成都发生疫情后，香港各界十分关注。某商会向内地捐款60万港元。", DAY).records[0]
    assert record.recipient is None
    assert record.record_kind == "project"
    assert "group_recipient" not in record.flags


def test_a_province_naming_its_overseas_liaison_body_does_not_give() -> None:
    record = extract("香港某协会联合浙江海外联谊会共同筹得善款30万港元，向甘肃灾区捐赠。", DAY).records[0]
    assert record.donor == "香港特别行政区"
    assert record.recipient == "甘肃省"
