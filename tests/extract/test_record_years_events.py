"""Which event's year dates a record (extract/periods.py, rules/years.json): the commitment's, not a
source's, a delivery's or a completion's. Texts written for the tests."""

from __future__ import annotations

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
