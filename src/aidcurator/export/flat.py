"""Records as flat rows: the columns of a CSV or XLSX export, summaries of extra amounts and evidence."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aidcurator.domain.export_chunks import (
    AMOUNT_KEYS,
    TYPED,
    FlatChunk,
    Memo,
    Rows,
    compose,
    row_function,
)
from aidcurator.domain.fields import RECORD_FIELDS
from aidcurator.domain.money import conversion_year
from aidcurator.domain.parties import PARTY_EXPORT_COLUMNS
from aidcurator.export.cells import _FORMULA_STARTS, _plain, decimal_text, neutralize
from aidcurator.export.usd import USD_KEYS, UsdColumns

if TYPE_CHECKING:
    import pandas as pd


RECORD_COLUMNS: tuple[str, ...] = (
    "record_id",
    "article_id",
    "article_title",
    "article_source",
    "article_url",
    "article_published",
    *(spec.name for spec in RECORD_FIELDS if spec.name != "parent_id"),
    "status",
    "origin",
    "created_at",
    "updated_at",
    "version",
    "last_edited_by",
    "last_edited_at",
    *PARTY_EXPORT_COLUMNS.values(),  # parties hook: "Name (type)|…" per role
)

#: Keys of a record that hold lists (nested in JSON, summarised in CSV/XLSX).
NESTED_KEYS: tuple[str, ...] = ("amounts", "evidence")

#: Flat columns of the primary (first) amount, and the amount key each comes from; the writers add
#: the US-dollar keys (``export.usd``) to the amounts.
AMOUNT_COLUMNS: tuple[str, ...] = (
    "amount_text",
    "amount_value",
    "amount_value_max",
    "amount_currency",
    "amount_qualifier",
    "amount_kind",
    "amount_period_start",
    "amount_period_end",
    *(f"amount_{key}" for key in USD_KEYS),
)


def records_frame(records: Iterable[Mapping[str, Any]], *, usd_base_year: int | None = None) -> pd.DataFrame:
    """One flat row per record: scalar keys, primary amount (with its US-dollar values in constant
    dollars of ``usd_base_year``), amount count and summaries, evidence.

    Values keep their Python types (``object`` columns): Decimals stay Decimals, dates stay dates.
    """
    import pandas as pd

    records = list(UsdColumns(usd_base_year).records(records))
    scalar = _scalar_columns(records) if records else list(RECORD_COLUMNS)
    columns = [*scalar, *AMOUNT_COLUMNS, "n_amounts", "other_amounts", "evidence"]
    rows = [_flat_record(record, scalar) for record in records]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def table_frame(rows: Iterable[Mapping[str, Any]], columns: Sequence[str] | None = None) -> pd.DataFrame:
    """A flat table (articles, mentions, edits) as an ``object`` DataFrame; missing keys become None."""
    import pandas as pd

    rows = list(rows)
    cols = list(columns) if columns is not None else _columns(rows)
    return pd.DataFrame([[row.get(c) for c in cols] for row in rows], columns=cols, dtype=object)


def _columns(rows: Sequence[Mapping[str, Any]], exclude: Sequence[str] = ()) -> list[str]:
    """Union of the rows' keys in first-seen order."""
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            if key not in exclude:
                seen.setdefault(key, None)
    return list(seen)


def _scalar_columns(records: Sequence[Mapping[str, Any]]) -> list[str]:
    """The records' scalar keys; the party columns always (parties hook: empty when not given)."""
    columns = _columns(records, exclude=NESTED_KEYS)
    return columns + [c for c in PARTY_EXPORT_COLUMNS.values() if c not in columns]


_AMOUNT_KEYS = tuple(c.removeprefix("amount_") for c in AMOUNT_COLUMNS)


def _flat_record(record: Mapping[str, Any], scalar: Sequence[str]) -> list[Any]:
    get = record.get
    amounts = get("amounts") or ()
    evidence = get("evidence") or ()
    row = [get(c) for c in scalar]
    if amounts:
        primary = amounts[0].get
        row.extend([primary(key) for key in _AMOUNT_KEYS])
    else:
        row.extend([None] * len(_AMOUNT_KEYS))
    row.append(len(amounts))
    row.append("; ".join([_amount_summary(a) for a in amounts[1:]]) or None)
    row.append("; ".join([_evidence_summary(e) for e in evidence]) or None)
    return row


def _amount_summary(amount: Mapping[str, Any]) -> str:
    """``"text = value currency (kind)"``; a range shows as ``value–value_max``."""
    value = _display(amount.get("value"))
    if amount.get("value_max") is not None:
        value = f"{value}–{_display(amount['value_max'])}"
    number = " ".join(part for part in (value, _display(amount.get("currency"))) if part)
    text = _display(amount.get("text"))
    summary = f"{text} = {number}" if text else number
    kind = _display(amount.get("kind"))
    return f"{summary} ({kind})" if kind else summary


def _evidence_summary(evidence: Mapping[str, Any]) -> str:
    """``"field: «quote» [start:end]"``; ``"field: typed"`` for a value a person typed."""
    if evidence.get("origin") == TYPED:
        return f"{_display(evidence.get('field'))}: {TYPED}"
    field, quote, start, end = (
        evidence.get("field"),
        evidence.get("quote"),
        evidence.get("start"),
        evidence.get("end"),
    )
    if type(field) is str and type(quote) is str and type(start) is int and type(end) is int:
        return f"{field}: «{quote}» [{start}:{end}]"  # the usual case, without the general conversions
    return (
        f"{_display(evidence.get('field'))}: «{_display(evidence.get('quote'))}» "
        f"[{_display(evidence.get('start'))}:{_display(evidence.get('end'))}]"
    )


def _display(value: Any) -> str:
    """Readable text for summaries (exact for Decimals, ISO for dates, empty for None)."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return decimal_text(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


# ---------------------------------------------------------------------------------------------


def _flat_batches(
    records: Iterable[Mapping[str, Any]], size: int = 5000
) -> Iterator[tuple[list[str], list[list[Any]]]]:
    """``(columns, flat rows)`` a batch at a time; the columns come from the first batch."""
    iterator = iter(records)
    scalar: list[str] | None = None
    while True:
        batch = list(itertools.islice(iterator, size))
        if scalar is None:
            scalar = _scalar_columns(batch) if batch else list(RECORD_COLUMNS)
            columns = [*scalar, *AMOUNT_COLUMNS, "n_amounts", "other_amounts", "evidence"]
        if not batch:
            if scalar is not None and columns:
                yield columns, []
            return
        yield columns, [_flat_record(record, scalar) for record in batch]
        columns = []  # only the first batch carries the header


class FlatRows:
    """The rows of a flat file (CSV, XLSX) made of :class:`FlatChunk` rows: the scalars
    (``scalar_keys``), the first amount as :data:`AMOUNT_COLUMNS` shows it (with its US-dollar
    values, as ``text_of(value)`` with ``text_of``), then ``n_amounts``, ``other_amounts`` and
    ``evidence``; one generated function (:func:`row_function`) per export, over the database's
    rows. With ``neutralize``, text that a spreadsheet would read as a formula gets its ``'``
    (:func:`neutralize`) in the chunks' free-text columns (``FlatChunk.texts``) and in the other
    amounts."""

    def __init__(
        self,
        scalar_keys: Sequence[str],
        usd: UsdColumns,
        text_of: Callable[[Any], Any] | None = None,
        *,
        neutralize: bool = False,
    ) -> None:
        usd_of = usd.memo(text_of)

        def dollars(key: tuple[Any, ...]) -> tuple[Any, ...]:
            count, value, currency, year, period_start = key
            return usd_of(value, currency, conversion_year(year, period_start)) if count else _NO_USD

        self.dollars = Memo(dollars)  # by the amount's count, value, currency and years
        self.names: dict[str, Any] = {
            "DOLLARS": self.dollars,
            "OTHERS": {},
            "FORMULA": _FORMULA_STARTS,
        }
        self.neutralize = neutralize
        width = len(scalar_keys)
        first = [width + at for at in range(len(AMOUNT_KEYS))]
        count, summary = width + len(AMOUNT_KEYS), width + len(AMOUNT_KEYS) + 1
        year = f"r[{scalar_keys.index('year_start')}]" if "year_start" in scalar_keys else "None"
        at = AMOUNT_KEYS.index
        key = f"(r[{count}], r[{first[at('value')]}], r[{first[at('currency')]}], {year}, r[{first[at('period_start')]}])"
        # positions in the chunk's rows, or expressions
        self.sources: list[int | str] = [*range(width), *first[at("text") : at("period_end") + 1]]
        self.sources += [f"*DOLLARS[{key}]", count, "OTHERS.get(r[0])", f"r[{summary}] or None"]
        self.function: Callable[[Sequence[Any]], tuple[Any, ...]] | None = None
        self.made_of: Sequence[str] = ()  # the chunks' parts the function is made for
        self.own = set(self.names)

    def rows(self, chunk: FlatChunk) -> list[tuple[Any, ...]]:
        """The flat rows of ``chunk``, made of its raw rows in one pass (:func:`compose`)."""
        rows = chunk.rows
        if self.function is None or rows.parts is not self.made_of:
            parts = [self._part(source, chunk.texts) for source in self.sources]
            self.function = row_function(compose(parts, rows, self.own), self.names)
            self.made_of = rows.parts
        self.names.update(rows.names)
        if len(self.dollars) > 50_000:  # bounded: a memo per distinct amount
            self.dollars.clear()
        others = {key: _amounts_summary(items) for key, items in chunk.other_amounts.items()}
        if self.neutralize:
            others = {key: None if text is None else neutralize(text) for key, text in others.items()}
        self.names["OTHERS"] = others
        return list(map(self.function, rows.raw))

    def _part(self, source: int | str, texts: Container[int]) -> str:
        if isinstance(source, str):
            return source
        if self.neutralize and source in texts:  # str or None (free text): neutralize() inline
            return f'("\'" + x if (x := r[{source}]) and x[0] in FORMULA else x)'
        return f"r[{source}]"


_NO_USD = (None,) * len(USD_KEYS)


def flat_chunk(
    items: Sequence[tuple[Sequence[Any], Sequence[Sequence[Any]], Sequence[Sequence[Any]] | str | None]],
) -> FlatChunk:
    """A :class:`FlatChunk` of ``(scalars, amounts, evidence)`` items (the first scalar names the
    record); ``evidence`` may come already summarised (text or None)."""
    no_amount = (None,) * len(AMOUNT_KEYS)
    rows = [
        (
            *scalars,
            *(amounts[0] if amounts else no_amount),
            len(amounts),
            evidence if evidence is None or type(evidence) is str else _evidence_text(evidence),
        )
        for scalars, amounts, evidence in items
    ]
    return FlatChunk(
        rows=Rows(raw=rows, parts=[f"r[{at}]" for at in range(len(rows[0]) if rows else 0)], names={}),
        other_amounts={scalars[0]: amounts[1:] for scalars, amounts, _ in items if len(amounts) > 1},
    )


def _amounts_summary(amounts: Sequence[Sequence[Any]]) -> str | None:
    """The ``other_amounts`` cell of amount tuples (all but the record's first)."""
    return (
        "; ".join(
            [
                _amount_summary(
                    dict(zip(("text", "value", "value_max", "currency"), a[1:5], strict=True), kind=a[6])
                )
                for a in amounts
            ]
        )
        or None
    )


def _evidence_text(evidence: Sequence[Sequence[Any]]) -> str | None:
    """The ``evidence`` cell of evidence tuples."""
    return (
        "; ".join(
            [
                f"{f}: «{q}» [{s}:{e}]"
                if type(f) is str and type(q) is str
                else _evidence_summary({"field": f, "start": s, "end": e, "quote": q, "origin": o})
                for f, s, e, q, o, *_ in evidence
            ]
        )
        or None
    )
