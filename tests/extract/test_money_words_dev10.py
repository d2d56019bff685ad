"""Currency words, glued abbreviations, goods that are no money and counted nouns of foreign-aid news
(own invented sentences, names and figures)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aidcurator.domain import FlowType
from aidcurator.extract import extract


def _amounts(text: str) -> list[tuple[str, Decimal, str]]:
    return [(m.text, m.value, m.currency) for m in extract(text).mentions if m.kind.value == "amount"]


def _counts(text: str) -> list[tuple[str, Decimal, str]]:
    return [(m.text, m.value, m.what) for m in extract(text).mentions if m.kind.value == "count"]


@pytest.mark.parametrize(
    ("text", "span", "value", "code"),
    [
        (  # the yuan word after the renminbi word, as Pacific and South Asian papers write it
            "Under the accord, 45 million Chinese Renminbi Yuan goes to a vocational college in Ruritania.",
            "45 million Chinese Renminbi Yuan",
            "45000000",
            "CNY",
        ),
        (
            "The embassy approved a 320 million RMB Yuan soft loan for the Ruritanian rail link.",
            "320 million RMB Yuan",
            "320000000",
            "CNY",
        ),
        (  # an abbreviation's point glued to the figure
            "Beijing signed a grant of Rs.7.25 billion for hospitals in Sri Lanka.",
            "Rs.7.25 billion",
            "7250000000",
            "LKR",
        ),
        (
            "Kenya received a Ksh.2.4 billion grant for county clinics from Beijing.",
            "Ksh.2.4 billion",
            "2400000000",
            "KES",
        ),
        ("Malawi got MK900 million from the donor for boreholes.", "MK900 million", "900000000", "MWK"),
        (  # a Chinese currency word that names its country
            "中方向该国提供援助资金30亿老挝基普,用于修建乡村小学。",
            "30亿老挝基普",
            "3000000000",
            "LAK",
        ),
        ("援建项目合同金额为8000万巴布亚新几内亚基那。", "8000万巴布亚新几内亚基那", "80000000", "PGK"),
        (
            "The grant of 60 million ngultrum will fund a water scheme.",
            "60 million ngultrum",
            "60000000",
            "BTN",
        ),
        # South Asian scale words
        ("Nepal received Rs 4.5 crore from the donor for a clinic.", "Rs 4.5 crore", "45000000", "NPR"),
        ("Sri Lanka received Rs 80 lakh from the donor for a library.", "Rs 80 lakh", "8000000", "LKR"),
        # a one-letter naira sign before a scaled number
        (
            "In Nigeria, the state government received N7 billion from the donor.",
            "N7 billion",
            "7000000000",
            "NGN",
        ),
        ("Ethiopia signed for Birr 300 million from the donor.", "Birr 300 million", "300000000", "ETB"),
        (  # the franc zones named without CFA
            "The embassy gave 80 million West African francs to the health ministry.",
            "80 million West African francs",
            "80000000",
            "XOF",
        ),
        (
            "Beijing gave 2.3 billion Cameroonian francs for street lights.",
            "2.3 billion Cameroonian francs",
            "2300000000",
            "XAF",
        ),
    ],
)
def test_currency_words(text: str, span: str, value: str, code: str) -> None:
    assert (span, Decimal(value), code) in _amounts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Release 3.14.2 of the tool came out in 2019.",  # a version number stays no amount
        "The report dated 2018.06.30 lists the grant.",  # nor does a dotted date
        "Grant money paved Road No.7 in 2015.",  # nor a numbered road
        "某县获得援助资金?.5亿元。",  # nor a figure whose first digit the page lost
    ],
)
def test_point_after_digit_starts_no_number(text: str) -> None:
    assert _amounts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "As a grant, the donor will send 2 million doses of vaccine to Ruritania.",
        "The grant covers 4 million masks and 3 million syringes for the clinics.",
        "Under the grant, 6 million kilograms of rice arrived at the port.",
        "援助物资包括20万剂疫苗和5万盒药品。",
        "中方援助物资中有3万床棉被。",
    ],
)
def test_goods_are_no_money(text: str) -> None:
    assert _amounts(text) == []


@pytest.mark.parametrize(
    ("text", "span", "value", "what"),
    [
        ("第9批援外医疗队由14名队员组成,在当地工作两年。", "14名队员", "14", "people"),
        (
            "The loan finances two irrigation dams in the northern valley.",
            "two irrigation dams",
            "2",
            "facilities",
        ),
        (
            "The grant also pays for 35 scholarships at universities in Wuhan.",
            "35 scholarships",
            "35",
            "people",
        ),
        ("Engineers drilled 120 boreholes with the donor's money.", "120 boreholes", "120", "facilities"),
    ],
)
def test_counted_nouns(text: str, span: str, value: str, what: str) -> None:
    assert (span, Decimal(value), what) in _counts(text)


def _record(text: str, value: str):
    return next(r for r in extract(text).records if r.amounts[0].value == Decimal(value))


@pytest.mark.parametrize(
    ("text", "value", "flow"),
    [
        (  # economic and technical cooperation accords are grant money, not technical assistance
            "Ruritania and Beijing signed a 9 million dollar economic and technical cooperation accord.",
            "9000000",
            FlowType.GRANT,
        ),
        ("两国签署经济技术合作协定,中方提供3000万元人民币。", "30000000", FlowType.GRANT),
        (  # money from a Chinese policy bank is lent
            "The Export-Import Bank of China financed the 45 million dollar water plant in Ruritania.",
            "45000000",
            FlowType.LOAN,
        ),
        (
            "China Development Bank provided 70 million dollars for the Ruritanian port.",
            "70000000",
            FlowType.LOAN,
        ),
        ("中国进出口银行为该国电站提供2亿美元资金。", "200000000", FlowType.LOAN),
        (
            "Seller's credits of 60 million dollars were provided for the cement plant in Ruritania.",
            "60000000",
            FlowType.EXPORT_CREDIT,
        ),
        (
            "China sent a technical team worth 2 million dollars to Ruritania.",
            "2000000",
            FlowType.TECHNICAL_ASSISTANCE,
        ),
        (  # goods with a stated worth are a grant, also when the medical team hands them over
            "The Chinese medical team donated 20,000 dollars worth of drugs to Alpha hospital.",
            "20000",
            FlowType.GRANT,
        ),
        (
            "Experts from Beijing will run the lab, paid from a grant of 4 million dollars to Ruritania.",
            "4000000",
            FlowType.GRANT,
        ),
        (  # training in the People's Republic is training in China
            "China will give 500,000 dollars for training Ruritanian officials in the PRC.",
            "500000",
            FlowType.SCHOLARSHIP,
        ),
    ],
)
def test_flow_cues(text: str, value: str, flow: FlowType) -> None:
    assert _record(text, value).flow_type is flow


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("某省今年投入援疆资金800万元,新建3所幼儿园。", "8000000"),
        ("甲市安排资金1200万元,用于乙县职业技术学校建设。", "12000000"),
        ("The donor gave 5 million dollars for a primary school in Ruritania.", "5000000"),
        ("The grant of 3 million dollars funds scholarships at a university in Ruritania.", "3000000"),
    ],
)
def test_every_school_level_is_education(text: str, value: str) -> None:
    assert _record(text, value).sector == "111"


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        (
            "China lent 30 million dollars for a power line from Alpha to Beta in Ruritania.",
            "30000000",
            "236",
        ),
        (  # vehicles for a ministry are the ministry's sector, not transport
            "China donated vehicles and furniture worth 400,000 dollars to the Ruritanian Foreign Ministry.",
            "400000",
            "151",
        ),
        ("China donated 50 buses worth 6 million dollars to the Ruritanian city council.", "6000000", "210"),
        ("中方向甲国捐赠价值约800万元人民币的抗疫物资。", "8000000", "121"),  # epidemic control is health
        (  # cash given in a food crisis is emergency response
            "China gave 40 million yuan in cash to help Ruritania through its food crisis.",
            "40000000",
            "720",
        ),
        ("The donor gave 3 million dollars of COVID-19 test kits to Ruritania.", "3000000", "121"),
        (  # financial aid is any money, not budget support: the clinic decides
            "Alphaville provided financial aid of 300,000 yuan for a new clinic in Beta county.",
            "300000",
            "122",
        ),
        (  # a donor's trade is no business-sector money
            "Business tycoon Zhang San gave 20 million yuan for flood relief in Gamma province.",
            "20000000",
            "720",
        ),
    ],
)
def test_sector_words(text: str, value: str, code: str) -> None:
    assert _record(text, value).sector == code


def test_financial_aid_is_no_budget_support() -> None:
    assert (
        _record("Alphaville provided financial aid of 300,000 yuan to Beta county.", "300000").sector != "510"
    )
