"""Year and period mentions (kind YEAR), resolved against the publication date.

Words and tables live in ``resources/rules/time.json``; this module holds the mechanism. Each
mention has ``data`` = {"start", "end", "estimated", "relative", "source"} with ``source`` one of
``explicit`` · ``relative`` · ``plan`` · ``duration`` · ``since``, plus extras where they apply:
``offset`` (relative words), ``plan`` (``十四五``), ``years`` (duration length; ``at_least`` for
``十多年``), ``date`` (``2025-12-23``).

Forms and rules:

* explicit years ``2024年``, ``2024 年``, ``二〇二四年``, ``2024年度``; ranges ``2014年至2016年``,
  ``2014—2016年``, ``2014-2016``, ``2023-24`` (two-digit end 1–10 years later), ``from 2021 to 2025``,
  ``between 2021 and 2025``; dates ``2025年12月23日``, ``2025-12-23`` (the year is kept).
* a four-digit number is a year only in 1950–2100 and when it is followed by ``年``, part of a range
  or date, after ``since``/``自``/``从``, or stands alone in English text: no CJK character next to it,
  no amount word (``yuan``, ``households``…) after it, no digit group around it. So ``2024万元`` and
  ``138 2024 5678`` are not years; ``近2000年`` is not one either.
* ``since 2010`` / ``2010年以来`` / ``自2010年``: start 2010, end = publication year.
* relative ``今年 去年 明年 前年 this year last year next year``: publication year + ``offset``
  (start/end None without a publication date).
* five-year plans ``十四五`` 2021–2025 (``第十四个五年规划``, ``the 14th Five-Year Plan``);
  ``"十四五"以来`` = since 2021, end = publication year.
* durations ``三年来``, ``近五年``, ``over the past three years``: end = publication year,
  start = end − n + 1 (``三年来`` published 2025 → 2023–2025: the current year counts as one of the
  three), estimated. ``未来五年`` / ``over the next five years``: publication year + 1 … + n. Vague
  ``近年来`` / ``in recent years``: end = publication year, start None.
* ``三年间`` / ``these three years`` name again the last explicit period when it is as long
  (``2016年至2018年 … 三年间`` → 2016–2018); otherwise they are no mention.
* ``未来`` / ``in the future``: only with a five-year plan in the same sentence. It takes the nearest
  plan there that ends after the publication year, else the plan holding the year after publication
  (``按"十四五"资金…测算，未来将投入`` published 2025 → 十五五 2026–2030); always estimated.

Overlapping hits: the leftmost, then the longest, wins. Scanning is trigger-driven (four-digit runs,
``年``, ``五``, an Aho-Corasick pass for the words) so that it stays fast on long texts.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from aidcurator.domain import Mention, MentionKind
from aidcurator.extract.fastre import alternation
from aidcurator.extract.places import squeeze_cjk_gaps
from aidcurator.resources import resource_path

__all__ = ["find_times"]

_RULES_FILE = ("rules", "time.json")
_QUOTES_CLOSE = "”\"」』’'"
_SENTENCE_END = re.compile(r"[。！？!?；;\n]|\.(?=\s)")
_FOUR_DIGITS = re.compile(r"\d\d{3}")  # (\d{4} opens with a repeat: no first-character skip in C)
_NIAN = re.compile("年")
_NEXT_WORD = re.compile(r"[A-Za-z$%’'-]+")
_PREV_WORD = re.compile(r"([A-Za-z$#.]+)\W*$")
_PREFIX_WORD = re.compile(r"(?<![A-Za-z])([A-Za-z]+)-?\Z")
_ZH_PLAN = re.compile("十[一二三四五六七八九]五")
_ZH_PLAN_LONG = re.compile("个五年(?:规划|计划)")
_EN_PLAN = re.compile(r"[Ff]ive[-\s][Yy]ear\s+[Pp]lan")
_EN_PLAN_TAIL = re.compile(r"(?:\s*\(\s*\d{4}\s*[-–—]\s*\d{2,4}\s*\))?(?:\s+period\b)?", re.IGNORECASE)
_EN_DURATION = re.compile(
    r"[Tt]he\s+(past|last|next|coming)\s+(?:(\d{1,2}|[a-z]+(?: [a-z]+)?)\s+)?(years?|decades?)\b"
)
_DATE_ZH = re.compile(r"\d{4}\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?")
_DATE_ISO = re.compile(r"\d{4}([-/.])(\d{1,2})\1(\d{1,2})(?!\d)")
_YEAR_ZH = re.compile(r"\d{4}\s*年(度)?")

# priorities: lower wins when two candidates have the same span
_P_PLAN_SINCE, _P_RANGE, _P_SINCE, _P_DATE, _P_YEAR, _P_PLAN, _P_DURATION, _P_RELATIVE, _P_BARE = range(9)


@dataclass(frozen=True, slots=True)
class _Rules:
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
    since_words_en: frozenset[str]
    since_suffixes_zh: tuple[str, ...]
    dash_separators: frozenset[str]
    duration_prefixes_zh: tuple[str, ...]
    future_prefixes_zh: tuple[str, ...]
    duration_suffixes_zh: tuple[str, ...]
    more_words_zh: frozenset[str]
    duration_prefixes_en: frozenset[str]
    re_prefix: re.Pattern[str]
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


def _zh_number(s: str, digits: dict[str, int]) -> int | None:
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
    return tuple(_rules().month_in_dates_en)


@cache
def _rules() -> _Rules:
    where = "/".join(_RULES_FILE)
    with resource_path(*_RULES_FILE).open(encoding="utf-8") as fh:
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
        ordinal = _zh_number(name[:-1], zh_digits) if name.endswith("五") else None
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
    re_month_tail = re.compile(rf"[\w.]|,?\s*\d|\s+of\s+(?:\d|{same_year}\b)")
    names = alternation(in_dates)
    day = r"(\d{1,2})(?:st|nd|rd|th)?"
    days = rf"{day}(?:\s*(?:[-–—&]|and)\s*\d{{1,2}}(?:st|nd|rd|th)?)?"  # July 4 and 5 2005: the first day
    re_month_day_en = re.compile(rf"(?i)(?<![\w.])(?:{names})\s*{days}\s*,?\s*\Z")
    return _Rules(
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
        since_words_en=frozenset(since_en),
        since_suffixes_zh=tuple(sorted(raw["since_suffixes_zh"], key=len, reverse=True)),
        dash_separators=frozenset(s for s in sep_zh if not "\u4e00" <= s[0] <= "\u9fff"),
        duration_prefixes_zh=tuple(sorted(raw["duration_prefixes_zh"], key=len, reverse=True)),
        future_prefixes_zh=tuple(sorted(raw["future_duration_prefixes_zh"], key=len, reverse=True)),
        duration_suffixes_zh=tuple(sorted(raw["duration_suffixes_zh"], key=len, reverse=True)),
        more_words_zh=frozenset(raw["duration_more_words_zh"]),
        duration_prefixes_en=frozenset(w.lower() for w in raw["duration_prefixes_en"]),
        re_prefix=re_prefix,
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


def _is_word_char(c: str) -> bool:
    """A character that continues a Latin word (letters and digits, not CJK)."""
    return c.isalnum() and ord(c) < 0x2E80


def _is_regex_word_char(c: str) -> bool:
    """A character ``\\w`` matches (letters and digits of any script, and ``_``)."""
    return c.isalnum() or c == "_"


def _is_cjk(c: str) -> bool:
    return "\u2e80" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\uff00" <= c <= "\uffef"


def _data(
    start: int | None,
    end: int | None,
    source: str,
    *,
    estimated: bool = False,
    relative: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "start": start,
        "end": end,
        "estimated": estimated,
        "relative": relative,
        "source": source,
    }
    data.update(extra)
    return data


class _Collector:
    """Candidate spans with their data; ``select`` keeps the leftmost-longest non-overlapping ones."""

    def __init__(self) -> None:
        self.items: list[tuple[int, int, int, dict[str, Any]]] = []

    def add(self, start: int, end: int, prio: int, data: dict[str, Any]) -> None:
        self.items.append((start, end, prio, data))

    def select(self) -> list[tuple[int, int, int, dict[str, Any]]]:
        self.items.sort(key=lambda it: (it[0], it[0] - it[1], it[2]))
        out: list[tuple[int, int, int, dict[str, Any]]] = []
        last_end = -1
        for item in self.items:
            if item[0] >= last_end:
                out.append(item)
                last_end = item[1]
        return out


class _Scanner:
    """One pass over one text; the ``scan_*`` methods add candidates to ``col``."""

    def __init__(self, text: str, rules: _Rules, pub: int | None) -> None:
        self.text, self.rules, self.pub = text, rules, pub
        self.col = _Collector()
        self.plans: list[tuple[int, str]] = []

    def valid(self, year: int) -> bool:
        return self.rules.year_min <= year <= self.rules.year_max

    # -- four-digit numbers ---------------------------------------------------------------
    def scan_digits(self) -> None:
        text, n = self.text, len(self.text)
        for m in _FOUR_DIGITS.finditer(text):
            p, q = m.span()
            if q < n and text[q].isdigit():
                continue
            if p and (text[p - 1].isdigit() or text[p - 1] in ".," or text[p - 1].isspace()):
                if self._month_day_en(p, q):  # July 17 2009, February 23,2005
                    continue
                if (
                    text[p - 1].isdigit()
                    or (text[p - 1] == "." and not _is_cjk(text[p - 2 : p - 1]))
                    or (text[p - 1] == "," and text[p - 2 : p - 1].isdigit())
                ):  # 1,2024 or 3.2024 is a number; 获悉,2019年 and 该州(zhōu),2017年 (a half-width comma) are not
                    continue
            year = int(m.group())
            if not self.valid(year):
                continue
            pre = self.rules.re_prefix.search(text, max(0, p - 12), p)
            pre_word = (pre.group("en") or pre.group("zh")).lower() if pre else None
            found = self._date(p) or False
            found = self._range(p, year, pre, pre_word) or found
            found = self._year_zh(p, year, pre, pre_word) or found
            if pre is not None and pre_word in self.rules.since_words_en:
                self.col.add(pre.start(), q, _P_SINCE, self._since(year))
                found = True
            if not found:
                self._bare(p, q, year)

    def _since(self, year: int, **extra: Any) -> dict[str, Any]:
        end = self.pub if self.pub is not None and self.pub >= year else None
        return _data(year, end, "since", relative=True, **extra)

    def _month_day_en(self, p: int, q: int) -> bool:
        """An English date whose day runs into the year (``July 17 2009``, ``February 23,2005``)."""
        text = self.text
        if not text[p - 1 : p].isspace() and text[p - 1 : p] != ",":
            return False
        m = self.rules.re_month_day_en.search(text, max(0, p - 26), p)
        if m is None:
            return False
        year = int(text[p:q])
        month = self.rules.month_in_dates_en.get(text[m.start() : m.start(1)].strip().lower())
        if month is None or not self.valid(year):
            return False
        try:
            iso = dt.date(year, month, int(m.group(1))).isoformat()
        except ValueError:
            return False
        self.col.add(p, q, _P_DATE, _data(year, year, "explicit", date=iso))
        return True

    def _date(self, p: int) -> bool:
        m = _DATE_ZH.match(self.text, p)
        if m:
            month, day = int(m.group(1)), m.group(2)
        else:
            m = _DATE_ISO.match(self.text, p)
            if not m:
                return False
            month, day = int(m.group(2)), m.group(3)
        year = int(self.text[p : p + 4])
        if not 1 <= month <= 12:
            return False
        if day is not None:
            try:
                iso = dt.date(year, month, int(day)).isoformat()
            except ValueError:
                return False
        else:
            iso = f"{year:04d}-{month:02d}"
        self.col.add(p, m.end(), _P_DATE, _data(year, year, "explicit", date=iso))
        return True

    def _range(self, p: int, year: int, pre: re.Match[str] | None, pre_word: str | None) -> bool:
        m = self.rules.re_range.match(self.text, p)
        if not m:
            return False
        sep, b_text = m.group("sep").lower(), m.group("b")
        if len(b_text) == 2:
            if sep not in self.rules.dash_separators or m.group("ya"):
                return False
            end = year // 100 * 100 + int(b_text)
            if end <= year:
                end += 100
            if not 1 <= end - year <= self.rules.short_range_max:
                return False
        else:
            end = int(b_text)
            if not (self.valid(end) and 0 < end - year <= self.rules.range_max):
                return False
        if sep == "and" and pre_word != "between":
            return False
        start = pre.start() if pre is not None and pre_word in self.rules.range_prefixes else p
        self.col.add(start, m.end(), _P_RANGE, _data(year, end, "explicit"))
        return True

    def _year_zh(self, p: int, year: int, pre: re.Match[str] | None, pre_word: str | None) -> bool:
        text = self.text
        since_prefix = pre is not None and pre_word in self.rules.since_prefixes_zh
        m = self.rules.re_since_zh.match(text, p)
        if m:
            self.col.add(
                pre.start() if pre is not None and since_prefix else p, m.end(), _P_SINCE, self._since(year)
            )
            return True
        m = _YEAR_ZH.match(text, p)
        if not m or text.startswith("代", m.end()):
            return False
        if since_prefix and pre is not None:
            self.col.add(pre.start(), m.end(), _P_SINCE, self._since(year))
        elif not any(text.endswith(w, 0, p) for w in self.rules.not_before) or any(
            text.endswith(w, 0, p)
            for w in self.rules.not_before_exceptions  # 签约2024年度项目
        ):
            self.col.add(p, m.end(), _P_YEAR, _data(year, year, "explicit"))
        return True

    def _prefixed(self, p: int) -> bool:
        """Whether a word that may stick to a year stands right before ``p`` (``mid-2001``, ``FY2010``)."""
        m = _PREFIX_WORD.search(self.text, max(0, p - 8), p)
        return m is not None and m.group(1).lower() in self.rules.year_prefix_words_en

    def _bare(self, p: int, q: int, year: int) -> None:
        text, n, rules = self.text, len(self.text), self.rules
        if p and (text[p - 1].isalnum() or text[p - 1] in "$¥€£/#:+-") and not self._prefixed(p):
            return
        if text.startswith(("'s", "’s"), q):  # the 1960's: a decade
            return
        if q < n and (
            text[q].isalnum() or text[q] == "%" or (text[q] in ".,/:-" and text[q + 1 : q + 2].isdigit())
        ):
            return
        i = p - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        if i >= 0 and (_is_cjk(text[i]) or (text[i].isdigit() and i < p - 1)):
            return
        j = q
        while j < n and text[j] in " \t":
            j += 1
        if j < n and (_is_cjk(text[j]) or (text[j].isdigit() and j > q)):
            return
        following = _NEXT_WORD.match(text, j, min(n, j + 16)) if j < n else None
        if following and following.group().lower().rstrip("s'’") in rules.not_after_words_en:
            return
        preceding = _PREV_WORD.search(text, max(0, p - 12), p)
        if preceding and preceding.group(1).lower().rstrip(".") in rules.not_before_words_en:
            return
        self.col.add(p, q, _P_BARE, _data(year, year, "explicit"))

    # -- 年: Chinese-numeral years and durations ----------------------------------------------
    def scan_nian(self) -> None:
        text, rules = self.text, self.rules
        for m in _NIAN.finditer(text):
            i = m.start()
            head = text[max(0, i - 4) : i]
            if len(head) == 4 and all(c in rules.year_digits for c in head):
                year = int("".join(str(rules.zh_digits[c]) for c in head))
                if self.valid(year) and not text.startswith("代", i + 1):
                    suffix = next((w for w in rules.since_suffixes_zh if text.startswith(w, i + 1)), None)
                    if suffix is not None:
                        self.col.add(i - 4, i + 1 + len(suffix), _P_SINCE, self._since(year))
                    else:
                        self.col.add(i - 4, i + 1, _P_YEAR, _data(year, year, "explicit"))
                continue
            self._duration_zh(i)

    def _duration_zh(self, i: int) -> None:
        text, rules = self.text, self.rules
        k = i
        if k and text[k - 1] == "个":
            k -= 1
        more = bool(k and text[k - 1] in rules.more_words_zh)
        if more:
            k -= 1
        j = k
        if j and text[j - 1].isdigit():
            while j > k - 2 and j and text[j - 1].isdigit():
                j -= 1
            if j and text[j - 1].isdigit():
                return
        else:
            while j > k - 3 and j and text[j - 1] in rules.duration_numerals:
                j -= 1
        if j == k:
            return
        years = _zh_number(text[j:k], rules.zh_digits)
        if not years or years > 50:
            return
        for prefix in rules.future_prefixes_zh:
            if text.endswith(prefix, 0, j):
                self.col.add(j - len(prefix), i + 1, _P_DURATION, self._duration(years, future=True))
                return
        start = j
        for prefix in rules.duration_prefixes_zh:
            if text.endswith(prefix, 0, j):
                start = j - len(prefix)
                break
        end = i + 1
        for suffix in rules.duration_suffixes_zh:
            if text.startswith(suffix, end):
                end += len(suffix)
                break
        if start < j or end > i + 1:
            self.col.add(start, end, _P_DURATION, self._duration(years, more=more))

    def _duration(self, years: int | None, *, future: bool = False, more: bool = False) -> dict[str, Any]:
        pub = self.pub
        if pub is None:
            start = end = None
        elif future:
            start, end = pub + 1, (pub + years if years else None)
        else:
            start, end = (pub - years + 1 if years else None), pub
        extra: dict[str, Any] = {"years": years}
        if more:
            extra["at_least"] = True
        return _data(start, end, "duration", estimated=True, relative=True, **extra)

    # -- five-year plans ------------------------------------------------------------------
    def scan_plans(self) -> None:
        text, rules, n = self.text, self.rules, len(self.text)
        numerals = "一二三四五六七八九十"
        for m in _ZH_PLAN.finditer(text):
            p, q = m.span()
            name = m.group()
            if name not in rules.plans or (p and text[p - 1] in numerals) or (q < n and text[q] in numerals):
                continue
            self._plan(p, q, name, since_from=q)
        for m in _ZH_PLAN_LONG.finditer(text):
            j = m.start()
            while j > m.start() - 3 and j and text[j - 1] in rules.duration_numerals:
                j -= 1
            ordinal = _zh_number(text[j : m.start()], rules.zh_digits) if j < m.start() else None
            if ordinal not in rules.plan_by_ordinal:
                continue
            start = j - 1 if j and text[j - 1] == "第" else j
            self._plan(start, m.end(), rules.plan_by_ordinal[ordinal], since_from=m.end())
        for m in _EN_PLAN.finditer(text):
            head = rules.re_en_ordinal.search(text, max(0, m.start() - 24), m.start())
            if head is None:
                continue
            tail = _EN_PLAN_TAIL.match(text, m.end())
            end = tail.end() if tail else m.end()
            self._plan(head.start(), end, rules.plan_ordinals_en[head.group(1).lower()], since_from=None)

    def _plan(self, start: int, end: int, name: str, since_from: int | None) -> None:
        first, last = self.rules.plans[name]
        self.plans.append((start, name))
        if since_from is not None:
            k = since_from
            if k < len(self.text) and self.text[k] in _QUOTES_CLOSE:
                k += 1
            for word in self.rules.plan_since:
                if self.text.startswith(word, k):
                    self.col.add(start, k + len(word), _P_PLAN_SINCE, self._since(first, plan=name))
                    return
        self.col.add(start, end, _P_PLAN, _data(first, last, "plan", plan=name))

    # -- words ----------------------------------------------------------------------------
    def scan_words(self, low: str) -> None:
        text, rules, n = self.text, self.rules, len(self.text)
        for last, word in rules.words.iter(low):
            p, q = last - len(word) + 1, last + 1
            if word.isascii() and ((p and _is_word_char(low[p - 1])) or (q < n and _is_word_char(low[q]))):
                continue
            before = text[p - 1] if p else ""
            after = text[q] if q < n else ""
            if (before and before in rules.block_prev.get(word, "")) or (
                after and after in rules.block_next.get(word, "")
            ):
                continue
            if word in rules.relative:
                lo, hi = rules.relative[word]
                pub = self.pub
                start, end = (pub + lo, pub + hi) if pub is not None else (None, None)
                self.col.add(p, q, _P_RELATIVE, _data(start, end, "relative", relative=True, offset=lo))
            elif word in rules.anaphoric:  # resolved once every mention is known
                self.col.add(p, q, _P_RELATIVE, _data(None, None, "anaphoric", offset=rules.anaphoric[word]))
            elif word in rules.vague:
                self.col.add(p, q, _P_DURATION, self._duration(None))
            else:
                name = self._future_plan(p)
                if name is not None:
                    first, last_year = rules.plans[name]
                    self.col.add(
                        p,
                        q,
                        _P_PLAN,
                        _data(first, last_year, "plan", estimated=True, relative=True, plan=name),
                    )

    def _future_plan(self, pos: int) -> str | None:
        """The plan a 'future' word at ``pos`` refers to (see the module docstring)."""
        text = self.text
        lo = 0
        for m in _SENTENCE_END.finditer(text, max(0, pos - 400), pos):
            lo = m.end()
        m = _SENTENCE_END.search(text, pos)
        hi = m.end() if m else len(text)
        here = sorted((abs(s - pos), name) for s, name in self.plans if lo <= s < hi)
        if not here:
            return None
        if self.pub is None:
            return here[0][1]
        for _, name in here:
            if self.rules.plans[name][1] > self.pub:
                return name
        for name, (first, last) in self.rules.plans.items():
            if first <= self.pub + 1 <= last:
                return name
        return None

    def scan_periods_back(self, low: str) -> None:
        """三年间, these three years: the period just named, resolved in :func:`find_times`. Found from
        their last word (年间, years), then read backwards; ``low`` is the text lower-cased."""
        text, rules = self.text, self.rules
        found: list[tuple[int, int, int | None]] = []
        for suffix in rules.period_back_suffixes_zh:
            i = text.find(suffix)
            while i >= 0:
                m = rules.re_period_back_zh.search(text, max(0, i - 3), i)
                if m is not None:
                    found.append((m.start(), i + len(suffix), _zh_number(m.group(1), rules.zh_digits)))
                i = text.find(suffix, i + 1)
        i = low.find("years")
        while i >= 0:
            m = rules.re_period_back_en.search(low, max(0, i - 24), i)
            if m is not None and not low[i + 5 : i + 6].isalnum():
                word = m.group(1)
                found.append((m.start(), i + 5, int(word) if word.isdigit() else rules.en_numbers.get(word)))
            i = low.find("years", i + 1)
        for start, end, years in found:
            if years and years > 1:
                self.col.add(start, end, _P_DURATION, _data(None, None, "period_back", years=years))

    def scan_en_durations(self) -> None:
        text, rules = self.text, self.rules
        for m in _EN_DURATION.finditer(text):
            if m.start() and text[m.start() - 1].isalnum():
                continue
            direction, num, unit = m.group(1), (m.group(2) or "").lower(), m.group(3).lower()
            pre = re.search(r"\b(\w+)\s+$", text[max(0, m.start() - 12) : m.start()])
            has_prefix = pre is not None and pre.group(1).lower() in rules.duration_prefixes_en
            if not num and not has_prefix:
                continue
            if num.isdigit():
                years: int | None = int(num)
            elif num:
                if num not in rules.en_numbers:
                    continue
                years = rules.en_numbers[num]
            else:
                years = 1
            if years is not None and unit.startswith("decade"):
                years *= 10
            start = m.start() - len(pre.group(0)) if has_prefix and pre is not None else m.start()
            self.col.add(
                start, m.end(), _P_DURATION, self._duration(years, future=direction in ("next", "coming"))
            )


def _scan_months(text: str, rules: _Rules, published: dt.date, col: _Collector) -> None:
    """``this month`` / ``上月`` / ``in April``: the year of that month, counted from publication.

    ``text`` is lower-cased. Month words are found by the automaton (fast on long text); a month
    name counts only after a prefix (``in``, ``since``…) and not before a day or year.
    """
    n = len(text)
    taken = 0
    for last, (word, kind) in rules.months.iter(text):
        p, q = last - len(word) + 1, last + 1
        if p < taken:
            continue
        if kind == "relative":
            if word.isascii() and (
                (p and _is_regex_word_char(text[p - 1])) or (q < n and _is_regex_word_char(text[q]))
            ):
                continue
            months = published.year * 12 + published.month - 1 + rules.relative_months[word]
            year, estimated, start = months // 12, False, p
        else:
            if q < n and rules.re_month_tail.match(text, q):
                continue
            prefix = rules.re_month_prefix.search(text, max(0, p - 16), p)
            if prefix is None:
                continue
            month = rules.month_names_en[word]
            year = published.year if month <= published.month else published.year - 1
            estimated, start = True, prefix.start()
        col.add(start, q, _P_RELATIVE, _data(year, year, "relative", estimated=estimated, relative=True))
        taken = q


def find_times(text: str, published: dt.date | None) -> list[Mention]:
    """All year and period mentions in ``text`` (kind YEAR), in text order."""
    if not text:
        return []
    original, squeezed = text, squeeze_cjk_gaps(text)
    text = squeezed.text
    scanner = _Scanner(text, _rules(), published.year if published is not None else None)
    scanner.scan_digits()
    scanner.scan_nian()
    scanner.scan_plans()
    scanner.scan_en_durations()
    low = text.lower()
    scanner.scan_periods_back(low if len(low) == len(text) else text)
    scanner.scan_words(low if len(low) == len(text) else text)
    if published is not None:
        _scan_months(low if len(low) == len(text) else text.lower(), scanner.rules, published, scanner.col)
    mentions = []
    last_explicit: dict[str, Any] | None = None
    for s, e, _, data in scanner.col.select():
        if data["source"] == "anaphoric":  # the following year: counted from the last explicit year
            if last_explicit is not None:
                base = last_explicit["end"] if data["offset"] > 0 else last_explicit["start"]
            elif scanner.pub is not None:  # none named yet: counted from publication, a guess
                base, data["relative"], data["estimated"] = scanner.pub, True, True
            else:
                continue
            data["start"] = data["end"] = base + data["offset"]
        if data["source"] == "period_back":  # 2016年至2018年 … 三年间: the period just named, as long
            if last_explicit is None or last_explicit["end"] - last_explicit["start"] + 1 != data["years"]:
                continue
            data["start"], data["end"] = last_explicit["start"], last_explicit["end"]
        if data["source"] in ("explicit", "anaphoric"):
            last_explicit = data
        start, end = squeezed.start(s), squeezed.end(e)
        mentions.append(
            Mention(kind=MentionKind.YEAR, start=start, end=end, text=original[start:end], data=data)
        )
    return mentions
