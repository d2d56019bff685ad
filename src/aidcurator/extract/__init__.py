"""Text → mentions → candidate records. Pure functions over str: no database, no Qt, no files
except the rule data under ``resources/`` read once.

``extract(text, published)`` is the one entry point the rest of the application uses;
``parse_amount(text)`` reads a typed amount with the same rules, so the form and the extractor agree.
"""

from __future__ import annotations

import datetime as dt

from aidcurator.domain import Extraction, ParsedAmount, Qualifier
from aidcurator.extract.party_roles import attach_parties
from aidcurator.extract.quantities import AmountParseError, find_quantities
from aidcurator.extract.quantities import parse_amount as _parse_amount_mention
from aidcurator.extract.records import assemble_records, find_mentions
from aidcurator.extract.typed_amounts import normalise_typed_amount

__all__ = ["AmountParseError", "extract", "find_mentions", "find_quantities", "parse_amount"]


def extract(text: str, published: dt.date | None = None) -> Extraction:
    """Every mention in ``text`` and the candidate records built from them."""
    mentions = find_mentions(text, published)
    records = assemble_records(text, mentions, published)
    attach_parties(text, mentions, records)  # parties hook: organisations with their roles
    return Extraction(mentions=mentions, records=records)


def parse_amount(text: str) -> ParsedAmount:
    """Read one typed amount exactly (``2.14亿元`` → 214000000 CNY); raises AmountParseError.

    Spaces beside a Chinese unit (``2.14 亿元``) and a leading minus (``-5亿元`` → -500000000)
    are accepted (:func:`~aidcurator.extract.typed_amounts.normalise_typed_amount`).
    """
    normalised, negative = normalise_typed_amount(text)
    mention, _ = _parse_amount_mention(normalised)
    assert mention.value is not None
    if negative and mention.value_max is not None:
        raise AmountParseError(f"{text.strip()!r}: a range cannot be negative; enter its two ends as amounts")
    return ParsedAmount(
        value=-mention.value if negative else mention.value,
        currency=mention.currency or "unknown",
        qualifier=mention.qualifier or Qualifier.EXACT,
        value_max=mention.value_max,
    )
