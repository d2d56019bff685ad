"""Character classes for Chinese text: ideograph test and a plausibility score for decodings.

The "common" ideographs are derived from the encodings' own tiers, so no character list is
kept in the code: GB 2312 level 1 (3,755 most used simplified characters, rows 0xB0-0xD7) and
the Big5 "frequently used" block (5,401 traditional characters, 0xA440-0xC67E).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from itertools import chain

# Punctuation and symbols that real Chinese text uses a lot.
_COMMON_PUNCT = frozenset(
    "、。〃〈〉《》「」『』【】〔〕〖〗〜"  # CJK symbols and punctuation
    "‘’“”—–…·•′″※℃№"
)


def is_cjk_ideograph(ch: str) -> bool:
    """True for a CJK unified or compatibility ideograph (any plane)."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF or 0x20000 <= cp <= 0x3134F
    )


@cache
def common_hanzi() -> frozenset[str]:
    """The frequently used simplified and traditional ideographs (GB 2312 L1 and Big5 frequent)."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    for lead in range(0xA4, 0xC7):
        for trail in chain(range(0x40, 0x7F), range(0xA1, 0xFF)):
            if (lead, trail) > (0xC6, 0x7E):
                break
            try:
                chars.add(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                continue
    return frozenset(c for c in chars if is_cjk_ideograph(c))


def _is_suspicious(ch: str) -> bool:
    """Characters that show up when CJK bytes are decoded with the wrong table."""
    cp = ord(ch)
    if unicodedata.category(ch) in ("Co", "Cn", "Cc", "Cs") or ch == "\ufffd":
        return True
    return (
        0x0370 <= cp <= 0x04FF  # Greek, Cyrillic
        or 0x2500 <= cp <= 0x259F  # box drawing, blocks
        or 0x3040 <= cp <= 0x30FF  # kana
        or 0x3100 <= cp <= 0x312F  # bopomofo
        or 0xFE10 <= cp <= 0xFE4F  # vertical and compatibility forms
        or 0xFF61 <= cp <= 0xFF9F  # half-width katakana
    )


def chinese_plausibility(text: str) -> tuple[float, int]:
    """Rate ``text`` as Chinese: (share of non-ASCII characters that are common, score).

    The score counts common ideographs and punctuation (+1 each) against characters that
    typically come from a wrong decoding (-2 each); rare but valid ideographs count 0.
    """
    non_ascii = _ASCII_RUNS.sub("", text)
    if not non_ascii:
        return 0.0, 0
    rest = _common_runs().sub("", non_ascii)
    good = len(non_ascii) - len(rest)
    bad = sum(count for ch, count in Counter(rest).items() if _is_suspicious(ch))
    return good / len(non_ascii), good - 2 * bad


_ASCII_RUNS = re.compile("[\x00-\x7f]+")


@cache
def _common_runs() -> re.Pattern[str]:
    """Runs of common ideographs, common punctuation and full-width forms (U+FF01-U+FF5E)."""
    points = sorted({ord(ch) for ch in common_hanzi() | _COMMON_PUNCT} | set(range(0xFF01, 0xFF5F)))
    ranges: list[list[int]] = []
    for point in points:
        if ranges and point == ranges[-1][1] + 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    members = "".join(
        f"\\U{first:08x}" if first == last else f"\\U{first:08x}-\\U{last:08x}" for first, last in ranges
    )
    return re.compile(f"[{members}]+")
