"""What a selection means for a record (plain functions, no event loop)."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from aidcurator.extract import parse_amount
from aidcurator.gui.selection import draft_from_selection, field_value, inside, owner_of_span, strip_span


@dataclass
class M:
    kind: str
    start: int
    end: int
    text: str
    value: Any = None
    what: str | None = None
    data: dict = field(default_factory=dict)


def parses(text: str) -> bool:
    try:
        parse_amount(text)
    except ValueError:
        return False
    return True


TEXT = "😀 2024年北京市安排资金3.2亿元，新建学校8所，6000余名学生受益。"


def mentions():
    def at(s, kind, **kw):
        start = TEXT.index(s)
        return M(kind, start, start + len(s), s, **kw)

    return [
        at("2024年", "year", data={"start": 2024, "end": 2024}),
        at("3.2亿元", "amount", value=Decimal("320000000")),
        at("6000余名学生", "count", value=Decimal(6000), what="people"),
    ]


def test_strip_span_keeps_offsets_on_the_text():
    text = "a  北京市 \n b"
    quoted, start, end = strip_span(text, 1, 8)
    assert quoted == "北京市" and text[start:end] == "北京市"
    assert strip_span(text, 1, 3) == ("", 1, 1)


def test_an_amount_selection_becomes_the_amount():
    text = TEXT.replace("3.2亿元", " 3.2亿元 ")
    start = text.index("3.2亿元")
    draft = draft_from_selection(text, start - 1, start + 6, [], parses)  # the spaces around are dropped
    assert draft.amounts == ["3.2亿元"] and draft.evidence == [("amount", start, start + 5)]


def test_a_sentence_fills_amounts_counts_and_years_from_mentions():
    draft = draft_from_selection(TEXT, 0, len(TEXT), mentions(), parses)
    assert draft.amounts == ["3.2亿元"]
    assert draft.fields == {"year_start": 2024, "year_end": 2024, "beneficiaries_people": 6000}
    assert {name for name, _s, _e in draft.evidence} == {"amount", "year", "beneficiaries_people"}


def test_plain_words_become_the_title():
    start = TEXT.index("北京市")
    draft = draft_from_selection(TEXT, start, start + 3, mentions(), parses)
    assert draft.fields == {"title": "北京市"} and draft.evidence == [("title", start, start + 3)]


def test_use_as_takes_values_from_mentions():
    found = inside(mentions(), 0, len(TEXT))
    assert field_value("count", "beneficiaries_people", "6000余名学生", found) == 6000
    assert field_value("year", "year_end", "2024年", found) == 2024
    assert field_value("text", "donor", "北京市", found) == "北京市"


def test_owner_of_span_finds_amounts_and_evidence():
    @dataclass
    class A:
        id: int
        start: int | None
        end: int | None

    @dataclass
    class E:
        field: str
        start: int
        end: int

    @dataclass
    class R:
        id: int
        amounts: list
        evidence: list

    records = [R(1, [A(10, None, None)], [E("beneficiaries_people", 30, 38)]), R(2, [A(20, 14, 19)], [])]
    assert owner_of_span(records, 15, 16, amounts_only=True) == (records[1], 20)
    assert owner_of_span(records, 31, 33, amounts_only=True) is None
    assert owner_of_span(records, 31, 33, amounts_only=False) == (records[0], None)
