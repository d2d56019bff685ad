"""Tell Chinese from English text."""

from __future__ import annotations

from aidcurator.ingest.cjk import is_cjk_ideograph

# A text is Chinese when ideographs are at least this share of its letters (an ideograph is
# a word-sized unit, so a fifth already means the text is mostly written in Chinese).
ZH_SHARE = 0.2
_SAMPLE_CHARS = 20_000


def detect_language(text: str) -> str:
    """Return ``"zh"`` when CJK ideographs are a substantial share of the letters, else ``"en"``."""
    ideographs = letters = 0
    for ch in text[:_SAMPLE_CHARS]:
        if is_cjk_ideograph(ch):
            ideographs += 1
        elif ch.isalpha():
            letters += 1
    if ideographs and ideographs >= ZH_SHARE * (ideographs + letters):
        return "zh"
    return "en"
