"""Amount and count mentions of the fourth real-news round, each rule on sentences written for the test."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aidcurator.domain import MentionKind
from aidcurator.extract import find_quantities
from aidcurator.extract.residue import without_residue


def _counts(text: str) -> list[tuple[str, Decimal | None, str]]:
    return [(m.text, m.value, m.what or "") for m in find_quantities(text) if m.kind is MentionKind.COUNT]


def _amounts(text: str) -> list[tuple[str, Decimal | None, str | None]]:
    return [(m.text, m.value, m.currency) for m in find_quantities(text) if m.kind is MentionKind.AMOUNT]


def test_residue_map_keeps_the_reading_with_its_character() -> None:
    plain, residue = without_residue("共建項(xiàng)目12個(gè)(WFP)")
    assert plain == "共建項目12個(WFP)"
    assert residue is not None
    start = plain.index("12")
    assert (residue.start(start), residue.end(start + 3)) == (11, 18)


def test_text_without_residue_is_left_alone() -> None:
    assert without_residue("援助(WFP)资金(2014)") == ("援助(WFP)资金(2014)", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("本年撥付資金800萬(wàn)元用於修路。", [("800萬(wàn)元", Decimal(8000000), "CNY")]),
        ("另捐出兩百萬(wàn)元人民幣。", [("兩百萬(wàn)元人民幣", Decimal(2000000), "CNY")]),
        ("提供50萬(wàn)美元現(xiàn)匯。", [("50萬(wàn)美元", Decimal(500000), "USD")]),
    ],
)
def test_amounts_read_through_pinyin_residue(text: str, expected: list) -> None:
    assert _amounts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年實(shí)施項(xiàng)目36個(gè),當年完工。", [("36個(gè)", Decimal(36), "projects")]),
        ("安排援建項(xiàng)目18項(xiàng)。", [("18項(xiàng)", Decimal(18), "projects")]),
        ("共安置移民4.5萬(wàn)人。", [("4.5萬(wàn)人", Decimal(45000), "people")]),
    ],
)
def test_counts_read_through_pinyin_residue(text: str, expected: list) -> None:
    assert _counts(text) == expected
