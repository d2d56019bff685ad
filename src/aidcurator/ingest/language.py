"""Tell Chinese from English text."""

from __future__ import annotations

import re
from collections import Counter

# A text is Chinese when ideographs are at least this share of its letters (an ideograph is
# a word-sized unit, so a fifth already means the text is mostly written in Chinese).
ZH_SHARE = 0.2
_SAMPLE_CHARS = 20_000
# Runs of the characters cjk.is_cjk_ideograph accepts.
_IDEOGRAPHS = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_NON_ASCII_RUNS = re.compile("[^\x00-\x7f]+")


def _deleting_all_but(keep: range | tuple[int, ...]) -> bytes:
    """The ``delete`` argument of bytes.translate that keeps only the bytes in ``keep``."""
    kept = set(keep)
    return bytes(b for b in range(256) if b not in kept)


# Counted in the UTF-8 form of the text with bytes.translate: ASCII letters (multi-byte
# sequences are made of bytes >= 0x80), non-ASCII characters (their lead bytes), ideographs
# for sure (U+5000-U+9FFF: lead bytes E5-E9) and at most (every lead byte whose characters
# include ideographs: E3 U+3000-U+3FFF, E4, EF U+F000-U+FFFF, F0 U+10000-U+3FFFF).
_NOT_ASCII_LETTERS = _deleting_all_but((*range(0x41, 0x5B), *range(0x61, 0x7B)))
_NOT_LEAD_BYTES = _deleting_all_but(range(0xC0, 0x100))
_NOT_SURE_IDEOGRAPH_LEADS = _deleting_all_but(range(0xE5, 0xEA))
_NOT_MAYBE_IDEOGRAPH_LEADS = _deleting_all_but((*range(0xE3, 0xEA), 0xEF, 0xF0))


def detect_language(text: str) -> str:
    """Return ``"zh"`` when CJK ideographs are a substantial share of the letters, else ``"en"``.

    Exact counts are only taken when the byte counts (bounds on ideographs and letters) do not
    settle it.
    """
    sample = text[:_SAMPLE_CHARS]
    if sample.isascii():
        return "en"  # no ideographs
    encoded = sample.encode("utf-8", "surrogatepass")
    most_ideographs = len(encoded.translate(None, _NOT_MAYBE_IDEOGRAPH_LEADS))
    if not most_ideographs:
        return "en"
    ascii_letters = len(encoded.translate(None, _NOT_ASCII_LETTERS))
    # ideographs <= most_ideographs and letters >= ascii_letters
    if most_ideographs < ZH_SHARE * (most_ideographs + ascii_letters):
        return "en"
    # ideographs >= least_ideographs and ideographs + letters <= ascii_letters + non-ASCII characters
    least_ideographs = len(encoded.translate(None, _NOT_SURE_IDEOGRAPH_LEADS))
    if least_ideographs >= ZH_SHARE * (ascii_letters + len(encoded.translate(None, _NOT_LEAD_BYTES))):
        return "zh"
    rest = _IDEOGRAPHS.sub("", sample)
    ideographs = len(sample) - len(rest)
    if not ideographs:
        return "en"
    other = "".join(_NON_ASCII_RUNS.findall(rest))
    letters = ascii_letters + sum(count for ch, count in Counter(other).items() if ch.isalpha())
    if ideographs >= ZH_SHARE * (ideographs + letters):
        return "zh"
    return "en"
