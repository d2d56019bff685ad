"""Python str offsets ↔ Qt UTF-16 positions, with characters outside the BMP."""

import random

import pytest
from PySide6.QtGui import QTextCursor, QTextDocument

from aidcurator.gui.offsets import OffsetMap, utf16_length

TEXTS = [
    "",
    "plain ascii",
    "援疆资金3.2亿元",
    "𠀀援疆资金2.14亿元",
    "😀😀 then 2.14亿元 and 𠀀",
    "a𠀀b😀c",
    "🇨🇳 flag (two astral chars) 3亿元",
]


@pytest.mark.parametrize("text", TEXTS)
def test_lengths_match_utf16(text):
    assert OffsetMap(text).qt_length == len(text.encode("utf-16-le")) // 2 == utf16_length(text)


@pytest.mark.parametrize("text", TEXTS)
def test_every_index_round_trips(text):
    offsets = OffsetMap(text)
    for index in range(len(text) + 1):
        assert offsets.to_py(offsets.to_qt(index)) == index
        assert offsets.to_qt(index) == len(text[:index].encode("utf-16-le")) // 2


def test_span_after_astral_characters_selects_the_same_text_in_qt():
    text = "𠀀😀 北京投入2.14亿元。"
    start = text.index("2.14亿元")
    end = start + len("2.14亿元")
    offsets = OffsetMap(text)
    qt_start, qt_end = offsets.span_to_qt(start, end)
    assert (qt_start, qt_end) == (start + 2, end + 2)
    document = QTextDocument(text)
    cursor = QTextCursor(document)
    cursor.setPosition(qt_start)
    cursor.setPosition(qt_end, QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "2.14亿元"
    assert offsets.span_to_py(cursor.selectionStart(), cursor.selectionEnd()) == (start, end)


def test_position_inside_a_surrogate_pair_keeps_the_whole_character():
    offsets = OffsetMap("a😀b")
    assert offsets.to_py(2) == 1  # the low surrogate of 😀 snaps back to its start
    assert offsets.span_to_py(1, 2) == (1, 2)  # a selection ending mid-pair keeps the emoji


def test_positions_outside_the_text_are_clamped():
    offsets = OffsetMap("𠀀x")
    assert offsets.to_qt(-5) == 0
    assert offsets.to_qt(99) == 3
    assert offsets.to_py(99) == 2


def test_random_texts_agree_with_utf16_encoding():
    rng = random.Random(7)
    alphabet = ["a", "中", "𠀀", "😀", " ", "9", "\n"]
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        offsets = OffsetMap(text)
        for index in range(len(text) + 1):
            assert offsets.to_qt(index) == len(text[:index].encode("utf-16-le")) // 2
