"""Which event's year dates a record (extract/periods.py, rules/years.json): the commitment's, not a
source's, a delivery's or a completion's. Texts written for the tests."""

from __future__ import annotations

import datetime as dt

import pytest

from aidcurator.extract import extract


def _years(text: str) -> dict[object, tuple[int | None, int | None]]:
    return {r.amounts[0].value: (r.year_start, r.year_end) for r in extract(text).records}


# -- a year that dates a source -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "In 2006, China agreed to build a clinic in Ruritania. According to a 2012 article, the clinic "
        "was funded by a $9 million grant.",
        "In 2006, China agreed to build a clinic. A June 2012 report said the clinic cost $9 million.",
        "In 2006, China agreed to build a clinic. Its 2012 annual report lists the $9 million grant.",
        "The bank signed the loan in 2006. The ministry's Performance Report 2012 lists the $9 million loan.",
        "In 2006, China agreed to build a clinic. A source published in July 2012 puts its cost at $9 million.",
    ],
)
def test_the_year_of_a_source_gives_way_to_the_commitment_year(text: str) -> None:
    assert _years(text)[9_000_000] == (2006, 2006)


def test_the_year_of_a_chinese_report_gives_way_to_the_agreement_year() -> None:
    text = "2016年，两省签署对口支援协议。据2019年的报告，该省已向受援县提供援助资金3亿元。"
    assert _years(text)[300_000_000] == (2016, 2016)


def test_a_source_year_still_dates_a_record_that_has_no_other() -> None:
    assert _years("According to a 2012 article, the clinic was funded by a $9 million grant.")[9_000_000] == (
        2012,
        2012,
    )


def test_a_year_before_reports_of_an_event_is_no_source_year() -> None:
    assert _years("In 2012 reports said China gave $9 million for a clinic.")[9_000_000] == (2012, 2012)


# -- a delivery and its pledge ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "On May 30, 2011, the ambassador delivered farm machines worth 1 million RMB to the ministry. "
        "The machines were promised by the province in December 2010.",
        "2011年5月30日，大使向该国移交了价值100万元的农机。这批农机是该省2010年12月承诺援助的。",
    ],
)
def test_a_delivery_gives_way_to_the_year_of_its_pledge(text: str) -> None:
    assert _years(text)[1_000_000] == (2010, 2010)


@pytest.mark.parametrize(
    "text",
    [
        "On March 3, 2014, the school received a grant of 50,000 USD from the embassy. The grant agreement "
        "was signed in November 2013.",
        "In 2014, the village council accepted 50,000 USD for its clinic. The donor and the council had "
        "agreed upon the gift at a regional meeting in 2013.",
        "On March 3, 2014, the port authority received the 50,000 USD loan. Both sides had put their names "
        "to the agreement for the loan on December 30, 2013.",
        "2014年3月3日，该校收到使馆提供的5万美元赠款。双方于2013年11月签署赠款协议。",
    ],
)
def test_a_receipt_gives_way_to_the_year_the_same_aid_was_agreed(text: str) -> None:
    assert _years(text)[50_000] == (2013, 2013)


@pytest.mark.parametrize(
    "text",
    [
        "On May 30, 2011, the ambassador delivered farm machines worth 1 million RMB to the ministry. "
        "The gift follows an agreement the two countries signed in 2009.",
        "2011年5月30日，大使向该国移交了价值100万元的农机。两国于2009年签署经济技术合作协定。",
        "On May 30, 2011, the ambassador delivered farm machines worth 1 million RMB. "
        "In 2010 the province promised 3 million RMB for schools.",
    ],
)
def test_a_delivery_keeps_its_year_without_a_pledge_of_the_same_aid(text: str) -> None:
    assert _years(text)[1_000_000] == (2011, 2011)


def test_a_signing_year_is_no_delivery() -> None:
    text = (
        "In 2011, the bank signed a loan of 5 million USD for the road that was handed over in 2014. "
        "The road was promised in 2009."
    )
    assert _years(text)[5_000_000] == (2011, 2011)


# -- a year counted from another --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "year"),
    [
        (
            "In 2009 the two countries agreed to build a road. The following year, China provided a "
            "$5 million loan for it.",
            5_000_000,
            2010,
        ),
        (
            "In 2012, China said it would help the refugees. It also provided 15 million yuan through the "
            "Red Cross in March of the same year.",
            15_000_000,
            2012,
        ),
        ("2009年两省签署协议。次年，该省提供援助资金5000万元。", 50_000_000, 2010),
    ],
)
def test_a_year_counted_from_the_last_named_year_dates_a_record(text: str, value: int, year: int) -> None:
    assert _years(text)[value] == (year, year)


# -- a stated year and a guessed one ------------------------------------------------------------------


def test_a_stated_year_beats_a_month_guessed_from_the_texts_first_year() -> None:
    text = (
        "14 October 2004 During the king's visit in July, the two ministers signed a grant of "
        "1.2 million US dollars."
    )
    assert _years(text)[1_200_000] == (2004, 2004)


def test_a_duration_is_no_guess_to_drop() -> None:
    text = "今年是两省对口支援十五年来的收官之年，累计投入援助资金30亿元。"
    result = extract(text, dt.date(2025, 7, 22))
    assert (result.records[0].year_start, result.records[0].year_end) == (2011, 2025)


# -- the start of the work before its end -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The clinic project commenced in August 2009 and was completed in March 2011 at a cost of $2 million.",
        "The school was completed in 2011. Construction began in 2009. China gave the $2 million for it.",
    ],
)
def test_among_later_stages_the_start_of_the_work_dates_the_record(text: str) -> None:
    assert _years(text)[2_000_000] == (2009, 2009)


def test_a_completion_year_still_dates_a_record_that_has_no_other() -> None:
    text = "The school was completed in 2011. China gave the $2 million for it."
    assert _years(text)[2_000_000] == (2011, 2011)


def test_a_prefixed_year_dates_a_record_and_a_decade_does_not() -> None:
    text = "In mid-2004 China forgave 12.3 million USD of debts built up in the 1970's."
    assert _years(text)[12_300_000] == (2004, 2004)


@pytest.mark.parametrize(
    "text",
    [
        "Summary: In April 2008, the fund pledged 347 million USD for irrigation. The staff put China's "
        "share at 232 million USD, two thirds of 347 million USD.",
        "摘要：2008年4月，基金承诺投入3.47亿美元。工作人员按三分之二折算，中方出资2.32亿美元，总额3.47亿美元。",
    ],
)
def test_a_year_after_a_label_still_leads_its_sentence(text: str) -> None:
    assert _years(text)[232_000_000] == (2008, 2008)


# -- more later stages --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "year"),
    [
        (
            "The Chinese contractor completed $2.6 million of renovations to the National Assembly building "
            "in the capital city in 2002. The renovations were paid for by a loan signed in 2000.",
            2_600_000,
            2000,
        ),
        (
            "In July 2013, China committed a 3.9 billion USD credit line for two dams. A first tranche of "
            "300 million USD was received early in 2014.",
            300_000_000,
            2013,
        ),
        (
            "Construction started in 2005. The centre, built with a grant of 240 million yuan, has been "
            "operating since 2010.",
            240_000_000,
            2005,
        ),
        (
            "The second fund was signed in March 2011 and ended in April 2014; the bank contributed "
            "4 billion USD.",
            4_000_000_000,
            2011,
        ),
        ("The bank signed the loan in 2006. It disbursed the $25 million in 2008.", 25_000_000, 2006),
    ],
)
def test_receipt_disbursement_operation_and_end_are_later_stages(text: str, value: int, year: int) -> None:
    assert _years(text)[value] == (year, year)


# -- a year tied to the amount by its commitment ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "On April 4 2002, the ministry chose three firms to receive machines bought under a 3 million RMB "
        "grant China provided in 2000.",
        "2002年4月4日，该部选定三家企业，分配用中国2000年提供的300万元赠款购买的设备。",
    ],
)
def test_a_year_the_amounts_own_commitment_names_beats_the_sentences_date(text: str) -> None:
    assert _years(text)[3_000_000] == (2000, 2000)


def test_a_later_stage_after_the_amount_does_not_take_its_year() -> None:
    text = "In 2011, the county spent 3 million RMB on roads that were completed in 2013."
    assert _years(text)[3_000_000] == (2011, 2011)


# -- the signing before the announcement ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The island's cabinet announced in May 2009 that China would lend it money for ferries. The "
        "finance minister signed the loan papers in August 2010. The ferries loan comes to 6 million USD.",
        "2009年5月，该岛内阁宣布中方将提供渡轮贷款。2010年8月，财政部长签署贷款文件。渡轮贷款为600万美元。",
    ],
)
def test_a_signing_year_beats_an_announcement_year_for_an_undated_amount(text: str) -> None:
    assert _years(text)[6_000_000] == (2010, 2010)


def test_an_announcement_year_dates_an_undated_amount_when_nothing_is_signed() -> None:
    text = (
        "The island's cabinet announced in May 2009 that China would lend it money for ferries. The yard "
        "began building them in 2011. The ferries loan comes to 6 million USD."
    )
    assert _years(text)[6_000_000] == (2009, 2009)


@pytest.mark.parametrize(
    "text",
    [
        "Builders started on the clinic in 2011. They halted in 2012. China lent 7 million USD for it.",
        "Work on the clinic began in 2011. The project was suspended in 2013. China lent 7 million USD for it.",
    ],
)
def test_a_halt_or_suspension_is_a_later_stage(text: str) -> None:
    assert _years(text)[7_000_000] == (2011, 2011)


def test_the_loan_agreements_year_beats_a_building_contracts_for_an_undated_amount() -> None:
    text = (
        "In May 2011, the water board signed a building contract with a Chinese firm. The loan agreement with "
        "the bank was signed in March 2012. The loan comes to 40 million USD."
    )
    assert _years(text)[40_000_000] == (2012, 2012)


def test_a_building_contracts_year_dates_an_undated_amount_without_a_loan_agreement() -> None:
    text = (
        "In May 2011, the water board signed a building contract with a Chinese firm. The bank approved the "
        "loan in March 2012. The loan comes to 40 million USD."
    )
    assert _years(text)[40_000_000] == (2011, 2011)


# -- an earlier state of things -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (
            "On May 4, 2009, the mayor cut a ribbon to mark the plan to widen the coast road. The road had "
            "originally been paid for out of a grant both sides signed in 2006. Widening it costs 20 million USD.",
            2009,
        ),
        (
            "Talks on the credit were initially held in 2011, and the credit took effect in 2013. It comes to "
            "20 million USD.",
            2013,
        ),
        (
            "The library was originally put up by a Chinese team in 1979. In 2012 its roof was replaced. The "
            "new roof cost 20 million USD.",
            2012,
        ),
    ],
)
def test_a_year_of_an_earlier_state_gives_way_to_the_aids_year(text: str, year: int) -> None:
    assert _years(text)[20_000_000] == (year, year)


def test_an_original_pledge_is_no_earlier_state() -> None:
    text = (
        "On May 30, 2011, the ambassador delivered farm machines worth 1 million RMB. The machines were "
        "originally promised by the province in December 2010."
    )
    assert _years(text)[1_000_000] == (2010, 2010)


# -- two years joined ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "years"),
    [
        (
            "On Mar. 3, 2004 and June 9, 2010 the ministry signed two loans totalling 12 million USD.",
            12_000_000,
            (2004, 2010),
        ),
        ("In 2003 and 2008, the bank lent the port a total of 9 million USD.", 9_000_000, (2003, 2008)),
        ("China will provide 500 million yuan in 2024 and 2025.", 500_000_000, (2024, 2025)),
        ("2019年和2021年，该省两次提供援助资金共3000万元。", 30_000_000, (2019, 2021)),
    ],
)
def test_two_joined_years_make_the_records_period(text: str, value: int, years: tuple[int, int]) -> None:
    assert _years(text)[value] == years


# -- a month in the amount's sentence, a page's time stamp -----------------------------------------------


def test_a_dated_retelling_dates_the_headline_despite_the_pages_time_stamp() -> None:
    text = (
        "甲市为洪水受灾县送去一千万元\n\n2021年07月22日08:30\n来源:某某网\n"
        "  7月22日，甲市政府宣布为洪水受灾县拿出1000万元，用于搭建临时住所。"
    )
    records = extract(text, dt.date(2021, 7, 22)).records
    assert [(r.amounts[0].value, r.year_start, r.year_end) for r in records] == [(10_000_000, 2021, 2021)]


def test_a_year_stated_earlier_in_the_paragraph_beats_the_publication_year_of_a_month() -> None:
    text = "据省里介绍，2023年，甲乙两省的对口合作又有推进。到11月底，甲省为乙省拿出资金10亿元。"
    records = extract(text, dt.date(2024, 3, 9)).records
    assert [(r.year_start, r.year_end) for r in records] == [(2023, 2023)]


# -- a list joined by semicolons ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "years"),
    [
        ("2019年，甲省向该州投入援助资金1亿元；乙企业向该州捐赠3000万元。", 30_000_000, (2019, 2019)),
        (
            "In 2009, the province gave 5 million yuan to the county; a company gave 2 million yuan to its schools.",
            2_000_000,
            (2009, 2009),
        ),
        (
            "按照“十三五”的安排，甲省在2017年为丙州拿出资金2亿元；乙省为丙州拿出资金1亿元。",
            100_000_000,
            (2017, 2017),
        ),
        (
            "据介绍，2001年至2019年，甲市共为丙县提供资金21亿元、派出教师80名；乙公司提供资金6000万元、派出教师5名。",
            60_000_000,
            (2001, 2019),
        ),
    ],
)
def test_an_item_of_a_semicolon_list_takes_the_lists_year(
    text: str, value: int, years: tuple[int, int]
) -> None:
    assert _years(text)[value] == years


def test_a_period_named_again_dates_its_amount() -> None:
    text = "据统计，2016年至2018年，该省向对口州投入援助资金30亿元。三年间，该省提供无息贷款7亿元。"
    assert _years(text)[700_000_000] == (2016, 2018)


@pytest.mark.parametrize(
    "text",
    [
        "In 2014 the embassy gave computers to a youth club. The computers are worth 50,000 USD. The two "
        "sides had come to an agreement on them in 2012.",
        "2014年，使馆向一家青年俱乐部捐赠电脑。电脑价值5万美元。双方2012年就此达成协议。",
    ],
)
def test_an_agreements_year_beats_a_donations_for_an_undated_amount(text: str) -> None:
    assert _years(text)[50_000] == (2012, 2012)


def test_the_year_of_the_damage_gives_way_to_the_aids_year() -> None:
    text = "The school, which was damaged by a storm in 2008, got a new wing in 2010. The wing cost 3 million USD."
    assert _years(text)[3_000_000] == (2010, 2010)


def test_the_year_of_the_damage_still_dates_aid_that_has_no_other() -> None:
    text = "The storm that struck the island in 2008 left 300 families homeless. China gave 3 million USD for tents."
    assert _years(text)[3_000_000] == (2008, 2008)


@pytest.mark.parametrize(
    "text",
    [
        "In May 2011 a memorandum of understanding was signed by both sides on a $200 million loan for the "
        "port. The $200 million loan agreement was signed on 3 March 2012.",
        "Talks began in 2010 and a memorandum for a $200 million credit followed a year later. "
        "In 2012 the bank and the ministry signed the $200 million loan agreement.",
    ],
)
def test_the_loan_agreement_named_again_dates_the_amount_over_an_earlier_memorandum(text: str) -> None:
    assert _years(text)[200_000_000] == (2012, 2012)


def test_a_later_retelling_of_the_amount_keeps_the_loan_agreements_year() -> None:
    text = (
        "The $200 million loan agreement for the port was signed in 2012. In 2015 the port opened; "
        "the $200 million loan agreement had covered most of the work."
    )
    assert _years(text)[200_000_000] == (2012, 2012)
