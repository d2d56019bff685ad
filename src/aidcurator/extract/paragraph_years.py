"""The years of one paragraph (or of the whole text), ranked by the cue of their sentence, for the
records whose amount names no year of its own (see :meth:`aidcurator.extract.periods.PeriodChooser.finish`).
The cue words live in ``resources/rules/years.json``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from aidcurator.domain import Mention
from aidcurator.extract.period_rules import year_rules as _rules
from aidcurator.extract.sentences import SentenceIndex

__all__ = ["ParagraphYears"]


class _Chooser(Protocol):
    """What :class:`ParagraphYears` reads of the period chooser."""

    text: str
    sentences: SentenceIndex
    sentence_cues: dict[int, list[bool]]  # sentence start → the tiers its cues fit (filled here)

    def opens_sentence(self, year: Mention) -> bool: ...


class ParagraphYears:
    """The years of one paragraph, ready to give an amount its year: the first year in a sentence that
    signs the loan or grant itself (a loan agreement), else in one with a signing cue, else with any
    commitment cue, else the first year, among the years whose sentence names no other amount (a year
    leading a sentence about several amounts dates them all). A year that starts a period (``since its
    pledge at the 2009 summit``) fits the last tier only, after the other years: a background, whatever
    its sentence's cues."""

    _ANY = object()  # the year's sentence names no amount: it fits every amount

    def __init__(
        self,
        years: list[Mention],
        chooser: _Chooser,
        amounts_by_sentence: dict[int, set],
        *,
        any_amount: bool = False,
        later: Callable[[Mention], bool] | None = None,
    ) -> None:
        """``later``: whether a year dates a later stage (such years date no commitment and are left out):
        asked only of a year that would take a place in a tier, so most years of a long text are never
        judged (the first year of each tier and amount wins)."""
        # strongest cue first: per amount value (or _ANY), (position, year) of the first year of a sentence
        # with an aid agreement, with a signing, with a commitment cue, and of the first year at all
        self.tiers: tuple[dict[object, tuple[int, Mention]], ...] = ({}, {}, {}, {})
        text, rules = chooser.text, _rules()
        cues = (rules.aid_agreement, rules.signing, rules.commitment)
        background = [m for m in years if m.data.get("source") == "since"]  # since 1983: a background
        tiers = self.tiers
        for position, m in enumerate([m for m in years if m.data.get("source") != "since"] + background):
            if all(self._ANY in table for table in tiers):
                break  # every tier has a year for every amount: a later one fits none first
            sentence = chooser.sentences.of(m.start)
            values = amounts_by_sentence.get(sentence.start)
            if values is None or any_amount:
                keys: set[object] = {self._ANY}
            elif len(values) == 1 or chooser.opens_sentence(m):
                keys = set(values)
            else:
                continue  # a sentence about two amounts: its years fit neither alone
            cued = chooser.sentence_cues.get(sentence.start)
            if cued is None:  # (a sentence's cues are read once: the whole text's years are read again)
                cued = [True]  # every year fits the last tier; a tier's cue counts only with the weaker ones
                for cue in reversed(cues):
                    cued.insert(0, cued[0] and cue.search(text, sentence.start, sentence.end) is not None)
                chooser.sentence_cues[sentence.start] = cued
            if m.data.get("source") == "since":
                cued = [False] * len(cues) + [True]  # a background's start dates no commitment
            taken = [
                (table, key)
                for key in keys
                for table, fits in zip(tiers, cued, strict=True)
                if fits and key not in table
            ]
            if taken and (later is None or not later(m)):
                for table, key in taken:
                    table[key] = (position, m)

    def choose(self, value: object) -> Mention | None:
        """The year of an amount of ``value``, None when no year of the paragraph fits it."""
        for table in self.tiers:
            hits = [hit for key in (self._ANY, value) if (hit := table.get(key)) is not None]
            if hits:
                return min(hits, key=lambda hit: hit[0])[1]
        return None
