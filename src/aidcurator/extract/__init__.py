"""Text → mentions → candidate records. Pure functions over str: no database, no Qt, no files
except the rule data under ``resources/`` read once.

``extract(text, published)`` is the one entry point the rest of the application uses;
``parse_amount(text)`` reads a typed amount with the same rules, so the form and the extractor agree.
"""

from __future__ import annotations

import datetime as dt

from aidcurator.domain import Extraction, ParsedAmount, Qualifier
from aidcurator.extract import party_clauses as _party_clauses
from aidcurator.extract import place_text as _place_text
from aidcurator.extract import record_recipients as _record_recipients
from aidcurator.extract import script as _script
from aidcurator.extract import sector_choice as _sector_choice
from aidcurator.extract import sentences as _sentences
from aidcurator.extract.party_roles import attach_parties
from aidcurator.extract.quantities import AmountParseError, find_quantities
from aidcurator.extract.quantities import parse_amount as _parse_amount_mention
from aidcurator.extract.records import assemble_records, find_mentions
from aidcurator.extract.typed_amounts import normalise_typed_amount

__all__ = ["AmountParseError", "extract", "find_mentions", "find_quantities", "parse_amount"]


def extract(text: str, published: dt.date | None = None, *, estimated: bool = False) -> Extraction:
    """Every mention in ``text`` and the candidate records built from them.

    ``estimated``: ``published`` is only a stand-in, the first year of an undated document that is
    extracted in parts (each part gets the document's date): relative dates found against it are
    marked estimated, as the extractor marks them in an undated text.
    """
    mentions = find_mentions(text, published)
    if estimated:
        for mention in mentions:
            if mention.data.get("relative"):
                mention.data["estimated"] = True
    try:
        records = assemble_records(text, mentions, published)
        attach_parties(text, mentions, records)  # parties hook: organisations with their roles
        return Extraction(mentions=mentions, records=records)
    finally:
        _forget_last_text()


#: The one-text caches that mention finding and record assembly share while they work on a text
#: (its simplified and squeezed copies, paragraph and sector indexes): (module, name, empty value).
_LAST_TEXT_CACHES = (
    (_script, "_last", ("", "")),
    (_place_text, "_last_squeeze", None),
    (_place_text, "_last_fold", None),
    (_sector_choice, "_last_index", None),
    (_sentences, "_last_index", None),
    (_record_recipients, "_last_programme", None),
    (_party_clauses, "_last_names", None),
)


def _forget_last_text() -> None:
    """Let go of the last text's caches once its extraction is done: for a 50 MB article they hold
    copies of the text and every mention, which the caller (e.g. an import storing the rows) no
    longer needs. Another thread's extraction in progress only recomputes what it asks for."""
    for module, name, empty in _LAST_TEXT_CACHES:
        if hasattr(module, name):
            setattr(module, name, empty)


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
