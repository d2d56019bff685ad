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
key can occur in it): one symbol a character, and few children at its root.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import ahocorasick

__all__ = ["KeyAutomaton"]


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

    def iter(self, text: str) -> list[tuple[int, Any]]:
        """(index of the hit's last character, value) of every hit: by end, the longest key first among
        hits that end together (the order of ``ahocorasick.Automaton.iter``)."""
        if text.isascii():
            automaton = self._ascii_automaton()
            return list(automaton.iter(text)) if automaton is not None else []
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
