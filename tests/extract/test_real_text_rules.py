"""Rules for real news text, each on sentences written for the test."""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal

import pytest

from aidcurator.domain import AmountKind, MentionKind
from aidcurator.extract import extract, find_quantities
from aidcurator.extract.fastre import Prefiltered, PrefilteredSet, regex_prefixes
from aidcurator.extract.sentences import sentence_spans
from aidcurator.extract.timex import find_times

DAY = dt.date(2024, 6, 1)


def _counts(text: str) -> list[tuple[str, str]]:
    return [(m.text, m.what or "") for m in find_quantities(text) if m.kind is MentionKind.COUNT]


def _amounts(text: str) -> list[tuple[str, Decimal | None, str | None]]:
    return [(m.text, m.value, m.currency) for m in find_quantities(text) if m.kind is MentionKind.AMOUNT]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年实施援疆项目58个，总投资3亿元。", [("58个", "projects")]),
        ("全市援藏项目共27个，已全部开工。", [("27个", "projects")]),
        ("新建改扩建中小学45所、幼儿园12所。", [("45所", "facilities"), ("12所", "facilities")]),
        ("建设牧民定居房320套，当年入住。", [("320套", "facilities")]),
        ("东部6个援疆省市参与了这项工作。", []),  # jurisdictions, not a count
        ("动员120家企业结对帮扶。", []),  # enterprises are not counted
        (
            "More than 5,000 professionals and 300 civil servants joined.",
            [
                ("5,000 professionals", "people"),
                ("300 civil servants", "people"),
            ],
        ),
    ],
)
def test_counts_written_noun_first_and_new_nouns(text: str, expected: list[tuple[str, str]]) -> None:
    assert _counts(text) == expected


def test_a_currency_declaration_covers_later_plain_yuan_amounts() -> None:
    text = "商会捐款约300万元（港币，下同）。其后又收到捐款45万元。另有人民币20万元。"
    assert _amounts(text) == [
        ("300万元", Decimal("3000000"), "HKD"),
        ("45万元", Decimal("450000"), "HKD"),
        ("人民币20万元", Decimal("200000"), "CNY"),
    ]


def test_a_list_shares_the_currency_of_its_last_item() -> None:
    text = "两家银行分别捐款200萬、350萬港幣，支援災區。"
    assert [(t, c) for t, _, c in _amounts(text)] == [("200萬", "HKD"), ("350萬港幣", "HKD")]


def test_a_currency_written_before_the_number_beats_a_plain_yuan() -> None:
    assert _amounts("共收到善款澳門幣二十萬零五百元正。") == [
        ("澳門幣二十萬零五百元", Decimal("200500"), "MOP")
    ]


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("The ministry sent 300 million\nyuan worth of tents.", "300000000", "CNY"),
        ("Officials said 12.5\nmillion yuan had arrived.", "12500000", "CNY"),
        ("The bank agreed to a $640-million loan.", "640000000", "USD"),
        ("她说：我们只花了2萬塊錢。", "20000", "CNY"),
    ],
)
def test_wrapped_hyphenated_and_colloquial_amounts(text: str, value: str, currency: str) -> None:
    assert [(v, c) for _, v, c in _amounts(text)] == [(Decimal(value), currency)]


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("地震发生后，中国政府决定向该国提供3000万元人民币紧急援助。", AmountKind.COMMITTED),
        ("民建联捐出第一批50萬港元善款。", AmountKind.SPENT),
        ("The Chinese government provides 8 million yuan in relief supplies.", AmountKind.SPENT),
        ("The bank has agreed to extend credit of up to US$8.5 million.", AmountKind.COMMITTED),
        ("The sum includes 4 million yuan of food aid.", AmountKind.SHARE),
        ("而在过去三年，东部省市共拨付财政援助资金80亿元。", AmountKind.CUMULATIVE),
        ("“十二五”时期，三省市共投入援助资金45亿元。", AmountKind.CUMULATIVE),
        ("分行下午将30万澳门币送到联络办。", AmountKind.SPENT),  # 将 marks the object here, not a plan
    ],
)
def test_amount_kinds_of_real_news(sentence: str, kind: AmountKind) -> None:
    record = extract("导语。\n" + sentence, DAY).records[0]
    assert record.amounts[0].kind is kind


def test_hong_kong_gives_and_the_disaster_place_receives() -> None:
    text = (
        "香港市民为四川雅安芦山受灾群众募捐。\n香港各界经中联办送往芦山灾区的善款达6000万元（港币，下同）。"
    )
    record = extract(text, DAY).records[0]
    assert record.donor == "香港特别行政区"
    assert record.recipient == "芦山县"
    assert record.amounts[0].currency == "HKD"


def test_money_sent_on_to_a_red_cross_does_not_make_it_the_donor() -> None:
    text = "澳门红十字会拨出80万元人民币，汇往设在北京的中国红十字会总会，用于雅安灾区。"
    record = extract(text, DAY).records[0]
    assert record.donor == "澳门特别行政区"
    assert record.recipient != "澳门特别行政区"


def test_an_aggregate_of_programme_donors_goes_to_the_region() -> None:
    text = "截至6月底，19个援疆省市的援疆资金到疆已达60亿元。"
    record = extract(text, DAY).records[0]
    assert record.donor is None
    assert record.recipient == "新疆维吾尔自治区"


def test_month_of_year_is_not_a_relative_month() -> None:
    years = [m.data["start"] for m in find_times("A MoU was signed in July of 2008 in Luanda.", DAY)]
    assert years == [2008]


def test_an_acronym_before_a_full_stop_ends_the_sentence() -> None:
    text = "The bank provided 81 million USD. In 2011 the line was finished. The U.S. Army left."
    assert [text[s.start : s.end].strip() for s in sentence_spans(text)] == [
        "The bank provided 81 million USD.",
        "In 2011 the line was finished.",
        "The U.S. Army left.",
    ]


def test_a_headline_amount_without_currency_folds_into_the_body() -> None:
    text = (
        "Bank loans 640 million for power plant\n\nOn June 15, 2009, the bank agreed to a $640-million loan."
    )
    records = extract(text).records
    assert [(r.amounts[0].value, r.amounts[0].currency, r.year_start) for r in records] == [
        (Decimal("640000000"), "USD", 2009)
    ]


# ---- the prefilter gives the same matches as the plain pattern ------------------------------


def test_regex_prefixes_cover_every_match() -> None:
    assert regex_prefixes("(?:cancel(?:l?ed|s)?|forg[ai]ve)\\b", 3, ignore_case=True) == {"can", "for"}
    assert regex_prefixes("免除.{0,12}债", 3) == {"免除", "免除债"}
    assert regex_prefixes("(?:\\w+ )?be", 3) is None  # may start anywhere


def test_prefiltered_patterns_match_like_plain_finditer() -> None:
    cues = [
        ("loans?", True),
        ("debt (?:relief|cancell?ation)", True),
        ("(?:was|were) (?:\\w+ )?completed", True),
        ("贷款", False),
        ("免除.{0,6}债", False),
    ]
    plain = re.compile("|".join(rf"(?i:(?<![\w'-])(?:{w})(?![\w-]))" if en else f"(?:{w})" for w, en in cues))
    words = [
        "loan",
        "Loans",
        "debt",
        "relief",
        "was",
        "were",
        "quickly",
        "completed",
        "贷款",
        "免除",
        "债务",
        "co-loan",
        "loaning",
        "the",
        "，",
        ". ",
        "\n",
    ]
    rng = random.Random(7)
    texts = [" ".join(rng.choice(words) for _ in range(60)) for _ in range(200)]
    single = Prefiltered(plain, cues)
    both = PrefilteredSet(
        [single, Prefiltered(re.compile("(?i:(?<![\\w'-])relief(?![\\w-]))"), [("relief", True)])]
    )
    for text in texts:
        expected = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in single.finditer(text)] == expected
        assert [m.span() for m in both.findall(text, 0, len(text))[0]] == expected
        assert (both.first(text, 0, len(text)) is not None) == bool(
            plain.search(text) or "relief" in text.lower()
        )


def test_a_dateline_or_source_place_is_never_a_party() -> None:
    text = (
        "新华社福州5月8日电 记者从江西省援藏工作队了解到，江西省今年将投入援藏资金1.2亿元。\n来源：福州日报"
    )
    record = extract(text, DAY).records[0]
    assert record.donor == "江西省"


def test_a_page_time_stamp_gives_no_year() -> None:
    text = "援疆工作取得新进展\n2024-11-09 10:20\n\n东部省市向受援地投入帮扶资金3亿元。"
    record = extract(text).records[0]
    assert record.year_start is None
