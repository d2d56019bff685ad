"""Traditional → simplified Chinese, character for character, so offsets stay valid.

Cue words, place names and sector keywords are written once, in simplified characters
(``resources/rules``). A traditional-character article (``江蘇安排援疆資金``) is matched through
``to_simplified``, which maps each character on its own (``resources/rules/traditional_to_simplified.tsv``)
and therefore returns a string of the same length: every offset into the result is an offset into
the original text.
"""

from __future__ import annotations

import re
from functools import cache

from aidcurator.resources import resource_path

__all__ = ["to_simplified"]


@cache
def _table() -> str:
    """A translate table indexed by code point (a str: the fastest form ``str.translate`` takes)."""
    mapping = _mapping()
    table = [chr(code) for code in range(max(mapping) + 1)]
    for code, target in mapping.items():
        table[code] = target
    return "".join(table)


@cache
def _mapping() -> dict[int, str]:
    """Code point of each traditional character → its simplified character, from the rule file."""
    mapping: dict[int, str] = {}
    path = resource_path("rules", "traditional_to_simplified.tsv")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        source, _, target = line.partition("\t")
        if len(source) != 1 or len(target) != 1:
            raise ValueError(f"{path.name} line {number}: expected one character, a tab, one character")
        mapping[ord(source)] = target
    return mapping


@cache
def _changed() -> frozenset[str]:
    """The characters ``_table`` changes (the traditional ones)."""
    return frozenset(chr(code) for code, target in _mapping().items() if target != chr(code))


@cache
def _maybe_changed() -> re.Pattern[str]:
    """A character ``_table`` changes, or any character past the BMP (the regex engine tests a class of
    BMP characters in a few steps, but a long list of astral ones one by one: those are checked apart)."""
    bmp = sorted(c for c in _changed() if ord(c) <= 0xFFFF)
    return re.compile(f"[{''.join(re.escape(c) for c in bmp)}\U00010000-\U0010ffff]")


def _has_traditional(text: str) -> bool:
    """Whether ``text`` holds a character ``_table`` changes (one regex scan, faster than a set test
    per character)."""
    found = _maybe_changed().search(text)
    if found is None:
        return False
    return found.group() in _changed() or not _changed().isdisjoint(text)


_last: tuple[str, str] = ("", "")  # mention finding and record assembly simplify the same text


def to_simplified(text: str) -> str:
    """``text`` with traditional characters replaced one for one (same length, same offsets)."""
    global _last
    if text.isascii():
        return text
    last = _last  # one read: another thread may replace it (the pair is swapped whole)
    if last[0] is text:
        return last[1]
    # no traditional character (most texts): one scan is faster than translating every character;
    # code points past the table's end stay as they are
    simple = text.translate(_table()) if _has_traditional(text) else text
    _last = (text, simple)
    return simple
