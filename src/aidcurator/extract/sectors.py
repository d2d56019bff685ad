"""Sector keyword mentions (kind SECTOR) mapped to OECD DAC/CRS purpose codes.

The keyword → code table lives in ``resources/rules/sectors.json`` (read by
:mod:`~aidcurator.extract.sector_rules`). One Aho-Corasick automaton runs over the text (folded to
lower case for English, offsets unchanged): Chinese keywords match as substrings, English ones on
word boundaries; the longest non-overlapping hit wins and stop phrases (``道路自信``, ``Belt and
Road``) remove the keywords they cover. Choosing a span's sector from these hits is
:mod:`~aidcurator.extract.sector_choice`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import Any

from aidcurator.domain import Mention, MentionKind
from aidcurator.extract.fastre import after_first, alternation, first_chars
from aidcurator.extract.keyscan import KeyAutomaton
from aidcurator.extract.places import fold_text, squeeze_cjk_gaps
from aidcurator.extract.sector_rules import SectorRule, raw_sector_rules, sector_key_table

__all__ = ["find_sectors", "sector_keys"]


@cache
def _automaton() -> KeyAutomaton:
    """The keyword automaton; values are ``SectorRule`` objects (made when first searched alone)."""
    return KeyAutomaton(sector_key_table().items())


def sector_keys() -> list[tuple[str, Any]]:
    """Every keyword (lower case) with the value :func:`find_sectors` reads in ``key_hits``."""
    return list(sector_key_table().items())


_DATA: dict[int, tuple[SectorRule, dict[str, Any]]] = {}  # id of a rule -> the rule (kept alive) and its data


def _data(rule: SectorRule) -> dict[str, Any]:
    """The ``data`` of ``rule``'s mentions: one dict shared by all of them (mentions are values, never
    changed in place), so a long text's thousands of sector hits do not each hold a copy."""
    found = _DATA.get(id(rule))
    if found is None or found[0] is not rule:
        found = _DATA[id(rule)] = (rule, rule.data())
    return found[1]


@cache
def _titles() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Words that make a sector word part of a person's title (``Foreign Affairs Minister``,
    ``Minister of Health``, ``Minister of Economy, Trade and Energy``): matched at the end of the text
    before it (up to three words of the office between) and at the start of the text after."""
    raw = raw_sector_rules().get("titles_en", {})
    words = [w for w in raw.get("before", []) if w]
    # (opens with one class of the words' first letters, which a search skips ahead to in C; the rest
    # of each word after it: fastre.after_first)
    before = rf"[{first_chars(words)}](?<![a-z].){after_first(words)}" if words else "(?!)"
    after = alternation(raw.get("after", [])) or "(?!)"
    return (
        re.compile(rf"{before}\s+(?:the\s+)?(?:[a-z-]+,?\s+(?:and\s+)?){{0,3}}\Z"),
        re.compile(rf"\s+(?:{after})(?![a-z])"),
    )


def _in_title(low: str, start: int, end: int) -> bool:
    """Whether the English sector word at ``[start, end)`` of ``low`` names a minister's office."""
    before, after = _titles()
    return bool(after.match(low, end) or before.search(low, max(0, start - 40), start))


@cache
def _title_words() -> tuple[str, ...]:
    """Words one of which every title phrase holds (a phrase holding another phrase of the lists is left
    out): where none is in a text, no sector word of it is part of a title."""
    raw = raw_sector_rules().get("titles_en", {})
    words = {w.lower() for w in (*raw.get("before", []), *raw.get("after", []))}
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def _may_name_titles(low: str) -> bool:
    """Whether ``low`` (a lower-cased text) holds a word of a title phrase at all."""
    return any(word in low for word in _title_words())


def find_sectors(text: str, *, key_hits: list[tuple[int, Any]] | None = None) -> list[Mention]:
    """Sector keyword mentions in ``text`` (kind SECTOR), in text order.

    ``key_hits``: where the keywords of :func:`sector_keys` occur in the squeezed, folded text, as
    ``KeyAutomaton.iter`` gives them, when already found (see :mod:`~aidcurator.extract.keywords`).

    ``data`` = {"code": "111", "code5": "11120" | None, "label", "label5", "keyword" (the rule
    keyword that matched, lower-cased for English), "group" (what ``dominant_sector`` ranks: the
    code, or the code5 for catch-all categories such as 160), "weight", "borderline"}.
    """
    if not text:
        return []
    original, squeezed = text, squeeze_cjk_gaps(text)
    text = squeezed.text
    low = fold_text(text)  # lower case, same offsets
    n = len(text)
    # (start, -length, not a stop phrase, end, rule): sorted as tuples, leftmost-longest with stop
    # phrases first among equals (equal starts and lengths are the same keyword, so the same rule)
    hits: list[tuple[int, int, bool, int, SectorRule]] = []
    append = hits.append
    for last, rule in _automaton().iter(low) if key_hits is None else key_hits:
        length = len(rule.keyword)
        start = last - length + 1
        if rule.latin:  # on word boundaries: no letter or digit before or after it (CJK ones aside)
            if start and (c := low[start - 1]).isalnum() and c < "\u2e80":
                continue
            if last + 1 < n and (c := low[last + 1]).isalnum() and c < "\u2e80":
                continue
        append((start, -length, not rule.stop, last + 1, rule))
    hits.sort()
    mentions: list[Mention] = []
    last_end = -1
    shifted = bool(squeezed.breaks)
    breaks, shifts = squeezed.breaks, squeezed.shifts
    titles = None  # whether the text names a title at all, found when a Latin word first asks
    same: dict[str, str] = {}  # one str object per distinct keyword as written (long texts repeat them)
    sector_kind = MentionKind.SECTOR  # (looked up once: an Enum member costs about 0.1 µs a time)
    known = _DATA.get  # (the shared data of each rule, looked up here, not through _data, when known)
    for start, _, _, end, rule in hits:
        if start < last_end:
            continue
        last_end = end
        if rule.stop:
            continue
        if rule.latin:
            if titles is None:
                titles = _may_name_titles(low)
            if titles and _in_title(low, start, end):
                continue
        if shifted:  # (SqueezedText.start and .end, inlined: three calls a hit)
            k = bisect_right(breaks, start)
            start = start + shifts[k - 1] if k else start
            k = bisect_right(breaks, end - 1)
            end = end + shifts[k - 1] if k else end
        written = original[start:end]
        # (Mention's fields by position: half the time of keywords, for thousands of hits a MB)
        mentions.append(
            Mention(
                sector_kind,
                start,
                end,
                same.setdefault(written, written),
                None,
                None,
                None,
                None,
                None,
                found[1] if (found := known(id(rule))) is not None and found[0] is rule else _data(rule),
            )
        )
    return mentions
