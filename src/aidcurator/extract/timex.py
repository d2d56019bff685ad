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
import re
from typing import Any

from aidcurator.domain import Mention, MentionKind
from aidcurator.extract.keywords import KeywordHits
from aidcurator.extract.place_text import lower_text
from aidcurator.extract.places import squeeze_cjk_gaps
from aidcurator.extract.time_dates import DateScanner, scan_months, time_data
from aidcurator.extract.time_events import event_periods, since_clause
from aidcurator.extract.time_rules import (
    EN_DURATION,
    EN_DURATION_AT,
    EN_PLAN,
    EN_PLAN_AT,
    EN_PLAN_TAIL,
    NIAN,
    P_DURATION,
    P_PLAN,
    P_PLAN_SINCE,
    P_RELATIVE,
    P_SINCE,
    P_YEAR,
    QUOTES_CLOSE,
    SENTENCE_END,
    ZH_PLAN,
    ZH_PLAN_LONG,
    find_led,
    is_word_char,
    load_time_rules,
    zh_number,
)

__all__ = ["find_times"]


class _Scanner(DateScanner):
    """One pass over one text; the ``scan_*`` methods add candidates to ``col``."""

    # -- 年: Chinese-numeral years and durations ----------------------------------------------
    def scan_nian(self) -> None:
        text, rules = self.text, self.rules
        odd = rules.more_words_zh | rules.year_digits | {"个"}  # what a digit before 年 is not
        # what a duration's 年 can follow (a numeral, 个, 多/余; or a digit): 今年, 年底 read no further
        counted = rules.more_words_zh | rules.duration_numerals | {"个"}
        for m in NIAN.finditer(text):
            i = m.start()
            # (2024年, most of them: three digits right before 年 make no Chinese year and no duration,
            # what _duration_zh would find at once)
            if i > 2 and text[i - 1] not in odd and text[i - 3 : i].isdigit():
                continue
            head = text[max(0, i - 4) : i]
            if len(head) == 4 and rules.year_digits.issuperset(head):  # (one C call, no generator)
                year = int("".join(str(rules.zh_digits[c]) for c in head))
                if self.valid(year) and not text.startswith("代", i + 1):
                    suffix = next((w for w in rules.since_suffixes_zh if text.startswith(w, i + 1)), None)
                    if suffix is not None:
                        self.col.add(i - 4, i + 1 + len(suffix), P_SINCE, self._since(year))
                    else:
                        self.col.add(i - 4, i + 1, P_YEAR, time_data(year, year, "explicit"))
                continue
            if i and (text[i - 1] in counted or text[i - 1].isdigit()):
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
        years = zh_number(text[j:k], rules.zh_digits)
        if not years or years > 50:
            return
        for prefix in rules.future_prefixes_zh:
            if text.endswith(prefix, 0, j):
                self.col.add(j - len(prefix), i + 1, P_DURATION, self._duration(years, future=True))
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
        if text.startswith(rules.superlative_after_zh, end):
            return  # 十年来最大: ranks an event, no period
        if start < j or end > i + 1:
            self.col.add(start, end, P_DURATION, self._duration(years, more=more))

    def _duration(self, years: int | None, *, future: bool = False, more: bool = False) -> dict[str, Any]:
        pub = self.pub
        if pub is None:
            start = end = None
        elif future:
            start, end = pub + 1, (pub + years if years else None)
        else:
            start, end = (pub - years + 1 if years else None), pub
        extra: dict[str, Any] = {"years": years}
        if future:
            extra["future"] = True
        if more:
            extra["at_least"] = True
        return time_data(start, end, "duration", estimated=True, relative=True, **extra)

    # -- five-year plans ------------------------------------------------------------------
    def scan_plans(self) -> None:
        text, rules, n = self.text, self.rules, len(self.text)
        numerals = "一二三四五六七八九十"
        for m in ZH_PLAN.finditer(text):
            p, q = m.span()
            name = m.group()
            if name not in rules.plans or (p and text[p - 1] in numerals) or (q < n and text[q] in numerals):
                continue
            self._plan(p, q, name, since_from=q)
        for m in ZH_PLAN_LONG.finditer(text):
            j = m.start()
            while j > m.start() - 3 and j and text[j - 1] in rules.duration_numerals:
                j -= 1
            ordinal = zh_number(text[j : m.start()], rules.zh_digits) if j < m.start() else None
            if ordinal not in rules.plan_by_ordinal:
                continue
            start = j - 1 if j and text[j - 1] == "第" else j
            self._plan(start, m.end(), rules.plan_by_ordinal[ordinal], since_from=m.end())
        for m in find_led(EN_PLAN, EN_PLAN_AT, text):
            head = rules.re_en_ordinal.search(text, max(0, m.start() - 24), m.start())
            if head is None:
                continue
            tail = EN_PLAN_TAIL.match(text, m.end())
            end = tail.end() if tail else m.end()
            self._plan(head.start(), end, rules.plan_ordinals_en[head.group(1).lower()], since_from=None)

    def _plan(self, start: int, end: int, name: str, since_from: int | None) -> None:
        first, last = self.rules.plans[name]
        self.plans.append((start, name))
        if since_from is not None:
            k = since_from
            if k < len(self.text) and self.text[k] in QUOTES_CLOSE:
                k += 1
            for word in self.rules.plan_since:
                if self.text.startswith(word, k):
                    self.col.add(start, k + len(word), P_PLAN_SINCE, self._since(first, plan=name))
                    return
        self.col.add(start, end, P_PLAN, time_data(first, last, "plan", plan=name))

    # -- words ----------------------------------------------------------------------------
    def scan_words(self, low: str, hits: list[tuple[int, str]] | None = None) -> None:
        """Relative, anaphoric, vague and future words (``hits``: where the automaton found them in
        ``low``, when already searched)."""
        text, rules, n = self.text, self.rules, len(self.text)
        for last, word in rules.words.iter(low) if hits is None else hits:
            p, q = last - len(word) + 1, last + 1
            if word.isascii() and ((p and is_word_char(low[p - 1])) or (q < n and is_word_char(low[q]))):
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
                self.col.add(p, q, P_RELATIVE, time_data(start, end, "relative", relative=True, offset=lo))
            elif word in rules.anaphoric:  # resolved once every mention is known
                self.col.add(
                    p, q, P_RELATIVE, time_data(None, None, "anaphoric", offset=rules.anaphoric[word])
                )
            elif word in rules.vague:
                self.col.add(p, q, P_DURATION, self._duration(None))
            else:
                name = self._future_plan(p)
                if name is not None:
                    first, last_year = rules.plans[name]
                    self.col.add(
                        p,
                        q,
                        P_PLAN,
                        time_data(first, last_year, "plan", estimated=True, relative=True, plan=name),
                    )

    def _future_plan(self, pos: int) -> str | None:
        """The plan a 'future' word at ``pos`` refers to (see the module docstring)."""
        text = self.text
        lo = 0
        for m in SENTENCE_END.finditer(text, max(0, pos - 400), pos):
            lo = m.end()
        m = SENTENCE_END.search(text, pos)
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
                    found.append((m.start(), i + len(suffix), zh_number(m.group(1), rules.zh_digits)))
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
                self.col.add(start, end, P_DURATION, time_data(None, None, "period_back", years=years))

    def scan_en_durations(self) -> None:
        text, rules = self.text, self.rules
        for m in find_led(EN_DURATION, EN_DURATION_AT, text):
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
                start, m.end(), P_DURATION, self._duration(years, future=direction in ("next", "coming"))
            )


def _bare_years_zh(words: str) -> bool:
    """Whether a Chinese 年间 / 年里 phrase opens with its numeral (三十年间), not 这 / 此 (这三年间)."""
    return (
        bool(words) and not words.isascii() and (words[0].isdigit() or words[0] in "一二两三四五六七八九十")
    )


def find_times(text: str, published: dt.date | None, *, key_hits: KeywordHits | None = None) -> list[Mention]:
    """All year and period mentions in ``text`` (kind YEAR), in text order.

    ``key_hits``: the keyword pass over ``text`` (:func:`~aidcurator.extract.keywords.keyword_hits`), when
    already made: its time and month words are then not searched again."""
    if not text:
        return []
    original, squeezed = text, squeeze_cjk_gaps(text)
    text = squeezed.text
    scanner = _Scanner(text, load_time_rules(), published.year if published is not None else None)
    scanner.scan_digits()
    scanner.scan_nian()
    scanner.scan_plans()
    for start, end, data in event_periods(text, scanner.pub):  # 党的十八大以来: since 2012
        scanner.col.add(start, end, P_SINCE, data)
    scanner.scan_en_durations()
    low = lower_text(text)  # (made by the keyword pass over the same text)
    # (the keyword pass searched the text folded: lower-cased, unless that changes its length)
    shared = key_hits is not None and len(low) == len(text)
    scanner.scan_periods_back(low if len(low) == len(text) else text)
    scanner.scan_words(low if len(low) == len(text) else text, key_hits.time_words if shared else None)
    if published is not None:
        scan_months(
            low,
            scanner.rules,
            published,
            scanner.col,
            key_hits.months if shared else None,
        )
    mentions = []
    year_kind = MentionKind.YEAR  # (looked up once: an Enum member costs about 0.1 µs a time)
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
                if scanner.pub is None or not _bare_years_zh(text[s:e]):
                    continue
                years = data[
                    "years"
                ]  # 三十年间 with no such period named: a duration up to now, like 三十年来
                data = time_data(
                    scanner.pub - years + 1, scanner.pub, "duration", estimated=True, relative=True
                )
                data["years"] = years
            else:
                data["start"], data["end"] = last_explicit["start"], last_explicit["end"]
        if data["source"] in ("explicit", "anaphoric"):
            last_explicit = data
        if data["source"] == "explicit" and data["start"] == data["end"] and since_clause(text, s, e):
            end = scanner.pub if scanner.pub is not None and scanner.pub >= data["start"] else None
            data = {**data, "end": end, "source": "since", "relative": True}  # Since … began in 2010,
        start, end = squeezed.start(s), squeezed.end(e)
        # (Mention's fields by position: half the time of keywords)
        mentions.append(
            Mention(year_kind, start, end, original[start:end], None, None, None, None, None, data)
        )
    return mentions
