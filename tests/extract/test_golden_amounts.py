"""Golden table for amount and count extraction (tests/extract/golden_amounts.jsonl).

Each case lists every amount and count in its sentence; the extractor must find exactly those,
with exact values, currency, qualifier, range maximum and counted noun, at the right offsets.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from aidcurator.domain import MentionKind
from aidcurator.extract.quantities import find_quantities

GOLDEN = Path(__file__).with_name("golden_amounts.jsonl")
CASES = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]


def _expected_tuple(text: str, item: dict) -> tuple:
    start = item.get("start", text.find(item["text"]))
    assert start >= 0, f"golden text {item['text']!r} not in sentence"
    value_max = item.get("value_max")
    return (
        item["kind"],
        start,
        start + len(item["text"]),
        Decimal(item["value"]),
        item.get("currency") if item["kind"] == "amount" else None,
        item.get("qualifier", "exact"),
        Decimal(value_max) if value_max else None,
        item.get("what"),
    )


def _found_tuple(mention) -> tuple:
    return (
        mention.kind.value,
        mention.start,
        mention.end,
        mention.value,
        mention.currency if mention.kind is MentionKind.AMOUNT else None,
        mention.qualifier.value if mention.qualifier else "exact",
        mention.value_max,
        mention.what,
    )


def test_golden_table_is_large_enough() -> None:
    assert len(CASES) >= 150
    groups = {case["group"] for case in CASES}
    assert {"zh-numeral", "zh-range", "en-scale", "counts-zh", "counts-en", "distractors"} <= groups


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_golden_case(case: dict) -> None:
    text = case["text"]
    found = [m for m in find_quantities(text) if m.kind in (MentionKind.AMOUNT, MentionKind.COUNT)]
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
    assert [_found_tuple(m) for m in found] == [_expected_tuple(text, item) for item in case["expected"]]
