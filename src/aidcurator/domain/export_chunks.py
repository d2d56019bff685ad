"""Records on their way to an export file, a chunk of records at a time: what the store hands
the writers of large exports (no object or dict per record).

A chunk's records come as :class:`Rows`: the database's rows, and one expression per value of a
record's row (its scalars in the order the caller knows, the record id first). A writer makes its
own rows of the database's in one pass (:func:`compose`, :func:`row_function`). Amounts follow
:data:`AMOUNT_KEYS` and evidence spans :data:`EVIDENCE_KEYS` (``origin`` ``typed`` for a value a
person typed, which has no quote).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
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
class Rows:
    """Rows as the database hands them (``raw``) and how each value of a record's row is made of
    a raw row ``r``: one Python expression per value (``parts``, the same for every chunk of an
    export) over ``r`` and ``names`` (this chunk's values of the names they use). A writer makes
    its own rows of them in one pass (:func:`compose`); :meth:`made` makes the rows themselves."""

    raw: Sequence[Sequence[Any]]
    parts: Sequence[str]
    names: Mapping[str, Any]

    def made(self) -> list[tuple[Any, ...]]:
        """The rows, each a tuple of the values ``parts`` make."""
        return list(map(row_function(self.parts, dict(self.names)), self.raw))


@dataclass(frozen=True, slots=True)
class FlatChunk:
    """Records as the flat formats (CSV, XLSX) show them: per record a row of its scalars (the
    record id first), then its first amount (:data:`AMOUNT_KEYS`, None each for a record without
    amounts), its number of amounts and its evidence summary (``field: «quote» [start:end]; …``,
    then ``field: typed``). ``other_amounts`` holds, by record id, the amounts after the first of
    the records that have several. ``texts`` are the positions in the rows of free text (str or
    None, from the database or made from it: what a writer may have to neutralise)."""

    rows: Rows
    other_amounts: Mapping[int, Sequence[tuple[Any, ...]]]
    texts: frozenset[int] = frozenset()

    def __len__(self) -> int:
        return len(self.rows.raw)


@dataclass(frozen=True, slots=True)
class NestedChunk:
    """Records as the nested formats (JSON, JSONL) show them: per record a row of its scalars
    (the record id first), and all their amounts and evidence: ``amounts`` has a column of record
    ids, then a column per :data:`AMOUNT_KEYS` key; ``evidence`` a column of record ids, then a
    column per :data:`EVIDENCE_KEYS` key. Both are in the rows' order, then in the record's."""

    rows: Rows
    amounts: Sequence[Sequence[Any]]
    evidence: Sequence[Sequence[Any]]

    def __len__(self) -> int:
        return len(self.rows.raw)


def compose(parts: Sequence[str], rows: Rows, own: Collection[str]) -> list[str]:
    """``parts`` (expressions over a row ``r`` made of ``rows``, using the names ``own``) as
    expressions over the raw rows: each ``r[i]`` in them becomes ``(rows.parts[i])``."""
    if clash := set(own) & rows.names.keys():
        raise ValueError(f"names used twice in the expressions of export rows: {sorted(clash)}")
    inner = rows.parts
    return [_POSITION.sub(lambda match: f"({inner[int(match[1])]})", part) for part in parts]


_POSITION = re.compile(r"\br\[(\d+)\]")


class Memo(dict[Any, Any]):
    """``memo[key]``: ``convert(key)``, worked out once per distinct key."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        super().__init__()
        self.convert = convert

    def __missing__(self, key: Any) -> Any:
        value = self[key] = self.convert(key)
        return value


def row_function(
    parts: Sequence[str], namespace: dict[str, Any], template: str | None = None
) -> Callable[[Sequence[Any]], Any]:
    """``lambda r: (part, …)``: a function making a tuple of a row ``r`` (with ``template``, the
    text ``template % (part, …)``), each part a Python expression over ``r`` and the names of
    ``namespace`` (its globals: change a name's value there and the function sees it). The parts
    are made by the code from positions and names, never from data. One tuple display per row
    costs a fraction of converting a chunk a column at a time and zipping the columns back."""
    namespace.setdefault("__builtins__", {})
    values = f"({', '.join(parts)},)"
    if template is not None:
        namespace["TEMPLATE"] = template
        values = f"TEMPLATE % {values}"
    function: Callable[[Sequence[Any]], Any] = eval(f"lambda r: {values}", namespace)
    return function
