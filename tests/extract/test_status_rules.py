"""Project status rules of resources/rules/flows.json (own sentences, one or more per rule)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aidcurator.domain import FlowType, ProjectStatus
from aidcurator.extract import extract


def _record(text: str, value: str):
    result = extract(text)
    return next(r for r in result.records if r.amounts[0].value == Decimal(value))


@pytest.mark.parametrize(
    ("text", "value", "status"),
    [
        # a headline that reports a pledge decides the lead paragraph's records
        (
            "China pledges 8 million dollars for Ruritanian schools\n\n"
            "The two governments signed an agreement on the grant of 8 million dollars in May.",
            "8000000",
            ProjectStatus.PLEDGED,
        ),
        (
            "中方承诺援助五所学校\n\n双方签署协议，中方向该国提供3000万元人民币无偿援助。",
            "30000000",
            ProjectStatus.PLEDGED,
        ),
        # a headline that reports a signing or a commitment outranks pledges and works under way
        (
            "China signs 12 million dollar loan for Ruritanian port\n\n"
            "The loan, announced last year, will fund a new quay; work on the site began in March.",
            "12000000",
            ProjectStatus.COMMITTED,
        ),
        (
            "China commits 7 million dollars to Ruritanian clinics\n\n"
            "The 7 million dollars paid for two clinics that were handed over in June.",
            "7000000",
            ProjectStatus.COMPLETED,
        ),
        (
            "China signs memorandum on Ruritanian port loan\n\n"
            "The memorandum foresees a loan of 50 million dollars; the contract was signed the same day.",
            "50000000",
            ProjectStatus.PLEDGED,
        ),
        # a gift in the past tense in a headline is done
        (
            "China gave 3 million dollars to Ruritanian flood victims\n\n"
            "The 3 million dollars will help families rebuild their homes.",
            "3000000",
            ProjectStatus.COMPLETED,
        ),
        # a memorandum of understanding or a framework agreement is a pledge, even when signed
        (
            "Ruritania signed with China a memorandum of understanding on a loan of 40 million dollars for a power plant.",
            "40000000",
            ProjectStatus.PLEDGED,
        ),
        (
            "The ministers signed a framework agreement under which Beijing would lend 90 million dollars.",
            "90000000",
            ProjectStatus.PLEDGED,
        ),
        ("双方签署了谅解备忘录，中方将提供2亿元贷款。", "200000000", ProjectStatus.PLEDGED),
        (
            "A memorandum of understanding on a 20 million dollar credit line was signed in Beijing in May.",
            "20000000",
            ProjectStatus.PLEDGED,
        ),
        # agreed to provide: a pledge; a signed agreement after it: a commitment
        (
            "Beijing agreed to provide Ruritania with a grant of 3 million dollars.",
            "3000000",
            ProjectStatus.PLEDGED,
        ),
        (
            "Beijing agreed to provide a grant of 3 million dollars; the grant agreement was signed in June.",
            "3000000",
            ProjectStatus.COMMITTED,
        ),
        # an agreement named in passing is no commitment; a loan or grant agreement is
        (
            "Under an agreement reached in 2001, China would provide Ruritania with 6 million dollars.",
            "6000000",
            ProjectStatus.PLEDGED,
        ),
        (
            "A loan agreement of 6 million dollars for the railway is now in force.",
            "6000000",
            ProjectStatus.COMMITTED,
        ),
        # what a government would or decided to give is a pledge
        (
            "The vice president said China would extend a grant of 4 million dollars to Ruritania.",
            "4000000",
            ProjectStatus.PLEDGED,
        ),
        (
            "China decided to provide 2.5 million dollars of relief to Ruritania's refugees.",
            "2500000",
            ProjectStatus.PLEDGED,
        ),
        (
            "Ruritania and China inked a deal on a 15 million dollar credit for buses.",
            "15000000",
            ProjectStatus.COMMITTED,
        ),
        # a state that still lasts outranks the completion of a part
        (
            "The first phase of the 12 million dollar highway was completed in 2010, "
            "but the second phase is still under construction.",
            "12000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        (
            "By March the 70 million dollar port was 60 percent complete.",
            "70000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        ("总投资5000万元的综合楼完成了主体结构，目前仍在施工。", "50000000", ProjectStatus.IMPLEMENTATION),
        # disbursement under way is implementation, a full one completion, none at all no cue
        (
            "Of the 50 million dollar loan signed in 2009, part had been disbursed by 2012.",
            "50000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        (
            "The 50 million dollar loan signed in 2009 was fully disbursed by 2012.",
            "50000000",
            ProjectStatus.COMPLETED,
        ),
        (
            "The 9 million dollar loan was signed in 2008, but the money was never disbursed.",
            "9000000",
            ProjectStatus.COMMITTED,
        ),
        # work that began, progresses or has a date set for its end is under way
        (
            "Ruritania signed a loan of 14 million dollars for the dam; work on the spillway began in 2013.",
            "14000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        (
            "The loan agreement for the 8 million dollar water plant was signed; the project started in May.",
            "8000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        (
            "The deal on the 5 million dollar hospital was signed and the builders report good progress.",
            "5000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        (
            "The agreement on the 3 million dollar school was signed; it is scheduled to open in 2016.",
            "3000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        (
            "The 60 million dollar loan was signed in 2010 and a Chinese firm won the construction contract in 2011.",
            "60000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        # what is expected is not yet done
        (
            "Construction of the 6 million dollar bridge began in 2012; it is expected to be completed by 2015.",
            "6000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        # a handover in any spelling is a completion; negotiations that began are no works
        (
            "China signed a grant of 2 million dollars for an office block and handed the block over to the ministry in 2009.",
            "2000000",
            ProjectStatus.COMPLETED,
        ),
        (
            "The hand-over ceremony for the 10,000 dollar donation was held in May.",
            "10000",
            ProjectStatus.COMPLETED,
        ),
        (
            "Negotiations on the 30 million dollar loan began in 2006; the loan agreement was signed in 2008.",
            "30000000",
            ProjectStatus.COMMITTED,
        ),
        # a plant in operation is completed
        ("The 30 million dollar power plant began operations in 2011.", "30000000", ProjectStatus.COMPLETED),
        ("总投资3亿元的电站已于去年投入运营。", "300000000", ProjectStatus.COMPLETED),
        # cancelled and suspended outrank every stage
        (
            "The 40 million dollar loan was signed in 2010, but it got cancelled in 2013.",
            "40000000",
            ProjectStatus.CANCELLED,
        ),
        (
            "Talks on a 25 million dollar credit began in 2009; the negotiations broke down in 2011.",
            "25000000",
            ProjectStatus.CANCELLED,
        ),
        (
            "Work on the 9 million dollar stadium started in 2011 and was brought to a halt in 2012.",
            "9000000",
            ProjectStatus.SUSPENDED,
        ),
        # an open question is no cue
        (
            "China signed an agreement on equipment worth 2 million dollars; "
            "it is unclear whether the equipment was delivered.",
            "2000000",
            ProjectStatus.COMMITTED,
        ),
        (
            "The grant agreement for 4 million dollars was signed, though there is no evidence that the clinic was completed.",
            "4000000",
            ProjectStatus.COMMITTED,
        ),
    ],
)
def test_status_rule(text: str, value: str, status: ProjectStatus) -> None:
    record = _record(text, value)
    assert record.project_status is status
    assert record.evidence["project_status"]


def test_headline_pledge_does_not_reach_a_later_paragraph_with_its_own_cue() -> None:
    text = (
        "China pledges new aid to Ruritania\n\n"
        "The premier promised further help during his visit.\n\n"
        "A hospital built with a grant of 5 million dollars was handed over in 2009."
    )
    assert _record(text, "5000000").project_status is ProjectStatus.COMPLETED


def test_granted_alone_is_no_stage() -> None:
    record = _record("China granted Ruritania 2 million dollars for wells.", "2000000")
    assert record.project_status is ProjectStatus.COMPLETED  # the grant default, no cue
    assert "project_status" not in record.evidence


def test_loan_without_a_cue_defaults_to_committed() -> None:
    record = _record("Ruritania: a loan of 25 million dollars for the ports.", "25000000")
    assert record.flow_type is FlowType.LOAN
    assert record.project_status is ProjectStatus.COMMITTED
    assert "project_status" not in record.evidence


@pytest.mark.parametrize(
    "text",
    [
        "China announced that it would cancel debts of 15 million dollars owed by Ruritania.",
        "China and Ruritania signed an agreement to write off 15 million dollars of debt.",
    ],
)
def test_debt_relief_is_completed_once_announced_or_signed(text: str) -> None:
    record = _record(text, "15000000")
    assert record.flow_type is FlowType.DEBT_RELIEF
    assert record.project_status is ProjectStatus.COMPLETED


def test_debt_relief_cue_with_hyphen() -> None:
    record = _record("China granted Ruritania debt-relief worth 11 million dollars.", "11000000")
    assert record.flow_type is FlowType.DEBT_RELIEF
