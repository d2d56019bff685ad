"""Records as JSON text (JSON, JSONL), a chunk at a time and a column at a time: each distinct
value of a column is turned into JSON once (a memo per column), and each record, amount and
evidence span is one template filled with its values' texts (no dict per record)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby
from operator import itemgetter
from typing import Any

from aidcurator.domain.export_chunks import AMOUNT_KEYS, EVIDENCE_KEYS, NestedChunk
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


def _tokens(memos: list[_Tokens], columns: Sequence[Sequence[Any]]) -> list[list[str]]:
    """Each column's values as JSON text."""
    for memo in memos:
        if len(memo) > _MEMO_LIMIT:
            memo.clear()
    return [list(map(memo.__getitem__, column)) for memo, column in zip(memos, columns, strict=True)]


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
    year_at = scalar_keys.index("year_start") if "year_start" in scalar_keys else None
    usd_of = usd.memo()
    for chunk in chunks:
        size = len(chunk)
        amounts = chunk.amounts
        if amounts[0]:
            years = chunk.scalars[year_at] if year_at is not None else [None] * size
            values = [
                usd_of(value, currency, conversion_year(years[row], period))
                for row, value, currency, period in zip(
                    amounts[0],
                    amounts[1 + _VALUE],
                    amounts[1 + _CURRENCY],
                    amounts[1 + _PERIOD_START],
                    strict=True,
                )
            ]
            amounts = [*amounts, *zip(*values, strict=True)]
        else:
            amounts = [*amounts, *([] for _ in USD_KEYS)]
        yield list(
            map(
                record.__mod__,
                zip(
                    *_tokens(record_memos, chunk.scalars),
                    _nested(amount, amount_memos, amounts, size),
                    _nested(span, span_memos, chunk.evidence, size),
                    strict=True,
                ),
            )
        )


def _nested(template: str, memos: list[_Tokens], columns: Sequence[Sequence[Any]], size: int) -> list[str]:
    """Per row, the JSON list of its items (``columns``: row numbers, then a column per key)."""
    lists = ["[]"] * size
    if not columns[0]:
        return lists
    items = map(template.__mod__, zip(*_tokens(memos, columns[1:]), strict=True))
    for row, group in groupby(zip(columns[0], items, strict=True), itemgetter(0)):
        lists[row] = "[" + ", ".join([item for _, item in group]) + "]"
    return lists
