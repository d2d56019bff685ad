"""Amounts: exact parsing, edits, add, delete, restore, reset."""

from decimal import Decimal

import pytest
from curation_support import _AMOUNTS, EN_TEXT, ZH_TEXT, StubExtractor, count_rows, import_zh  # noqa: F401

from aidcurator.curation import Curator
from aidcurator.domain import (
    AmountKind,
    Qualifier,
)
from aidcurator.extract import AmountParseError

# ----------------------------------------------------------------------------------------- amounts


def test_update_amount_parses_text_exactly(curator: Curator) -> None:
    record = curator.records(import_zh(curator))[2]  # 1262万元
    amount = record.amounts[0]
    updated = curator.update_amount(amount.id, text="2.14亿元", expected_version=record.version)
    (new,) = updated.amounts
    assert new.value == Decimal("214000000") and str(new.value) == "214000000"
    assert new.text == "2.14亿元" and new.currency == "CNY" and new.qualifier == Qualifier.EXACT
    assert set(new.curated_fields) == {"text", "value"}
    assert updated.version == record.version + 1
    fields = {e.field: (e.old_value, e.new_value) for e in curator.history(record.id)}
    assert fields == {
        "amount.text": ("1262万元", "2.14亿元"),
        "amount.value": ("12620000", "214000000"),
        "amount": ([[amount.start, amount.end]], []),  # the old quote no longer supports the amount
    }
    # A text without a currency keeps the amount's currency; a range sets value_max.
    bare = curator.update_amount(amount.id, text="4亿")
    assert bare.amounts[0].currency == "CNY" and bare.amounts[0].value == Decimal("400000000")
    ranged = curator.update_amount(amount.id, text="3-5亿元")
    assert ranged.amounts[0].qualifier == Qualifier.RANGE and ranged.amounts[0].value_max == Decimal(
        "500000000"
    )


def test_update_amount_with_text_and_value_restores_without_parsing(curator: Curator) -> None:
    record = curator.records(import_zh(curator))[0]
    amount_id = record.amounts[0].id
    restored = curator.update_amount(amount_id, text="69920万 元", value=Decimal("699200000"))
    assert (restored.amounts[0].text, restored.amounts[0].value) == ("69920万 元", Decimal("699200000"))
    with pytest.raises(ValueError, match="needs a value"):
        curator.update_amount(amount_id, value="")


def test_update_amount_with_unreadable_text_changes_nothing(curator: Curator) -> None:
    record = curator.records(import_zh(curator))[0]
    with pytest.raises(AmountParseError, match="abc"):
        curator.update_amount(record.amounts[0].id, text="abc", kind="spent")
    assert curator.record(record.id) == record
    assert curator.history(record.id) == []


def test_update_amount_fields_and_validation(curator: Curator) -> None:
    record = curator.records(import_zh(curator))[0]
    amount_id = record.amounts[0].id
    updated = curator.update_amount(amount_id, currency="usd", kind="committed", qualifier="approx")
    amount = updated.amounts[0]
    assert (amount.currency, amount.kind, amount.qualifier) == ("USD", AmountKind.COMMITTED, Qualifier.APPROX)
    with pytest.raises(ValueError, match="ISO 4217"):
        curator.update_amount(amount_id, currency="dollars")
    with pytest.raises(ValueError, match="range needs a maximum"):
        curator.update_amount(amount_id, qualifier="range")
    with pytest.raises(ValueError, match="below the value"):
        curator.update_amount(amount_id, qualifier="range", value_max="1")
    ranged = curator.update_amount(amount_id, qualifier="range", value_max="5亿")
    assert ranged.amounts[0].value_max == Decimal("500000000")
    with pytest.raises(ValueError, match="exact number"):
        curator.update_amount(amount_id, value_max=5e8)


def test_add_delete_and_restore_amount(curator: Curator) -> None:
    record = curator.records(import_zh(curator))[0]
    amount_id = curator.add_amount(record.id, "约5000万美元", kind="committed", span=(0, 2))
    amounts = curator.record(record.id).amounts
    assert [a.value for a in amounts] == [Decimal("376000000"), Decimal("50000000")]
    added = amounts[1]
    assert (added.currency, added.qualifier, added.origin, added.start) == (
        "USD",
        Qualifier.APPROX,
        "manual",
        0,
    )
    removed = curator.delete_amount(amount_id)
    assert len(curator.record(record.id).amounts) == 1
    curator.restore_amount(removed)
    assert curator.record(record.id).amounts[1] == removed
    actions = [(e.action, e.field) for e in curator.history(record.id)]
    assert actions == [("create", "amount"), ("delete", "amount"), ("restore", "amount")]


def test_reset_amount_to_extracted(curator: Curator) -> None:
    record = curator.records(import_zh(curator))[0]
    amount_id = record.amounts[0].id
    curator.update_amount(amount_id, text="4亿元")
    reset = curator.reset_amount_to_extracted(amount_id)
    assert reset.amounts[0].value == Decimal("376000000") and reset.amounts[0].text == "3.76亿元"
    assert reset.amounts[0].curated_fields == ()
