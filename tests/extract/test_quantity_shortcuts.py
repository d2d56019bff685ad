"""Shortcuts in the quantity scan and the flow scan give exactly what the full checks give."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from aidcurator.domain import MentionKind
from aidcurator.extract import flows, parties
from aidcurator.extract.quantities import find_quantities
from aidcurator.extract.quantity_patterns import after_number_firsts
from aidcurator.extract.quantity_scanner import QuantityScanner
from aidcurator.extract.script import to_simplified
from aidcurator.resources import resource_path

_GOLD = Path(__file__).resolve().parents[1] / "gold"

# our own sentences: years, dates, ages and list numbers beside amounts and counts written every way
_MADE_UP = [
    "2025年，江苏投入援疆资金3.2亿元，实施项目58个，惠及群众12万人。",
    "截至2024年12月31日，累计培训2,300名教师；18岁以下学生占35%。",
    "In 2008, China pledged $2025, then US$30 million to 5 hospitals; 2019-2021 saw 3-5亿元.",
    "共有30余家企业，计划3至5年完成，投资1.5万元/户，较2023年增长5个百分点。",
    "项目于2023年3月开工，总投资8000万美元，约合5.6亿元人民币，覆盖2个县12个乡镇。",
    "$2025，€300，¥4500。第3批，2号楼，12岁，3天，4小时，5次会议。",
]


def _texts() -> list[str]:
    texts = list(_MADE_UP)
    texts += [p.read_text(encoding="utf-8") for p in sorted(resource_path("samples").glob("*.txt"))]
    for path in sorted(_GOLD.glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return texts


def test_the_after_number_shortcut_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    fast = [find_quantities(t) for t in texts]
    monkeypatch.setattr(QuantityScanner, "nothing_after", lambda self, pos: False)
    slow = [find_quantities(t) for t in texts]
    assert fast == slow


def test_years_dates_and_ages_are_skipped_but_a_currency_before_still_counts() -> None:
    found = find_quantities("2025年3月，18岁的他捐出$2025，另有50名志愿者。")
    assert [(m.kind, m.text) for m in found] == [
        (MentionKind.AMOUNT, "$2025"),
        (MentionKind.COUNT, "50名志愿者"),
    ]
    assert found[0].value == Decimal(2025) and found[0].currency == "USD"


def test_a_character_that_starts_a_rule_word_is_never_skipped() -> None:
    live = after_number_firsts()
    assert live is not None
    for char in ("亿", "万", "元", "个", "名", "%", "-", "至", "余", "多", "m", " "):
        assert char in live
    assert "年" not in live and "岁" not in live


def test_the_flow_scan_finds_the_detail_words_of_a_separate_scan() -> None:
    rules = flows._rules()
    for text in _texts():
        both = rules.scan.findall_hits(text, 0, len(text), 3)[1]
        alone = rules.detail_scan.hits(text, 0, len(text))
        if alone is None:
            continue
        assert both is not None
        assert {s for s, m in alone} <= {s for s, m in both if m >> 3}
        every = rules.scan.findall(text, 0, len(text))[:3]
        first = rules.scan.findall_hits(text, 0, len(text), 3)[0]
        assert [[(m.span(), m.lastgroup) for m in ms] for ms in every] == [
            [(m.span(), m.lastgroup) for m in ms] for ms in first
        ]


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("中国向两国各提供500万元人民币紧急援助。", True),
        ("China will give 5 million yuan to Each of the Two countries.", True),
        ("China will give 5 million yuan to each of the 3 countries.", True),
        ("中国向两国提供500万元人民币紧急援助，各方表示感谢。", False),
        ("China will give 5 million yuan to each of the countries.", False),
    ],
)
def test_each_country_is_found_by_its_patterns_searched_apart(text: str, says: bool) -> None:
    rules = parties._rules()
    assert parties.says_each_country(text) is says
    assert (rules.each.search(text) is not None) is says  # the joined pattern each_country reads agrees


def test_simplified_text_is_returned_as_it_is_and_traditional_text_mapped() -> None:
    simple = "江苏安排援疆资金3.2亿元，惠及群众12万人。"
    assert to_simplified(simple) is simple
    traditional = "江蘇安排援疆資金3.2億元，惠及群眾12萬人。"
    assert to_simplified(traditional) == simple
    mixed = simple + "資"  # one traditional character at the very end still counts
    assert to_simplified(mixed) == simple + "资"


@pytest.mark.parametrize(
    "extra",
    [
        "",
        "one two three, Twenty-five million and seven,eight; five-six (ten) _one 9one 五one\u3000four —ten",
        "Eleven villages got nine wells and twenty schools, said one of the three officials.",
    ],
)
def test_english_text_searched_in_two_parts_gives_the_whole_pattern_s_tokens(extra: str) -> None:
    for text in [*_texts(), extra, extra + " " + _MADE_UP[2]]:
        scanner = QuantityScanner(text)
        whole = [(m.span(), m.lastgroup, m.group()) for m in scanner.patterns.token.finditer(text)]
        assert [(m.span(), m.lastgroup, m.group()) for m in scanner.tokens()] == whole
