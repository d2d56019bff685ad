"""The amount editor's parser: the same rules as the extractor, applied to one typed value."""

from decimal import Decimal

import pytest

from aidcurator.extract import AmountParseError, parse_amount


@pytest.mark.parametrize(
    ("typed", "value", "currency", "qualifier", "value_max"),
    [
        ("2.14亿元", "214000000", "CNY", "exact", None),
        ("376 million yuan", "376000000", "CNY", "exact", None),
        ("约3亿元", "300000000", "CNY", "approx", None),
        ("3-5亿元", "300000000", "CNY", "range", "500000000"),
        ("1,262万", "12620000", "unknown", "exact", None),
        ("214000000", "214000000", "unknown", "exact", None),
        ("  超过 200亿元 ", "20000000000", "CNY", "at_least", None),
        ("US$5 million", "5000000", "USD", "exact", None),
        ("２．１４亿元", "214000000", "CNY", "exact", None),
        ("三點五億元", "350000000", "CNY", "exact", None),
        ("0.5", "0.5", "unknown", "exact", None),
    ],
)
def test_parse_amount_reads_exact_values(typed, value, currency, qualifier, value_max) -> None:
    parsed = parse_amount(typed)
    assert parsed.value == Decimal(value)
    assert str(parsed.value) == value  # no float artefacts, no exponent
    assert parsed.currency == currency
    assert parsed.qualifier.value == qualifier
    assert parsed.value_max == (Decimal(value_max) if value_max else None)


@pytest.mark.parametrize("typed", ["abc", "", "   ", "3亿元 5亿元", "2024年", "15%", "3亿元 for schools"])
def test_parse_amount_rejects_non_amounts(typed: str) -> None:
    with pytest.raises(AmountParseError) as info:
        parse_amount(typed)
    assert str(info.value)
