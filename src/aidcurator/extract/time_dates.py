"""Year candidates (spans with their data, the leftmost-longest kept) and the first part of the year
scanner: four-digit numbers, dates, ranges and ``since``; month words (``scan_months``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from aidcurator.extract.time_rules import (
    DATE_ISO,
    DATE_ZH,
    FOUR_DIGITS,
    NEXT_WORD,
    P_BARE,
    P_DATE,
    P_RANGE,
    P_RELATIVE,
    P_SINCE,
    P_YEAR,
    PREFIX_WORD,
    PREV_WORD,
    YEAR_ZH,
    TimeRules,
    is_cjk,
    is_regex_word_char,
)


def time_data(
    start: int | None,
    end: int | None,
    source: str,
    *,
    estimated: bool = False,
    relative: bool = False,
    **extra: Any,
) -> dict[str, Any]:
    """The ``data`` of a year mention: its years, how it was found (``source``) and ``extra`` fields."""
    data: dict[str, Any] = {
        "start": start,
        "end": end,
        "estimated": estimated,
        "relative": relative,
        "source": source,
    }
    data.update(extra)
    return data


def _day_before(text: str, lo: int, p: int) -> bool:
    """Whether a day number can end right before ``p`` (``July 17 2009``, ``February 23,2005``): within
    ``text[lo:p]``, after white space, at most one comma and white space are skipped back, a digit or the
    last letter of an ordinal ending (st, nd, rd, th) stands there."""
    j = p
    while j > lo and text[j - 1].isspace():
        j -= 1
    if j > lo and text[j - 1] == ",":
        j -= 1
        while j > lo and text[j - 1].isspace():
            j -= 1
    return j > lo and (text[j - 1].isdigit() or text[j - 1] in "tdhTDH")


class Candidates:
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


class DateScanner:
    """One pass over one text, first part: four-digit numbers, dates and ranges (``scan_digits``);
    :class:`aidcurator.extract.timex` adds the word scans. Each ``scan_*`` method adds candidates to ``col``."""

    def __init__(self, text: str, rules: TimeRules, pub: int | None) -> None:
        self.text, self.rules, self.pub = text, rules, pub
        self.col = Candidates()
        self.plans: list[tuple[int, str]] = []

    def valid(self, year: int) -> bool:
        return self.rules.year_min <= year <= self.rules.year_max

    # -- four-digit numbers ---------------------------------------------------------------
    def scan_digits(self) -> None:
        text, n = self.text, len(self.text)
        follows = self.rules.year_follows
        for m in FOUR_DIGITS.finditer(text):
            p, q = m.span()
            if q < n and text[q].isdigit():
                continue
            if p and (text[p - 1].isdigit() or text[p - 1] in ".," or text[p - 1].isspace()):
                if self._month_day_en(p, q):  # July 17 2009, February 23,2005
                    continue
                if (
                    text[p - 1].isdigit()
                    or (text[p - 1] == "." and not is_cjk(text[p - 2 : p - 1]))
                    or (text[p - 1] == "," and text[p - 2 : p - 1].isdigit())
                ):  # 1,2024 or 3.2024 is a number; 获悉,2019年 and 该州(zhōu),2017年 (a half-width comma) are not
                    continue
            year = int(m.group())
            if not self.valid(year):
                continue
            # (a prefix ends in white space or a Chinese prefix word right before the year: most years
            # have neither, and the search of the window before them is skipped)
            pre = (
                self.rules.re_prefix.search(text, max(0, p - 12), p)
                if p and (text[p - 1].isspace() or text[p - 1] in self.rules.prefix_lasts_zh)
                else None
            )
            pre_word = (pre.group("en") or pre.group("zh")).lower() if pre else None
            found = False
            # (a date, a range and a year in Chinese all go on after the digits with white space or one of
            # year_follows: most bare years have neither, and their patterns are not tried)
            if q < n and (text[q] in follows or text[q].isspace()):
                found = self._date(p) or False
                found = self._range(p, year, pre, pre_word) or found
                found = self._year_zh(p, year, pre, pre_word) or found
            if pre is not None and pre_word in self.rules.since_words_en:
                self.col.add(pre.start(), q, P_SINCE, self._since(year))
                found = True
            if not found:
                self._bare(p, q, year)

    def _since(self, year: int, **extra: Any) -> dict[str, Any]:
        end = self.pub if self.pub is not None and self.pub >= year else None
        return time_data(year, end, "since", relative=True, **extra)

    def _month_day_en(self, p: int, q: int) -> bool:
        """An English date whose day runs into the year (``July 17 2009``, ``February 23,2005``)."""
        text = self.text
        if not text[p - 1 : p].isspace() and text[p - 1 : p] != ",":
            return False
        lo = max(0, p - 26)
        if not _day_before(text, lo, p):
            return False  # (most years after a space: no day number before it, no search of the window)
        m = self.rules.re_month_day_en.search(text, lo, p)
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
        self.col.add(p, q, P_DATE, time_data(year, year, "explicit", date=iso))
        return True

    def _date(self, p: int) -> bool:
        m = DATE_ZH.match(self.text, p)
        if m:
            month, day = int(m.group(1)), m.group(2)
        else:
            m = DATE_ISO.match(self.text, p)
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
        self.col.add(p, m.end(), P_DATE, time_data(year, year, "explicit", date=iso))
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
        self.col.add(start, m.end(), P_RANGE, time_data(year, end, "explicit"))
        return True

    def _year_zh(self, p: int, year: int, pre: re.Match[str] | None, pre_word: str | None) -> bool:
        text = self.text
        since_prefix = pre is not None and pre_word in self.rules.since_prefixes_zh
        m = self.rules.re_since_zh.match(text, p)
        if m:
            self.col.add(
                pre.start() if pre is not None and since_prefix else p, m.end(), P_SINCE, self._since(year)
            )
            return True
        m = YEAR_ZH.match(text, p)
        if not m or text.startswith("代", m.end()):
            return False
        if (
            since_prefix
            and pre is not None
            and not text.startswith(self.rules.since_prefix_not_before_zh, m.end())
        ):
            self.col.add(pre.start(), m.end(), P_SINCE, self._since(year))
        elif not text.endswith(self.rules.not_before, 0, p) or text.endswith(
            self.rules.not_before_exceptions,
            0,
            p,  # 签约2024年度项目
        ):
            self.col.add(p, m.end(), P_YEAR, time_data(year, year, "explicit"))
        return True

    def _prefixed(self, p: int) -> bool:
        """Whether a word that may stick to a year stands right before ``p`` (``mid-2001``, ``FY2010``)."""
        m = PREFIX_WORD.search(self.text, max(0, p - 8), p)
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
        if i >= 0 and (is_cjk(text[i]) or (text[i].isdigit() and i < p - 1)):
            return
        j = q
        while j < n and text[j] in " \t":
            j += 1
        if j < n and (is_cjk(text[j]) or (text[j].isdigit() and j > q)):
            return
        following = NEXT_WORD.match(text, j, min(n, j + 16)) if j < n else None
        if following and following.group().lower().rstrip("s'’") in rules.not_after_words_en:
            return
        preceding = PREV_WORD.search(text, max(0, p - 12), p)
        if preceding and preceding.group(1).lower().rstrip(".") in rules.not_before_words_en:
            return
        self.col.add(p, q, P_BARE, time_data(year, year, "explicit"))


def scan_months(
    text: str,
    rules: TimeRules,
    published: dt.date,
    col: Candidates,
    hits: list[tuple[int, tuple[str, str]]] | None = None,
) -> None:
    """``this month`` / ``上月`` / ``in April``: the year of that month, counted from publication.

    ``text`` is lower-cased. Month words are found by the automaton (fast on long text); a month
    name counts only after a prefix (``in``, ``since``…) and not before a day or year. ``hits``: where
    the automaton found the month words in ``text``, when already searched.
    """
    n = len(text)
    taken = 0
    for last, (word, kind) in rules.months.iter(text) if hits is None else hits:
        p, q = last - len(word) + 1, last + 1
        if p < taken:
            continue
        if kind == "relative":
            if word.isascii() and (
                (p and is_regex_word_char(text[p - 1])) or (q < n and is_regex_word_char(text[q]))
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
        col.add(start, q, P_RELATIVE, time_data(year, year, "relative", estimated=estimated, relative=True))
        taken = q
