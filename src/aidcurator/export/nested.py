"""Records as JSON text (JSON, JSONL), a chunk at a time: each distinct value of a column is
turned into JSON once (a memo per column), and each record, amount and evidence span is one
template filled with its values' texts (no dict per record, no recursive encoder)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from aidcurator.domain.export_chunks import AMOUNT_KEYS, EVIDENCE_KEYS, NestedChunk, compose, row_function
from aidcurator.domain.money import conversion_year
from aidcurator.export.cells import json_token
from aidcurator.export.usd import USD_KEYS, UsdColumns

_MEMO_LIMIT = 50_000  # values a column's memo holds at most: unique texts would pile up
_VALUE, _CURRENCY, _PERIOD_START = (AMOUNT_KEYS.index(k) for k in ("value", "currency", "period_start"))


class _Tokens(dict[Any, str]):
    """``tokens[value]``: the JSON text of a value, worked out once per distinct value. One memo
    serves one column, whose values are of one type (and None): equal values of different types
    (``1``, ``True``, ``Decimal(1)``) would share a text."""

    def __missing__(self, value: Any) -> str:
        text = self[value] = json_token(value)
        return text


def _template(keys: Iterable[str]) -> str:
    """``{"key": %s, …}``: a JSON object of the keys, its values left to fill in."""
    return "{" + ", ".join(f"{json_token(key).replace('%', '%%')}: %s" for key in keys) + "}"


def record_lines(
    scalar_keys: Sequence[str], chunks: Iterable[NestedChunk], usd: UsdColumns
) -> Iterator[list[str]]:
    """Each chunk's records as JSON texts (one line each): the scalars (``scalar_keys``), then
    ``amounts`` (each with its US-dollar values, :data:`USD_KEYS`) and ``evidence``, nested."""
    record = _template([*scalar_keys, "amounts", "evidence"])
    amount, span = _template([*AMOUNT_KEYS, *USD_KEYS]), _template(EVIDENCE_KEYS)
    record_memos = [_Tokens() for _ in scalar_keys]
    amount_memos = [_Tokens() for _ in (*AMOUNT_KEYS, *USD_KEYS)]
    span_memos = [_Tokens() for _ in EVIDENCE_KEYS]
    names: dict[str, Any] = {f"TOKENS{at}": memo for at, memo in enumerate(record_memos)}
    parts = [f"TOKENS{at}[r[{at}]]" for at in range(len(scalar_keys))]
    parts += ['AMOUNTS.get(r[0], "[]")', 'EVIDENCE.get(r[0], "[]")']
    year_at = scalar_keys.index("year_start") if "year_start" in scalar_keys else None
    usd_of = usd.memo()
    made_of: Sequence[str] = ()
    own = {*names, "AMOUNTS", "EVIDENCE", "TEMPLATE"}
    for chunk in chunks:
        rows = chunk.rows
        if rows.parts is not made_of:  # functions over the database's rows (one pass)
            line = row_function(compose(parts, rows, own), names, template=record)
            year = row_function(
                compose(["r[0]", "None" if year_at is None else f"r[{year_at}]"], rows, own), names
            )
            made_of = rows.parts
        names.update(rows.names)
        _bound(record_memos)
        amounts = chunk.amounts
        if amounts[0]:
            years = dict(map(year, rows.raw))
            values = [
                usd_of(value, currency, conversion_year(years.get(record_id), period))
                for record_id, value, currency, period in zip(
                    amounts[0],
                    amounts[1 + _VALUE],
                    amounts[1 + _CURRENCY],
                    amounts[1 + _PERIOD_START],
                    strict=True,
                )
            ]
            amounts = [*amounts, *zip(*values, strict=True)]
        names["AMOUNTS"] = _nested(amount, amount_memos, amounts)
        names["EVIDENCE"] = _nested(span, span_memos, chunk.evidence)
        yield list(map(line, rows.raw))


def _bound(memos: list[_Tokens]) -> None:
    for memo in memos:
        if len(memo) > _MEMO_LIMIT:
            memo.clear()


def _nested(template: str, memos: list[_Tokens], columns: Sequence[Sequence[Any]]) -> dict[int, str]:
    """Per record id, the JSON list of its items (``columns``: record ids, then a column per key)."""
    if not columns[0]:
        return {}
    _bound(memos)
    texts = [list(map(memo.__getitem__, column)) for memo, column in zip(memos, columns[1:], strict=True)]
    items = map(template.__mod__, zip(*texts, strict=True))
    return {
        record_id: "[" + ", ".join([item for _, item in group]) + "]"
        for record_id, group in groupby(zip(columns[0], items, strict=True), itemgetter(0))
    }
