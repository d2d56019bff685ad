"""Flow type, project status, currencies by country, headline folding and the text's year (own sentences)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aidcurator.domain import FlowType, ProjectStatus
from aidcurator.extract import extract


def _record(text: str, value: str):
    result = extract(text)
    return next(r for r in result.records if r.amounts[0].value == Decimal(value))


@pytest.mark.parametrize(
    ("text", "value", "flow"),
    [
        ("Beijing agreed to lend Ruritania 30 million dollars for a port.", "30000000", FlowType.LOAN),
        ("China wrote off debts of 12 million dollars owed by Ruritania.", "12000000", FlowType.DEBT_RELIEF),
        ("A buyer's credit of 80 million dollars will finance the dam.", "80000000", FlowType.EXPORT_CREDIT),
        ("China donated office equipment worth 2 million dollars to Ruritania.", "2000000", FlowType.GRANT),
        ("中方向该国提供1亿元人民币无偿援助。", "100000000", FlowType.GRANT),
        ("双方签署5亿元人民币优惠贷款协议。", "500000000", FlowType.LOAN),
    ],
)
def test_flow_type(text: str, value: str, flow: FlowType) -> None:
    record = _record(text, value)
    assert record.flow_type is flow
    if flow is not FlowType.GRANT or "flow_type" in record.evidence:
        assert record.evidence["flow_type"]


@pytest.mark.parametrize(
    ("text", "value", "status"),
    [
        (
            "The two sides signed an agreement on a grant of 5 million dollars.",
            "5000000",
            ProjectStatus.COMMITTED,
        ),
        ("China pledged 7 million dollars for the clinic.", "7000000", ProjectStatus.PLEDGED),
        ("The 9 million dollar school was handed over in May.", "9000000", ProjectStatus.COMPLETED),
        (
            "The stadium, worth 4 million dollars, is under construction.",
            "4000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        (  # an expected completion is no completion; a date set for it means the work is under way
            "The 6 million dollar road is expected to be completed next year; the deal was signed.",
            "6000000",
            ProjectStatus.IMPLEMENTATION,
        ),
        (
            "The 6 million dollar road is to be completed by 2020; the deal was signed.",
            "6000000",
            ProjectStatus.COMMITTED,
        ),
        ("援建的医院投资3000万元，已于去年竣工移交。", "30000000", ProjectStatus.COMPLETED),
    ],
)
def test_project_status(text: str, value: str, status: ProjectStatus) -> None:
    assert _record(text, value).project_status is status


def test_status_default_without_cue() -> None:
    record = _record("Ruritania: 3 million dollars for wells.", "3000000")
    assert record.project_status is ProjectStatus.COMPLETED
    assert "project_status" not in record.evidence


@pytest.mark.parametrize(
    ("text", "value", "status"),
    [  # no stage word: the amount's kind says how far the money has gone
        ("东江市计划明年投入援疆资金2000万元，用于建设冷库。", "20000000", ProjectStatus.PLEDGED),
        ("东江市决定提供援疆资金3000万元，用于建设冷库。", "30000000", ProjectStatus.COMMITTED),
        ("去年东江市投入援疆资金4000万元，用于建设冷库。", "40000000", ProjectStatus.COMPLETED),
    ],
)
def test_status_default_follows_the_amount_kind(text: str, value: str, status: ProjectStatus) -> None:
    record = _record(text, value)
    assert record.project_status is status
    assert "project_status" not in record.evidence


def test_counterpart_aid_is_a_grant_despite_training_elsewhere() -> None:
    text = "东江市累计投入援疆资金5000万元，实施项目20个。当地还举办了技能培训班。"
    record = _record(text, "50000000")
    assert record.flow_type is FlowType.GRANT
    assert [text[e.start : e.end] for e in record.evidence["flow_type"]] == ["援疆"]


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Cameroon will receive 40 billion CFA francs.", "XAF"),
        ("Senegal will receive 40 billion CFA francs.", "XOF"),
        ("Uganda gets 3 billion shillings for roads.", "UGX"),
        ("A grant of Rs. 500 million to Nepal.", "NPR"),
        ("The embassy gave K25,000 to a Zambian school.", "ZMW"),
        ("A gift of 5 million kina to the Port Moresby council.", "PGK"),
        ("A loan of 60 million Chinese yuan.", "CNY"),
        ("澳门基金会捐出300万澳门元。", "MOP"),
        ("The grant of 2 million pula for Botswana.", "BWP"),
    ],
)
def test_currency(text: str, currency: str) -> None:
    amounts = [m for m in extract(text).mentions if m.kind == "amount"]
    assert [m.currency for m in amounts] == [currency]


def test_one_letter_sign_needs_a_scale() -> None:
    amounts = [m for m in extract("Zambia: see table K5 and page P2.").mentions if m.kind == "amount"]
    assert amounts == []


def test_headline_repeat_folds_into_one_record_with_the_body_year() -> None:
    text = "China gives 8 million dollars to Ruritania\n\nOn March 3, 2009, China signed a grant of 8 million dollars."
    records = extract(text).records
    assert len(records) == 1
    assert records[0].year_start == 2009
    assert records[0].donor_code == "CHN"


def test_country_codes_and_demonyms() -> None:
    record = _record(
        "On May 2, 2005, the Angolan government received 3 million dollars from China.", "3000000"
    )
    assert record.recipient_code == "AGO"
    assert record.donor_code == "CHN"


def test_headline_takes_the_lead_paragraph_year() -> None:
    text = (
        "Grant of 4 million dollars for Fiji schools\n\nIn June 2003 China agreed to build schools in Fiji."
    )
    record = _record(text, "4000000")
    assert record.year_start == 2003
    assert record.recipient_code == "FJI"
