"""Faster paths in record assembly and text preparation give exactly what the plain ones give."""

from __future__ import annotations

import re

import ahocorasick
import pytest

from aidcurator.extract import not_aid, script
from aidcurator.extract.amount_kinds import _any_kind_cue
from aidcurator.extract.keyscan import KeyAutomaton
from aidcurator.extract.not_aid import Blanked
from aidcurator.extract.record_rules import Cues, record_rules

# our own sentences, with the letters that match others only ignoring case (Kelvin sign, long s, dotless i)
_TEXTS = [
    "So far this year, Kenya has received each of the two grants; earlier this year KfW paid $3 million.",
    "SO FAR THIS YEAR the bank lent 20 million euros, and each year it adds another 2 million.",
    "Thiſ year the fund gave each other 5 million; ſo far thıs year, the \u212aelvin-signed loan stands.",
    "No exception words here: a loan of 40 million dollars for Kampala roads.",
    "今年以来，江苏投入援疆资金3.2亿元；截至目前，累计安排资金5亿元。",
    "",
]


@pytest.mark.parametrize("text", _TEXTS)
@pytest.mark.parametrize("which", ["exceptions", "not_a_record_exceptions"])
def test_blanking_english_words_where_they_start_equals_the_whole_text_substitution(
    text: str, which: str
) -> None:
    cues: Cues = getattr(record_rules(), which)
    expected = cues.en.sub(lambda m: " " * len(m.group()), text)
    assert Blanked(text, cues).get(True) == expected


def test_english_word_starts_are_unknown_when_a_case_oddity_is_in_the_text() -> None:
    cues = record_rules().exceptions
    assert cues.en_starts("the Kelvin sign \u212a", "the kelvin sign \u212a") is None
    assert cues.en_starts("a plain K is fine", "a plain k is fine") is not None


@pytest.mark.parametrize("english", [True, False])
def test_the_any_cue_gate_matches_wherever_one_cue_does(english: bool) -> None:
    rules = record_rules()
    cues = [*rules.kind_cues.values(), rules.weak_cumulative, rules.share_after]
    words = [w for c in cues for w in (c.en_words if english else c.zh_words)]
    texts = [*_TEXTS, *(f"x {w} y" for w in words), *(f"x{w}y" for w in words)]
    gate = _any_kind_cue(english)
    for text in texts:
        for start in range(0, len(text), 7):
            expected = any(c.pick(english).search(text, start) for c in cues)
            assert (gate.search(text, start) is not None) == expected, (text, start)


def test_blank_at_tries_only_the_given_starts() -> None:
    pattern = re.compile("ab|b")
    assert not_aid._blank_at("xabx", pattern, [1]) == "x  x"
    assert not_aid._blank_at("xabx", pattern, [2]) == "xa x"
    assert not_aid._blank_at("xabx", pattern, []) == "xabx"
    assert not_aid._blank_at("xabx", pattern, None) == "x  x"


def test_traditional_characters_are_found_past_the_bmp_too() -> None:
    astral = sorted(c for c in script._changed() if ord(c) > 0xFFFF)
    assert not script._has_traditional("plain 中文 text 😀")
    assert script._has_traditional("江蘇")
    if astral:
        assert script._has_traditional(f"ok {astral[0]}")


_KEYS = ["和田", "和田地区", "田地", "新疆", "ab", "b", "abc", "€5", "𠀀x", "x𠀀", "中a", "a中"]


@pytest.mark.parametrize(
    "text",
    [
        "和田地区新疆和田 abc ab b",
        "x𠀀x 和田地区 😀 abc",  # past the BMP: searched character by character
        "a中a中b \ud800ab \udc00€5",  # lone surrogates stay two bytes
        "",
        "㐀一丁和田\u4e00田地",
        "N\u2d00 N\u2d00中",  # the bytes of 中 (4E 2D) across two characters: no hit
        "abc ab b xabcx",  # ASCII: the automaton of the ASCII keys
        # mostly ASCII: the ASCII keys over the text, the others around the few characters past ASCII
        "abc ab b " * 20 + "“a中a”? 中a? ab€5 b 和田地区abc",
        "中a" + " abc b" * 30 + "a中",  # keys past ASCII at both ends
        "?ab? " * 40 + "x𠀀x € 5 ab?",  # a question mark is no character past ASCII
    ],
)
def test_the_byte_automaton_finds_what_the_character_automaton_finds(text: str) -> None:
    plain = ahocorasick.Automaton()
    for index, key in enumerate(_KEYS):
        plain.add_word(key, index)
    plain.make_automaton()
    assert KeyAutomaton((key, i) for i, key in enumerate(_KEYS)).iter(text) == list(plain.iter(text))


@pytest.mark.parametrize(
    "text",
    [
        "江苏省援助伊犁州新源县教育和卫生项目3000万元，和田地区水利工程。",
        "China gave Malawi $5 million for health, education and water; the Health Minister of Kenya spoke.",
        "伊 犁州的醫院和學校",  # a gap squeezed away
        "",
    ],
)
def test_places_and_sectors_found_in_one_pass_equal_each_alone(text: str) -> None:
    from aidcurator.extract.keywords import find_places_and_sectors
    from aidcurator.extract.places import find_places
    from aidcurator.extract.sectors import find_sectors

    simple = script.to_simplified(text)
    assert find_places_and_sectors(simple) == (find_places(simple), find_sectors(simple))


@pytest.mark.parametrize(
    "text",
    [
        "今年以来，江苏省援助伊犁州3000万元；去年和明年的项目，未来五年继续。",
        "Last year China gave Malawi $5 million; in March this year and next year more will come.",
        "İstanbul this year",  # lower-casing changes the length: the time words are searched apart
        "",
    ],
)
def test_time_words_found_in_the_keyword_pass_equal_their_own_search(text: str) -> None:
    import datetime as dt

    from aidcurator.extract.keywords import keyword_hits
    from aidcurator.extract.timex import find_times

    simple = script.to_simplified(text)
    published = dt.date(2025, 6, 1)
    assert find_times(simple, published, key_hits=keyword_hits(simple)) == find_times(simple, published)


def test_an_ascii_text_without_ascii_keys_has_no_hits() -> None:
    assert KeyAutomaton([("和田", 1), ("新疆", 2)]).iter("plain text") == []


_SPACED = [
    "The county of 伊 犁 州 got aid; 萬(wàn)州 and 中\n\n国 stay apart, 中 (R) 国 too, ( zh ) 中(",
    "Aid to 甲\n乙 and 丙 \t\u3000丁 came in 2020 from 某(mǒu) 市 and from the 某省 office.",
    "No Chinese at all in this sentence, only spaces and (brackets).",
]


@pytest.mark.parametrize("text", _SPACED)
def test_gaps_found_from_the_chinese_characters_equal_the_whole_search(text: str) -> None:
    from aidcurator.extract import place_text

    assert [m.span() for m in place_text._gaps(text)] == [
        m.span() for m in place_text._CJK_GAP.finditer(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "In the past three years and the the last two decades, the next five years; The coming years.",
        "The 14th Five-Year Plan and the five year plan, fFive-Year Plan, the\npast 10 years",
    ],
)
def test_plans_and_durations_found_from_a_literal_equal_the_whole_search(text: str) -> None:
    from aidcurator.extract import time_rules as tr

    for pattern, lead in ((tr.EN_PLAN, tr.EN_PLAN_AT), (tr.EN_DURATION, tr.EN_DURATION_AT)):
        expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in tr.find_led(pattern, lead, text)] == expected
