"""Count noun phrases of the seventh real-news round, each rule on sentences written for the test."""

from __future__ import annotations

from decimal import Decimal

import pytest

from aidcurator.domain import MentionKind
from aidcurator.extract import find_quantities


def _counts(text: str) -> list[tuple[str, Decimal | None, str]]:
    return [(m.text, m.value, m.what or "") for m in find_quantities(text) if m.kind is MentionKind.COUNT]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a direct noun longer than the classifier inside it wins (人口 over 人)
        ("这个乡只有8千多人口。", [("8千多人口", Decimal(8000), "people")]),
        ("市里派出12名同志驻村。", [("12名同志", Decimal(12), "people")]),
        # the counted noun after modifiers that end with 的, up to two of them
        ("基金会资助了46名成绩优异的中学生。", [("46名成绩优异的中学生", Decimal(46), "people")]),
        (
            "资金用于补助30名来自山区的刚毕业的家庭困难学生。",
            [("30名来自山区的刚毕业的家庭困难学生", Decimal(30), "people")],
        ),
        # a listed second noun phrase after a conjunction
        (
            "全年培训88名医生和农业、林业技术人员。",
            [("88名医生和农业、林业技术人员", Decimal(88), "people")],
        ),
        # still stops where the noun phrase ends
        ("资助20名学生的学费。", [("20名学生", Decimal(20), "people")]),
        ("共有60户牧民领到新房。", [("60户牧民", Decimal(60), "households")]),
    ],
)
def test_people_noun_phrases(text: str, expected: list) -> None:
    assert _counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "当地15家单位和个人捐款。",  # givers, not beneficiaries
        "有4家公司参与建设。",
        "落实‘五项民生工程’。",  # a programme's name in single quotes
    ],
)
def test_not_counted(text: str) -> None:
    assert _counts(text) == []
