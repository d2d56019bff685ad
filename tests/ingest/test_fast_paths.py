"""The regex / bytes implementations agree with their per-character definitions.

Language detection, the Chinese plausibility score, the control-character share and the title
and digest scans were written as Python loops over characters; the reference versions below
are those loops, run on generated mixtures of the character classes that matter.
"""

from __future__ import annotations

import random
import unicodedata

import pytest

from aidcurator.ingest import detect_language
from aidcurator.ingest.cjk import (
    _COMMON_PUNCT,
    _is_suspicious,
    chinese_plausibility,
    common_hanzi,
    is_cjk_ideograph,
)
from aidcurator.ingest.digest import MAX_SOURCE_LENGTH, SOURCE_LINE, split_digest
from aidcurator.ingest.encoding import _control_share
from aidcurator.ingest.language import ZH_SHARE
from aidcurator.ingest.titles import clean_title, derive_title

POOLS = [
    "abcXYZ  \n",
    "援疆资金项目一二三四五六七八九十臺灣醫院",
    "，。、「」《》：（）",
    "0123456789",
    "ＡＢＣ１２３",  # full-width letters are letters, full-width forms are common punctuation
    "あいうカタｱｲ",  # kana: letters, and suspicious in a Chinese decoding
    "éüñßÆ",
    "½²³①Ⅻ〇",  # numeric but not letters (〇 is not an ideograph either)
    "𠀀𠀁𪚥\U0003134f\U00031350",  # extension B-G ideographs and the first code point after them
    "䶮㐀丂豈\ufaff\u4dc0\u4dff\u3000\u33ff\uf8ff",  # range edges: ext. A, hexagrams, compatibility
    "\x01\x85\x7f\t\r\x0b\x9f\xa0",
    "ΑΒΓабв─│",
    "·•・|｜# #",
    "\ufffd\ue000\U000f0000\u0378",  # replacement, private use, unassigned
]


def _mixtures(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        chosen = rng.sample(POOLS, rng.randint(1, 4))
        weights = [rng.random() for _ in chosen]
        length = rng.choice([1, 4, 30, 400, 3000])
        texts.append("".join(rng.choice(rng.choices(chosen, weights)[0]) for _ in range(length)))
    return texts


TEXTS = _mixtures(600, seed=20251206)


def reference_language(text: str) -> str:
    ideographs = letters = 0
    for ch in text[:20_000]:
        if is_cjk_ideograph(ch):
            ideographs += 1
        elif ch.isalpha():
            letters += 1
    if ideographs and ideographs >= ZH_SHARE * (ideographs + letters):
        return "zh"
    return "en"


def reference_plausibility(text: str) -> tuple[float, int]:
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


def reference_control_share(text: str) -> float:
    controls = sum(1 for ch in text if ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc")
    return controls / len(text)


def reference_title(text: str) -> str:
    for line in text.split("\n"):
        title = clean_title(line)
        if title:
            return title[:199].rstrip() + "…" if len(title) > 200 else title
    return ""


def reference_is_digest(text: str) -> bool:
    for line in text.split("\n"):
        match = SOURCE_LINE.match(line)
        if match is not None:
            source = match.group("source").strip()
            if len(source) <= MAX_SOURCE_LENGTH and any(ch.isalpha() for ch in source):
                return True
    return False


@pytest.mark.parametrize("chunk", range(6))
def test_fast_paths_match_the_per_character_definitions(chunk: int) -> None:
    for text in TEXTS[chunk::6]:
        assert detect_language(text) == reference_language(text), repr(text[:80])
        assert chinese_plausibility(text) == reference_plausibility(text), repr(text[:80])
        assert _control_share(text) == reference_control_share(text), repr(text[:80])
        assert derive_title(text) == reference_title(text), repr(text[:80])
        if not reference_is_digest(text):
            assert split_digest(text) == []


@pytest.mark.parametrize(
    ("ideographs", "letters"),
    [(1, 4), (1, 5), (2, 8), (2, 9), (10, 40), (10, 41), (200, 800), (200, 801), (5, 0)],
)
def test_language_threshold_is_exact(ideographs: int, letters: int) -> None:
    for filler in ("", "，。", "ü", "ＡＢ"):
        text = "援" * ideographs + "a" * letters + filler * 3
        assert detect_language(text) == reference_language(text)


def test_utf8_form_of_control_characters() -> None:
    text = "ab\x85\x9f\xa0\x7f\x00c\u0100"
    assert _control_share(text) == _control_share(text, text.encode("utf-8")) == 4 / len(text)
