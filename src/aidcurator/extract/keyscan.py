"""Aho-Corasick key search that stays fast when the keys start with hundreds of different characters.

pyahocorasick finds a node's next state by trying the node's children one after another. At the root
those are all the characters a key starts with: hundreds for Chinese place names or sector words, tried
for nearly every character of a Chinese text. :class:`KeyAutomaton` searches the text's UTF-16 bytes
instead, each character of the Basic Multilingual Plane written as two symbols below 256 (high byte,
low byte): every node then has few children, and a search takes about half the time. A hit counts only
where it starts on a character, which is where it ends on a low byte.

A text with a character past the BMP (four bytes) is searched character by character, with a second
automaton over the keys as they are, made the first time such a text comes.
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

    def iter(self, text: str) -> list[tuple[int, Any]]:
        """(index of the hit's last character, value) of every hit: by end, the longest key first among
        hits that end together (the order of ``ahocorasick.Automaton.iter``)."""
        symbols = _symbols(text)
        if len(symbols) == 2 * len(text):
            return [(last >> 1, value) for last, value in self._bytes.iter(symbols) if last & 1]
        return list(self._plain_automaton().iter(text))

    def _plain_automaton(self) -> Any:
        if self._plain is None:
            plain = ahocorasick.Automaton()
            for key, value in self._items:
                plain.add_word(key, value)
            plain.make_automaton()
            self._plain = plain
        return self._plain
