"""Currency words, glued abbreviations, goods that are no money and counted nouns of foreign-aid news
(own invented sentences, names and figures)."""

from __future__ import annotations

from decimal import Decimal

import pytest

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
        ("The grant of 60 million ngultrum will fund a water scheme.", "60 million ngultrum", "60000000", "BTN"),
    ],
)
def test_currency_words(text: str, span: str, value: str, code: str) -> None:
    assert (span, Decimal(value), code) in _amounts(text)


@pytest.mark.parametrize(
    "text",
    [
        "Release 3.14.2 of the tool came out in 2019.",  # a version number stays no amount
        "The report dated 2018.06.30 lists the grant.",  # nor does a dotted date
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
    ],
)
def test_goods_are_no_money(text: str) -> None:
    assert _amounts(text) == []


@pytest.mark.parametrize(
    ("text", "span", "value", "what"),
    [
        ("第9批援外医疗队由14名队员组成,在当地工作两年。", "14名队员", "14", "people"),
        ("The loan finances two irrigation dams in the northern valley.", "two irrigation dams", "2", "facilities"),
        ("The grant also pays for 35 scholarships at universities in Wuhan.", "35 scholarships", "35", "people"),
        ("Engineers drilled 120 boreholes with the donor's money.", "120 boreholes", "120", "facilities"),
    ],
)
def test_counted_nouns(text: str, span: str, value: str, what: str) -> None:
    assert (span, Decimal(value), what) in _counts(text)
