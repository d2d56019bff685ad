"""Round 3 of the real-text rules: dates whose day runs into the year, years that lead an earlier
sentence, the bare name "Congo", and lenders' names that are no sector. Texts written for the tests."""

from __future__ import annotations

import pytest

from aidcurator.domain import MentionKind
from aidcurator.extract import extract


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("On July 17 2009, the fund committed a loan of US$293 million to the port.", "2009-07-17"),
        ("On February 23,2005 the two sides signed a 200 million shilling grant.", "2005-02-23"),
        ("On Dec. 5 2011 the embassy handed over 3 million USD for the clinic.", "2011-12-05"),
    ],
)
def test_english_dates_with_the_day_before_the_year_date_the_record(text: str, date: str) -> None:
    result = extract(text)
    years = [m for m in result.mentions if m.kind is MentionKind.YEAR]
    assert [m.data.get("date") for m in years] == [date]
    assert [r.year_start for r in result.records] == [int(date[:4])]


def test_a_day_number_then_a_year_outside_a_date_is_no_year() -> None:
    result = extract("Rooms 1 2009 and 3 were painted.")
    assert not [m for m in result.mentions if m.kind is MentionKind.YEAR]


def test_a_year_leading_an_earlier_sentence_dates_an_amount_of_a_later_one() -> None:
    text = (
        "In 2009, the ministry signed an agreement for the $1 billion construction of twelve dams. "
        "Under its terms the bank would lend $650 million of it."
    )
    records = {r.amounts[0].value: r for r in extract(text).records}
    assert [r.year_start for r in records.values()] == [2009, 2009]


def test_a_year_inside_another_amounts_sentence_does_not_date_a_later_amount() -> None:
    text = "The fund gave $1 million to the school in 2009. It also gave $2 million to the clinic."
    records = [r for r in extract(text).records if r.amounts[0].value == 2_000_000]
    assert records and records[0].year_start is None


def test_a_bare_congo_is_the_republic_of_the_congo() -> None:
    result = extract("China granted Congo 30 million yuan for a hospital in 2010.")
    assert [r.recipient_code for r in result.records] == ["COG"]
    result = extract("China granted the Democratic Republic of Congo 30 million yuan in 2010.")
    assert [r.recipient_code for r in result.records] == ["COD"]


def test_a_lenders_name_is_no_banking_sector() -> None:
    text = "The Exim Bank of China signed a loan of 50 million USD for a power grid in 2012."
    sectors = {m.data["code"] for m in extract(text).mentions if m.kind is MentionKind.SECTOR}
    assert "240" not in sectors
    assert extract(text).records[0].sector != "240"


def test_a_debt_cancelled_by_a_signed_agreement_is_completed() -> None:
    text = "On June 3, 2004, a vice minister signed an agreement cancelling $48 million of the nation's debt."
    (record,) = extract(text).records
    assert (record.flow_type.value, record.project_status.value) == ("debt_relief", "completed")
    loan = extract("On June 3, 2004, the two sides signed an agreement for a loan of $48 million.").records[0]
    assert loan.project_status.value == "committed"
