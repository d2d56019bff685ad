"""Less plain written forms of Arabic numbers (resources/rules/number_forms.json): a gap space before a
Chinese scale or classifier, a middle dot as decimal point, thousands groups after a comma and a space
in money, a hyphen before a one-letter scale, compounds of two scales. Sentences and figures invented."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aidcurator.extract import extract
from aidcurator.extract.quantities import find_quantities


def _read(text: str) -> list[tuple[str, str, Decimal, str | None, str | None, str]]:
    return [
        (m.kind.value, m.text, m.value, m.currency, m.what, m.qualifier.value) for m in find_quantities(text)
    ]


# ---- a gap space between a number and a Chinese scale, qualifier, classifier or counted noun ----------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("某县获援助资金 4821 万元。", [("amount", "4821 万元", Decimal(48210000), "CNY", None, "exact")]),
        ("甲乙两地共投入 6.37 億元。", [("amount", "6.37 億元", Decimal(637000000), "CNY", None, "exact")]),
        (
            "某镇拨付 27\u3000万元用于修路。",
            [("amount", "27\u3000万元", Decimal(270000), "CNY", None, "exact")],
        ),
        ("某县援建学校 300\u00a0多所。", [("count", "300\u00a0多所", Decimal(300), None, None, "at_least")]),
        ("某乡安置移民 2906 人。", [("count", "2906 人", Decimal(2906), None, "people", "exact")]),
        ("某市培训乡村教师 85 余人次。", [("count", "85 余人次", Decimal(85), None, "people", "at_least")]),
        (
            "某县实施帮扶项目 41 个。",
            [("count", "41 个", Decimal(41), None, "projects", "exact")],
        ),
        (
            "某区累计捐款 1260 万 4380 元。",
            [("amount", "1260 万 4380 元", Decimal(12604380), "CNY", None, "exact")],
        ),
    ],
)
def test_a_gap_space_before_a_chinese_word_is_read_past(text: str, expected: list) -> None:
    found = _read(text)
    assert [f[:4] + f[5:] for f in found] == [e[:4] + e[5:] for e in expected]
    for got, want in zip(found, expected, strict=True):
        if want[4] is not None:
            assert got[4] == want[4]


@pytest.mark.parametrize(
    "text",
    [
        "某县于 2009 年 05 月 17 日开工。",  # a date written with spaces
        "某县名列第 3 名。",  # an ordinal
        "某县第 3 个项目已完工。",
        "某乡 500 多年来一直种茶。",  # 多 before no scale, classifier or noun
        "版本 12 中文说明见附件。",
    ],
)
def test_a_gap_space_before_other_words_stays_unread(text: str) -> None:
    assert _read(text) == []


def test_a_number_written_with_gap_spaces_reads_as_written_without() -> None:
    plain = "某县援建项目34个，投入资金3亿6000万元，培训干部1200余人次。"
    spaced = "某县援建项目 34 个，投入资金 3 亿 6000 万元，培训干部 1200 余人次。"
    assert [f[2:] for f in _read(spaced)] == [f[2:] for f in _read(plain)]


# ---- a middle dot as decimal point before a scale --------------------------------------------------
@pytest.mark.parametrize("dot", ["·", "・", "‧"])
def test_a_middle_dot_before_a_scale_is_a_decimal_point(dot: str) -> None:
    assert _read(f"甲国向某省提供 14{dot}6亿日元贷款。") == [
        ("amount", f"14{dot}6亿日元", Decimal(1460000000), "JPY", None, "exact")
    ]


@pytest.mark.parametrize(
    "text", ["某地“8·16”洪灾后重建。", "某地8·16洪灾损失惨重。", "某县在9·30后开工3个项目。"]
)
def test_a_middle_dot_without_a_scale_stays_a_separator(text: str) -> None:
    assert all(f[1] != "16" and "·" not in f[1] for f in _read(text))


def test_digits_after_a_middle_dot_are_never_a_number_of_their_own_before_a_scale() -> None:
    assert [f[2] for f in _read("某县获12·5万元奖励。")] == [Decimal(125000)]


# ---- thousands groups after a comma and a space, only in money --------------------------------------
@pytest.mark.parametrize(
    ("text", "value", "span"),
    [
        ("The fund gave $450, 000 to the clinic.", Decimal(450000), "$450, 000"),
        ("It donated 75, 000 U.S. dollars to the town.", Decimal(75000), "75, 000 U.S. dollars"),
        ("A grant of US$2, 150, 000 was signed.", Decimal(2150000), "US$2, 150, 000"),
    ],
)
def test_spaced_thousands_groups_continue_a_money_figure(text: str, value: Decimal, span: str) -> None:
    amounts = [f for f in _read(text) if f[0] == "amount"]
    assert [(f[1], f[2]) for f in amounts] == [(span, value)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2011, 420 pupils joined the school.", [("count", Decimal(420))]),
        ("On June 4, 300 yuan was paid to each family.", [("amount", Decimal(300))]),
        ("The hall covers 18, 460 square meters.", []),
        ("Items 3, 250 and 7 were listed.", []),
    ],
)
def test_a_comma_and_a_space_outside_money_still_separate(text: str, expected: list) -> None:
    assert [(f[0], f[2]) for f in _read(text)] == expected


def test_a_lone_group_of_zeros_is_never_an_amount() -> None:
    assert _read("a cheque of 000 dollars") == []


# ---- a hyphen before a one-letter scale, compounds of two scales ------------------------------------
@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The town gets $3.7-M in relief aid.", "$3.7-M", Decimal(3700000)),
        ("Another $45-m went to roads.", "$45-m", Decimal(45000000)),
    ],
)
def test_a_hyphen_before_a_one_letter_scale(text: str, span: str, value: Decimal) -> None:
    assert [(f[1], f[2]) for f in _read(text)] == [(span, value)]


def test_a_hyphen_and_a_letter_without_a_currency_stay_unread() -> None:
    assert _read("The bridge is 12-m wide and the road 40-m long.") == []


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("It pledged Rs 5 billion 40 million for roads.", "Rs 5 billion 40 million", Decimal(5040000000)),
        ("It gave $2 million 300 thousand to schools.", "$2 million 300 thousand", Decimal(2300000)),
        ("某县获得2亿3500万元援助。", "2亿3500万元", Decimal(235000000)),
        ("某市接收援款7亿80万元。", "7亿80万元", Decimal(700800000)),
        ("某镇收到捐款2万6千元。", "2万6千元", Decimal(26000)),
        ("某县获援款4亿零300万元。", "4亿零300万元", Decimal(403000000)),
        ("某村获捐3万2千4百元。", "3万2千4百元", Decimal(32400)),
    ],
)
def test_compounds_of_two_scales_are_one_number(text: str, span: str, value: Decimal) -> None:
    amounts = [f for f in _read(text) if f[0] == "amount"]
    assert [(f[1], f[2]) for f in amounts] == [(span, value)]


@pytest.mark.parametrize(
    "text",
    [
        "It gave $5 billion, 40 million of it in grants.",  # a comma: two figures
        "It gave $5 million 40 billion more later.",  # the second scale is not smaller
        "It gave $5 billion 4000 million later.",  # more than three digits
    ],
)
def test_english_scales_that_make_no_compound(text: str) -> None:
    assert all(" billion 4" not in f[1] and " million 4" not in f[1] for f in _read(text))


def test_a_yi_figure_followed_by_an_unrelated_wan_figure() -> None:
    # 6000万 with no currency, classifier or noun right after it is not joined to the 3亿 before it
    assert all(f[2] != Decimal(360000000) for f in _read("某县资金3亿6000万用于修路。"))


# ---- South Asian scales ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("A loan of Rs 1,200 crore was signed.", "Rs 1,200 crore", Decimal(12000000000)),
        ("The ward got Rs 35 lakh for a clinic.", "Rs 35 lakh", Decimal(3500000)),
        ("It gave Rs 4 crore 20 lakh to the schools.", "Rs 4 crore 20 lakh", Decimal(42000000)),
    ],
)
def test_crore_and_lakh_are_scales(text: str, span: str, value: Decimal) -> None:
    assert [(f[1], f[2]) for f in _read(text) if f[0] == "amount"] == [(span, value)]


# ---- a scaled number before a measure word of goods is not money ------------------------------------
@pytest.mark.parametrize(
    "text", ["某企业向灾民捐赠3万盒方便食品。", "某商会捐赠药品2万瓶。", "某县捐赠2万瓶矿泉水。"]
)
def test_a_scaled_number_before_a_measure_word_of_goods_is_no_amount(text: str) -> None:
    assert [f for f in _read(text) if f[0] == "amount"] == []


@pytest.mark.parametrize("text", ["某县安排资金5000万支持种植业。", "某市投入资金1亿包括三个部分。"])
def test_verbs_that_start_like_measure_words_keep_the_amount(text: str) -> None:
    assert [f[0] for f in _read(text)] == ["amount"]


# ---- a decimal comma before an English scale ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("A grant of 3,5 million euros went to the port.", "3,5 million euros", Decimal(3500000)),
        ("The town got EUR 14,25 billion in loans.", "EUR 14,25 billion", Decimal(14250000000)),
        ("It gave €6,4m to the clinic.", "€6,4m", Decimal(6400000)),
    ],
)
def test_a_decimal_comma_before_a_scale(text: str, span: str, value: Decimal) -> None:
    assert [(f[1], f[2]) for f in _read(text) if f[0] == "amount"] == [(span, value)]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("It lent 2,400 million yuan.", [Decimal(2400000000)]),  # a thousands group
        ("By 2021,60 million dollars had come.", [Decimal(60000000)]),  # a year before the comma
        ("Items 4,7 and 9 are listed.", []),
    ],
)
def test_commas_that_are_no_decimal_commas(text: str, values: list) -> None:
    assert [f[2] for f in _read(text) if f[0] == "amount"] == values


@pytest.mark.parametrize("text", ["某县获捐1.4亿6000万元。", "某县获捐5亿3亿元。", "某县获捐2万3万元。"])
def test_chinese_parts_that_make_no_compound(text: str) -> None:
    assert len([f for f in _read(text) if f[0] == "amount"]) == 2


# ---- lakh grouping, mil, zero-led fragments -----------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "kind", "span", "value"),
    [
        ("The ward got Rs 35,00,000 for a clinic.", "amount", "Rs 35,00,000", Decimal(3500000)),
        ("A fund of Rs 2,45,00,000 was set up.", "amount", "Rs 2,45,00,000", Decimal(24500000)),
        ("Some 3,00,000 people were helped.", "count", "3,00,000 people", Decimal(300000)),
        ("The town got a $7 mil grant.", "amount", "$7 mil", Decimal(7000000)),
    ],
)
def test_lakh_groups_and_mil(text: str, kind: str, span: str, value: Decimal) -> None:
    assert [(f[0], f[1], f[2]) for f in _read(text)] == [(kind, span, value)]


@pytest.mark.parametrize("text", ["The list shows 00,000 people.", "Block 07 people moved.", "共 05 个"])
def test_a_zero_led_fragment_is_no_count(text: str) -> None:
    assert _read(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rs.16.5 billion was set aside for the road.", ["Rs.16.5 billion"]),
        ("A grant of Ksh.1.8 billion was signed.", ["Ksh.1.8 billion"]),
        (".5亿元援助资金已到位。", []),  # a lost digit before the point: no number rather than a wrong one
        ("某地区?.4万元到位。", []),
        ("Art.5 million rules apply.", []),
        ("Sept.5 million visitors came.", []),
    ],
)
def test_a_number_after_a_point_only_after_a_currency_abbreviation(text: str, expected: list[str]) -> None:
    assert [m.text for m in extract(text).mentions if str(m.kind) == "amount"] == expected
