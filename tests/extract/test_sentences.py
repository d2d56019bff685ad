"""Sentence splitting: the line-by-line index agrees with the whole-text split."""

from __future__ import annotations

import pytest

from aidcurator.extract.sentences import SentenceIndex, sentence_of, sentence_spans
from aidcurator.resources import resource_path

EDGE_CASES = [
    "",
    "\n",
    "no break at all",
    "end.\nThe next line",
    "a. \n\nB. C and D.",
    "x。\n\n”y；z",
    "one. Two - Three\n- Four. Five\nGroup 1 x",
    "援疆资金3.76亿元。\n其中，2.14亿元用于教育。The rest goes to roads.\n",
]


def _texts() -> list[str]:
    return [
        p.read_text(encoding="utf-8") for p in sorted(resource_path("samples").glob("*.txt"))
    ] + EDGE_CASES


@pytest.mark.parametrize("text", _texts())
def test_index_gives_the_same_sentence_at_every_offset(text: str) -> None:
    spans = sentence_spans(text)
    index = SentenceIndex(text)
    assert [index.of(offset) for offset in range(len(text) + 1)] == [
        sentence_of(spans, offset) for offset in range(len(text) + 1)
    ]


def test_sentences_end_at_chinese_punctuation_and_english_full_stops() -> None:
    text = "湖南投入3.76亿元。其中2.14亿元用于教育。Hunan gave 5 million. The rest went to roads."
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "湖南投入3.76亿元。",
        "其中2.14亿元用于教育。",
        "Hunan gave 5 million.",
        " The rest went to roads.",
    ]
