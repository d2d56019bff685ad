"""Regex fragments for word lists that the regex engine scans quickly.

Python's ``re`` tries every alternative at every position unless a pattern opens with one
character class; then it jumps from one candidate character to the next in C. A word list is
therefore written as ``[ab](?:(?<=a)pple|(?<=b)(?:anana|erry))``: one opening class of first
letters, then the rest of each word behind a one-character lookbehind. On article text this is
three to five times faster than ``apple|banana|berry``.

The opening character is consumed by the class, so named groups inside ``after_first`` do not
include it: use the whole match (``m.group()``) for the word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from aidcurator.extract.keyscan import KeyAutomaton
from aidcurator.extract.regex_starts import regex_first_chars, regex_prefixes

__all__ = [
    "Prefiltered",
    "PrefilteredSet",
    "after_first",
    "alternation",
    "any_case_first_chars",
    "existence_gate",
    "first_chars",
    "regex_first_chars",
    "regex_prefixes",
    "trie",
]


def alternation(words: Iterable[str]) -> str:
    """A plain alternation of ``words``, longest first (for short texts or anchored matches)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def trie(words: Iterable[str]) -> str:
    """An alternation of ``words`` sharing prefixes (``t(?:en|wo)``); the longest word wins."""
    tree: dict = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


def first_chars(words: Iterable[str], *, both_cases: bool = False) -> str:
    """The first characters of ``words``, escaped for use inside ``[...]``."""
    chars = {w[0] for w in words if w}
    if both_cases:
        chars |= {c.lower() for c in chars} | {c.upper() for c in chars}
    return "".join(_class_char(c) for c in sorted(chars))


@cache
def _every_character(astral: bool) -> str:
    """Every character of the Basic Multilingual Plane (and, with ``astral``, past it), surrogates left out."""
    return "".join(map(chr, range(0xD800))) + "".join(
        map(chr, range(0xE000, 0x110000 if astral else 0x10000))
    )


def any_case_first_chars(words: Iterable[str]) -> str:
    """The first characters of ``words`` and every character the regex engine takes for one of them when
    it ignores case (``K``, ``k`` and the Kelvin sign for ``k``), escaped for use inside ``[...]``: a class
    outside ``(?i:...)`` that lets through exactly what the words' first letters match inside it."""
    words = [w for w in words if w]
    if not words:
        return ""
    every = _every_character(any(ord(w[0]) > 0xFFFF for w in words))
    found = re.findall(f"(?i)[{first_chars(words)}]", every)
    return "".join(_class_char(c) for c in sorted(set(found)))


def after_first(words: Iterable[str], *, both_cases: bool = False) -> str:
    """The rest of each word after its first character (already consumed by the opening class).

    ``both_cases`` makes the first-character check case-insensitive; wrap the fragment in
    ``(?i:...)`` for the rest of the word.
    """
    rests: dict[str, list[str]] = {}
    for word in words:
        if word:
            first = word[0].lower() if both_cases else word[0]
            rests.setdefault(first, []).append(word[1:])
    branches = []
    for first, tails in sorted(rests.items()):
        cls = first_chars([first], both_cases=both_cases)
        branches.append(f"(?<=[{cls}]){trie(tails)}")
    return "(?:" + "|".join(branches) + ")" if branches else "(?!)"


def gated(branches: Iterable[tuple[str, str]], tail: str = "") -> str:
    """``(?:b1|b2…)tail`` for branches given as (class of their first characters, the branch), opening
    with one class of all those characters and each branch gated by a look-behind at its own class:
    ``[f1f2](?:(?<=[f1])b1|(?<=[f2])b2)tail``. The regex engine skips ahead in C to the candidates (a
    pattern that opens with an alternation is tried at every character). Each branch must match from
    its first character on (as :func:`after_first` writes it). No branches: a pattern that never
    matches."""
    branches = list(branches)
    if not branches:
        return "(?!)"
    firsts = "".join(first for first, _ in branches)
    inner = "|".join(f"(?<=[{first}]){branch}" for first, branch in branches)
    return f"[{firsts}](?:{inner}){tail}"


def existence_gate(fragment: str) -> str:
    """A pattern found where ``fragment`` is found, for a yes/no search: ``[c](?<=(?=fragment).)``.

    It opens with one class of every character a match of ``fragment`` can start with (in any case,
    as :func:`any_case_first_chars`), so the engine skips in C to the candidates, and there tries
    ``fragment`` from the class's character on. The match starts where ``fragment``'s would, but
    holds that one character only. ``fragment`` unchanged when its first characters are not known.
    """
    chars = regex_first_chars(fragment)
    if chars is None or re.match(r"\(\?[aiLmsux]+\)", fragment):
        return fragment  # first characters unknown, or a global flag that must stay in front
    return f"[{any_case_first_chars(chars)}](?<=(?=(?:{fragment})).)"


def _class_char(ch: str) -> str:
    return "\\" + ch if ch in "\\]^-[" else ch


_SHORT_PREFIX = 5  # prefix length when the long prefixes of a cue are too many


class Prefiltered:
    """``pattern.finditer`` restricted to the places a cheap prefilter finds.

    ``pattern`` is an alternation of ``(fragment, english)`` cues (English ones are whole words in any
    case). The prefilter is an Aho-Corasick automaton of the literal prefixes of every cue, run in C
    over the lower-cased text, so ``pattern`` is tried only where a cue can start (English: at the
    start of a word). The matches are the same as ``pattern.finditer`` (leftmost, non-overlapping)."""

    def __init__(self, pattern: re.Pattern[str], cues: Iterable[tuple[str, bool]], length: int = 8) -> None:
        """``length``: the longest prefix the prefilter looks for (longer ones let fewer false starts through,
        for the same automaton speed); a cue with too many prefixes that long has its prefixes of 5."""
        self.pattern = pattern
        self.english: set[str] | None = set()
        self.chinese: set[str] | None = set()
        for fragment, is_english in cues:
            found = regex_prefixes(fragment, length, ignore_case=True)
            if found is None and length > _SHORT_PREFIX:
                found = regex_prefixes(fragment, _SHORT_PREFIX, ignore_case=True)
            if found is None:  # some cue can start anywhere: no prefilter
                self.english = self.chinese = None
                break
            (self.english if is_english else self.chinese).update(found)
        self.prefilter = _Prefilter.of([self])

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterable[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        if self.prefilter is None:
            return self.pattern.finditer(text, pos, end)
        return self.at(text, [start for start, _ in self.prefilter.hits(text, pos, end)], pos, end)

    def at(self, text: str, starts: Iterable[int], pos: int, end: int) -> list[re.Match[str]]:
        """The matches among ``starts`` (in order; a superset of this prefilter's hits), as a list
        (the callers read them all: a generator costs more)."""
        match_at = self.pattern.match
        matches = []
        last = pos
        for start in starts:
            if start < last:
                continue
            found = match_at(text, start, end)
            if found is not None:
                matches.append(found)
                last = found.end()
        return matches


Hits = list[tuple[int, int]]  # (offset, bit mask of the patterns whose prefix starts there), in order


class PrefilteredSet:
    """Several :class:`Prefiltered` patterns sharing one prefilter scan: ``findall(text, pos, end)``
    gives each pattern's matches, the same as its own ``finditer``. Each pattern is tried only where
    one of its own prefixes starts."""

    def __init__(self, patterns: list[Prefiltered]) -> None:
        self.patterns = patterns
        self.prefilter = _Prefilter.of(patterns)

    def hits(self, text: str, pos: int, end: int) -> Hits | None:
        """Where a cue of each pattern can start in ``text[pos:end]`` (None: anywhere)."""
        return self.prefilter.hits(text, pos, end) if self.prefilter is not None else None

    def findall(self, text: str, pos: int, end: int) -> list[list[re.Match[str]]]:
        return self.findall_hits(text, pos, end)[0]

    def findall_hits(
        self, text: str, pos: int, end: int, count: int | None = None
    ) -> tuple[list[list[re.Match[str]]], Hits | None]:
        """The matches of the first ``count`` patterns (default: all), as :meth:`findall`, and the
        :meth:`hits` of every pattern found in the same pass (for the others' :meth:`first`)."""
        patterns = self.patterns if count is None else self.patterns[:count]
        hits = self.hits(text, pos, end)
        if hits is None:
            return [list(p.finditer(text, pos, end)) for p in patterns], None
        if not hits:
            return [[] for _ in patterns], hits
        starts = [[s for s, mask in hits if mask >> i & 1] for i in range(len(patterns))]
        return [
            p.at(text, own, pos, end) if own else [] for p, own in zip(patterns, starts, strict=True)
        ], hits

    def first(self, text: str, pos: int, end: int, hits: Hits | None = None) -> int | None:
        """The index of the first pattern with a match in ``text[pos:end]`` (``pattern.search``).

        ``hits``: this set's :meth:`hits` for the range, or any superset of them, if known."""
        if hits is None:
            hits = self.hits(text, pos, end)
            if hits is None:
                return next(
                    (i for i, p in enumerate(self.patterns) if p.pattern.search(text, pos, end)), None
                )
        if not hits:
            return None
        for index, pattern in enumerate(self.patterns):
            starts = [s for s, mask in hits if mask >> index & 1]
            if starts and pattern.at(text, starts, pos, end):
                return index
        return None


class _Prefilter:
    """Where a cue of some patterns can start: their literal prefixes (lower case) in an Aho-Corasick
    automaton; an English prefix counts only at the start of a word (no letter, digit, _, ' or - before)."""

    def __init__(self, prefixes: list[tuple[set[str], set[str]]]) -> None:
        values: dict[str, list[int]] = {}  # word -> [mask, English only]
        for index, (english, chinese) in enumerate(prefixes):
            for words, is_english in ((english, True), (chinese, False)):
                for word in words:
                    value = values.setdefault(word, [0, 1])
                    value[0] |= 1 << index
                    if not is_english:
                        value[1] = 0  # a prefix in both lists counts anywhere
        self.automaton = None
        if values:
            self.automaton = KeyAutomaton(
                (word, (len(word), bool(english), mask)) for word, (mask, english) in values.items()
            )

    @classmethod
    def of(cls, patterns: list[Prefiltered]) -> _Prefilter | None:
        prefixes = []
        for pattern in patterns:
            if pattern.english is None or pattern.chinese is None:
                return None
            prefixes.append((pattern.english, pattern.chinese))
        return cls(prefixes)

    def hits(self, text: str, pos: int, end: int) -> Hits:
        """Offsets in ``text[pos:end]`` where a prefix starts, in order, with their patterns' mask."""
        if self.automaton is None:
            return []
        chunk = text[pos:end]
        low = chunk.lower()
        if len(low) != len(chunk):  # a letter whose lower case is longer (İ): keep it as it is
            low = "".join(c if len(c.lower()) != 1 else c.lower() for c in chunk)
        found: dict[int, int] = {}
        for last, (length, english, mask) in self.automaton.iter(low):
            start = pos + last - length + 1
            if english and start > 0:
                before = text[start - 1]
                if before.isalnum() or before in "_'-":
                    continue
            found[start] = found.get(start, 0) | mask
        return sorted(found.items())
