"""Years, ranges, relative words, five-year plans and durations."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path

import pytest

from aidcurator.domain import MentionKind
from aidcurator.extract.timex import find_times

PUB = dt.date(2025, 12, 23)


def spans(text: str, published: dt.date | None = PUB) -> list[tuple[str, int | None, int | None, str]]:
    return [(m.text, m.data["start"], m.data["end"], m.data["source"]) for m in find_times(text, published)]


def one(text: str, published: dt.date | None = PUB):
    found = find_times(text, published)
    assert len(found) == 1, [(m.text, m.data) for m in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "quote", "start", "end"),
    [
        ("2024年", "2024年", 2024, 2024),
        ("在2024 年完成", "2024 年", 2024, 2024),
        ("2024年度援疆项目", "2024年度", 2024, 2024),
        ("二〇二四年", "二〇二四年", 2024, 2024),
        ("projects in 2023 were", "2023", 2023, 2023),
        ("The 2024 Xinjiang Aid Project", "2024", 2024, 2024),
        ("the 2023-24 budget", "2023-24", 2023, 2024),
        ("2014年至2016年", "2014年至2016年", 2014, 2016),
        ("2014—2016年", "2014—2016年", 2014, 2016),
        ("2014-2016", "2014-2016", 2014, 2016),
        ("2021至2025年", "2021至2025年", 2021, 2025),
        ("从2021年到2025年", "从2021年到2025年", 2021, 2025),
        ("2024—2025年度", "2024—2025年度", 2024, 2025),
        ("from 2021 to 2025", "from 2021 to 2025", 2021, 2025),
        ("between 2021 and 2025", "between 2021 and 2025", 2021, 2025),
        ("2025年12月23日", "2025年12月23日", 2025, 2025),
        ("2025-12-23", "2025-12-23", 2025, 2025),
        ("on December 23, 2025, Hunan", "2025", 2025, 2025),
        ("援助该州(zhōu),2017年安排资金", "2017年", 2017, 2017),
    ],
)
def test_explicit(text: str, quote: str, start: int, end: int) -> None:
    mention = one(text)
    assert mention.kind is MentionKind.YEAR
    assert mention.text == quote
    assert text[mention.start : mention.end] == quote
    assert (mention.data["start"], mention.data["end"]) == (start, end)
    assert mention.data["source"] == "explicit"
    assert mention.data["estimated"] is False
    assert mention.data["relative"] is False


def test_dates_keep_the_date() -> None:
    assert one("2025年12月23日").data["date"] == "2025-12-23"
    assert one("2025-12-23").data["date"] == "2025-12-23"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Dec 12 2014 the two banks signed the loan.", "2014-12-12"),
        ("On Sept 9 2013 the school opened.", "2013-09-09"),
        ("On Feb. 5 2007 the grant was signed.", "2007-02-05"),
        ("On July 17 2009 the bridge was handed over.", "2009-07-17"),
        ("On Apr. 7 2011 the loan was signed.", "2011-04-07"),
        ("On Jul. 3 2010 the clinic opened.", "2010-07-03"),
        ("From March 14-18 2006 the minister toured the north.", "2006-03-14"),
        ("On May 4 and 5 2005 the two sides held talks.", "2005-05-04"),
        ("On June 14 and 15, 2005 the two sides held talks.", "2005-06-14"),
    ],
)
def test_an_english_date_without_a_comma_is_a_date(text: str, date: str) -> None:
    assert one(text).data["date"] == date


def test_a_month_abbreviation_alone_is_no_month() -> None:
    assert find_times("Prices rose in mar and jun.", PUB) == []


@pytest.mark.parametrize(
    "text",
    [
        "投入2024万元",
        "投入 2024 万元",
        "共2024户",
        "2024 households",
        "RMB 2024 million",
        "电话 138 2024 5678",
        "0991-20245678",
        "2,024 people",
        "1.2024",
        "近2000年的历史",
        "2200年",
        "1900年",
        "编号2024号",
        "2025-12",
        "2024年代",
    ],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert find_times(text, PUB) == []


def test_bare_year_in_chinese_needs_range() -> None:
    assert find_times("共计2024个", PUB) == []
    assert spans("2014-2016建成") == [("2014-2016", 2014, 2016, "explicit")]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("since 2010", 2010, 2025),
        ("2010年以来", 2010, 2025),
        ("自2010年起", 2010, 2025),
        ("自2010年", 2010, 2025),
        ("二〇一〇年以来", 2010, 2025),
    ],
)
def test_since(text: str, start: int, end: int) -> None:
    mention = one(text)
    assert mention.text == text
    assert mention.data == {
        "start": start,
        "end": end,
        "estimated": False,
        "relative": True,
        "source": "since",
    }


def test_since_without_publication_date() -> None:
    assert one("since 2010", None).data["end"] is None


@pytest.mark.parametrize(
    ("text", "year", "offset"),
    [
        ("今年", 2025, 0),
        ("去年", 2024, -1),
        ("明年", 2026, 1),
        ("前年", 2023, -2),
        ("this year", 2025, 0),
        ("This year, Hunan", 2025, 0),
        ("last year", 2024, -1),
        ("next year", 2026, 1),
    ],
)
def test_relative(text: str, year: int, offset: int) -> None:
    mention = one(text)
    assert (mention.data["start"], mention.data["end"]) == (year, year)
    assert mention.data["relative"] is True
    assert mention.data["source"] == "relative"
    assert mention.data["offset"] == offset


def test_relative_depends_on_publication_year() -> None:
    assert one("今年", dt.date(2019, 1, 1)).data["start"] == 2019


def test_relative_unresolved_without_publication_date() -> None:
    mention = one("去年", None)
    assert (mention.data["start"], mention.data["end"]) == (None, None)
    assert mention.data["offset"] == -1


@pytest.mark.parametrize("text", ["目前年均增长", "如今年轻人", "临近年底", "至今年均", "lastyear"])
def test_relative_words_inside_other_words(text: str) -> None:
    assert find_times(text, PUB) == []


@pytest.mark.parametrize(
    ("text", "quote", "start", "end", "plan"),
    [
        ("十二五期间", "十二五", 2011, 2015, "十二五"),
        ("“十三五”时期", "十三五", 2016, 2020, "十三五"),
        ("十四五规划", "十四五", 2021, 2025, "十四五"),
        ("十五五援疆规划", "十五五", 2026, 2030, "十五五"),
        ("第十四个五年规划", "第十四个五年规划", 2021, 2025, "十四五"),
        ("during the 14th Five-Year Plan", "the 14th Five-Year Plan", 2021, 2025, "十四五"),
        ("the 13th Five-Year Plan period ended", "the 13th Five-Year Plan period", 2016, 2020, "十三五"),
        (
            "the Fourteenth Five-Year Plan (2021-2025)",
            "the Fourteenth Five-Year Plan (2021-2025)",
            2021,
            2025,
            "十四五",
        ),
    ],
)
def test_plans(text: str, quote: str, start: int, end: int, plan: str) -> None:
    mention = one(text)
    assert mention.text == quote
    assert mention.data == {
        "start": start,
        "end": end,
        "estimated": False,
        "relative": False,
        "source": "plan",
        "plan": plan,
    }


def test_plan_is_not_a_number() -> None:
    assert find_times("二十四五人", PUB) == []


def test_plan_since() -> None:
    mention = one('"十四五"以来，泰州援疆累计投入')
    assert mention.text == '十四五"以来'
    assert (mention.data["start"], mention.data["end"], mention.data["source"]) == (2021, 2025, "since")
    assert mention.data["plan"] == "十四五"


@pytest.mark.parametrize(
    ("text", "start", "end", "years"),
    [
        ("三年来", 2023, 2025, 3),
        ("五年来", 2021, 2025, 5),
        ("十年来", 2016, 2025, 10),
        ("近五年", 2021, 2025, 5),
        ("过去三年", 2023, 2025, 3),
        ("10年来", 2016, 2025, 10),
        ("over the past three years", 2023, 2025, 3),
        ("in the last 5 years", 2021, 2025, 5),
        ("over the past decade", 2016, 2025, 10),
        ("未来五年", 2026, 2030, 5),
        ("over the next five years", 2026, 2030, 5),
    ],
)
def test_durations(text: str, start: int, end: int, years: int) -> None:
    mention = one(text)
    assert mention.text == text
    assert (mention.data["start"], mention.data["end"], mention.data["years"]) == (start, end, years)
    assert mention.data["source"] == "duration"
    assert mention.data["estimated"] is True


def test_vague_duration() -> None:
    for text in ("近年来", "in recent years"):
        mention = one(text)
        assert (mention.data["start"], mention.data["end"]) == (None, 2025)
        assert mention.data["estimated"] is True


def test_duration_without_publication_date() -> None:
    mention = one("三年来", None)
    assert (mention.data["start"], mention.data["end"], mention.data["years"]) == (None, None, 3)


def test_duration_needs_a_cue() -> None:
    assert find_times("三年行动计划", PUB) == []


def test_more_than_n_years() -> None:
    mention = one("十多年来")
    assert mention.data["years"] == 10
    assert mention.data["at_least"] is True


def test_future_takes_plan_in_sentence() -> None:
    found = find_times("展望未来，“十五五”援疆规划的前期研究已经启动。", PUB)
    assert [(m.text, m.data["plan"]) for m in found] == [("未来", "十五五"), ("十五五", "十五五")]
    assert found[0].data["estimated"] is True


def test_future_skips_a_finished_plan() -> None:
    text = "按“十四五”资金上浮15%测算，未来将投入69920万元。"
    future = [m for m in find_times(text, PUB) if m.text == "未来"]
    assert [(m.data["start"], m.data["end"], m.data["plan"]) for m in future] == [(2026, 2030, "十五五")]


def test_future_with_plan_before_publication() -> None:
    text = "按“十四五”规划，未来将投入。"
    future = [m for m in find_times(text, dt.date(2022, 5, 1)) if m.text == "未来"]
    assert future[0].data["plan"] == "十四五"


def test_future_without_plan_is_not_a_mention() -> None:
    assert find_times("未来，某地援疆工作组仍将继续努力。", PUB) == []
    assert find_times("in the future we will", PUB) == []


def test_english_future_with_plan() -> None:
    found = find_times("In the future, the 15th Five-Year Plan will guide aid.", PUB)
    assert [m.data["plan"] for m in found] == ["十五五", "十五五"]


def test_mentions_do_not_overlap_and_are_ordered() -> None:
    found = find_times("2014年至2016年，2024年，今年，三年来，十四五以来", PUB)
    assert [m.text for m in found] == ["2014年至2016年", "2024年", "今年", "三年来", "十四五以来"]
    for a, b in pairwise(found):
        assert a.end <= b.start


def test_line_wrap_inside_words() -> None:
    mention = one("三年\n来工作组")
    assert mention.text == "三年\n来"
    assert mention.data["years"] == 3


def test_seed_zh(seed_zh: Path) -> None:
    text = seed_zh.read_text(encoding="utf-8")
    found = {(m.text, m.data["start"], m.data["end"], m.data["source"]) for m in find_times(text, PUB)}
    assert ("三年来", 2023, 2025, "duration") in found
    assert ("十五五", 2026, 2030, "plan") in found
    assert ("未来", 2026, 2030, "plan") in found
    assert ('十四五"以来', 2021, 2025, "since") in found
    assert ("2025-12-23", 2025, 2025, "explicit") in found
    assert not any(m.text.startswith(("69920", "1262", "8010")) for m in find_times(text, PUB))


def test_seed_en(seed_en: Path) -> None:
    text = seed_en.read_text(encoding="utf-8")
    found = [(m.text, m.data["start"]) for m in find_times(text, dt.date(2024, 3, 1))]
    assert ("2024", 2024) in found
    assert ("2023", 2023) in found
    assert ("this year", 2024) in found
    assert not any(m[0] in ("102", "376", "88") for m in found)


@pytest.mark.parametrize(
    ("text", "quote", "year"),
    [
        ("The loan was signed in 2009 and the plant opened the following year.", "the following year", 2010),
        ("Work began in 2009; two years later the road was done.", "two years later", 2011),
        ("The grant came in 2009, a year after the visit of the previous year.", "the previous year", 2008),
        ("From 2006 to 2007 the clinic was built; the next year it opened.", "the next year", 2008),
        ("2019年两省签署协议，同年开工。", "同年", 2019),
        ("2019年两省签署协议，次年竣工。", "次年", 2020),
    ],
)
def test_a_year_counted_from_the_last_named_year(text: str, quote: str, year: int) -> None:
    found = next(m for m in find_times(text, None) if m.text == quote)
    assert (found.data["start"], found.data["end"], found.data["source"]) == (year, year, "anaphoric")


def test_a_counted_year_without_a_named_year_is_a_guess_from_publication() -> None:
    assert find_times("The clinic opened the following year.", None) == []
    found = one("The clinic opened the following year.")
    assert (found.data["start"], found.data["estimated"]) == (PUB.year + 1, True)


def test_a_month_of_the_same_year_takes_that_year() -> None:
    found = find_times("China signed in 2012, and gave more in March of the same year.", PUB)
    assert [(m.text, m.data["start"]) for m in found] == [("2012", 2012), ("the same year", 2012)]


@pytest.mark.parametrize("text", ["不同年份的项目", "当年完工的项目"])
def test_words_that_are_no_counted_year(text: str) -> None:
    assert find_times(text, None) == []


@pytest.mark.parametrize(
    ("text", "quote", "start", "end"),
    [
        ("In mid-2001 China forgave the debt.", "2001", 2001, 2001),
        ("Work began in early-2005.", "2005", 2005, 2005),
        ("The grant was counted in FY2010.", "2010", 2010, 2010),
        ("It is in the 2009/10 budget.", "2009/10", 2009, 2010),
        ("列入2019/20财年预算。", "2019/20", 2019, 2020),
    ],
)
def test_years_with_a_prefix_or_a_fiscal_slash(text: str, quote: str, start: int, end: int) -> None:
    found = one(text, None)
    assert (found.text, found.data["start"], found.data["end"]) == (quote, start, end)


@pytest.mark.parametrize(
    "text", ["The debts date from the 1960's.", "A harmony-2009 tour.", "Model ABC2010 ships."]
)
def test_decades_and_codes_are_no_years(text: str) -> None:
    assert find_times(text, None) == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("2016年至2018年，该省投入援助资金30亿元。三年间，共建成学校20所。", "三年间"),
        (
            "Between 2016 and 2018 the province gave 3 billion yuan. In these three years it built 20 schools.",
            "these three years",
        ),
    ],
)
def test_a_period_named_again_takes_the_period_just_named(text: str, quote: str) -> None:
    again = [m for m in find_times(text, None) if m.text == quote]
    assert [(m.data["start"], m.data["end"]) for m in again] == [(2016, 2018)]


@pytest.mark.parametrize(
    "text",
    [
        "2016年，该省投入援助资金10亿元。三年间，共建成学校20所。",  # one year named: no three-year period
        "三年间，共建成学校20所。",
        "The province gave 3 billion yuan in 2018. In these three years it built 20 schools.",
    ],
)
def test_a_period_named_again_needs_a_period_as_long(text: str) -> None:
    assert [m for m in find_times(text, None) if m.data["source"] == "period_back"] == []
