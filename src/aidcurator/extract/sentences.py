"""Split text into sentence spans (Chinese and English punctuation), keeping str offsets."""

from __future__ import annotations

import re
from bisect import bisect_right
from operator import attrgetter

from aidcurator.domain import Span

_START = attrgetter("start")

_SENTENCE = re.compile(r"[^。！？!?；;\n]+(?:[。！？!?；;]+[”」』\"']?|\n|$)|(?<=[.])\s")
# Where an English sentence breaks inside a punctuation-delimited piece: after ". " before a capital
# ("USD. The" too, not "U.S. Army"), or before a bullet or "Group N" run onto the same line ("[1][10] -
# The …"): at the first space of the run before it. One scan finds both: it opens with the one class of
# the characters they need (a dot; a bullet mark or G), which the regex engine skips ahead to in C; the
# group "dot" (empty) is matched for a dot; each match is one character, so none hides another; the
# bullet's space is found from the bullet (see _breaks).
_BREAK = re.compile(
    r"[.\-–•G](?:(?P<dot>(?<=[a-z0-9%)\]”\"']\.)|(?<=[A-Z]{2}\.))(?=\s+[A-Z“\"])"
    r"|(?<=[-–•])(?=\s+[A-Z])|(?<=G)(?=roup \d+\b))"
)


def sentence_spans(text: str) -> list[Span]:
    """Sentence spans covering ``text``; English sentences end at '. ' before a capital."""
    return _split(text, 0, len(text))


class SentenceIndex:
    """The sentence holding an offset, splitting only the lines asked about.

    A line break always ends a sentence, so splitting line by line gives exactly the spans of
    :func:`sentence_spans`; record assembly asks about the few lines that hold an amount.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._lines: dict[int, list[Span]] = {}
        self._found: dict[int, Span] = {}  # offset → its sentence: the same offsets are asked again

    def of(self, offset: int) -> Span:
        """The sentence span holding ``offset`` (``Span(offset, offset)`` between sentences)."""
        found = self._found.get(offset)
        if found is not None:
            return found
        text = self.text
        start = text.rfind("\n", 0, offset) + 1
        spans = self._lines.get(start)
        if spans is None:
            end = text.find("\n", offset)
            spans = self._lines[start] = _split(text, start, len(text) if end < 0 else end + 1)
        found = self._found[offset] = sentence_of(spans, offset)
        return found


_last_index: SentenceIndex | None = None  # record assembly and party roles read the same text


def sentence_index(text: str) -> SentenceIndex:
    """The :class:`SentenceIndex` of ``text``, shared with the last caller that asked about the same text."""
    global _last_index
    last = _last_index  # one read: another thread may replace it
    if last is not None and last.text is text:
        return last
    index = _last_index = SentenceIndex(text)
    return index


def _split(text: str, begin: int, stop: int) -> list[Span]:
    spans: list[Span] = []
    for match in _SENTENCE.finditer(text, begin, stop):
        start, end = match.span()
        piece = match.group()
        if "." not in piece and " " not in piece and piece.isprintable():
            # no dot and no white space (the other white space characters are not printable): no
            # English break can be in it, and it is not blank; a Chinese sentence skips the break pattern
            spans.append(Span(start, end))
            continue
        cut = start
        for pos in _breaks(text, start, end):
            if pos > cut:
                spans.append(Span(cut, pos))
                cut = pos
        if text[cut:end].strip():
            spans.append(Span(cut, end))
    return spans


def _breaks(text: str, start: int, end: int) -> list[int]:
    """Where English sentences break in the piece ``text[start:end]``, in order: after a dot that ends
    a sentence, and at the first space of a run of white space (after a word) that a bullet or "Group N"
    follows. The bullet's space is only white space away from it, so no dot lies between: the cuts come
    in order."""
    cuts = []
    for found in _BREAK.finditer(text, start, end):
        if found.lastgroup == "dot":
            cuts.append(found.end())
            continue
        first = found.start()
        while first > 0 and text[first - 1].isspace():  # (str.isspace is what \s matches)
            first -= 1
        if start <= first < found.start() and first > 0:  # a space after a non-space, inside the piece
            # (only white space between it and the bullet: no dot, so the cuts stay in order)
            cuts.append(first)
    return cuts


def sentence_of(spans: list[Span], offset: int) -> Span:
    """The sentence span holding ``offset`` (binary search over the spans, in order and not overlapping)."""
    i = bisect_right(spans, offset, key=_START) - 1  # the last span starting at or before the offset
    if i >= 0 and offset < spans[i].end:
        return spans[i]
    return Span(offset, offset)
