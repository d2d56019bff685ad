"""Pinyin residue: ``萬(wàn)元``, ``個(gè)``, ``會(huì )`` — the reading a web page printed after a character.

Pages converted from annotated text keep a bracketed pinyin syllable after some characters. Quantities are
read on the text with that residue taken out (``1000萬元``); :func:`without_residue` returns the plain text
and a map back, so a mention's span covers the text as written, residue included (``1000萬(wàn)元``,
``3842個(gè)``).
"""

from __future__ import annotations

import re

__all__ = ["PINYIN_LETTERS", "RESIDUE_SYLLABLE", "ResidueMap", "without_residue"]

#: The letters of a pinyin syllable, as a regex character class body (plain and tone-marked vowels).
PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
#: What follows the opening bracket of residue: Latin letters with at least one tone-marked vowel (so
#: ``(R)``, ``(WFP)`` and ``(s)`` are not residue), an optional space, the closing bracket.
RESIDUE_SYLLABLE = rf"(?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ])[{PINYIN_LETTERS}]{{1,7}} ?\)"

#: A bracketed syllable right after a Chinese character (the bracket first: the regex engine scans
#: for it quickly, then looks behind it).
_RESIDUE = re.compile(rf"\((?<=[\u3400-\u9fff\uf900-\ufaff]\(){RESIDUE_SYLLABLE}")


class ResidueMap:
    """Offsets of the plain text (residue removed) mapped back to the text as written."""

    __slots__ = ("_ends", "_starts")

    def __init__(self, starts: list[int], ends: list[int]) -> None:
        self._starts = starts  # original offset of each plain character
        self._ends = ends  # original offset after each plain character and the residue that follows it

    def start(self, plain: int) -> int:
        """Original offset of the plain character at ``plain`` (or of the text's end)."""
        return self._starts[plain] if plain < len(self._starts) else (self._ends[-1] if self._ends else 0)

    def end(self, plain: int) -> int:
        """Original offset after the plain span ending at ``plain``, with the residue of its last character."""
        return self._ends[plain - 1] if plain > 0 else 0


def without_residue(text: str) -> tuple[str, ResidueMap | None]:
    """``text`` without pinyin residue and the map back; ``(text, None)`` when it has none."""
    if "(" not in text or text.isascii():
        return text, None
    found = list(_RESIDUE.finditer(text))
    if not found:
        return text, None
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for match in found:
        pieces.append(text[pos : match.start()])
        starts.extend(range(pos, match.start()))
        ends.extend(range(pos + 1, match.start() + 1))
        ends[-1] = match.end()  # the residue belongs to the character before it
        pos = match.end()
    pieces.append(text[pos:])
    starts.extend(range(pos, len(text)))
    ends.extend(range(pos + 1, len(text) + 1))
    return "".join(pieces), ResidueMap(starts, ends)
