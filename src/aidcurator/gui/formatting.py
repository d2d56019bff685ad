"""How values look on screen: exact numbers with digit grouping, amounts, mention tooltips."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from aidcurator.domain import Qualifier
from aidcurator.domain.jsonvalues import EXACT

QUALIFIER_LABELS = {
    Qualifier.EXACT: "exact",
    Qualifier.APPROX: "approximately",
    Qualifier.AT_LEAST: "at least",
    Qualifier.AT_MOST: "at most",
    Qualifier.RANGE: "range",
}
_QUALIFIER_PREFIX = {
    Qualifier.APPROX: "≈ ",
    Qualifier.AT_LEAST: "≥ ",
    Qualifier.AT_MOST: "≤ ",
}


def group_digits(value: Decimal | int | None) -> str:
    """``Decimal("214000000")`` → ``214,000,000``; fractions keep every digit they have."""
    if value is None:
        return ""
    if isinstance(value, int):
        return f"{value:,}"
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1), context=EXACT):,}"
    return f"{value.normalize(EXACT):,f}"


def amount_text(
    value: Decimal | int | None,
    currency: str | None = None,
    qualifier: Qualifier | str | None = None,
    value_max: Decimal | int | None = None,
) -> str:
    """``214,000,000 CNY``, ``≈ 300,000,000 CNY``, ``300,000,000 – 500,000,000 CNY``."""
    if value is None:
        return ""
    q = Qualifier(qualifier) if qualifier else Qualifier.EXACT
    number = group_digits(value)
    if value_max is not None and (q == Qualifier.RANGE or value_max != value):
        number = f"{number} – {group_digits(value_max)}"
    prefix = _QUALIFIER_PREFIX.get(q, "")
    unit = f" {currency}" if currency and currency != "unknown" else " (currency unknown)" if currency else ""
    return f"{prefix}{number}{unit}"


def amount_reading(value: Any, currency: str, qualifier: Any, value_max: Any) -> str:
    """How the amount box reads a value: ``214,000,000 · CNY · exact`` (``· max …`` for ranges)."""
    currency_text = currency if currency and currency != "unknown" else "currency unknown"
    parts = [group_digits(value), currency_text, QUALIFIER_LABELS[Qualifier(qualifier)]]
    if value_max is not None:
        parts.append(f"max {group_digits(value_max)}")
    return " · ".join(parts)


def mention_value_text(mention: Any) -> str:
    """The normalized value of a stored mention (``MentionView``), as shown in its tooltip."""
    kind = str(mention.kind)
    if kind == "amount":
        return amount_text(mention.value, mention.currency, mention.qualifier, mention.value_max)
    if kind == "count":
        text = amount_text(mention.value, None, mention.qualifier, mention.value_max)
        return f"{text} {mention.what}" if mention.what else text
    data = dict(mention.data or {})
    if kind == "year":
        start, end = data.get("start"), data.get("end")
        if start and end and start != end:
            return f"{start}–{end}"
        return str(start or end or mention.text)
    for key in ("name", "label", "id", "code"):
        if data.get(key):
            level = f" ({data['level']})" if data.get("level") else ""
            return f"{data[key]}{level}"
    if mention.value is not None:
        return group_digits(mention.value)
    return mention.text


def mention_tooltip(mention: Any) -> str:
    """``2.14亿元 → 214,000,000 CNY`` (plus the kind), plain text."""
    return f"{mention.text} → {mention_value_text(mention)}   [{mention.kind}]"


def year_text(start: int | None, end: int | None) -> str:
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        return str(start if start is not None else end)
    return f"{start}–{end}"
