"""detect_language: zh when ideographs are a substantial share of letters."""

from __future__ import annotations

import pytest

from aidcurator.ingest import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("江苏省今年投入援疆资金一亿元。", "zh"),
        ("Jiangsu invested 100 million yuan in aid projects this year.", "en"),
        ("援助项目使用GDP和PPP模式，共计3.2亿元，covering schools.", "zh"),
        (
            "The Chinese name of the programme is 援疆, meaning aid to Xinjiang, and it has run for decades.",
            "en",
        ),
        (
            "持续凝聚某地发展的合力\nCore Points - The meeting held in Urumqi highlighted the aid workers.",
            "en",
        ),
        ("", "en"),
        ("2025-12-23 12:00 ¥ 3,000", "en"),
        ("臺北捐贈醫院", "zh"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected
