"""Record assembly rules: amount kinds, periods and parties on short made-up texts."""

import datetime as dt
from decimal import Decimal

import pytest

from aidcurator.domain import AmountKind, CandidateRecord
from aidcurator.extract import extract
from aidcurator.extract.places import smallest_common_place
from aidcurator.extract.script import to_simplified
from aidcurator.extract.timex import find_times


def _by_value(text: str, published: dt.date | None = dt.date(2025, 6, 10)) -> dict[Decimal, CandidateRecord]:
    return {r.amounts[0].value: r for r in extract(text, published).records}


def test_to_simplified_keeps_offsets() -> None:
    text = "據江蘇省對口支援前方指揮部，兵團安排資金𠀀😀"
    simple = to_simplified(text)
    assert len(simple) == len(text)
    assert simple.startswith("据江苏省对口支援前方指挥部，兵团安排资金")
    assert to_simplified("plain ascii") == "plain ascii"


def test_traditional_article_finds_parties_and_kind() -> None:
    records = _by_value("今年江蘇將向伊犁州投入援疆資金3.6億元。")
    record = records[Decimal("360000000")]
    assert (record.donor, record.recipient) == ("江苏省", "伊犁哈萨克自治州")
    assert record.amounts[0].kind is AmountKind.PLANNED
    assert record.year_start == 2025


def test_list_lines_after_a_colon_are_shares_of_the_introducing_amount() -> None:
    text = (
        "去年南通安排援疆资金9000万元，较前年增加500万元。今年南通计划安排援疆资金1.2亿元，分项如下：\n"
        "教育：3000万元\n卫生　2500万元\n产业发展：约4000万元\n会议还部署了其他工作。"
    )
    records = extract(text, dt.date(2025, 3, 1)).records
    values = [r.amounts[0].value for r in records]
    parent = values.index(Decimal("120000000"))
    for value in ("30000000", "25000000", "40000000"):
        share = records[values.index(Decimal(value))]
        assert share.amounts[0].kind is AmountKind.SHARE
        assert share.parent_index == parent
        assert share.year_start == 2025
    assert records[values.index(Decimal("90000000"))].year_start == 2024


def test_bullet_lines_without_an_introduction_are_not_shares() -> None:
    text = "△扬州援疆工作组拨付200万元，修缮学校。\n△泰州援疆工作组投入150万元，建设安居房。"
    for record in extract(text, dt.date(2025, 5, 1)).records:
        assert record.amounts[0].kind is AmountKind.SPENT
        assert record.parent_index is None
    recipients = {r.amounts[0].value: r.recipient for r in extract(text, dt.date(2025, 5, 1)).records}
    assert recipients == {Decimal("2000000"): "新源县", Decimal("1500000"): "昭苏县"}


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Of the total, 40 million yuan goes to schools.", AmountKind.SHARE),
        ("A clinic package worth 12 million yuan in total is part of the programme.", AmountKind.SHARE),
        ("今年以来，工作组投入资金500万元。", AmountKind.SPENT),
        ("三年来，工作组投入资金500万元。", AmountKind.CUMULATIVE),
        ("按十四五资金测算，未来将投入8000万元。", AmountKind.PLANNED),
        ("The team estimates that aid will reach 50 million yuan next year.", AmountKind.ESTIMATE),
        ("Funds spent totaled 30 million yuan in 2024.", AmountKind.SPENT),
        ("Over the 14th Five-Year Plan period, aid has totaled 300 million yuan.", AmountKind.CUMULATIVE),
        ("此批物资共计大米300吨，价值约600万元。", None),  # no cue: the default kind, flagged
        ("Jiangsu has earmarked 80 million yuan for the county.", AmountKind.COMMITTED),
    ],
)
def test_amount_kind_cues(sentence: str, kind: AmountKind | None) -> None:
    record = extract("Intro line.\n" + sentence, dt.date(2025, 6, 10)).records[0]
    if kind is None:
        assert record.amounts[0].kind is AmountKind.SPENT
        assert record.flags["kind_default"] is True
        assert "amount_kind" not in record.evidence
    else:
        assert record.amounts[0].kind is kind
        assert "kind_default" not in record.flags
        cue = record.evidence["amount_kind"][0]
        assert ("Intro line.\n" + sentence)[cue.start : cue.end].strip()


def test_english_cue_after_the_amount_counts_up_to_its_clause() -> None:
    text = (
        "The aid comes on top of 300 million yuan in emergency assistance that China pledged in April, "
        "officials said."
    )
    record = extract(text, dt.date(2022, 6, 1)).records[0]
    assert record.amounts[0].kind is AmountKind.COMMITTED
    assert record.year_start == 2022  # April, before the June publication


def test_months_resolve_against_publication() -> None:
    found = {
        m.text: m.data["start"]
        for m in find_times("pledged in November; paid this month; 上月拨付", dt.date(2025, 1, 15))
    }
    assert found == {"in November": 2024, "this month": 2025, "上月": 2024}
    assert [m.text for m in find_times("in April 2023", dt.date(2025, 1, 15))] == ["2023"]


def test_comparison_year_is_not_the_period_and_year_pairs_make_a_range() -> None:
    records = _by_value(
        "今年福建安排资金2亿元，比上年增长5%。China will provide 90 million yuan in 2025 and 2026."
    )
    assert (records[Decimal("200000000")].year_start, records[Decimal("200000000")].year_end) == (2025, 2025)
    assert (records[Decimal("90000000")].year_start, records[Decimal("90000000")].year_end) == (2025, 2026)


def test_cumulative_since_a_past_year_runs_to_publication() -> None:
    record = _by_value(
        "Since the round began in 2010, partner provinces have invested a total of 9 billion "
        "yuan in Xinjiang."
    )[Decimal("9000000000")]
    assert (record.year_start, record.year_end) == (2010, 2025)


def test_several_recipients_give_the_smallest_place_holding_them() -> None:
    assert smallest_common_place(["策勒县", "于田县"]) == "和田地区"
    assert smallest_common_place(["哈密市", "第十三师"]) == "新疆维吾尔自治区"
    records = _by_value(
        "今年天津计划为策勒、于田、民丰三县安排援疆资金9.8亿元。其中，于田县4亿元、策勒县3亿元。"
    )
    assert records[Decimal("980000000")].recipient == "和田地区"
    assert records[Decimal("400000000")].recipient == "于田县"
    assert records[Decimal("300000000")].recipient == "策勒县"


def test_a_place_followed_by_deng_stands_for_its_parent() -> None:
    record = _by_value("福建今年安排协作资金1亿元，支持固原市等地发展产业。")[Decimal("100000000")]
    assert record.recipient == "宁夏回族自治区"


def test_the_donors_own_province_is_not_the_recipient() -> None:
    record = _by_value(
        "The aid team from Taizhou, a city in Jiangsu province, spent 5 million yuan on winter homes."
    )[Decimal("5000000")]
    assert record.donor == "泰州市"
    assert record.recipient == "昭苏县"
    assert record.flags.get("inferred") == ["recipient"]


def test_anaphora_points_back_to_the_latest_place_of_its_level() -> None:
    text = (
        "Beijing built a school in Lop county, Hotan prefecture. This year, it allocated 1 billion yuan "
        "for projects in the prefecture."
    )
    assert _by_value(text)[Decimal("1000000000")].recipient == "和田地区"


def test_share_is_never_wider_than_its_parent() -> None:
    text = (
        "Partner provinces provided 4 billion yuan to the Xinjiang Production and Construction Corps. "
        "Of the total, 1 billion yuan went to divisions in southern Xinjiang."
    )
    records = _by_value(text)
    assert records[Decimal("1000000000")].recipient == "新疆生产建设兵团"


def test_year_after_a_word_ending_in_yue_is_still_a_year() -> None:
    assert [m.text for m in find_times("集中签约2024年度援疆项目", dt.date(2024, 3, 8))] == ["2024年度"]
    assert find_times("约2000年前", dt.date(2024, 3, 8)) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("该项目投入北京援疆资金8000万元，建设教学楼。", "project"),
        ("今年北京安排援疆资金5亿元，实施60个援疆项目。", "programme"),
        ("Since 2015, Zhejiang has provided a total of 2 billion yuan in aid to Nagqu.", "programme"),
        ("19个援疆省市今年计划安排援疆资金190亿元。", "aggregate"),
    ],
)
def test_record_kind(text: str, kind: str) -> None:
    assert extract(text, dt.date(2025, 6, 1)).records[0].record_kind.value == kind


def _sectors(text: str) -> list[tuple[Decimal, str | None]]:
    return [(r.amounts[0].value, r.sector) for r in extract(text, dt.date(2024, 6, 1)).records]


def test_sector_of_each_amount_comes_from_its_own_clause() -> None:
    text = "其中，教育领域安排1.92亿元，医疗卫生领域安排1.13亿元，农村安居工程安排1.76亿元。"
    assert _sectors(text) == [
        (Decimal("192000000"), "111"),
        (Decimal("113000000"), "121"),
        (Decimal("176000000"), "160"),
    ]


def test_emergency_and_reconstruction_framing_outweigh_the_subject() -> None:
    assert _sectors(
        "China will provide 500 million yuan to Nepal to rebuild schools and health posts damaged in the earthquake."
    ) == [(Decimal("500000000"), "730")]
    assert _sectors(
        "China will provide 10 million U.S. dollars in emergency humanitarian assistance, including rice for "
        "students in school meal programmes."
    ) == [(Decimal("10000000"), "720")]
    assert _sectors("中方向柬方提供价值3500万美元的粮食援助物资。") == [(Decimal("35000000"), "520")]


def test_jobs_created_are_an_outcome_not_the_sector() -> None:
    assert _sectors("园区一期、二期已累计使用浙江援疆资金9.6亿元，提供1.2万个就业岗位。") == [
        (Decimal("960000000"), None)
    ]
    assert _sectors("今年安排援疆资金3000万元，用于就业援疆和稳岗补贴。") == [(Decimal("30000000"), "160")]


def test_an_agency_name_is_not_a_sector_and_a_share_takes_its_parents_sector() -> None:
    assert _sectors("记者从自治区乡村振兴局获悉，今年福建省安排宁夏资金5.26亿元。") == [
        (Decimal("526000000"), None)
    ]
    records = _sectors(
        "China will provide 500 million yuan to rebuild schools damaged in the earthquake. "
        "Of this, the first tranche of 150 million yuan will be released in early 2025."
    )
    assert records == [(Decimal("500000000"), "730"), (Decimal("150000000"), "730")]


@pytest.mark.parametrize(
    "text",
    [
        "去年，墨玉县农村居民人均可支配收入达到1.46万元，较上年增长8.9%。",
        "她现在一个月能拿3,200多元。",
        '"I earn about 3,200 yuan a month now," she said.',
        "Prices at the market averaged 18 yuan per kilogram.",
        "Tibet's GDP grew 9.5 percent to 239 billion yuan in 2023.",
        "消费帮扶销售铜仁农特产品18.6亿元。",
        "The interest subsidies are worth up to 500,000 yuan each.",
    ],
)
def test_incomes_prices_rates_and_sales_are_mentions_but_not_records(text: str) -> None:
    extraction = extract(text, dt.date(2024, 6, 1))
    assert any(m.kind == "amount" for m in extraction.mentions)
    assert extraction.records == []


def test_a_difference_between_totals_is_not_a_record_but_the_totals_are() -> None:
    assert _sectors("今年苏州将向铜仁市安排财政援助资金5.3亿元，较去年增加3000万元。") == [
        (Decimal("530000000"), None)
    ]
    values = [
        v
        for v, _ in _sectors(
            "Shanghai will invest 1.2 billion yuan in aid to Hotan, Yutian and Minfeng, an increase of 37 million yuan over 2023."
        )
    ]
    assert values == [Decimal("1200000000")]


def test_aid_words_keep_an_amount_that_mentions_incomes_and_each_year_is_no_rate() -> None:
    assert [v for v, _ in _sectors("湖南安排用于增加农民收入的援疆资金5000万元。")] == [Decimal("50000000")]
    assert [v for v, _ in _sectors("Hunan provides 376 million yuan in aid to Turpan each year.")] == [
        Decimal("376000000")
    ]


def test_a_giver_and_its_partner_joined_by_yu_are_no_list_of_givers() -> None:
    paired = extract("江苏省与陕西省不断加强东西部协作，今年投入财政援助资金9.5亿元。").records
    assert [(r.record_kind, r.donor, r.recipient) for r in paired] == [("programme", "江苏省", "陕西省")]
    listed = extract("北京与福建今年向青海省投入援青资金6亿元。").records
    assert [(r.record_kind, r.donor) for r in listed] == [("aggregate", None)]
