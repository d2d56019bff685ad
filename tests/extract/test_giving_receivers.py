"""Places shown on the other side than their usual one: a receiving-only place shown giving is not the
article's recipient; a province shown only receiving does not give for its paragraph (sentences written
for the test)."""

from __future__ import annotations

import datetime as dt

from aidcurator.extract import extract

DAY = dt.date(2024, 6, 1)


def test_a_receiving_city_shown_giving_with_pinyin_residue_is_not_the_main_recipient() -> None:
    text = (
        "某县今年获得多方援助，德钦县干部群众深受鼓舞。曲靖市对(duì)口帮(bāng)扶资金共200万元已经到位，"
        "曲靖市还派出干部。上海对口帮扶资金共500万元也已拨付。"
    )
    records = {r.amounts[0].value: r for r in extract(text, DAY).records}
    assert records[2_000_000].donor == "曲靖市"
    assert records[5_000_000].recipient == "德钦县"


def test_a_province_the_article_shows_only_receiving_does_not_give_for_its_paragraph() -> None:
    text = "暴雨过后，各地商会纷纷支援湖北重建家园。\n湖北雨情牵动人心。随后某基金会捐款300万元。"
    record = extract(text, DAY).records[0]
    assert record.donor != "湖北省"
    assert record.recipient == "湖北省"


def test_a_country_where_chinese_givers_hand_over_aid_receives_it() -> None:
    record = extract(
        "中国援外医疗队上周在老挝万象向当地一所医院捐赠了价值约30万元人民币的药品。", DAY
    ).records[0]
    assert (record.donor, record.recipient) == ("中国", "老挝")
