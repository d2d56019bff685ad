"""Periods counted from a named event (extract/time_events.py, events_since in rules/time.json).
Texts written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from aidcurator.extract import extract
from aidcurator.extract.timex import find_times

PUBLISHED = dt.date(2024, 7, 1)


@pytest.mark.parametrize(
    ("text", "quote", "start"),
    [
        ("党的十八大以来，甲省累计投入援助资金3亿元。", "党的十八大以来", 2012),
        ("十九大召开以来，两地协作不断深化。", "十九大召开以来", 2017),
        ("第二次中央新疆工作座谈会以来，援疆工作全面推进。", "第二次中央新疆工作座谈会以来", 2014),
        (
            "Since the 18th CPC National Congress, the province has sent 900 teachers.",
            "Since the 18th CPC National Congress",
            2012,
        ),
    ],
)
def test_a_period_counted_from_a_named_event(text: str, quote: str, start: int) -> None:
    (mention,) = find_times(text, PUBLISHED)
    assert (mention.text, mention.data["start"], mention.data["end"]) == (quote, start, 2024)


def test_an_event_named_without_since_is_no_period() -> None:
    assert find_times("党的十八大报告提出了新的要求。", PUBLISHED) == []


def test_an_amount_since_a_named_event_spans_to_the_publication_year() -> None:
    records = extract("党的十八大以来，甲省投入援助资金超过3亿元，其中八成投向基层。", PUBLISHED).records
    assert (records[0].year_start, records[0].year_end) == (2012, 2024)


def test_a_year_of_a_figure_after_a_since_prefix_is_no_start() -> None:
    found = find_times("援助资金从2015年的800万元增加到2016年的1200万元。", PUBLISHED)
    assert [(m.data["start"], m.data["end"]) for m in found] == [(2015, 2015), (2016, 2016)]
    (since,) = find_times("从2017年起，甲省每年投入援助资金。", PUBLISHED)
    assert (since.data["start"], since.data["end"]) == (2017, 2024)


@pytest.mark.parametrize(
    "text",
    [
        "Since the paired aid to the county was launched in 2010, the province has sent 300 teachers.",
        "自对口支援工作于2010年正式启动以来，甲省共选派干部300名。",
        "The province has sent 300 teachers since its pledge at the 2010 regional summit.",
    ],
)
def test_a_year_inside_a_since_clause_starts_a_period(text: str) -> None:
    (mention,) = find_times(text, PUBLISHED)
    assert (mention.data["start"], mention.data["end"], mention.data["source"]) == (2010, 2024, "since")


def test_a_year_after_a_since_clause_is_a_plain_year() -> None:
    (mention,) = find_times(
        "Since then, the province has worked hard. In 2010, it sent 300 teachers.", PUBLISHED
    )
    assert (mention.data["start"], mention.data["end"]) == (2010, 2010)
    (mention,) = find_times("自那以后，两地合作不断。2010年，甲省选派干部300名。", PUBLISHED)
    assert (mention.data["start"], mention.data["end"]) == (2010, 2010)


@pytest.mark.parametrize(
    "text",
    [
        "The route of the road has since been changed in 2010.",
        "The old bridge had long since been closed in 2010.",
    ],
)
def test_since_after_has_or_long_means_later_and_starts_no_period(text: str) -> None:
    (mention,) = find_times(text, PUBLISHED)
    assert (mention.data["start"], mention.data["end"], mention.data["source"]) == (2010, 2010, "explicit")


def test_the_start_of_a_running_total_does_not_date_a_handed_over_gift() -> None:
    text = (
        "Donation of school desks\n\n"
        "On May 4, 2013, the embassy held a ceremony for the donation of school desks to the ministry. "
        "China has donated four batches of desks since its pledge at the 2009 summit. "
        "The desks were worth 3 million yuan."
    )
    (record,) = extract(text).records
    assert (record.year_start, record.year_end) == (2013, 2013)
