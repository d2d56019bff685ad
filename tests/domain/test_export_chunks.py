"""Rows made of the database's rows by generated functions, and writers' rows composed over them."""

import pytest

from aidcurator.domain.export_chunks import Memo, Rows, compose, row_function


def test_a_row_function_makes_tuples_or_text_of_expressions_over_a_row() -> None:
    names = {"UPPER": Memo(str.upper)}
    make = row_function(["r[1]", "UPPER[r[0]]", "r[0] + r[0]"], names)
    assert list(map(make, [("a", 1), ("b", 2)])) == [(1, "A", "aa"), (2, "B", "bb")]
    assert len(names["UPPER"]) == 2  # each distinct value converted once
    line = row_function(["r[0]", "r[1]"], {}, template='{"k": "%s", "n": %s}')
    assert line(("x", 3)) == '{"k": "x", "n": 3}'


def test_composed_expressions_make_in_one_pass_what_two_passes_make() -> None:
    rows = Rows(
        raw=[(7, "donor"), (8, None)],
        parts=["r[0]", "NAMES.get(r[1], r[1])"],
        names={"NAMES": {"donor": "D"}},
    )
    assert rows.made() == [(7, "D"), (8, None)]
    own = ["r[1]", "r[0] * 10", "(r[1] or '') + '!'"]
    names = {**rows.names}
    one_pass = row_function(compose(own, rows, own=set()), names)
    second = row_function(own, {})
    assert [one_pass(raw) for raw in rows.raw] == [second(made) for made in rows.made()]


def test_a_name_both_sides_use_is_refused() -> None:
    rows = Rows(raw=[], parts=["NAMES[r[0]]"], names={"NAMES": {}})
    with pytest.raises(ValueError, match="NAMES"):
        compose(["r[0]"], rows, own={"NAMES"})
