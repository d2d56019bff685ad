"""Currencies decided after the scan, by other amounts or by the text around them: a declaration
``（港币，下同）``, a list ``300萬、400萬港幣``, a Macao or Hong Kong story."""

from __future__ import annotations

import re
from functools import cache

from aidcurator.domain import UNKNOWN_CURRENCY, Mention, MentionKind
from aidcurator.extract.fastre import alternation
from aidcurator.extract.quantity_words import SPACES, is_number_char
from aidcurator.extract.rules import AmountRules, load_rules
from aidcurator.extract.script import to_simplified

_AMOUNT = MentionKind.AMOUNT  # (looked up once: an Enum member costs about 0.1 µs a time)


def share_currencies(text: str, mentions: list[Mention]) -> None:
    """Currencies one amount gives others (``currency_sharing`` in amounts.json): a declaration
    ``（港币，下同）`` after an amount covers it and the later amounts written with a plain 元; an
    amount without a currency word takes the one of the next amount of its list (``300萬、400萬港幣``)."""
    amounts = [m for m in mentions if m.kind is _AMOUNT]
    if not amounts:
        return
    rules = load_rules()
    declared: str | None = None
    declarations = _declarations().finditer(text) if "同" in text else iter(())
    upcoming = next(declarations, None)
    for amount in amounts:
        while upcoming is not None and upcoming.start() <= amount.end + 2:
            if upcoming.start() >= amount.end:  # the declaration right after this amount
                declared = _zh_currency_word(upcoming.group("word"))
            upcoming = next(declarations, None)
        if declared is not None and _generic_suffix(amount, rules):
            amount.currency = declared
    for index in range(len(amounts) - 2, -1, -1):  # a list: 300萬、400萬港幣
        amount, following = amounts[index], amounts[index + 1]
        if amount.currency != UNKNOWN_CURRENCY or following.currency in (None, UNKNOWN_CURRENCY):
            continue
        gap = text[amount.end : following.start].strip(SPACES)
        if gap in rules.list_joiners:
            amount.currency = following.currency


def currencies_by_context(text: str, mentions: list[Mention]) -> None:
    """Currencies the text around decides (``currency_context`` in amounts.json): 澳元 in a text about Macao
    is the pataca; a plain 元 in a Hong Kong-datelined story that marks its yuan amounts 人民币 is HKD."""
    amounts = [m for m in mentions if m.kind is _AMOUNT]
    if not amounts or text.isascii():
        return
    rules = load_rules()
    simple = to_simplified(text)
    for word, code, needs, unless in rules.context_currency_words:
        if any(n in simple for n in needs) and not any(u in simple for u in unless):
            for amount in amounts:
                if to_simplified(amount.text).endswith(word):
                    amount.currency = code
    for pattern, code, marked in rules.context_currency_datelines:
        if pattern.search(simple[:120]) is None or (marked and not any(m in simple for m in marked)):
            continue
        for amount in amounts:
            if amount.currency == "CNY" and _generic_suffix(amount, rules):
                amount.currency = code


def _generic_suffix(amount: Mention, rules: AmountRules) -> bool:
    """Whether the amount is a number and a plain 元, no other currency word (not 港元, not 澳門幣…元)."""
    word = next((w for w in rules.generic_zh_suffixes if amount.text.endswith(w)), None)
    if word is None or len(amount.text) <= len(word):
        return False
    number = amount.text[: -len(word)].rstrip(SPACES)  # 300 元: a gap space before the word
    return bool(number) and is_number_char(amount.text[0], rules) and is_number_char(number[-1], rules)


@cache
def _declarations() -> re.Pattern[str]:
    rules = load_rules()
    words = {*rules.currencies.zh_suffix, *rules.currencies.zh_prefix} - set(rules.generic_zh_suffixes)
    return re.compile(
        rf"[（(]\s*(?P<word>{alternation(words)})\s*[,，、]?\s*(?:{alternation(rules.declaration_same)})\s*[)）]"
    )


def _zh_currency_word(word: str) -> str:
    currencies = load_rules().currencies
    return currencies.zh_suffix.get(word) or currencies.zh_prefix[word]
