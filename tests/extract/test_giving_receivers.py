"""A place the gazetteer lists as receiving only, shown giving in its clause, does not become the
article's recipient (sentences written for the test)."""

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
