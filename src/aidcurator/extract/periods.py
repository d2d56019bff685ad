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
whole text's, and only then a later-stage year, the start of the work before its completion. The
same amount named again where its loan or grant agreement is signed dates the record
(:func:`take_agreement_year`, called when the repeat is folded into the first record).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from aidcurator.domain import CandidateRecord, Mention, MentionKind, Span
from aidcurator.extract.period_finish import RecordsWithoutYear
from aidcurator.extract.period_rules import year_rules as _rules
from aidcurator.extract.sentences import SentenceIndex
from aidcurator.extract.year_judging import (
    CLAUSE_BREAK,
    COMMA,
    YEAR_KIND,
    YearJudge,
    nearest_first,
    years_joined,
)

__all__ = ["PeriodChooser", "take_agreement_year"]

AGREEMENT_YEAR = (
    "year_of_aid_agreement"  # flag: the record's year is stated where its aid agreement is signed
)


def take_agreement_year(kept: CandidateRecord, repeat: CandidateRecord) -> None:
    """The same amount named again where its loan or grant agreement is signed (``The $400m loan
    agreement was signed in 2004``) dates the record, whatever year its first mention had (a memorandum
    a year before): the commitment is the agreement."""
    if (
        kept.year_start is not None
        and repeat.flags.get(AGREEMENT_YEAR)
        and not kept.flags.get(AGREEMENT_YEAR)
    ):
        kept.year_start, kept.year_end = repeat.year_start, repeat.year_end
        kept.evidence["year"] = list(repeat.evidence.get("year", []))
        kept.flags[AGREEMENT_YEAR] = True


_LIST_STOP = re.compile(r"[；;。！？!?\n]")


class PeriodChooser(RecordsWithoutYear, YearJudge):
    """The record years of one article: :meth:`fill` for each amount's record as it is built,
    :meth:`finish` once for the records still without a year."""

    def __init__(
        self,
        text: str,
        mentions: list[Mention],
        sentences: SentenceIndex,
        paragraph: Callable[[int], tuple[int, int]],
        *,
        news: bool = False,
        undated: bool = False,
    ) -> None:
        self.text, self.mentions, self.sentences, self.paragraph = text, mentions, sentences, paragraph
        self.news = news  # a dated news report: a record's year must be stated for it (see finish_news)
        self.undated = undated  # no publication date: relative years (去年, 三年来, since 2010) are guesses
        self._later: dict[int, bool] = {}
        self.sentence_cues: dict[int, list[bool]] = {}  # (paragraph_years: the cue tiers of a sentence)
        self._fallback: dict[int, tuple[CandidateRecord, Mention]] = {}
        self._amounts_by_sentence: dict[int, set] | None = None
        self._starts = [m.start for m in mentions]  # mentions come sorted by start

    # -- one amount ---------------------------------------------------------------------------
    def fill_from_month(
        self, record: CandidateRecord, in_sentence: list[Mention], sentence: Span, year: int
    ) -> None:
        """An undated amount whose sentence gives a month without a year (仅2月5日一天, 截至6月底, on Aug. 11)
        and names no year: the publication ``year``. A dateline (4月22日电) gives none."""
        if record.year_start is not None or any(
            m.kind is YEAR_KIND and not self.compares(m) for m in in_sentence
        ):  # a comparison's year (比去年同期) names no year of the amount
            return
        rules, text = _rules(), self.text
        lo = self.paragraph(sentence.start)[0]
        run = self._run_start(sentence.start, lo)
        if (
            run < sentence.start
            and any(  # the run's earlier sentences name a year: not this rule's
                m.kind is YEAR_KIND and not self.compares(m)
                for m in self.mentions[
                    bisect_left(self._starts, run) : bisect_left(self._starts, sentence.start)
                ]
            )
        ):
            return
        before = self.mentions[bisect_left(self._starts, lo) : bisect_left(self._starts, run)]
        if any(
            m.kind is MentionKind.YEAR
            and (m.data.get("source") == "explicit" or self.opens_sentence(m))
            and not rules.timestamp.match(text, m.start)
            and not self._date_line(m)
            and not (m.data.get("relative") and m.data.get("start") == m.data.get("end") == year)
            for m in before
        ):  # 2023年，…。到11月底，…拿出10亿元: the paragraph's stated year (a page's time stamp is none);
            # 今年，…。截至4月底，…: the publication year either way
            return
        for match in rules.month_date.finditer(text, run, sentence.end):
            if rules.dateline_after.match(text, match.end()):
                continue
            stop = _LIST_STOP.search(text, match.end(), sentence.end)  # the date's own item of a ；-list
            window = (
                match.end(),
                min(stop.start() if stop else sentence.end, match.end() + rules.later_window),
            )
            if rules.month_date_later.search(text, *window):
                return  # 1月12日…正式启用: the date of a later stage (not 截至4月底，…；新开工项目…；拨付…)

            record.year_start = record.year_end = year
            record.evidence["year"] = [Span(match.start(), match.end())]
            record.flags["year_from_month"] = True
            return

    def _run_start(self, start: int, lo: int) -> int:
        """Where the run of sentences joined by semicolons that ends in the sentence at ``start`` begins
        (截至6月底，甲…；乙…；丙投入1亿元: the date leads the whole run), not before ``lo``."""
        text = self.text
        while start > lo:
            end = start
            while end > lo and text[end - 1] in " \t":
                end -= 1
            if end == lo or text[end - 1] not in "；;":
                break
            start = max(lo, self.sentences.of(end - 1).start)
        return start

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
            if m.kind is YEAR_KIND
            and m.data.get("start") is not None
            and not self.compares(m)
            and not (self.undated and m.data.get("relative") and m.data.get("source") != "since")
            and not m.data.get("future")  # within the next three years: a time frame, not a year
        ]
        years = [  # 共投入5亿元，其中2020年投入1亿元: the year after 其中 dates the share only
            m
            for m in years
            if not (m.start >= amount.end and rules.share_opener.search(text, amount.end, m.start))
        ]
        if self.undated:  # since 2016 on an undated page: a period whose end is unknown
            open_ended = [
                m
                for m in years
                if m.data.get("source") == "since" and self._open_ended(m) and not self.is_later(m)
            ]
            if open_ended:
                years = [m for m in years if m not in open_ended]
                if not years:
                    record.flags["year_unresolved"] = True
                    return
        if not years:
            duration = next(
                (
                    m
                    for m in in_sentence
                    if m.kind is MentionKind.YEAR
                    and m.data.get("source") == "duration"
                    and m.data.get("years") != 1
                    and not m.data.get("future")
                ),
                None,
            )
            if (
                self.undated
                and duration is not None
                and not self._count_from_since(record, duration, sentence_start=in_sentence[0].start)
            ):  # over the past five years, … 2 billion yuan on an undated page: a period, but unknown
                record.flags["year_unresolved"] = True
            return
        usable = [
            m for m in years if not self.is_later(m) and not self._dates_the_base(m, amount, in_sentence)
        ]
        if any(
            m.data.get("source") == "explicit" for m in usable
        ):  # a stated year beats a guessed one (in July)
            usable = [
                m for m in usable if not (m.data.get("estimated") and m.data.get("source") == "relative")
            ]
        if not usable:
            starts = [m for m in years if self.starts_work(m)]
            self._fallback[id(record)] = (record, nearest_first(starts or years, amount)[0])
            return
        in_clause = [m for m in usable if clause[0] <= m.start and m.end <= clause[1]]
        own = [m for m in usable if segment[0] <= m.start and m.end <= segment[1]]
        before = [m for m in usable if m.end <= amount.start]
        clause_before = [m for m in in_clause if m.end <= amount.start]
        leading = nearest_first([m for m in own if m.end <= amount.start], amount)[:1]
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
            or nearest_first(own, amount)
            or nearest_first(before, amount)
            or nearest_first(usable, amount)
        )[0]
        if self._tells_a_delivery(year):
            year = self._pledge_year(year, amount) or year
        self._take(record, year)
        sentence = self.sentences.of(year.start)
        if rules.aid_agreement.search(text, sentence.start, sentence.end):
            record.flags[AGREEMENT_YEAR] = True
        self._join(record, year, years)
        if self.undated:
            self._count_back(record, year, in_sentence, amount)

    def _count_from_since(self, record: CandidateRecord, duration: Mention, sentence_start: int) -> bool:
        """On an undated page, 三年来 after a since-clause of an earlier sentence of the paragraph
        (自2010年新一轮援助启动以来，…。三年来共投入…) counts from that start: 2010–2012."""
        n = duration.data.get("years")
        if not isinstance(n, int) or n < 2:
            return False
        lo = self.paragraph(duration.start)[0]
        start = self.sentences.of(sentence_start).start
        for m in reversed(self.mentions[bisect_left(self._starts, lo) : bisect_left(self._starts, start)]):
            if m.kind is not YEAR_KIND:
                continue
            if m.data.get("source") != "since" or m.data.get("start") is None:
                return False  # another year stands between (since 1997 … In 2010 … over the past nine years)
            record.year_start = m.data["start"]
            record.year_end = record.year_start + n - 1
            record.evidence["year"] = [m.span, duration.span]
            return True
        return False

    def _count_back(
        self, record: CandidateRecord, year: Mention, in_sentence: list[Mention], amount: Mention
    ) -> None:
        """On an undated page, a past duration in the amount's own stretch of the sentence counts back from
        the year the sentence states before the amount (On May 2, 2006, the official said the province had
        given 3 million yuan over the past five years: 2002–2006)."""
        if year.data.get("source") != "explicit" or record.year_start != record.year_end:
            return
        for m in in_sentence:
            n = m.data.get("years")
            if (
                m.kind is YEAR_KIND
                and m.data.get("source") == "duration"
                and not m.data.get("future")
                and isinstance(n, int)
                and n > 1
                and m.start > year.end
                and not any(  # another amount between them, but a conversion in brackets (US$4 million)
                    other.kind is MentionKind.AMOUNT
                    and other is not amount
                    and min(amount.end, m.end) <= other.start < max(amount.start, m.start)
                    and self.text[max(0, other.start - 1) : other.start] not in "(（"
                    for other in in_sentence
                )
            ):
                record.year_start = record.year_end - n + 1
                record.evidence["year"].append(m.span)
                return

    @staticmethod
    def _open_ended(year: Mention) -> bool:
        """Whether a since-period of an undated page has no known end (the end is a guess or missing)."""
        return year.data.get("end") is None or bool(year.data.get("estimated"))

    def _dates_the_base(self, year: Mention, amount: Mention, in_sentence: list[Mention]) -> bool:
        """Whether ``year`` dates the starting figure of a change that ends in ``amount``
        (由2015年的0.8亿元提高到1.5亿元: 2015 is the year of 0.8亿元, not of 1.5亿元)."""
        if year.end > amount.start:
            return False
        change = _rules().change_to
        return any(
            m.kind is MentionKind.AMOUNT
            and year.end <= m.start
            and m.end <= amount.start
            and CLAUSE_BREAK.search(self.text, year.end, m.start) is None
            and COMMA.search(self.text, year.end, m.start) is None
            and change.search(self.text, m.end, amount.start) is not None
            for m in in_sentence
        )

    def _join(self, record: CandidateRecord, year: Mention, years: list[Mention]) -> None:
        """Two years joined by ``and``/``和`` make a period: 2024 and 2025 after the chosen 2024, and
        in 2002 and 2003 when the nearer 2003 was chosen; two dates too (``On Mar. 3, 2004 and June 9,
        2010``), at most ``join_max_gap`` years apart. ``years``: the candidates in text order."""
        text, rules = self.text, _rules()
        following = next((m for m in years if m.start > year.end), None)
        if (
            following is not None
            and years_joined(text[year.end : following.start], rules.joiners)
            and record.year_end is not None
            and 0 < (following.data.get("start") or 0) - record.year_end <= rules.join_max_gap
        ):
            record.year_end = following.data.get("end") or following.data.get("start")  # 2024 and 2025
            record.evidence["year"].append(following.span)
        preceding = next((m for m in reversed(years) if m.end <= year.start), None)
        if (
            preceding is not None
            and years_joined(text[preceding.end : year.start], rules.joiners)
            and record.year_start is not None
            and 0
            < record.year_start - (preceding.data.get("end") or preceding.data.get("start"))
            <= rules.join_max_gap
        ):
            record.year_start = preceding.data.get("start")  # in 2002 and 2003: the nearer year was taken
            record.evidence["year"].insert(0, preceding.span)

    @staticmethod
    def _take(record: CandidateRecord, year: Mention) -> None:
        record.year_start = year.data.get("start")
        record.year_end = year.data.get("end") or record.year_start
        record.evidence["year"] = [year.span]
        if year.data.get("estimated"):
            record.flags["year_estimated"] = True
