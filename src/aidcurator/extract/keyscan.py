"""Aho-Corasick key search that stays fast when the keys start with hundreds of different characters.

pyahocorasick finds a node's next state by trying the node's children one after another. At the root
those are all the characters a key starts with: hundreds for Chinese place names or sector words, tried
for nearly every character of a Chinese text. :class:`KeyAutomaton` searches the text's UTF-16 bytes
instead, each character of the Basic Multilingual Plane written as two symbols below 256 (high byte,
low byte): every node then has few children, and a search takes about half the time. A hit counts only
where it starts on a character, which is where it ends on a low byte.

A text with a character past the BMP (four bytes) is searched character by character, with a second
automaton over the keys as they are, made the first time such a text comes. An ASCII text (an English
sentence) is searched character by character too, with an automaton of the ASCII keys only (no other
key can occur in it): one symbol a character, and few children at its root. So is an English text (one
character in ten a space) with a few other characters (curly quotes, a dash, a name in Chinese): the
ASCII keys over the text with each of those characters made a ``?`` (which no ASCII key holds), and the
keys with a character past ASCII over a window around each run of them (a hit of such a key covers one),
their hits put before the ASCII keys' hits that end with them (they are the longer ones: an ASCII hit
starts after the last character past ASCII before its end).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import ahocorasick

__all__ = ["KeyAutomaton"]

_PAST_ASCII = re.compile(r"[^\x00-\x7f]+")
_FEW_RUNS = 32  # a text with more runs of characters past ASCII than this is searched whole


def _symbols(text: str) -> str:
    """Two symbols below 256 per BMP character (a lone surrogate too); four per character past it."""
    return text.encode("utf-16-be", "surrogatepass").decode("latin-1")


class KeyAutomaton:
    """Every occurrence of the keys in a text, as ``ahocorasick.Automaton.iter`` gives them."""

    def __init__(self, items: Iterable[tuple[str, Any]]) -> None:
        self._items = list(items)
        self._bytes = ahocorasick.Automaton()
        for key, value in self._items:
            self._bytes.add_word(_symbols(key), value)
        self._bytes.make_automaton()
        self._plain: Any = None
        self._ascii: Any = None
        self._wide: Any = None  # the keys past ASCII (a KeyAutomaton), False when a text is never split
        self._reach = 0  # the length of the longest of them

    def iter(self, text: str) -> list[tuple[int, Any]]:
        """(index of the hit's last character, value) of every hit: by end, the longest key first among
        hits that end together (the order of ``ahocorasick.Automaton.iter``)."""
        if text.isascii():
            automaton = self._ascii_automaton()
            return list(automaton.iter(text)) if automaton is not None else []
        if text.count(" ") * 10 < len(text):  # (few spaces: no English text, searched whole)
            return self._whole(text)
        narrow = text.encode("ascii", "replace")  # (one ? a character past ASCII: offsets kept)
        windows = self._windows(text, narrow)
        if windows is not None:
            return self._mostly_ascii(text, narrow.decode("ascii"), windows)
        return self._whole(text)

    def _whole(self, text: str) -> list[tuple[int, Any]]:
        """:meth:`iter` over the UTF-16 bytes of ``text`` (character by character past the BMP)."""
        symbols = _symbols(text)
        if len(symbols) == 2 * len(text):
            return [(last >> 1, value) for last, value in self._bytes.iter(symbols) if last & 1]
        return list(self._plain_automaton().iter(text))

    def _ascii_automaton(self) -> Any:
        """The automaton of the ASCII keys (None when there are none; ``_ascii`` is then False)."""
        if self._ascii is False:
            return None
        if self._ascii is None:
            keys = [(key, value) for key, value in self._items if key.isascii()]
            if not keys:
                self._ascii = False
                return None
            automaton = ahocorasick.Automaton()
            for key, value in keys:
                automaton.add_word(key, value)
            automaton.make_automaton()
            self._ascii = automaton
        return self._ascii

    def _plain_automaton(self) -> Any:
        if self._plain is None:
            plain = ahocorasick.Automaton()
            for key, value in self._items:
                plain.add_word(key, value)
            plain.make_automaton()
            self._plain = plain
        return self._plain

    def _windows(self, text: str, narrow: bytes) -> list[tuple[int, int]] | None:
        """The stretches of ``text`` around its runs of characters past ASCII (the ``?`` of ``narrow`` that
        are no ? in ``text``) where a key holding one can match, merged, in order; None when they are
        many or long (a Chinese text: searched whole)."""
        wide = self._wide_automaton()
        if wide is None:
            return None
        reach = self._reach - 1
        size = len(text)
        windows: list[tuple[int, int]] = []
        covered = 0
        pos = narrow.find(b"?")
        while pos >= 0:
            if text[pos] == "?":
                pos = narrow.find(b"?", pos + 1)
                continue
            if len(windows) == _FEW_RUNS:
                return None
            end = _PAST_ASCII.match(text, pos, pos + size // 2 + 1).end()  # type: ignore[union-attr]
            lo, hi = max(0, pos - reach), min(size, end + reach)
            if windows and lo <= windows[-1][1]:
                covered -= windows[-1][1] - windows[-1][0]
                lo = windows.pop()[0]
            windows.append((lo, hi))
            covered += hi - lo
            if covered * 2 > size:
                return None
            pos = narrow.find(b"?", end)
        return windows

    def _mostly_ascii(self, text: str, narrow: str, windows: list[tuple[int, int]]) -> list[tuple[int, Any]]:
        """:meth:`iter` of a text whose characters past ASCII lie in ``windows`` (``narrow``: the text with
        each of them a ``?``; see the module doc)."""
        automaton = self._ascii_automaton()
        found = list(automaton.iter(narrow)) if automaton is not None else []
        wide = self._wide
        extra = [(lo + last, value) for lo, hi in windows for last, value in wide._whole(text[lo:hi])]
        if not extra:
            return found
        merged: list[tuple[int, Any]] = []
        i, count = 0, len(found)
        for hit in extra:  # by end; a wide hit before the ASCII hits ending with it
            while i < count and found[i][0] < hit[0]:
                merged.append(found[i])
                i += 1
            merged.append(hit)
        merged.extend(found[i:])
        return merged

    def _wide_automaton(self) -> KeyAutomaton | None:
        """The automaton of the keys with a character past ASCII (None when the search of a mostly ASCII
        text cannot be split: no such key, or an ASCII key holds the ``?`` the split puts in the text)."""
        if self._wide is None:
            keys = [(key, value) for key, value in self._items if key and not key.isascii()]
            if not keys or any("?" in key for key, _ in self._items if key.isascii()):
                self._wide = False
            else:
                self._wide = KeyAutomaton(keys)
                self._reach = max(len(key) for key, _ in keys)
        return self._wide or None
