"""Text as the place and sector scans read it: Latin folded to lower case, the gaps inside Chinese
(spaces, line breaks, pinyin residue) squeezed out, with the offsets back to the original."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from aidcurator.extract.residue import RESIDUE_SYLLABLE

# ---------------------------------------------------------------------------------------------
# loading


def is_latin_key(key: str) -> bool:
    """Whether a gazetteer key is written in Latin letters (matched case-insensitively, on word boundaries)."""
    return any("a" <= c <= "z" or "A" <= c <= "Z" for c in key)


def fold_key(text: str) -> str:
    """Lower-case ``text`` without changing its length (offsets stay valid)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_last_fold: tuple[str, str, str] | None = None  # places, sectors and years fold the same squeezed text


def _folds(text: str) -> tuple[str, str]:
    """``text.lower()`` and :func:`fold_text`, made once for the last text asked about."""
    global _last_fold
    last = _last_fold  # one read: another thread may replace it (the triple is swapped whole)
    if last is not None and last[0] is text:
        return last[1], last[2]
    low = text.lower()
    folded = low if len(low) == len(text) else fold_key(text)
    _last_fold = (text, low, folded)
    return low, folded


def fold_text(text: str) -> str:
    """``text`` lower-cased without changing its length, made once for the last text asked about."""
    return _folds(text)[1]


def lower_text(text: str) -> str:
    """``text.lower()``, made once for the last text asked about (with :func:`fold_text`)."""
    return _folds(text)[0]


def is_word_char(c: str) -> bool:
    """A character that continues a Latin word (letters and digits, not CJK)."""
    return c.isalnum() and ord(c) < 0x2E80


# a gap between two Chinese characters; it opens with one character class, of the gap's own characters
# and the bracket, which the regex engine scans for quickly (Chinese text is almost all Chinese
# characters, gaps are rare; a pattern that opens with an alternation is tried at every character); a
# bracketed pinyin syllable a web page printed after a character (萬(wàn)州) is a gap too (see residue.py)
_CJK_GAP = re.compile(
    r"[ \t\u3000\u00a0\r\n(]"
    r"(?:(?<=[\u3400-\u9fff][ \t\u3000\u00a0\r\n])[ \t\u3000\u00a0\r\n]*(?=[\u3400-\u9fff])"
    rf"|(?<=[\u3400-\u9fff]\(){RESIDUE_SYLLABLE}(?=[\u3400-\u9fff]))"
)


# where a gap can start in a text with few Chinese characters (an English text): right after a Chinese
# character, one of the gap's own characters next; the search skips ahead to the Chinese characters, not
# to every space (see _gaps)
_AFTER_CJK = re.compile(r"[\u3400-\u9fff](?=[ \t\u3000\u00a0\r\n(])")


def _gaps(text: str) -> Iterable[re.Match[str]]:
    """``_CJK_GAP.finditer(text)``. In a text with many spaces each gap is matched where a Chinese
    character is followed by a gap character (a gap starts only there, and none holds a Chinese character:
    the matches are the same, in order)."""
    if text.count(" ") * 10 < len(text):
        return _CJK_GAP.finditer(text)
    match_at = _CJK_GAP.match
    found = (match_at(text, before.end()) for before in _AFTER_CJK.finditer(text))
    return [gap for gap in found if gap is not None]


@dataclass(frozen=True, slots=True)
class SqueezedText:
    """A text with line-wrap gaps between Chinese characters removed (``伊 犁州`` → ``伊犁州``).

    PDF and web copies often break a line inside a word; matching runs on ``text`` and maps
    offsets back to the original with ``start``/``end``.
    """

    text: str
    breaks: tuple[int, ...] = ()  # squeezed offsets where a gap was removed
    shifts: tuple[int, ...] = ()  # characters removed up to and including that gap

    def start(self, i: int) -> int:
        """Original offset of the character at squeezed offset ``i``."""
        if not self.breaks:  # nothing was squeezed (most texts)
            return i
        k = bisect_right(self.breaks, i)
        return i + (self.shifts[k - 1] if k else 0)

    def end(self, i: int) -> int:
        """Original (exclusive) end offset for a squeezed end offset ``i``."""
        return self.start(i - 1) + 1 if i > 0 else 0


_last_squeeze: tuple[str, SqueezedText] | None = None  # places, times and sectors squeeze the same text


def squeeze_cjk_gaps(text: str) -> SqueezedText:
    """Remove spaces and single line breaks that sit between two Chinese characters."""
    global _last_squeeze
    last = _last_squeeze  # one read: another thread may replace it (the pair is swapped whole)
    if last is not None and last[0] is text:
        return last[1]
    squeezed = squeeze_text(text)
    _last_squeeze = (text, squeezed)
    return squeezed


def squeeze_text(text: str) -> SqueezedText:
    """:func:`squeeze_cjk_gaps` without the memo of the last text."""
    parts: list[str] = []
    breaks: list[int] = []
    shifts: list[int] = []
    last = removed = 0
    for m in _gaps(text):
        gap_start, gap_end = m.span()
        if m.group().count("\n") > 1:
            continue
        parts.append(text[last:gap_start])
        removed += gap_end - gap_start
        breaks.append(gap_end - removed)
        shifts.append(removed)
        last = gap_end
    if not breaks:
        return SqueezedText(text)
    parts.append(text[last:])
    return SqueezedText("".join(parts), tuple(breaks), tuple(shifts))
