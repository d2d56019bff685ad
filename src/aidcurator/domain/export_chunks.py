"""Records on their way to an export file, a chunk of records at a time and a column at a time:
what the store hands the writers of large exports (no object, dict or tuple per record).

A record's scalar values come as one column per scalar key (the caller knows the keys); its
amounts as tuples in :data:`AMOUNT_KEYS` order and its evidence spans as tuples in
:data:`EVIDENCE_KEYS` order (``origin`` ``typed`` for a value a person typed, which has no quote).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

#: The keys of an exported amount, in the order of the amount tuples and columns.
AMOUNT_KEYS = (
    "amount_id", "text", "value", "value_max", "currency", "qualifier", "kind", "period_start",
    "period_end", "share_of_amount_id",
)  # fmt: skip
#: The keys of an exported evidence span, in the order of the evidence tuples and columns.
EVIDENCE_KEYS = ("field", "start", "end", "quote", "origin")
#: The origin of a field a person typed: it has no quote in the article.
TYPED = "typed"


@dataclass(frozen=True, slots=True)
class FlatChunk:
    """Records as the flat formats (CSV, XLSX) show them: the first amount and the evidence
    summary (``field: «quote» [start:end]; …``, then ``field: typed``) of each record.

    ``first_amount`` has a column per :data:`AMOUNT_KEYS` key (None for a record without
    amounts); ``other_amounts`` holds, by row, the amounts after the first of the records that
    have several."""

    scalars: Sequence[Sequence[Any]]
    first_amount: Sequence[Sequence[Any]]
    n_amounts: Sequence[int]
    other_amounts: Mapping[int, Sequence[tuple[Any, ...]]]
    evidence: Sequence[str | None]

    def __len__(self) -> int:
        return len(self.n_amounts)


@dataclass(frozen=True, slots=True)
class NestedChunk:
    """Records as the nested formats (JSON, JSONL) show them: all their amounts and evidence.

    ``amounts`` has a column of row numbers (the record's position in the chunk), then a column
    per :data:`AMOUNT_KEYS` key; ``evidence`` a column of row numbers, then a column per
    :data:`EVIDENCE_KEYS` key. Both are in row order, then in the record's order."""

    scalars: Sequence[Sequence[Any]]
    amounts: Sequence[Sequence[Any]]
    evidence: Sequence[Sequence[Any]]

    def __len__(self) -> int:
        return len(self.scalars[0]) if self.scalars else 0
