"""Checking and converting values a person typed, field by field, from the field table.

Every function raises ``ValueError`` with a message that names the field and the problem.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from aidcurator.domain import UNKNOWN_CURRENCY, ParsedAmount, Qualifier
from aidcurator.domain.fields import EVIDENCE_NAMES, RECORD_FIELD, FieldSpec

AmountParser = Callable[[str], ParsedAmount]

_GROUPING = re.compile(r"[,，_\s\u00a0\u202f']")
_CURRENCY = re.compile(r"[A-Z]{3}")
MIN_YEAR, MAX_YEAR = 1900, 2200


def parse_whole_number(value: Any, label: str) -> int | None:
    """``"1,200"``, ``"１２００"``, 1200 → 1200; ``""``/None → None; anything else → ValueError."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{label} must be a whole number, not {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal | float):
        if value != value or value in (Decimal("Infinity"), Decimal("-Infinity")) or value != int(value):
            raise ValueError(f"{label} must be a whole number, not {value}")
        return int(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if not text:
            return None
        digits = _GROUPING.sub("", text)
        if re.fullmatch(r"[+-]?\d+", digits):
            return int(digits)
        raise ValueError(f"{label} must be a whole number, not {value.strip()!r}")
    raise ValueError(f"{label} must be a whole number, not {value!r}")


def coerce_year(value: Any, label: str) -> int | None:
    """A year between 1900 and 2200, or None."""
    year = parse_whole_number(value, label)
    if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"{label} must be a year between {MIN_YEAR} and {MAX_YEAR}, not {year}")
    return year


def check_year_order(start: int | None, end: int | None, *, what: str = "") -> None:
    """An end year before its start year is refused (``what``: whose years, for the message)."""
    if start is not None and end is not None and end < start:
        whose = f" of {what}" if what else ""
        raise ValueError(f"the end year {end} is before the start year {start}{whose}")


def check_record_years(current: Any, values: Mapping[str, Any]) -> None:
    """A record's period after ``values`` (new field values over ``current``) runs forwards."""

    def final(name: str) -> Any:
        return values[name] if name in values else getattr(current, name, None)

    check_year_order(final("year_start"), final("year_end"))


def coerce_enum(enum: type[Enum], value: Any, label: str) -> Any:
    """A member of ``enum`` from its value (case and surrounding spaces ignored)."""
    if isinstance(value, str):
        value = value.strip().lower()
    try:
        return enum(value)
    except ValueError:
        choices = ", ".join(str(member.value) for member in enum)  # type: ignore[attr-defined]
        raise ValueError(f"{label} must be one of {choices}, not {value!r}") from None


def coerce_value(spec: FieldSpec, value: Any) -> Any:
    """Check and convert ``value`` for the field ``spec`` (``""`` clears a field)."""
    label = spec.label.lower()
    if spec.type in ("text", "notes", "code"):
        if value is None:
            return None
        if not isinstance(value, str):
            raise ValueError(f"{label} must be text, not {value!r}")
        return value.strip() or None
    if spec.type == "count":
        number = parse_whole_number(value, label)
        if number is not None and number < 0:
            raise ValueError(f"{label} cannot be negative ({number})")
        return number
    if spec.type == "year":
        return coerce_year(value, label)
    if spec.type == "choice":
        assert spec.choices is not None
        if (value is None or (isinstance(value, str) and not value.strip())) and spec.default is None:
            return None
        return coerce_enum(spec.choices, value, label)
    if spec.type == "record_ref":
        return parse_whole_number(value, label)
    raise ValueError(f"{label} cannot be set here")


def coerce_field_value(name: str, value: Any) -> Any:
    """Check and convert a value typed for record field ``name`` (``""`` clears a field)."""
    spec = RECORD_FIELD.get(name)
    if spec is None:
        raise ValueError(f"unknown record field {name!r}; editable fields are {', '.join(RECORD_FIELD)}")
    return coerce_value(spec, value)


def decode_stored(spec: FieldSpec, raw: Any) -> Any:
    """A value kept as JSON (``Record.extracted``) back as the field's Python value."""
    if spec.choices is not None:
        if raw is None:
            return spec.default
        return spec.choices(raw)
    if spec.type == "money" and raw is not None:
        return Decimal(raw)
    return raw


def coerce_currency(value: Any) -> str:
    """A 3-letter ISO 4217 code in capitals, or ``unknown``."""
    if value is None:
        return UNKNOWN_CURRENCY
    if not isinstance(value, str):
        raise ValueError(f"currency must be text, not {value!r}")
    code = value.strip()
    if not code or code.lower() == UNKNOWN_CURRENCY:
        return UNKNOWN_CURRENCY
    if not _CURRENCY.fullmatch(code.upper()):
        raise ValueError(
            f"currency must be a 3-letter ISO 4217 code such as CNY or USD, or 'unknown', not {code!r}"
        )
    return code.upper()


def coerce_decimal(value: Any, label: str, parser: AmountParser) -> Decimal | None:
    """An exact number from text, int or Decimal (``"5亿"`` goes through the amount parser)."""
    if value is None:
        return None
    if isinstance(value, bool | float):
        raise ValueError(f"{label} must be an exact number (text, int or Decimal), not {value!r}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{label} must be a finite number")
        return _within_digits(value, label)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        try:
            number = Decimal(_GROUPING.sub("", unicodedata.normalize("NFKC", text)))
        except InvalidOperation:
            return parser(text).value  # "5亿" → 500000000; AmountParseError if unreadable
        if not number.is_finite():
            raise ValueError(f"{label} must be a finite number")
        return _within_digits(number, label)
    raise ValueError(f"{label} must be a number, not {value!r}")


#: Every digit of money is kept; a number longer than this is refused rather than rounded anywhere.
MAX_DIGITS = 100


def _within_digits(number: Decimal, label: str) -> Decimal:
    digits = len(number.as_tuple().digits) + max(0, number.as_tuple().exponent)  # type: ignore[operator]
    if digits > MAX_DIGITS:
        raise ValueError(f"{label} has more than {MAX_DIGITS} digits; it cannot be a sum of money")
    return number


def check_amount_consistency(current: Any, changes: Mapping[str, Any]) -> None:
    """A range needs a maximum, and the maximum may not be below the value."""

    def final(name: str) -> Any:
        return changes[name] if name in changes else (getattr(current, name) if current is not None else None)

    qualifier, value, value_max = final("qualifier"), final("value"), final("value_max")
    if qualifier == Qualifier.RANGE and value_max is None:
        raise ValueError("a range needs a maximum (value_max)")
    if value is not None and value_max is not None and value_max < value:
        raise ValueError(f"the maximum {value_max} is below the value {value}")
    check_year_order(final("period_start"), final("period_end"), what="the amount's period")


def evidence_name(name: str) -> str:
    """``name`` if evidence may be attached under it, else ValueError."""
    if name not in EVIDENCE_NAMES:
        raise ValueError(
            f"cannot attach evidence to {name!r}; use one of {', '.join(sorted(EVIDENCE_NAMES))}"
        )
    return name
