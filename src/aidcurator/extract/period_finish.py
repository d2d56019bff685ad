"""The pass over the records after each has taken what its own sentence says (a mixin of
:class:`~aidcurator.extract.periods.PeriodChooser`): a record left without a year takes the year of
the list its sentence continues, the paragraph's commitment year or the whole text's; in a dated news
report only a year its own sentence, list or paragraph states."""

from __future__ import annotations

from bisect import bisect_left

from aidcurator.domain import CandidateRecord, Mention, MentionKind, Span
from aidcurator.extract.paragraph_years import ParagraphYears
from aidcurator.extract.period_rules import year_rules as _rules
from aidcurator.extract.year_judging import (
    WORD,
    YEAR_KIND,
    end_of_headline,
)

__all__ = ["RecordsWithoutYear"]


class RecordsWithoutYear:
    """``finish`` and its helpers; the attributes and the per-record helpers are PeriodChooser's."""

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
        retold_years = {id(r): r.flags.pop("retold_year") for r in records if "retold_year" in r.flags}
        undated = [r for r in records if r.year_start is None and not r.flags.get("year_unresolved")]
        if not undated:
            return
        if self.news:
            self._finish_news(records, retold_years)
            return
        text, rules = self.text, _rules()
        dated = [  # a page's time stamp dates the page
            m
            for m in self.mentions
            if m.kind is YEAR_KIND
            and m.data.get("start") is not None
            and not rules.timestamp.match(text, m.start)
            and not (self.undated and m.data.get("relative") and m.data.get("source") != "since")
        ]
        dated_starts = [m.start for m in dated]

        def in_span(lo: int, hi: int, *, later: bool = False) -> list[Mention]:
            """The span's years that date a commitment (``later``: a later stage), in text order."""
            return [m for m in dated_in(lo, hi) if self.is_later(m) is later]

        def dated_in(lo: int, hi: int) -> list[Mention]:
            return dated[bisect_left(dated_starts, lo) : bisect_left(dated_starts, hi)]

        def years_of(lo: int, hi: int, *, any_amount: bool = False) -> ParagraphYears:
            """The commitment years of a span (ParagraphYears judges a year a later stage only when it
            would take a tier's place)."""
            return ParagraphYears(
                dated_in(lo, hi), self, amounts_by_sentence, any_amount=any_amount, later=self.is_later
            )

        amounts_by_sentence = self._sentence_amounts()
        by_paragraph: dict[tuple[int, int], ParagraphYears] = {}
        whole: dict[bool, ParagraphYears] = {}
        headline_end = end_of_headline(text)
        for record in undated:
            anchor = record.amounts[0].span.start
            value = record.amounts[0].value
            headline = anchor < headline_end
            lo, hi = self.paragraph(anchor)
            chosen = None if headline else self._list_year(anchor)
            if not headline and chosen is None:
                found = by_paragraph.get((lo, hi))
                if found is None:
                    found = by_paragraph[lo, hi] = years_of(lo, hi)
                chosen = found.choose(value)
                if (
                    chosen is None
                ):  # only years of other amounts' sentences: the closest one leading a sentence before
                    chosen = next(  # (the last such year: each judged a later stage only when it leads)
                        (
                            m
                            for m in reversed(dated_in(lo, anchor))
                            if self.opens_sentence(m) and not self.is_later(m)
                        ),
                        None,
                    )
            if chosen is None:
                if headline not in whole:
                    whole[headline] = years_of(0, len(text), any_amount=headline)
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

    # -- news reports -------------------------------------------------------------------------
    def _finish_news(self, records: list[CandidateRecord], retold_years: dict[int, list]) -> None:
        """A news report states the year of an amount in its sentence; an undated amount takes only
        the year of the semicolon list its sentence continues, else the topic year of its paragraph:
        the nearest year before it that opens its sentence or stands as its own clause
        (``2019年，…``, ``记者获悉，今年上半年，…``, ``In 2019, …``) and names one year, no period nor
        duration, else a later stage its own sentence names (``disbursed … this month``) but a deadline
        (``截至2015年底``, ``by the end of 2019``). A share takes its parent's year. A headline figure
        looks from where the body repeats it; one the body never repeats, a page's time stamp, a year
        of another paragraph or a guessed year (an undated page's ``去年``) give none."""
        headline_end, rules = end_of_headline(self.text), _rules()
        for record in records:
            if record.year_start is not None:
                continue
            if retold := retold_years.get(id(record)):  # a headline figure the body retells, dated
                record.year_start, record.year_end, spans = retold
                record.evidence["year"] = [Span(start, end) for start, end in spans]
                continue
            parent = records[record.parent_index] if record.parent_index is not None else None
            if parent is not None and parent.year_start is not None:
                record.year_start, record.year_end = parent.year_start, parent.year_end
                record.evidence["year"] = list(parent.evidence.get("year", []))
                continue
            anchor = next(
                (s.start for s in record.evidence.get("amount", []) if s.start >= headline_end), None
            )
            if anchor is None:
                continue
            chosen = self._list_year(anchor) or self._topic_year(anchor)
            if chosen is None and id(record) in self._fallback:
                own = self._fallback[id(record)][1]
                lo = max(self._clause_start(own), own.start - 40)
                if not rules.later_just_before.search(self.text, lo, own.start):
                    chosen = own
            if chosen is None or chosen.data.get("estimated"):
                continue
            self._take(record, chosen)
            record.flags["year_from_text"] = True

    def _date_line(self, year: Mention) -> bool:
        """Whether ``year`` stands on a line with few words after it (Mar 3, 2020 / 2020-03-03 Print): the
        page's date, not a year the text states."""
        text = self.text
        line_end = text.find("\n", year.end)
        rest = WORD.findall(text, year.end, len(text) if line_end < 0 else line_end)
        return len(rest) < _rules().topic_min_rest

    def _topic_year(self, anchor: int) -> Mention | None:
        """The topic year of ``anchor``'s paragraph (see :meth:`_finish_news`): the last year stated in an
        earlier sentence of the paragraph, when it is a topic year; a later time word (``Over the past
        two decades``, ``Since 2010``) after a topic year ends its reach."""
        text, rules = self.text, _rules()
        lo, own = self.paragraph(anchor)[0], self.sentences.of(anchor).start
        for m in reversed(self.mentions[bisect_left(self._starts, lo) : bisect_left(self._starts, own)]):
            if m.kind is not MentionKind.YEAR or rules.timestamp.match(text, m.start) or self.compares(m):
                continue
            if self._date_line(m):
                continue  # Mar 3, 2020 on a line of its own: the page's date
            if (
                m.data.get("start") is None
                or m.data.get("start") != m.data.get("end")
                or m.data.get("source") not in ("explicit", "relative")
                or self.is_later(m)
            ):
                return None
            if self.opens_sentence(m) or (
                rules.topic_after.match(text, m.end)
                and text[self.sentences.of(m.start).start : m.start].rstrip().endswith((",", "，", ":", "："))
            ):
                return m
            return None
        return None
