"""What the form accepts and refuses as typed (issue 13, item 4): spaced and negative amounts,
an end year before the start year."""

from decimal import Decimal

import pytest
from window_support import first_record_with_amount, type_into


@pytest.mark.parametrize(("typed", "value"), [("2.14 亿元", "214000000"), ("-5亿元", "-500000000")])
def test_amount_box_accepts_a_space_before_the_unit_and_a_minus(window, qtbot, typed, value):
    record = first_record_with_amount(window)
    amount = window.form.amounts.amount
    type_into(qtbot, window.form.amounts.line, typed)
    assert not window.form.amounts.error.isVisible()
    stored = next(a for a in window.curator.record(record.id).amounts if a.id == amount.id)
    assert (stored.text, stored.value, str(stored.value)) == (typed, Decimal(value), value)


def test_end_year_before_start_year_is_refused_with_a_message(window, qtbot):
    record = window.current_record
    assert record.year_start is not None
    earlier = str(record.year_start - 3)
    type_into(qtbot, window.form.rows["year_end"].editor, earlier)
    message = window.form.field_error("year_end")
    assert f"end year {earlier} is before the start year {record.year_start}" in message
    assert window.curator.record(record.id).year_end == record.year_end
