"""The fast word-list patterns find exactly what a plain alternation finds."""

from __future__ import annotations

import random
import re

import pytest

from aidcurator.extract.fastre import after_first, existence_gate, first_chars, gated, trie

WORDS = [
    "seven",
    "seventeen",
    "seventy",
    "six",
    "ten",
    "two",
    "twelve",
    "上月",
    "上个月",
    "本月",
    "a-b",
    "]x",
    "^y",
]


def plain(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))


def fast(words: list[str]) -> re.Pattern[str]:
    return re.compile(f"[{first_chars(words)}]{after_first(words)}")


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_trie_prefers_the_longest_word() -> None:
    pattern = re.compile(trie(["seven", "seventeen", "seventy"]))
    assert pattern.match("seventeen").group() == "seventeen"
    assert pattern.match("sevent").group() == "seven"


@pytest.mark.parametrize("seed", range(5))
def test_same_matches_as_an_alternation_on_random_text(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = list("sevnt wolxy-]^上个月本 ") + WORDS
    text = "".join(rng.choice(alphabet) for _ in range(400))
    assert spans(fast(WORDS), text) == spans(plain(WORDS), text)
    assert spans(fast(WORDS), text)  # the text holds words, so the comparison is not vacuous


def test_both_cases_checks_the_first_letter_in_either_case() -> None:
    words = ["million", "billion"]
    pattern = re.compile(f"[{first_chars(words, both_cases=True)}](?i:{after_first(words, both_cases=True)})")
    assert [m.group() for m in pattern.finditer("3 Million, 2 BILLION, 1 zillion")] == ["Million", "BILLION"]


def test_no_words_matches_nothing() -> None:
    assert re.compile(f"x{after_first([])}").search("x") is None


@pytest.mark.parametrize("seed", range(3))
def test_existence_gate_finds_a_match_where_the_pattern_does(seed: int) -> None:
    source = r"(?i:\b(?:two|several|[0-9]+)\s+donors\b)|各省市(?:共|合计)"
    plain_pattern, gated = re.compile(source), re.compile(existence_gate(source))
    assert gated.pattern.startswith("[")
    rnd = random.Random(seed)
    pieces = ["two", "Several", "ſeveral", "12", " ", "donors", "x", "各省市", "共", "合计", "\n"]
    for _ in range(2000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 8)))
        start = rnd.randint(0, len(text))
        end = rnd.randint(start, len(text))
        want, got = plain_pattern.search(text, start, end), gated.search(text, start, end)
        assert (want is None) == (got is None)
        assert want is None or got is None or want.start() == got.start()


def test_existence_gate_leaves_a_pattern_with_unknown_first_characters() -> None:
    assert existence_gate(r"\w+ donors") == r"\w+ donors"
    assert existence_gate(r"(?i)two donors") == r"(?i)two donors"


def test_gated_branches_match_as_their_plain_alternation() -> None:
    english, chinese = ["aid", "grant", "Loan"], ["援助", "拨款"]
    branches = [
        (first_chars(english, both_cases=True), rf"(?i:{after_first(english, both_cases=True)})\b"),
        (first_chars(chinese), after_first(chinese)),
    ]
    fast = re.compile(gated(branches))
    plain = re.compile(r"(?i:aid|grant|loan)\b|援助|拨款")
    rng = random.Random(7)
    pieces = ["aid", "AID", "grants", "grant", "loan", "援助", "拨款", "拨", " ", "x", "援"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_gated_without_branches_never_matches_and_keeps_its_tail() -> None:
    assert re.search(gated([]), "anything") is None
    ends_with_ab = re.compile(gated([(first_chars(["ab"]), after_first(["ab"]))], tail=r"\Z"))
    assert ends_with_ab.search("xab") is not None
    assert ends_with_ab.search("abx") is None
