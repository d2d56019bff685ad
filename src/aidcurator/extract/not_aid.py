"""Amounts that are not aid money and so anchor no record (rates per unit, the receivers' own money,
differences, portfolio totals…), with the text's exception phrases blanked out first; the clause an
amount stands in."""

from __future__ import annotations

import re
from functools import cache

from aidcurator.domain import Mention, Span
from aidcurator.extract.record_rules import CJK, Cues, record_rules
from aidcurator.extract.rules import load_rules

__all__ = ["CLAUSE_BREAK", "Blanked", "clause", "not_a_record"]


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


class Blanked:
    """The article with exception words (今年以来, so far this year…) blanked out, per language, made once."""

    def __init__(self, text: str, exceptions: Cues) -> None:
        self.text = text
        self.exceptions = exceptions
        self._made: dict[bool, str] = {}

    def get(self, english: bool) -> str:
        made = self._made.get(english)
        if made is None:
            text = self.text
            pattern = self.exceptions.pick(english)
            if english:  # the pattern is tried only where a word starts (often nowhere); the lower-case
                # copy is not kept: a big text's copy is freed at once
                made = _blank_at(text, pattern, self.exceptions.en_starts(text, text.lower()))
            else:  # the Chinese words are many, and their one pattern finds them faster than a
                # substring search per word
                made = pattern.sub(_blank, text)
            self._made[english] = made
        return made


def _blank_at(text: str, pattern: re.Pattern[str], starts: list[int] | None) -> str:
    """``pattern.sub(_blank, text)``, the pattern tried only at ``starts`` (every offset where a match
    may start, in order; None: anywhere)."""
    if starts is None:
        return pattern.sub(_blank, text)
    parts: list[str] = []
    last = 0
    for start in starts:
        if start < last:
            continue
        match = pattern.match(text, start)
        if match is not None:
            parts += (text[last:start], " " * (match.end() - start))
            last = match.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


@cache
def _qualifier_gap() -> re.Pattern[str]:
    """Only spaces and qualifier words (约, 超过, nearly) up to the end: what may stand between a
    difference word and its amount (较去年增加约3000万元)."""
    amounts = load_rules()
    qualifiers = sorted({*amounts.zh_prefix_qualifiers, *amounts.en_prefix_qualifiers}, key=len, reverse=True)
    return re.compile(rf"(?:\s|{'|'.join(re.escape(q) for q in qualifiers)})*\Z", re.IGNORECASE)


def not_a_record(text: str, amount: Mention, sentence: Span, blanked: Blanked) -> bool:
    """Whether the amount is a rate, an income, a price, output or a difference rather than aid money
    (户均增收2600元, GDP of 79 billion dollars, 较去年增加3000万元): it stays a mention, anchoring no record."""
    rules = record_rules()
    english = not CJK.search(text, amount.start, amount.end)
    window = blanked.get(english)
    start, end = clause(text, amount, (sentence.start, sentence.end))
    before, after = amount.start, amount.end  # the clause's parts: [start, before) and [after, end)
    per_unit = rules.per_unit.pick(english).search
    if per_unit(window, start, before) or per_unit(window, after, end):
        return True
    if not english and rules.per_unit_before.search(window, start, before):
        return True  # 按每县6000万元 (but 投入5400万元(每县300万元) is the total)
    not_aid = rules.not_aid.pick(english).search
    if not_aid(window, start, before) or not_aid(window, after, end):
        aid = rules.aid.pick(english).search
        if not (aid(window, start, before) or aid(window, after, end)):
            return True
    if not english and rules.portfolio_total_before.search(
        window, max(sentence.start, amount.start - 60), amount.start
    ):
        return True  # 实施项目300个，总投资32.06亿元: the whole portfolio's money, not the aid
    raised = rules.raised_from[1 if english else 0]
    if raised[0].search(window, max(sentence.start, amount.start - 16), amount.start) and raised[1].match(
        window, amount.end, min(sentence.end, amount.end + 12)
    ):
        return True  # 将贷款额度从200亿美元提高到300亿美元: the level before the raise
    for match in rules.difference_before.pick(english).finditer(window, start, amount.start):
        if _qualifier_gap().match(window, match.end(), amount.start):
            return True
    return False


CLAUSE_BREAK = re.compile(r"[,，;；:：]")


def clause(text: str, amount: Mention, segment: tuple[int, int]) -> tuple[int, int]:
    """The comma-delimited clause around ``amount``, inside ``segment``."""
    lo, end, find = segment[0], amount.start, text.rfind
    # after the last break before the amount (a backward search per mark of CLAUSE_BREAK, in C)
    last = max(
        find(",", lo, end),
        find("，", lo, end),
        find(";", lo, end),
        find("；", lo, end),
        find(":", lo, end),
        find("：", lo, end),
    )
    start = last + 1 if last >= 0 else lo
    after = CLAUSE_BREAK.search(text, amount.end, segment[1])
    return start, after.start() if after else segment[1]
