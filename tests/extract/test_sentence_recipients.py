"""Recipients of amounts listed in one Chinese sentence: a place in another gift's clause is that gift's
own (sentences written for the test)."""

from __future__ import annotations

import datetime as dt

from aidcurator.extract import extract

DAY = dt.date(2024, 6, 1)


def _by_value(text: str) -> dict[int, object]:
    return {r.amounts[0].value: r for r in extract(text, DAY).records}


def test_a_place_after_the_previous_amount_in_its_clause_is_that_amounts() -> None:
    records = _by_value("甲公司捐出300万元用于长沙市修路，乙公司捐出100万元给株洲市。")
    assert records[3_000_000].recipient == "长沙市"
    assert records[1_000_000].recipient == "株洲市"


def test_a_group_heading_a_list_of_gifts_holds_the_gifts_naming_no_place() -> None:
    text = "香港多家机构日前向内地捐款：甲基金会出资500万港元支持长沙修建学校，乙集团出资200万港元，丙商会出资80万港元。"
    records = _by_value(text)
    assert records[5_000_000].recipient == "长沙市"
    assert records[2_000_000].recipient is None
    assert records[800_000].recipient is None


def test_a_contracted_list_of_cities_named_before_stands_for_their_province() -> None:
    text = (
        "某基金会在湘潭市设立办事处，多年关注长沙市、株洲市、湘潭市的乡村教育。湘潭市教育局表示感谢。"
        "今年该基金会再向长株潭三市捐赠800万元。"
    )
    assert _by_value(text)[8_000_000].recipient == "湖南省"


def test_a_contracted_list_whose_heads_were_not_named_before_stands_for_nothing() -> None:
    text = "今年某基金会向长株潭三市捐赠800万元。"
    assert _by_value(text)[8_000_000].recipient != "湖南省"


def test_a_giver_that_continues_gives_again_to_the_place_it_gave_to_in_the_paragraph() -> None:
    text = (
        "江苏省向铜仁市捐赠500万元。铜仁市各界表示感谢，铜仁市将用好资金。\n"
        "苏州市援建铜仁市松桃县一所小学，投入300万元；另捐资20万元购置图书。"
    )
    assert _by_value(text)[200_000].recipient == "松桃苗族自治县"


def test_a_central_giver_that_continues_gives_again_to_the_same_county() -> None:
    text = (
        "某部向铜仁市捐赠500万元。铜仁市各界表示感谢，铜仁市将用好资金。\n"
        "国家开发银行援建铜仁市松桃县一所小学；捐资20万元购置图书。"
    )
    assert _by_value(text)[200_000].recipient == "松桃苗族自治县"


def test_a_town_sharing_a_county_name_is_not_the_county() -> None:
    text = "甲协会今年在绵阳市结对帮扶两个村，一个在永兴镇，一个在大竹镇，合计投入4万元。"
    assert _by_value(text)[40_000].recipient == "绵阳市"


def test_a_giver_with_no_place_in_its_sentence_gives_where_it_was_shown_giving() -> None:
    text = (
        "湘潭市近年来与多地合作。广州市对口帮扶株洲市，派出干部三十名。湘潭市的企业也参与其中，湘潭市表示欢迎。\n"
        "广州市去年拨付资金5000万元。"
    )
    record = _by_value(text)[50_000_000]
    assert (record.donor, record.recipient) == ("广州市", "株洲市")
