"""The time rules (``resources/rules/time.json``) as a table, the patterns the year scans share,
and the character tests they use."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from aidcurator.extract.fastre import alternation
from aidcurator.resources import resource_path

RULES_FILE = ("rules", "time.json")
QUOTES_CLOSE = "”\"」』’'"
SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?=\s)")
FOUR_DIGITS = re.compile(r"\d\d{3}")  # (\d{4} opens with a repeat: no first-character skip in C)
NIAN = re.compile("年")
NEXT_WORD = re.compile(r"[A-Za-z$%’'-]+")
PREV_WORD = re.compile(r"([A-Za-z$#.]+)\W*$")
PREFIX_WORD = re.compile(r"(?<![A-Za-z])([A-Za-z]+)-?\Z")
ZH_PLAN = re.compile("十[一二三四五六七八九]五")
ZH_PLAN_LONG = re.compile("个五年(?:规划|计划)")
EN_PLAN = re.compile(r"[Ff]ive[-\s][Yy]ear\s+[Pp]lan")
EN_PLAN_TAIL = re.compile(r"(?:\s*\(\s*\d{4}\s*[-–—]\s*\d{2,4}\s*\))?(?:\s+period\b)?", re.IGNORECASE)
EN_DURATION = re.compile(
    r"[Tt]he\s+(past|last|next|coming)\s+(?:(\d{1,2}|[a-z]+(?: [a-z]+)?)\s+)?(years?|decades?)\b"
)
# where EN_PLAN and EN_DURATION can match, one character after their start: each opens with a literal
# (ive, he), which the regex engine looks for much faster than a class of two letters (see find_led)
EN_PLAN_AT = re.compile(r"ive(?<=[Ff]ive)[-\s][Yy]ear")
EN_DURATION_AT = re.compile(r"he(?<=[Tt]he)\s+(?:past|last|next|coming)\s")


def find_led(pattern: re.Pattern[str], lead: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """``pattern.finditer(text)`` where ``lead`` finds, one character after their start, every place a
    match of ``pattern`` can start (its hits cannot overlap one another)."""
    found = []
    last = 0
    for hit in lead.finditer(text):
        start = hit.start() - 1
        if start >= last and (match := pattern.match(text, start)) is not None:
            found.append(match)
            last = match.end()
    return found


DATE_ZH = re.compile(r"\d{4}\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?")
DATE_ISO = re.compile(r"\d{4}([-/.])(\d{1,2})\1(\d{1,2})(?!\d)")
YEAR_ZH = re.compile(r"\d{4}\s*年(度)?")
# priorities: lower wins when two candidates have the same span
P_PLAN_SINCE, P_RANGE, P_SINCE, P_DATE, P_YEAR, P_PLAN, P_DURATION, P_RELATIVE, P_BARE = range(9)


@dataclass(frozen=True, slots=True)
class TimeRules:
    year_min: int
    year_max: int
    range_max: int
    short_range_max: int
    relative: dict[str, tuple[int, int]]
    anaphoric: dict[str, int]  # "the following year": 1, counted from the last explicit year
    vague: frozenset[str]
    future: frozenset[str]
    block_prev: dict[str, str]
    block_next: dict[str, str]
    plans: dict[str, tuple[int, int]]
    plan_by_ordinal: dict[int, str]
    plan_ordinals_en: dict[str, str]
    plan_since: tuple[str, ...]
    zh_digits: dict[str, int]
    year_digits: frozenset[str]
    duration_numerals: frozenset[str]
    en_numbers: dict[str, int | None]
    not_before: tuple[str, ...]
    not_before_exceptions: tuple[str, ...]
    not_before_words_en: frozenset[str]
    year_prefix_words_en: frozenset[str]  # mid-2001, FY2010
    not_after_words_en: frozenset[str]
    range_prefixes: frozenset[str]
    since_prefixes_zh: frozenset[str]
    since_prefix_not_before_zh: tuple[str, ...]  # 从2015年的800万元: a year, not a start
    since_words_en: frozenset[str]
    since_suffixes_zh: tuple[str, ...]
    dash_separators: frozenset[str]
    duration_prefixes_zh: tuple[str, ...]
    future_prefixes_zh: tuple[str, ...]
    duration_suffixes_zh: tuple[str, ...]
    more_words_zh: frozenset[str]
    superlative_after_zh: tuple[str, ...]  # 十年来最大: a record, not a period
    duration_prefixes_en: frozenset[str]
    re_prefix: re.Pattern[str]
    prefix_lasts_zh: frozenset[str]  # what the Chinese words of re_prefix end with, in any case
    # what can follow four digits where a date, a range or 年 continues them (white space aside): 年,
    # the date separators and the first characters of the range separators, in any case
    year_follows: frozenset[str]
    re_range: re.Pattern[str]
    re_since_zh: re.Pattern[str]
    re_en_ordinal: re.Pattern[str]
    period_back_suffixes_zh: tuple[str, ...]  # 三年间, 三年里: the period just named
    re_period_back_zh: re.Pattern[str]
    re_period_back_en: re.Pattern[str]  # these three years
    words: Any  # ahocorasick.Automaton over lower-cased words
    relative_months: dict[str, int]
    month_names_en: dict[str, int]
    month_in_dates_en: dict[str, int]  # month names and the abbreviations used only in dates (Dec 12 2014)
    months: Any  # ahocorasick.Automaton: relative month words and month names, lower-cased
    re_month_prefix: re.Pattern[str]  # "in " / "since " ending where a month name starts
    re_month_tail: re.Pattern[str]  # what may not follow a month name: a letter, or a day or year
    re_month_day_en: re.Pattern[str]  # "July 17 " / "February 23," ending where a year starts


def zh_number(s: str, digits: dict[str, int]) -> int | None:
    """Value of a numeral below 100 (三, 十, 十五, 二十, 二十五, or Arabic digits)."""
    if s.isdigit():
        return int(s)
    if "十" in s:
        head, _, tail = s.partition("十")
        if len(head) > 1 or len(tail) > 1 or (head and head not in digits) or (tail and tail not in digits):
            return None
        return (digits[head] if head else 1) * 10 + (digits[tail] if tail else 0)
    if len(s) == 1 and s in digits:
        return digits[s]
    return None


def month_names_en() -> tuple[str, ...]:
    """English month names and abbreviations of the time rules (lower case, ``sept.`` with its dot;
    ``dec`` without one, which names a month only in a date)."""
    return tuple(load_time_rules().month_in_dates_en)


@cache
def load_time_rules() -> TimeRules:
    """The time rules of ``resources/rules/time.json`` as a table, read once."""
    where = "/".join(RULES_FILE)
    with resource_path(*RULES_FILE).open(encoding="utf-8") as fh:
        raw: dict[str, Any] = json.load(fh)
    try:
        zh_digits = {k: int(v) for k, v in raw["zh_digits"].items()}
        plans = {k: (int(v[0]), int(v[1])) for k, v in raw["plans"].items()}
        relative = {k.lower(): (int(v[0]), int(v[1])) for k, v in raw["relative"].items()}
        anaphoric = {k.lower(): int(v) for k, v in raw["anaphoric_years"].items()}
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise ValueError(f"{where}: malformed rule table ({exc})") from exc
    plan_by_ordinal: dict[int, str] = {}
    for name in plans:
        ordinal = zh_number(name[:-1], zh_digits) if name.endswith("五") else None
        if ordinal is None:
            raise ValueError(f"{where}: plan name {name!r} must be a numeral followed by 五")
        plan_by_ordinal[ordinal] = name
    for en, name in raw["plan_ordinals_en"].items():
        if name not in plans:
            raise ValueError(f"{where}: plan_ordinals_en[{en!r}] names unknown plan {name!r}")

    vague = frozenset(w.lower() for w in raw["vague_durations"])
    future = frozenset(w.lower() for w in raw["future_words"])
    words = ahocorasick.Automaton()
    for word in set(relative) | set(anaphoric) | vague | future:
        words.add_word(word, word)
    words.make_automaton()

    sep_zh, sep_en = list(raw["range_separators_zh"]), [s.lower() for s in raw["range_separators_en"]]
    range_prefixes = [*raw["range_prefixes_zh"], *raw["range_prefixes_en"]]
    since_en = [w.lower() for w in raw["since_words_en"]]
    latin_prefixes = [w for w in [*range_prefixes, *since_en] if w.isascii()]
    zh_prefixes = [w for w in [*range_prefixes, *raw["since_prefixes_zh"]] if not w.isascii()]
    re_prefix = re.compile(
        rf"(?:\b(?P<en>{alternation(latin_prefixes)})\s+|(?P<zh>{alternation(zh_prefixes)})\s*)$",
        re.IGNORECASE,
    )
    re_range = re.compile(
        rf"\d{{4}}(?P<ya>\s*年)?\s*(?P<sep>{alternation(sep_zh)}|(?:{alternation(sep_en)})\b)\s*(?P<b>\d{{4}}|\d{{2}})(?!\d)(?P<yb>\s*年度?)?",
        re.IGNORECASE,
    )
    re_since_zh = re.compile(rf"\d{{4}}\s*年\s*(?:{alternation(raw['since_suffixes_zh'])})")
    numerals_zh = "".join(k for k in zh_digits if k not in "〇○零Ｏ")
    en_counts = alternation([k for k, v in raw["en_numbers"].items() if v])
    re_period_back_zh = re.compile(  # matched at the end of the text before 年间 / 年里
        rf"(?:{alternation(raw['period_back_prefixes_zh'])})?(?<![0-9])([{numerals_zh}]{{1,2}}|[0-9]{{1,2}})\Z"
    )
    re_period_back_en = re.compile(  # matched at the end of the text before "years"
        rf"(?i)\b(?:{alternation(raw['period_back_words_en'])})\s+({en_counts}|[0-9]{{1,2}})\s+\Z"
    )
    re_en_ordinal = re.compile(
        rf"(?:\b(?:the)\s+)?\b({alternation(raw['plan_ordinals_en'])})\s+$", re.IGNORECASE
    )
    try:
        relative_months = {k.lower(): int(v) for k, v in raw["relative_months"].items()}
        month_names = {k.lower(): int(v) for k, v in raw["month_names_en"].items()}
        in_dates = month_names | {k.lower(): int(v) for k, v in raw["month_abbreviations_en"].items()}
        month_prefixes = [w.lower() for w in raw["month_prefixes_en"]]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"{where}: malformed month tables ({exc})") from exc
    months = ahocorasick.Automaton()  # anchors of month phrases; a regex confirms each hit
    for word in relative_months:
        months.add_word(word, (word, "relative"))
    for word in month_names:
        months.add_word(word, (word, "name"))
    months.make_automaton()
    re_month_prefix = re.compile(rf"(?<!\w)(?:{alternation(month_prefixes)})[\s-]+\Z")
    same_year = alternation([k for k, v in anaphoric.items() if v == 0 and k.isascii()])
    # July 2008, July of 2008, March of the same year: the year says it
    re_month_tail = re.compile(rf"\w|\.\s*\d|,?\s*\d|\s+of\s+(?:\d|{same_year}\b)")
    names = alternation(in_dates)
    day = r"(\d{1,2})(?:st|nd|rd|th)?"
    days = rf"{day}(?:\s*(?:[-–—&]|and)\s*\d{{1,2}}(?:st|nd|rd|th)?)?"  # July 4 and 5 2005: the first day
    re_month_day_en = re.compile(rf"(?i)(?<![\w.])(?:{names})\s*{days}\s*,?\s*\Z")
    return TimeRules(
        year_min=int(raw["year_min"]),
        year_max=int(raw["year_max"]),
        range_max=int(raw["range_max_years"]),
        short_range_max=int(raw["short_range_max_years"]),
        relative=relative,
        anaphoric=anaphoric,
        vague=vague,
        future=future,
        block_prev=dict(raw["block_prev"]),
        block_next=dict(raw["block_next"]),
        plans=plans,
        plan_by_ordinal=plan_by_ordinal,
        plan_ordinals_en={k.lower(): v for k, v in raw["plan_ordinals_en"].items()},
        plan_since=tuple(raw["plan_since_words"]),
        zh_digits=zh_digits,
        year_digits=frozenset(k for k, v in zh_digits.items() if v < 10 and k != "两"),
        duration_numerals=frozenset(k for k, v in zh_digits.items() if v > 0),
        en_numbers={k.lower(): v for k, v in raw["en_numbers"].items()},
        not_before=tuple(raw["not_year_before"]),
        not_before_exceptions=tuple(raw["not_year_before_exceptions"]),
        not_before_words_en=frozenset(w.lower() for w in raw["not_year_before_words_en"]),
        year_prefix_words_en=frozenset(w.lower() for w in raw["year_prefix_words_en"]),
        not_after_words_en=frozenset(w.lower().rstrip("s'’") for w in raw["not_year_after_words_en"]),
        range_prefixes=frozenset(w.lower() for w in range_prefixes),
        since_prefixes_zh=frozenset(raw["since_prefixes_zh"]),
        since_prefix_not_before_zh=tuple(raw["since_prefix_not_before_zh"]),
        since_words_en=frozenset(since_en),
        since_suffixes_zh=tuple(sorted(raw["since_suffixes_zh"], key=len, reverse=True)),
        dash_separators=frozenset(s for s in sep_zh if not "\u4e00" <= s[0] <= "\u9fff"),
        duration_prefixes_zh=tuple(sorted(raw["duration_prefixes_zh"], key=len, reverse=True)),
        future_prefixes_zh=tuple(sorted(raw["future_duration_prefixes_zh"], key=len, reverse=True)),
        duration_suffixes_zh=tuple(sorted(raw["duration_suffixes_zh"], key=len, reverse=True)),
        more_words_zh=frozenset(raw["duration_more_words_zh"]),
        superlative_after_zh=tuple(raw["duration_superlative_after_zh"]),
        duration_prefixes_en=frozenset(w.lower() for w in raw["duration_prefixes_en"]),
        re_prefix=re_prefix,
        prefix_lasts_zh=_any_case(w[-1] for w in zh_prefixes),
        year_follows=_any_case(["年", "-", "/", ".", *(w[0] for w in [*sep_zh, *sep_en] if w)]),
        re_range=re_range,
        re_since_zh=re_since_zh,
        re_en_ordinal=re_en_ordinal,
        period_back_suffixes_zh=tuple(raw["period_back_suffixes_zh"]),
        re_period_back_zh=re_period_back_zh,
        re_period_back_en=re_period_back_en,
        words=words,
        relative_months=relative_months,
        month_names_en=month_names,
        month_in_dates_en=in_dates,
        months=months,
        re_month_prefix=re_month_prefix,
        re_month_tail=re_month_tail,
        re_month_day_en=re_month_day_en,
    )


def _any_case(chars: Iterable[str]) -> frozenset[str]:
    """``chars`` and every character ``re.IGNORECASE`` matches to one of them."""
    wanted = "".join(sorted(set(chars)))
    if not wanted:
        return frozenset()
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))
    return frozenset(re.findall(f"(?i)[{re.escape(wanted)}]", every)) | frozenset(wanted)


def is_word_char(c: str) -> bool:
    """A character that continues a Latin word (letters and digits, not CJK)."""
    return c.isalnum() and ord(c) < 0x2E80


def is_regex_word_char(c: str) -> bool:
    """A character ``\\w`` matches (letters and digits of any script, and ``_``)."""
    return c.isalnum() or c == "_"


def is_cjk(c: str) -> bool:
    """A CJK character (ideographs, compatibility ideographs, full-width forms)."""
    return "\u2e80" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\uff00" <= c <= "\uffef"
