"""Amount-kind, record-kind and count rules of the dev8 round. Texts written for the tests (某/甲乙丙, invented
figures), no phrase of a real page."""

from __future__ import annotations

import datetime as dt

import pytest

from aidcurator.extract import extract


def _by_value(text: str, published: str | None = None) -> dict[int, object]:
    date = dt.date.fromisoformat(published) if published else None
    return {int(r.amounts[0].value): r for r in extract(text, published=date).records}


def _kind(text: str, value: int, published: str | None = "2024-05-10") -> str:
    return str(_by_value(text, published)[value].amounts[0].kind)


@pytest.mark.parametrize(
    "text",
    [
        "甲省今年为乙州安排项目40个，所需援助资金3.6亿元。",
        "今年乙市向某县下达帮扶项目12个，援助资金8000万元，重点用于产业发展。",
    ],
)
def test_the_aid_funds_noun_leaves_the_kind_to_the_verb_of_the_sentence(text: str) -> None:
    """援助资金 names the money, it does not say it was given: the allotment verb before decides."""
    value = 360_000_000 if "3.6亿元" in text else 80_000_000
    assert _kind(text, value) == "committed"


def test_the_aid_funds_noun_with_no_other_verb_stays_spent() -> None:
    assert _kind("去年甲市向某县提供援助资金2600万元，建成学校两所。", 26_000_000) == "spent"


@pytest.mark.parametrize(
    "text",
    [
        "2023年，甲省为乙州共安排协作资金5.2亿元，年底前，实际到位4.9亿元。",
        "今年乙市计划投入帮扶资金6000万元，项目开工率90%，实际到位资金5100万元。",
    ],
)
def test_money_in_place_after_an_allotment_in_its_sentence_is_a_share(text: str) -> None:
    """A progress clause that opens with 到位 (no 已) after an allotted or planned total: part of it."""
    records = _by_value(text)
    part = records[490_000_000] if 490_000_000 in records else records[51_000_000]
    assert str(part.amounts[0].kind) == "share"


def test_money_in_place_with_no_total_before_it_stays_spent() -> None:
    assert _kind("截至年底，甲省对口支援乙县到位资金3100万元。", 31_000_000) == "spent"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("某特区政府从救灾基金批出三笔共420万元的拨款，支援甲省受灾群众。", 4_200_000),
        ("某基金会理事会议决向乙县捐出500万元，用于灾后重建。", 5_000_000),
    ],
)
def test_a_grant_approved_or_resolved_is_committed(text: str, value: int) -> None:
    """批出 (a grant approved, as 批准) and 议决 (resolved, as 决定) commit the money."""
    assert _kind(text, value) == "committed"


def test_over_n_years_is_a_running_total() -> None:
    """N年多来 (over N years) counts like N年来."""
    text = "三年多来，甲市向某县捐赠的资金和物资超过1.2亿元。"
    assert _kind(text, 120_000_000) == "cumulative"


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        (
            "By May, grant agreements for four schools worth $30 million were signed and $12 million "
            "was disbursed to Ruritania.",
            12_000_000,
            "spent",
        ),
        (
            "China signed an aid agreement with Ruritania last week and $5 million will be released "
            "next month.",
            5_000_000,
            "planned",
        ),
    ],
)
def test_an_english_passive_verb_after_the_amount_decides_its_kind(text: str, value: int, kind: str) -> None:
    """The amount is the subject of the verb after it: an earlier clause's cue (signed) is not its own."""
    assert _kind(text, value, "2023-06-01") == kind


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "China donated $400,000 to Ruritania on Monday. The envoy said $40,000 of the donation came "
            "from the embassy staff.",
            40_000,
        ),
        (
            "China will offer 90 billion yuan to the region. The envoy said 30 billion yuan of the pledge "
            "would go to farming.",
            30_000_000_000,
        ),
    ],
)
def test_a_sum_of_the_donation_or_pledge_is_a_share(text: str, value: int) -> None:
    assert _kind(text, value, "2023-06-01") == "share"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三年来，甲区向某县共累计拨出协作资金1.5亿元，另有捐赠物资1200万元。", 12_000_000),
        ("截至去年底，甲省共向乙县投入援助资金2.4亿元，社会捐赠资金900多万元。", 9_000_000),
    ],
)
def test_the_next_item_of_a_running_total_list_is_a_running_total(text: str, value: int) -> None:
    assert _kind(text, value) == "cumulative"


def test_a_this_year_item_after_a_running_total_is_not_one() -> None:
    text = "五年来，甲市累计投入援助资金6亿元，今年投入1.3亿元。"
    assert _kind(text, 130_000_000) != "cumulative"


def test_gifts_of_other_givers_after_a_gift_are_no_breakdown_of_it() -> None:
    """Three later gifts of other givers that happen to add up to an earlier gift are not its parts."""
    text = (
        "澳门某基金会捐款3000万元人民币，支援乙省救灾。甲城建材集团有限公司捐款人民币1000万元；"
        "乙丰药业股份有限公司捐赠价值1200万元人民币的物资；丙和置业集团有限公司捐赠800万元人民币。"
    )
    records = _by_value(text, "2021-08-01")
    for value in (10_000_000, 12_000_000, 8_000_000):
        assert str(records[value].amounts[0].kind) != "share"
        assert not records[value].flags.get("part_of_total")


def test_money_taken_in_is_spent_whatever_the_means_named_before() -> None:
    """吸纳 (took in) is the amount's own verb: an allotment word among the means (借助…安排…等途径) is not."""
    text = "甲省另借助额外安排与企业捐赠等途径，为乙州吸纳款项逾3亿元。"
    assert _kind(text, 300_000_000) == "spent"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("甲市援建项目完成18个，总投资6000万元。", "18个"),
        ("某县帮扶项目已竣工7个，其余正在建设。", "7个"),
    ],
)
def test_a_count_after_a_completion_verb_counts_the_noun_before_it(text: str, count: str) -> None:
    """项目完成18个 is written noun first like 项目已开工18个: the verb bridges the noun and the number."""
    found = [m for m in extract(text).mentions if str(m.kind) == "count" and m.text == count]
    assert found and found[0].what == "projects"


def test_one_emergency_gift_named_as_aid_is_a_project() -> None:
    """Emergency relief to one country is one gift: 'in aid' does not make it a programme."""
    text = "China has decided to offer US$250,000 in aid to Ruritania for flood relief."
    record = _by_value(text, "2022-03-01")[250_000]
    assert str(record.record_kind) == "project"


def test_a_total_of_emergency_relief_stays_a_programme() -> None:
    text = "So far, China's total relief assistance to Ruritania for the floods has reached US$900,000."
    record = _by_value(text, "2022-03-01")[900_000]
    assert str(record.record_kind) == "programme"


def test_pairing_aid_named_as_aid_stays_a_programme() -> None:
    text = "The province provided 300 million yuan in aid to the prefecture for schools and roads last year."
    record = _by_value(text, "2022-03-01")[300_000_000]
    assert str(record.record_kind) == "programme"


def test_the_verb_after_a_value_apposition_decides() -> None:
    """The grant, worth …, was signed: the amount is the grant's value, the grant was signed (committed)."""
    text = "The grant, worth 40 million yuan, was signed by the two envoys in Ruritania on Monday."
    assert _kind(text, 40_000_000, "2022-03-01") == "committed"


def test_cues_before_a_contrast_clause_are_not_the_amounts() -> None:
    """', but' opens the amount's own clause: 'since' in the clause before it makes no running total."""
    text = (
        "China has sent tents and food to Ruritania since the floods began in May, but the first help "
        "was some $400,000 in rescue equipment in April."
    )
    assert _kind(text, 400_000, "2022-09-01") != "cumulative"


def test_what_a_receiver_has_received_is_a_running_total() -> None:
    """A receiver's present perfect 'has received' sums what came in so far."""
    text = "The county has received more than 30 million yuan in donations for its schools, officials said."
    assert _kind(text, 30_000_000, "2022-03-01") == "cumulative"
