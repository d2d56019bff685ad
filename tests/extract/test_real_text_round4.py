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
