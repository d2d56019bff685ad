"""The one exact JSON encoding of our values, used by the store, export and the command line.

Decimals never pass through a binary float: :func:`dumps_exact` writes them as exact JSON
numbers (``214000000``, ``0.125``); :func:`jsonable` turns them into exact text for JSON columns.
Enums become their value, dates ISO text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from decimal import Context, Decimal
from enum import Enum
from pathlib import PurePath
from typing import Any

#: Arithmetic on stored money never rounds: the default context keeps only 28 digits.
EXACT = Context(prec=1000)


def exact_number_text(value: Decimal) -> str | None:
    """``Decimal("2.140E+8")`` → ``"214000000"``; ``None`` for NaN or infinity."""
    if not value.is_finite():
        return None
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(EXACT), "f")


def jsonable(value: Any) -> Any:
    """A value as it is kept in JSON columns (Decimal as exact text, enums as their value)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):  # datetime too
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def dumps_exact(obj: Any, *, indent: int | None = None) -> str:
    """JSON text with Decimals written as exact numbers, never via float.

    One ``json.dumps`` in C: a whole Decimal becomes an ``int``; a fractional one a marker string
    that one pass of a regular expression then replaces by its exact digits (linear in the text).
    """
    marker = f"@@{secrets.token_hex(8)}:"
    numbers: list[str] = []

    def default(value: Any) -> Any:
        if isinstance(value, Decimal):
            if not value.is_finite():
                return None
            if value == value.to_integral_value():
                return int(value)
            numbers.append(format(value.normalize(EXACT), "f"))
            return f"{marker}{len(numbers) - 1}@@"
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, set | frozenset | tuple):
            return list(value)
        if isinstance(value, PurePath):
            return str(value)
        raise TypeError(f"{type(value).__name__} is not JSON serializable")

    # StrEnum members are str and serialise as their value; other enums reach ``default``.
    text = json.dumps(obj, ensure_ascii=False, indent=indent, default=default)
    if numbers:
        placeholder = re.compile(f'"{re.escape(marker)}([0-9]+)@@"')
        text = placeholder.sub(lambda m: numbers[int(m.group(1))], text)
    return text


def _stored_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def dumps_stored(value: Any) -> str:
    """JSON text as JSON columns keep it: what :func:`jsonable` gives, in one pass."""
    return json.dumps(value, ensure_ascii=False, default=_stored_default)
