"""The one place where Python ``str`` offsets meet Qt's UTF-16 positions.

The store, the extractor and every span in the database count Python code points; ``QString``,
``QTextCursor`` and ``QTextDocument`` count UTF-16 code units, in which each character outside the
Basic Multilingual Plane (``𠀀``, most emoji) takes two units. Every conversion in the GUI goes
through :class:`OffsetMap`, built once per article text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

_BMP_LIMIT = 0xFFFF


class OffsetMap:
    """Converts between Python str indices and UTF-16 positions for one text.

    Only the indices of non-BMP characters are kept, so a pure-BMP text (most articles) costs an
    empty list and every conversion is the identity.
    """

    __slots__ = ("_astral", "_astral_qt", "_py_length")

    def __init__(self, text: str) -> None:
        self._py_length = len(text)
        # Python index of every character that needs a surrogate pair in UTF-16.
        self._astral: list[int] = (
            [i for i, ch in enumerate(text) if ord(ch) > _BMP_LIMIT] if not text.isascii() else []
        )
        # The UTF-16 position where each of those characters starts.
        self._astral_qt: list[int] = [i + n for n, i in enumerate(self._astral)]

    @property
    def py_length(self) -> int:
        return self._py_length

    @property
    def qt_length(self) -> int:
        return self._py_length + len(self._astral)

    def to_qt(self, index: int) -> int:
        """UTF-16 position of Python index ``index`` (clamped to the text)."""
        index = max(0, min(index, self._py_length))
        return index + bisect_left(self._astral, index)

    def to_py(self, position: int) -> int:
        """Python index of UTF-16 ``position``; a position inside a surrogate pair snaps back to
        the start of its character (clamped to the text)."""
        position = max(0, min(position, self.qt_length))
        before = bisect_right(self._astral_qt, position - 1)  # astral chars starting before position
        if before and self._astral_qt[before - 1] == position - 1:
            # position is the low surrogate of that character: snap to its start
            return self._astral[before - 1]
        return position - before

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)

    def span_to_py(self, start: int, end: int) -> tuple[int, int]:
        """Python span for a UTF-16 selection; an end inside a surrogate pair keeps the whole character."""
        py_start = self.to_py(start)
        py_end = self.to_py(end)
        if self.to_qt(py_end) < min(end, self.qt_length):
            py_end += 1
        return py_start, py_end


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (what ``QString.length()`` reports)."""
    return OffsetMap(text).qt_length
