"""Shortcuts in record assembly (sector hits sorted once, clause starts by backward search, years judged
only when they would count) give exactly what the plain computations give."""

from __future__ import annotations

import re

import pytest

from aidcurator.domain import MentionKind
from aidcurator.extract.not_aid import clause
from aidcurator.extract.paragraph_years import ParagraphYears
from aidcurator.extract.paragraphs import ParagraphIndex
from aidcurator.extract.periods import PeriodChooser
from aidcurator.extract.records import find_mentions
from aidcurator.extract.sector_choice import SectorHits, dominant_sector_hit, sector_list
from aidcurator.extract.sentences import sentence_index

# our own text: sectors listed and scattered, years of commitments and of later stages
_TEXT = (
    "Aid for schools\n\n"
    "In 2012, Ruritania signed a loan agreement of $40 million for roads, health and education. "
    "The hospital was completed in 2015, and in 2016 a grant of $5 million for water supply followed.\n\n"
    "甲省2018年投入援助资金3亿元，用于学校、医院和道路建设；工程于2020年竣工。\n\n"
    "By 2019 the fund had spent 12 million dollars on agriculture; a further 2 million went to training in 2021."
)


def _plain_clause(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    first = lo
    for match in re.finditer(r"[,，;；:：]", text[:start]):
        if match.start() >= lo:
            first = match.end()
    after = re.compile(r"[,，;；:：]").search(text, end, hi)
    return first, after.start() if after else hi


@pytest.mark.parametrize("text", [_TEXT, "a, b; c：d，5亿元，e", "no marks at all 5 million", ""])
def test_clause_start_by_backward_search_equals_walking_the_breaks(text: str) -> None:
    for m in [*find_mentions(text), *(_Fake(i, min(i + 3, len(text))) for i in range(0, len(text), 5))]:
        for lo in (0, max(0, m.start - 20), m.start, min(len(text), m.start + 2)):
            hi = len(text)
            assert clause(text, m, (lo, hi)) == _plain_clause(text, m.start, m.end, lo, hi)  # type: ignore[arg-type]


class _Fake:
    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end


def test_sector_hits_of_a_stretch_are_the_stretch_sorted_on_its_own() -> None:
    mentions = find_mentions(_TEXT)
    sectors = [m for m in mentions if m.kind is MentionKind.SECTOR]
    assert len(sectors) > 3
    hits = SectorHits(sectors)
    starts = [m.start for m in sectors]
    for lo in range(0, len(_TEXT), 17):
        for hi in (lo + 40, lo + 200, len(_TEXT)):
            plain = sectors[_bisect(starts, lo) : _bisect(starts, hi)]
            view = hits.between(lo, hi)
            assert list(view) == sorted(plain, key=lambda m: (m.start, m.end))
            assert view.starts == [m.start for m in view]
            assert sector_list(view, lo, hi, _TEXT) == sector_list(plain, lo, hi, _TEXT)
            assert dominant_sector_hit(view, lo, hi, _TEXT) == dominant_sector_hit(plain, lo, hi, _TEXT)


def _bisect(starts: list[int], value: int) -> int:
    return next((i for i, s in enumerate(starts) if s >= value), len(starts))


def test_years_judged_only_when_they_would_count_choose_as_the_judged_list() -> None:
    mentions = find_mentions(_TEXT)
    paragraphs = ParagraphIndex(_TEXT)
    values = {m.value for m in mentions if m.kind is MentionKind.AMOUNT} | {None}
    for any_amount in (False, True):
        lazy_chooser = PeriodChooser(_TEXT, mentions, sentence_index(_TEXT), paragraphs, undated=True)
        eager_chooser = PeriodChooser(_TEXT, mentions, sentence_index(_TEXT), paragraphs, undated=True)
        years = [m for m in mentions if m.kind is MentionKind.YEAR and m.data.get("start") is not None]
        by_sentence = eager_chooser._sentence_amounts()
        eager = ParagraphYears(
            [m for m in years if not eager_chooser.is_later(m)],
            eager_chooser,
            by_sentence,
            any_amount=any_amount,
        )
        lazy = ParagraphYears(
            years, lazy_chooser, by_sentence, any_amount=any_amount, later=lazy_chooser.is_later
        )
        assert any(eager_chooser.is_later(m) for m in years)  # the text has a later stage to leave out
        for value in values:
            assert lazy.choose(value) == eager.choose(value)
