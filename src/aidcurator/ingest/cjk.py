"""Character classes for Chinese text: ideograph test and a plausibility score for decodings.

The "common" ideographs are derived from the encodings' own tiers, so no character list is
kept in the code: GB 2312 level 1 (3,755 most used simplified characters, rows 0xB0-0xD7) and
the Big5 "frequently used" block (5,401 traditional characters, 0xA440-0xC67E).
"""

from __future__ import annotations

import unicodedata
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
    common = common_hanzi()
    total = good = bad = 0
    for ch in text:
        if ch < "\x80":
            continue
        total += 1
        if ch in common or ch in _COMMON_PUNCT or 0xFF01 <= ord(ch) <= 0xFF5E:
            good += 1
        elif _is_suspicious(ch):
            bad += 1
    if total == 0:
        return 0.0, 0
    return good / total, good - 2 * bad
