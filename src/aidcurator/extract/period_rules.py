"""The word lists of ``resources/rules/years.json`` compiled for :mod:`aidcurator.extract.periods`:
which year mention dates a record (commitment cues, later stages, sources, lead-ins)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from aidcurator.extract.fastre import after_first, alternation, any_case_first_chars, first_chars, gated
from aidcurator.extract.time_rules import month_names_en
from aidcurator.resources import resource_path

__all__ = ["YearRules", "year_rules"]


@dataclass(frozen=True)
class YearRules:
    comparison_words: tuple[str, ...]
    comparison_after: tuple[str, ...]  # right after a year: 去年同期 is a comparison
    comparison_en: re.Pattern[str]  # in an English year's clause before it: double the amount offered in 2009
    joiners: frozenset[str]
    join_max_gap: int  # two joined years further apart make no period
    lead_in: re.Pattern[str]  # what may stand before a year that leads its sentence
    commitment: re.Pattern[str]
    aid_agreement: re.Pattern[str]  # the signing of the loan or grant itself
    signing: re.Pattern[str]  # an agreement signed or reached: outranks the other commitment cues
    later: re.Pattern[str]
    background: re.Pattern[str]  # an earlier state of things (originally put up in 1979): no commitment
    not_later: re.Pattern[str]  # words in the year's clause that make it a start, never a later stage
    later_window: int
    start: re.Pattern[str]  # the later stages that start the work (began, commenced, 开工)
    later_just_before: re.Pattern[str]  # matched at the end of the text before the year
    report_determiner: re.Pattern[str]  # "a (June) " at the end of the text before a year…
    report_noun_after: re.Pattern[str]  # …and " (annual) report" right after it: the year dates a source
    report_noun_before: re.Pattern[str]  # "Report " at the end of the text before the year
    report_noun_after_zh: re.Pattern[str]  # "的报告" right after the year
    timestamp: re.Pattern[str]
    delivery: re.Pattern[str]  # a delivery or hand-over named after a year leading its sentence
    delivery_window: int
    pledge: re.Pattern[str]  # the pledge of the aid delivered
    month_date: re.Pattern[str]  # a month (and day) without a year: 2月5日, 6月底, Aug. 11
    dateline_after: re.Pattern[str]  # 电 / (Xinhua) right after such a date: a dateline
    month_date_later: re.Pattern[str]  # a later stage (启用, opened) in such a date's clause
    change_to: re.Pattern[str]  # 提高到, rose to: the figure after it is the end of a change
    share_opener: re.Pattern[str]  # 其中, of which: the years after it date the shares, not the total
    topic_after: re.Pattern[str]  # after a year that stands as its own clause (2019年，…)
    topic_min_rest: int  # word characters a topic year's line holds after it (else a page's date line)


def _cues(table: dict[str, list[str]]) -> re.Pattern[str]:
    """Any of the table's English words (whole words, any case) or Chinese ones, opening with one
    character class of all their first characters: the regex engine skips ahead to those in C (a
    pattern that opens with an alternation is tried at every character). The rest of each branch checks
    the first character again (fastre.after_first), so the branches match what they matched apart."""
    english = [w for w in table["en"] if w]
    chinese = [w for w in table.get("zh", []) if w]
    branches = []
    if english:  # (each branch first looks back at the one character: a quick test before its words)
        branches.append(
            (
                first_chars(english, both_cases=True),
                rf"(?<!\w.)(?i:{after_first(english, both_cases=True)})\b",
            )
        )
    if chinese:
        branches.append((first_chars(chinese), after_first(chinese)))
    return re.compile(gated(branches))


def _word_at_end(words: list[str], tail: str) -> re.Pattern[str]:
    """``(?i)(?<![a-z])(?:words)(?![a-z])tail\\Z``: one of ``words`` (any case, not inside a word), then
    ``tail`` up to the end of the searched stretch. It opens with one character class of what the words'
    first letters match in any case, so a search skips ahead to those in C (a pattern that opens with a
    look-behind, or a class under ``(?i)``, is tried at every character)."""
    words = [w for w in words if w]
    if not words:
        return re.compile("(?!)")
    return re.compile(
        rf"[{any_case_first_chars(words)}](?i:(?<![a-z].){after_first(words)}(?![a-z]){tail})\Z"
    )


def _date_filler() -> str:
    """What may stand between a word and the year it governs: the end of, early, a month, a day."""
    months = alternation(month_names_en())
    fillers = alternation(["the", "end", "beginning", "middle", "start", "of", "early", "late", "mid"])
    return rf"(?:\W|\d{{1,2}}(?:st|nd|rd|th)?\b|(?<![a-z])(?:{fillers}|{months})(?![a-z]))*"


@cache
def year_rules() -> YearRules:
    data = json.loads(resource_path("rules", "years.json").read_text(encoding="utf-8"))
    try:
        lead_words = alternation([*data["year_lead_in_words_en"], *month_names_en()])
        nouns = alternation(data["report_nouns_en"])
        return YearRules(
            comparison_words=tuple(data["year_comparison_words"]),
            comparison_after=tuple(data["year_comparison_after"]),
            comparison_en=re.compile(
                rf"(?i)(?<![a-z])(?:{alternation(data['year_comparison_clause_en'])})(?![a-z])"
                rf"|(?i:(?<![a-z])(?:{alternation(data['year_comparison_just_before_en'])}))\s+\Z"
            ),
            joiners=frozenset(data["year_joiners"]),
            join_max_gap=int(data["year_join_max_gap"]),
            lead_in=re.compile(
                rf"(?i)(?:\s*\w{{1,12}}\s*[:：])?"  # a label (Summary: In 2009, …; 摘要：2009年…)
                rf"(?:\W|\d{{1,2}}(?:st|nd|rd|th)?\b|(?<![a-z])(?:{lead_words})(?![a-z]))*"
            ),
            commitment=_cues(data["commitment_year_cues"]),
            signing=_cues(data["signing_year_cues"]),
            aid_agreement=_cues(data["aid_agreement_cues"]),
            later=_cues(data["later_event_cues"]),
            background=_cues(data["background_cues"]),
            not_later=_cues(data["later_event_exceptions"]),
            later_window=int(data["later_window"]),
            start=_cues(data["start_event_cues"]),
            later_just_before=re.compile(
                _word_at_end(data["later_just_before"], _date_filler()).pattern
                + rf"|(?:{alternation(data['later_just_before_zh'])})\s*\Z"
            ),
            timestamp=re.compile(data.get("timestamp") or "(?!)"),
            delivery=_cues(data["delivery_cues_after"]),
            delivery_window=int(data["delivery_window"]),
            pledge=_cues(data["pledge_cues"]),
            month_date=re.compile(
                rf"{data['month_date_zh']}|(?i:(?<![a-z])(?:{alternation(month_names_en())})(?<=\.|[a-z])\s+[0-9]{{1,2}}\b(?!,?\s*[0-9]{{4}}))"
            ),
            dateline_after=re.compile(data.get("dateline_after") or "(?!)"),
            month_date_later=_cues({"en": data["later_event_cues"]["en"], "zh": data["month_date_later_zh"]}),
            topic_after=re.compile(data["topic_year_after"]),
            topic_min_rest=int(data["topic_year_min_rest"]),
            change_to=_cues(data["change_to_cues"]),
            share_opener=_cues(data["share_opener_cues"]),
            report_determiner=_word_at_end(data["report_determiners_en"], _date_filler()),
            report_noun_after=re.compile(rf"(?i)[ \t]+(?:[a-z]+[ \t]+)?(?:{nouns})(?![a-z])"),
            report_noun_before=_word_at_end(data["report_nouns_before_en"], r"[ \t]+"),
            report_noun_after_zh=re.compile(rf"的?(?:{alternation(data['report_nouns_zh'])})"),
        )
    except (KeyError, ValueError, TypeError, re.error) as exc:
        raise ValueError(f"resources/rules/years.json is malformed: {exc}") from exc
