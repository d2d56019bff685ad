"""How a year mention relates to the amounts around it (a later stage, a source's date, a comparison, a
list's or a pledge's year), and the patterns the year choice shares."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from aidcurator.domain import Mention, MentionKind
from aidcurator.extract.period_rules import year_rules as _rules
from aidcurator.extract.sentences import SentenceIndex

CLAUSE_BREAK = re.compile(r"[;；:：。.!?！？\n]")
# Enum members looked up once (``MentionKind.YEAR`` costs about 0.1 µs a time; filters test every mention)
AMOUNT_KIND, YEAR_KIND = MentionKind.AMOUNT, MentionKind.YEAR
BLANK_LINE = re.compile(r"\n\s*\n")
COMMA = re.compile(r"[,，、]")
WORD = re.compile(r"\w")
YEAR_DIGITS = re.compile(r"(?<![0-9])[12][0-9]{3}(?![0-9])")


def end_of_headline(text: str) -> int:
    """Where the headline ends: the text's first paragraph when it is one short line; else -1."""
    blank = BLANK_LINE.search(text, 0, 302)
    if blank is None or "\n" in text[: blank.start()].strip():
        return -1
    return blank.start()


DATE_TAIL = re.compile(r"\s+[A-Za-z]{3,9}\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s*$")


def years_joined(between: str, joiners: frozenset[str]) -> bool:
    """Whether ``between`` joins two years: a joiner, maybe followed by the month and day of the second."""
    between = between.strip().lower()
    return between in joiners or (len(between) < 24 and DATE_TAIL.sub("", between).strip() in joiners)


def nearest_first(mentions: list[Mention], anchor: Mention) -> list[Mention]:
    """``mentions`` sorted by their distance from ``anchor``, the nearest first."""
    return sorted(mentions, key=lambda m: min(abs(m.start - anchor.end), abs(anchor.start - m.end)))


class YearJudge:
    """The tests a year mention is put to while an article's record years are chosen: a later stage, a
    source's date, a comparison, the year of a list or a pledge.
    :class:`~aidcurator.extract.periods.PeriodChooser` extends it and sets the attributes."""

    text: str
    mentions: list[Mention]
    sentences: SentenceIndex
    paragraph: Callable[[int], tuple[int, int]]
    news: bool
    undated: bool
    _later: dict[int, bool]
    _amounts_by_sentence: dict[int, set] | None
    _starts: list[int]

    def _tells_a_delivery(self, year: Mention) -> bool:
        """Whether ``year`` leads a sentence telling of a delivery or hand-over (``On May 30, 2011,
        the ambassador delivered …``): a delivery cue after it before any commitment cue."""
        rules = _rules()
        hi = min(self.sentences.of(year.start).end, year.end + rules.delivery_window)
        delivery = rules.delivery.search(self.text, year.end, hi)
        if delivery is None or not self.opens_sentence(year):
            return False
        return rules.commitment.search(self.text, year.end, delivery.start()) is None

    def _pledge_year(self, delivered: Mention, amount: Mention) -> Mention | None:
        """The year of the pledge of what was delivered in ``delivered``: the nearest earlier year of
        another sentence of the paragraph with a pledge cue that names no amount other than ``amount``'s."""
        text, rules = self.text, _rules()
        own = self.sentences.of(amount.start).start
        when = delivered.data["start"]
        lo, hi = self.paragraph(amount.start)
        pledges = []
        for m in self.mentions[bisect_left(self._starts, lo) : bisect_left(self._starts, hi)]:
            if m.kind is not YEAR_KIND or m.data.get("start") is None or m.data["start"] >= when:
                continue
            sentence = self.sentences.of(m.start)
            if (
                sentence.start != own
                and rules.pledge.search(text, sentence.start, sentence.end)
                and not self.is_later(m)
                and self._sentence_amounts().get(sentence.start, set()) <= {amount.value}
            ):
                pledges.append(m)
        return nearest_first(pledges, amount)[0] if pledges else None

    def _list_year(self, anchor: int) -> Mention | None:
        """The year of the list an undated amount's sentence continues: in the nearest earlier sentence of
        a run joined by semicolons that names a commitment year, the last such year before its last amount
        (2019年，甲省投入1亿元；乙企业投入3000万元: 2019), else its first."""
        text, sentence = self.text, self.sentences.of(anchor)
        while sentence.start > 0:
            end = sentence.start
            while end > 0 and text[end - 1] in " \t":
                end -= 1
            if end == 0 or text[end - 1] not in "；;":
                return None
            sentence = self.sentences.of(end - 1)
            inside = self.mentions[bisect_left(self._starts, sentence.start) : bisect_left(self._starts, end)]
            last_amount = max((m.start for m in inside if m.kind is MentionKind.AMOUNT), default=end)
            years = [
                m
                for m in inside
                if m.kind is MentionKind.YEAR
                and m.data.get("start") is not None
                and not self.is_later(m)
                and not self.compares(m)  # 比去年同期高: the term of a comparison dates no list
            ]
            if years:
                return ([m for m in years if m.end <= last_amount] or years[:1])[-1]
        return None

    def _sentence_amounts(self) -> dict[int, set]:
        """The amount values each sentence names, by sentence start."""
        if self._amounts_by_sentence is None:
            self._amounts_by_sentence = {}
            for m in self.mentions:
                if m.kind is AMOUNT_KIND:
                    self._amounts_by_sentence.setdefault(self.sentences.of(m.start).start, set()).add(m.value)
        return self._amounts_by_sentence

    def compares(self, year: Mention) -> bool:
        """Whether ``year`` is the term of a comparison (比上年增长, 好于去年同期), not a period (read once
        per year mention: the amounts of its sentence ask again)."""
        memo: dict[tuple[int, int], bool] = self.__dict__.setdefault("_compared", {})
        key = (year.start, year.end)
        found = memo.get(key)
        if found is None:
            found = memo[key] = self._read_comparison(year)
        return found

    def _read_comparison(self, year: Mention) -> bool:
        rules, text = _rules(), self.text
        if text[max(0, year.start - 3) : year.start].rstrip().endswith(
            rules.comparison_words
        ) or text.startswith(rules.comparison_after, year.end):
            return True
        if not text[year.start : year.end].isascii():
            return False
        cue = max(  # the last cue of the clause
            rules.comparison_en.finditer(text, self._clause_start(year), year.start),
            key=lambda match: match.start(),
            default=None,
        )
        if cue is None:
            return False
        between = self.mentions[bisect_left(self._starts, cue.end()) : bisect_left(self._starts, year.start)]
        return not any(  # up from 3 million yuan given in 2019: that year dates the base figure
            m.kind is MentionKind.AMOUNT for m in between
        )

    def is_later(self, year: Mention) -> bool:
        """Whether ``year`` dates a later stage (completion, repayment, a deadline), not a commitment."""
        found = self._later.get(year.start)
        if found is None:
            found = self._later[year.start] = self._read_later(year)
        return found

    def _clause_start(self, year: Mention) -> int:
        """Where the clause of ``year`` starts, at most ``later_window`` characters before it."""
        text = self.text
        lo = max(0, year.start - _rules().later_window, self.sentences.of(year.start).start)
        for match in CLAUSE_BREAK.finditer(text, lo, year.start):
            if not (match.group() in ".," and text[match.start() - 1 : match.start()].isdigit()):
                lo = match.end()  # a comma after a day number (May 8, 2008) is no clause break
        return lo

    def starts_work(self, year: Mention) -> bool:
        """Whether ``year`` is a later stage that starts the work (``construction began in 2009``):
        the last later-stage cue of its clause is a start cue."""
        if not self.is_later(year):
            return False
        text, rules = self.text, _rules()
        cues = list(rules.later.finditer(text, self._clause_start(year), year.start))
        return bool(cues) and rules.start.match(text, cues[-1].start()) is not None

    def _read_later(self, year: Mention) -> bool:
        text, rules = self.text, _rules()
        if self.dates_a_source(year):
            return True
        lo = max(0, year.start - rules.later_window)
        if (
            rules.later.search(text, lo, year.start) is None
            and rules.later_just_before.search(text, max(lo, year.start - 40), year.start) is None
            and rules.background.search(text, lo, year.start) is None
        ):
            return False  # no cue at all: the common case, decided without the sentence
        lo = self._clause_start(year)
        if rules.later_just_before.search(text, max(lo, year.start - 40), year.start):
            return True
        background = max(rules.background.finditer(text, lo, year.start), key=lambda m: m.end(), default=None)
        if (
            background is not None
            and not YEAR_DIGITS.search(text, background.end(), year.start)
            and not rules.pledge.search(text, background.end(), year.start)
        ):  # originally put up in 1979: an earlier state (originally promised in 2010 is a pledge; in
            return (
                True  # "talks were initially held in 2011, the loan was signed in 2013" it governs 2011 only
            )
        last_later = max((m.end() for m in rules.later.finditer(text, lo, year.start)), default=-1)
        if last_later < 0:
            return False
        if rules.not_later.search(text, lo, year.start):
            return False
        last_commitment = max((m.end() for m in rules.commitment.finditer(text, lo, year.start)), default=-1)
        return last_later > last_commitment

    def dates_a_source(self, year: Mention) -> bool:
        """Whether ``year`` dates a report or article (``according to a 2015 article``, ``the June 2013
        report``, ``Performance Report 2014``, ``2019年的报告``), not an event of the aid."""
        text, rules = self.text, _rules()
        lo = max(0, year.start - 30)
        return bool(
            (
                rules.report_determiner.search(text, lo, year.start)
                and rules.report_noun_after.match(text, year.end)
            )
            or rules.report_noun_before.search(text, lo, year.start)
            or rules.report_noun_after_zh.match(text, year.end)
        )

    def opens_sentence(self, year: Mention) -> bool:
        """A year that leads its sentence (``In 2009, …``, ``On July 17 2009, …``, ``2023年，…``)."""
        start = self.sentences.of(year.start).start
        return bool(_rules().lead_in.fullmatch(self.text, start, year.start))

    def _fits(self, year: Mention, value: object, amounts_by_sentence: dict[int, set]) -> bool:
        """Whether ``year``'s sentence names no amount other than ``value``."""
        return amounts_by_sentence.get(self.sentences.of(year.start).start, set()) <= {value}
