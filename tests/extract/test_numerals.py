from decimal import Decimal

import pytest

from aidcurator.extract.numerals import parse_arabic, parse_chinese, parse_english_words
from aidcurator.extract.rules import load_rules


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("两千三百万", 23000000),
        ("一亿二千万", 120000000),
        ("壹佰万", 1000000),
        ("十二万", 120000),
        ("三百零五", 305),
        ("一万亿", 10**12),
        ("十", 10),
        ("一千零五十万", 10500000),
        ("贰仟", 2000),
    ],
)
def test_chinese_integers(token: str, value: int) -> None:
    assert parse_chinese(token, load_rules()) == value


def test_chinese_decimals_are_exact() -> None:
    assert parse_chinese("三點五億", load_rules()) == Decimal("350000000")
    assert parse_chinese("零点五亿", load_rules()) == Decimal("50000000")


@pytest.mark.parametrize("token", ["十四五", "十五五", "二〇二四", "万", "点"])
def test_chinese_non_numbers_are_rejected(token: str) -> None:
    assert parse_chinese(token, load_rules()) is None


def test_arabic_forms() -> None:
    assert parse_arabic("１，０００") == 1000
    assert parse_arabic("4 000") == 4000
    assert parse_arabic("２．１４") == Decimal("2.14")
    assert parse_arabic("abc") is None


def test_english_words() -> None:
    rules = load_rules()
    assert parse_english_words(["twenty", "five"], rules) == 25
    assert parse_english_words(["three", "hundred"], rules) == 300
    assert parse_english_words(["banana"], rules) is None
