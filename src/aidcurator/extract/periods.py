"""A candidate record's year or period, chosen among the article's year mentions.

The year mentions come from :mod:`aidcurator.extract.timex`; the words that decide which one dates
a record live in ``resources/rules/years.json``. An amount takes a year of its own sentence: one its
own commitment names after it (``a grant China provided in 2000``), else one in its clause before
it, else a year leading the sentence (``In 2009, …``), else the rest of its clause, else the nearest
one. A stated year beats a month guessed from another year (``in July``). A year that dates a later stage (``completed in 2011``, ``to be
repaid between 2012 and 2021``, ``As of 2011``) is passed over while another year of the paragraph
can date the record (the commitment, not the completion, is the record's year); so is a year that
dates a source (``according to a 2015 article``) or an earlier state (``originally put up in 1979``,
``talks were initially held in 2011``). A year leading a sentence about a delivery gives
way to the year of its pledge (``delivered in 2011 … promised in 2010``, ``received in 2014 … the
grant agreement was signed in 2013``). A record left without a year takes the year of the list its
sentence continues (``2019年，甲省投入1亿元；乙企业投入3000万元``), else the paragraph's commitment
year (a loan agreement's before another signing's, a signing's before an announcement's), else the
whole text's, and only then a later-stage year, the start of the work before its completion.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from aidcurator.domain import CandidateRecord, Mention, MentionKind, Span
from aidcurator.extract.paragraph_years import ParagraphYears
from aidcurator.extract.period_rules import year_rules as _rules
from aidcurator.extract.sentences import SentenceIndex

__all__ = ["PeriodChooser"]

_CLAUSE_BREAK = re.compile(r"[;；:：。.!?！？\n]")
# Enum members looked up once (``MentionKind.YEAR`` costs about 0.1 µs a time; filters test every mention)
_AMOUNT, _YEAR = MentionKind.AMOUNT, MentionKind.YEAR


_BLANK_LINE = re.compile(r"\n\s*\n")
_YEAR_DIGITS = re.compile(r"(?<![0-9])[12][0-9]{3}(?![0-9])")


def _headline_end(text: str) -> int:
    """Where the headline ends: the text's first paragraph when it is one short line; else -1."""
    blank = _BLANK_LINE.search(text, 0, 302)
    if blank is None or "\n" in text[: blank.start()].strip():
        return -1
    return blank.start()


_DATE_TAIL = re.compile(r"\s+[A-Za-z]{3,9}\.?\s+[0-9]{1,2}(?:st|nd|rd|th)?,?\s*$")


def _joined(between: str, joiners: frozenset[str]) -> bool:
    """Whether ``between`` joins two years: a joiner, maybe followed by the month and day of the second."""
    between = between.strip().lower()
    return between in joiners or (len(between) < 24 and _DATE_TAIL.sub("", between).strip() in joiners)


def _nearest(mentions: list[Mention], anchor: Mention) -> list[Mention]:
    return sorted(mentions, key=lambda m: min(abs(m.start - anchor.end), abs(anchor.start - m.end)))


class PeriodChooser:
    """The record years of one article: :meth:`fill` for each amount's record as it is built,
    :meth:`finish` once for the records still without a year."""

    def __init__(
        self,
        text: str,
        mentions: list[Mention],
        sentences: SentenceIndex,
        paragraph: Callable[[int], tuple[int, int]],
    ) -> None:
        self.text, self.mentions, self.sentences, self.paragraph = text, mentions, sentences, paragraph
        self._later: dict[int, bool] = {}
        self._fallback: dict[int, tuple[CandidateRecord, Mention]] = {}
        self._amounts_by_sentence: dict[int, set] | None = None
        self._starts = [m.start for m in mentions]  # mentions come sorted by start

    # -- one amount ---------------------------------------------------------------------------
    def fill_from_month(
        self, record: CandidateRecord, in_sentence: list[Mention], sentence: Span, year: int
    ) -> None:
        """An undated amount whose sentence gives a month without a year (仅2月5日一天, 截至6月底, on Aug. 11)
        and names no year: the publication ``year``. A dateline (4月22日电) gives none."""
        if record.year_start is not None or any(m.kind is _YEAR for m in in_sentence):
            return
        rules, text = _rules(), self.text
        lo = self.paragraph(sentence.start)[0]
        before = self.mentions[bisect_left(self._starts, lo) : bisect_left(self._starts, sentence.start)]
        if any(
            m.kind is MentionKind.YEAR
            and (m.data.get("source") == "explicit" or self.opens_sentence(m))
            and not rules.timestamp.match(text, m.start)
            for m in before
        ):  # 2023年，…。到11月底，…拿出10亿元: the paragraph's stated year (a page's time stamp is none)
            return
        for match in rules.month_date.finditer(text, sentence.start, sentence.end):
            if rules.dateline_after.match(text, match.end()):
                continue
            window = (match.end(), min(sentence.end, match.end() + rules.later_window))
            if rules.month_date_later.search(text, *window):
                return  # 1月12日…正式启用: the date of a later stage

            record.year_start = record.year_end = year
            record.evidence["year"] = [Span(match.start(), match.end())]
            record.flags["year_from_month"] = True
            return

    def fill(
        self,
        record: CandidateRecord,
        in_sentence: list[Mention],
        amount: Mention,
        segment: tuple[int, int],
        clause: tuple[int, int],
    ) -> None:
        """The amount's year or period from its own sentence (see the module docstring).
        A year in a comparison (比上年增长, 较去年) is not the amount's period."""
        text, rules = self.text, _rules()
        years = [
            m
            for m in in_sentence
            if m.kind is _YEAR
            and m.data.get("start") is not None
            and not text[max(0, m.start - 3) : m.start].rstrip().endswith(rules.comparison_words)
        ]
        if not years:
            return
        usable = [m for m in years if not self.is_later(m)]
        if any(
            m.data.get("source") == "explicit" for m in usable
        ):  # a stated year beats a guessed one (in July)
            usable = [
                m for m in usable if not (m.data.get("estimated") and m.data.get("source") == "relative")
            ]
        if not usable:
            starts = [m for m in years if self.starts_work(m)]
            self._fallback[id(record)] = (record, _nearest(starts or years, amount)[0])
            return
        in_clause = [m for m in usable if clause[0] <= m.start and m.end <= clause[1]]
        own = [m for m in usable if segment[0] <= m.start and m.end <= segment[1]]
        before = [m for m in usable if m.end <= amount.start]
        clause_before = [m for m in in_clause if m.end <= amount.start]
        leading = _nearest([m for m in own if m.end <= amount.start], amount)[:1]
        if leading and not self.opens_sentence(leading[0]):
            leading = []  # only a year leading the sentence (In 2009, …) beats the clause's later years
        attached = [  # a $3 million grant China provided in 2000: the amount's own commitment
            m
            for m in in_clause
            if m.start >= amount.end and rules.commitment.search(text, amount.end, m.start)
        ][:1]
        year = (
            attached
            or clause_before
            or leading
            or in_clause
            or _nearest(own, amount)
            or _nearest(before, amount)
            or _nearest(usable, amount)
        )[0]
        if self._tells_a_delivery(year):
            year = self._pledge_year(year, amount) or year
        self._take(record, year)
        self._join(record, year, years)

    def _join(self, record: CandidateRecord, year: Mention, years: list[Mention]) -> None:
        """Two years joined by ``and``/``和`` make a period: 2024 and 2025 after the chosen 2024, and
        in 2002 and 2003 when the nearer 2003 was chosen; two dates too (``On Mar. 3, 2004 and June 9,
        2010``), at most ``join_max_gap`` years apart. ``years``: the candidates in text order."""
        text, rules = self.text, _rules()
        following = next((m for m in years if m.start > year.end), None)
        if (
            following is not None
            and _joined(text[year.end : following.start], rules.joiners)
            and record.year_end is not None
            and 0 < (following.data.get("start") or 0) - record.year_end <= rules.join_max_gap
        ):
            record.year_end = following.data.get("end") or following.data.get("start")  # 2024 and 2025
            record.evidence["year"].append(following.span)
        preceding = next((m for m in reversed(years) if m.end <= year.start), None)
        if (
            preceding is not None
            and _joined(text[preceding.end : year.start], rules.joiners)
            and record.year_start is not None
            and 0
            < record.year_start - (preceding.data.get("end") or preceding.data.get("start"))
            <= rules.join_max_gap
        ):
            record.year_start = preceding.data.get("start")  # in 2002 and 2003: the nearer year was taken
            record.evidence["year"].insert(0, preceding.span)

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
            if m.kind is not _YEAR or m.data.get("start") is None or m.data["start"] >= when:
                continue
            sentence = self.sentences.of(m.start)
            if (
                sentence.start != own
                and rules.pledge.search(text, sentence.start, sentence.end)
                and not self.is_later(m)
                and self._sentence_amounts().get(sentence.start, set()) <= {amount.value}
            ):
                pledges.append(m)
        return _nearest(pledges, amount)[0] if pledges else None

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
                if m.kind is MentionKind.YEAR and m.data.get("start") is not None and not self.is_later(m)
            ]
            if years:
                return ([m for m in years if m.end <= last_amount] or years[:1])[-1]
        return None

    def _sentence_amounts(self) -> dict[int, set]:
        """The amount values each sentence names, by sentence start."""
        if self._amounts_by_sentence is None:
            self._amounts_by_sentence = {}
            for m in self.mentions:
                if m.kind is _AMOUNT:
                    self._amounts_by_sentence.setdefault(self.sentences.of(m.start).start, set()).add(m.value)
        return self._amounts_by_sentence

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
        for match in _CLAUSE_BREAK.finditer(text, lo, year.start):
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
            and not _YEAR_DIGITS.search(text, background.end(), year.start)
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

    @staticmethod
    def _take(record: CandidateRecord, year: Mention) -> None:
        record.year_start = year.data.get("start")
        record.year_end = year.data.get("end") or record.year_start
        record.evidence["year"] = [year.span]
        if year.data.get("estimated"):
            record.flags["year_estimated"] = True

    # -- the records left without a year ----------------------------------------------------------
    def finish(self, records: list[CandidateRecord]) -> None:
        """A record whose amount names no year takes the year of the semicolon list its sentence
        continues (:meth:`_list_year`), else the paragraph's commitment year (the first year in
        a sentence that signs a loan or grant agreement, else with a signing cue, else with any commitment
        cue, else the first year), else a year leading a sentence before it,
        else the whole text's commitment year. A headline's figure sums up the text (often rounded): it
        takes the text's commitment year whatever amounts the year's sentence names. Only then does a
        later-stage year date a record: one that starts the work (its own sentence's, else its
        paragraph's), else its own sentence's, else the first of its paragraph, in a sentence naming no
        other amount."""
        undated = [r for r in records if r.year_start is None]
        if not undated:
            return
        text, rules = self.text, _rules()
        dated = [  # a page's time stamp dates the page
            m
            for m in self.mentions
            if m.kind is _YEAR
            and m.data.get("start") is not None
            and not rules.timestamp.match(text, m.start)
        ]
        dated_starts = [m.start for m in dated]

        def in_span(lo: int, hi: int, *, later: bool = False) -> list[Mention]:
            """The span's years that date a commitment (``later``: a later stage), in text order."""
            span = dated[bisect_left(dated_starts, lo) : bisect_left(dated_starts, hi)]
            return [m for m in span if self.is_later(m) is later]

        amounts_by_sentence = self._sentence_amounts()
        by_paragraph: dict[tuple[int, int], ParagraphYears] = {}
        whole: dict[bool, ParagraphYears] = {}
        headline_end = _headline_end(text)
        for record in undated:
            anchor = record.amounts[0].span.start
            value = record.amounts[0].value
            headline = anchor < headline_end
            lo, hi = self.paragraph(anchor)
            chosen = None if headline else self._list_year(anchor)
            if not headline and chosen is None:
                found = by_paragraph.get((lo, hi))
                if found is None:
                    found = by_paragraph[lo, hi] = ParagraphYears(in_span(lo, hi), self, amounts_by_sentence)
                chosen = found.choose(value)
                if (
                    chosen is None
                ):  # only years of other amounts' sentences: the closest one leading a sentence before
                    before = [m for m in in_span(lo, anchor) if self.opens_sentence(m)]
                    chosen = before[-1] if before else None
            if chosen is None:
                if headline not in whole:
                    whole[headline] = ParagraphYears(
                        in_span(0, len(text)), self, amounts_by_sentence, any_amount=headline
                    )
                chosen = whole[headline].choose(value)
            if chosen is None:  # only later stages: the start of the work first, then the amount's own
                own = self._fallback[id(record)][1] if id(record) in self._fallback else None
                fitting = [
                    m for m in in_span(lo, hi, later=True) if self._fits(m, value, amounts_by_sentence)
                ]
                starts = [m for m in ([own] if own else []) + fitting if self.starts_work(m)]
                chosen = starts[0] if starts else own or (fitting[0] if fitting else None)
            if chosen is None:
                continue
            self._take(record, chosen)
            self._join(record, chosen, dated)
            record.flags["year_from_text"] = True
