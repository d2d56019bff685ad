"""Find money amounts and counts in Chinese and English text, with exact values and str offsets.

One regular expression proposes number tokens (Arabic, full-width, Chinese numerals, English
number words); the code around each token reads its scale word, currency, qualifier, range
partner or counted noun from the rule data. Everything that is not a quantity (years, percentages,
ordinals, plan names, physical measures, jurisdictions) is rejected here.

The scan is built in layers, one module each: ``quantity_words`` and ``quantity_patterns`` (word
lists and compiled patterns from the rules), ``quantity_text`` (the text, word lookups,
qualifiers), ``number_reading``, ``currency_reading``, ``amount_reading``, ``zh_count_reading`` and
``en_count_reading``, joined in ``quantity_scanner``; ``currency_context`` settles currencies after
the scan. This module is the entry point.
"""

from __future__ import annotations

from aidcurator.domain import Mention, MentionKind
from aidcurator.extract.currency_context import currencies_by_context, share_currencies
from aidcurator.extract.quantity_scanner import QuantityScanner
from aidcurator.extract.residue import without_residue
from aidcurator.extract.rules import AmountRules


def find_quantities(text: str) -> list[Mention]:
    """All money amounts and counts in ``text``, in order, with exact values and str offsets.

    Pinyin residue (``萬(wàn)元``) is read through: the spans keep it (:mod:`~aidcurator.extract.residue`)."""
    plain, residue = without_residue(text)
    mentions = QuantityScanner(plain).scan()
    share_currencies(plain, mentions)
    currencies_by_context(plain, mentions)
    if residue is not None:
        for mention in mentions:
            mention.start, mention.end = residue.start(mention.start), residue.end(mention.end)
            mention.text = text[mention.start : mention.end]
    return mentions


class AmountParseError(ValueError):
    """Text typed as an amount that cannot be read as one."""


def parse_amount(text: str) -> tuple[Mention, str]:
    """Read one typed amount (``2.14亿元``, ``约3亿元``, ``3-5亿元``, ``1,262万``, ``214000000``).

    Returns the amount mention and the stripped input. Raises :class:`AmountParseError` when the
    input is empty, holds no amount, holds several, or has words around it that are not qualifiers.
    """
    stripped = text.strip()
    if not stripped:
        raise AmountParseError("enter an amount, e.g. 2.14亿元 or 376 million yuan")
    scanner = QuantityScanner(stripped, bare_numbers_are_money=True)
    amount_kind = MentionKind.AMOUNT  # (looked up once: an Enum member costs about 0.1 µs a time)
    amounts = [m for m in scanner.scan() if m.kind is amount_kind]
    if not amounts:
        raise AmountParseError(f"{stripped!r} is not an amount (try 2.14亿元, 376 million yuan, 3-5亿元)")
    if len(amounts) > 1:
        raise AmountParseError(f"{stripped!r} holds {len(amounts)} amounts; enter one")
    amount = amounts[0]
    leftover = (stripped[: amount.start] + " " + stripped[amount.end :]).strip()
    if leftover and not _only_qualifiers(leftover, scanner.rules):
        raise AmountParseError(f"cannot read {leftover!r} in {stripped!r}")
    return amount, stripped


def _only_qualifiers(leftover: str, rules: AmountRules) -> bool:
    words = {
        *rules.zh_prefix_qualifiers,
        *rules.zh_suffix_qualifiers,
        *rules.en_prefix_qualifiers,
        *rules.en_suffix_qualifiers,
        "between",
        "from",
    }
    rest = leftover.lower()
    for word in sorted(words, key=len, reverse=True):
        rest = rest.replace(word.lower(), " ")
    return not rest.strip()
