"""Typed amounts with a space beside the unit or a leading minus (issue 13, item 4)."""

from decimal import Decimal

import pytest

from aidcurator.extract import AmountParseError, parse_amount
from aidcurator.extract.typed_amounts import normalise_typed_amount


@pytest.mark.parametrize(
    ("typed", "normalised", "negative"),
    [
        ("2.14 亿元", "2.14亿元", False),
        (" 2.14 亿 元 ", "2.14亿元", False),
        ("约 3 亿元", "约3亿元", False),
        ("-5亿元", "5亿元", True),
        ("－5亿元", "5亿元", True),
        ("− 2.14 亿元", "2.14亿元", True),
        ("376 million yuan", "376 million yuan", False),
        ("3-5亿元", "3-5亿元", False),
        ("-", "-", False),
    ],
)
def test_normalise_typed_amount(typed, normalised, negative) -> None:
    assert normalise_typed_amount(typed) == (normalised, negative)


@pytest.mark.parametrize(
    ("typed", "value", "currency"),
    [
        ("2.14 亿元", "214000000", "CNY"),
        ("2.14 亿 元", "214000000", "CNY"),
        ("-5亿元", "-500000000", "CNY"),
        ("－0.5 亿元", "-50000000", "CNY"),
        ("-376 million yuan", "-376000000", "CNY"),
    ],
)
def test_parse_amount_reads_spaced_and_negative_amounts_exactly(typed, value, currency) -> None:
    parsed = parse_amount(typed)
    assert (parsed.value, str(parsed.value), parsed.currency) == (Decimal(value), value, currency)


def test_a_negative_range_is_refused_with_a_message() -> None:
    with pytest.raises(AmountParseError, match="a range cannot be negative"):
        parse_amount("-3-5亿元")
