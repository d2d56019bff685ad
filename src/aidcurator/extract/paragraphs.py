"""The paragraph (text between blank lines) holding a position of a text, a short headline joined to
the lead paragraph: the scope record assembly reads flow and status cues, years and sectors in."""

from __future__ import annotations

import re
from bisect import bisect_left

__all__ = ["ParagraphIndex"]

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


class ParagraphIndex:
    """The paragraph holding a position; a headline (the text's first paragraph when it is one short
    line) belongs to the paragraph after it. Each position's paragraph is found once: records, flows and
    periods ask about the same amounts again and again."""

    def __init__(self, text: str) -> None:
        starts, ends = [0], []
        for match in _PARAGRAPH_BREAK.finditer(text):
            ends.append(match.start())
            starts.append(match.end())
        ends.append(len(text))
        self.starts, self.ends = starts, ends
        self.size = len(text)
        self.headline = len(ends) > 1 and ends[0] < 300 and "\n" not in text[: ends[0]].strip()
        self._found: dict[int, tuple[int, int]] = {}

    def __call__(self, position: int) -> tuple[int, int]:
        """(start, end) of the paragraph holding ``position`` (the last paragraph from the text's end on)."""
        found = self._found.get(position)
        if found is None:
            found = self._found[position] = self._find(position)
        return found

    def _find(self, position: int) -> tuple[int, int]:
        starts, ends = self.starts, self.ends
        i = max(0, bisect_left(ends, position + 1) if position < self.size else len(ends) - 1)
        i = min(i, len(ends) - 1)
        start, end = starts[i], ends[i]
        if self.headline and i == 0:
            end = ends[1]  # the headline joins the lead paragraph
        elif self.headline and i == 1:
            start = 0
        return start, end
