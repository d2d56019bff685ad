"""The cue patterns of ``resources/rules/flows.json`` (see :mod:`aidcurator.extract.flows`): the cues of
several entries in one pattern, group ``g<i>_<k>`` for cue ``k`` of entry ``i``, each place the prefilter
finds tried with only the cues that can start there."""

from __future__ import annotations

import re
from collections.abc import Iterable

from aidcurator.extract.fastre import Prefiltered, regex_first_chars, regex_prefixes

__all__ = ["CharDispatched", "cue_groups"]

#: a compiled cue pattern, or the indices of its cues until a text first needs it
_Lazy = re.Pattern[str] | tuple[int, ...]


def cue_groups(entries: list[dict[str, list[str]]]) -> Prefiltered:
    """One pattern whose groups ``g<i>_<k>`` hold the cues of entry ``i``: a text is scanned once.

    Where the prefilter finds a place, only the cues that can start with the character there are
    tried (:class:`CharDispatched`), in the rule file's order, so the first cue that matches is the
    same as in the plain alternation kept for texts the prefilter cannot serve."""
    alternatives = [
        (i, word, english)
        for i, entry in enumerate(entries)
        for english, key in ((True, "en"), (False, "zh"))
        for word in entry.get(key, [])
        if word
    ]
    plain = "|".join(f"(?P<g{i}_{k}>{_cue(word, en)})" for k, (i, word, en) in enumerate(alternatives))
    return CharDispatched(re.compile(plain or "(?!)"), [(w, en) for _, w, en in alternatives], alternatives)


class CharDispatched(Prefiltered):
    """A :class:`Prefiltered` cue pattern that, where its prefilter found a place, tries only the cues
    that can start with the character there (one small pattern per first character, the cues in the
    rule file's order; at two ASCII characters, per first two): the same matches as the whole pattern,
    without walking its branches."""

    def __init__(
        self,
        pattern: re.Pattern[str],
        cues: list[tuple[str, bool]],
        alternatives: list[tuple[int, str, bool]],
    ) -> None:
        super().__init__(pattern, cues)
        firsts = [regex_first_chars(word, ignore_case=english) for _, word, english in alternatives]
        # the dispatch tables hold a tuple of cue indices until a text first needs that pattern, which
        # is then compiled (_Lazy) and stored in its place: most of a few hundred are never needed in
        # a process, and compiling them all cost every process a tenth of a second at its first text
        self._alternatives = alternatives
        self._compiled: dict[tuple[int, ...], re.Pattern[str]] = {}
        self.by_char: dict[str, _Lazy] | None = None
        if alternatives and all(f is not None for f in firsts):
            members: dict[str, list[int]] = {}
            for k, first in enumerate(firsts):
                for char in first or ():
                    members.setdefault(char, []).append(k)
            self.by_char = {char: tuple(ks) for char, ks in members.items()}
            self._by_pairs(alternatives, members)

    def compiled_for(self, table: dict[str, _Lazy], key: str) -> re.Pattern[str] | None:
        """The pattern ``table`` holds for ``key``, compiled now if it is not yet (and kept)."""
        found = table.get(key)
        if found is None or found.__class__ is not tuple:
            return found  # type: ignore[return-value]
        pattern = self._compiled.get(found)  # type: ignore[arg-type]
        if pattern is None:
            pattern = self._compiled[found] = _dispatched([self._alternatives[k] for k in found])  # type: ignore[union-attr]
        table[key] = pattern
        return pattern

    def _by_pairs(self, alternatives: list[tuple[int, str, bool]], members: dict[str, list[int]]) -> None:
        """``by_pair``: two ASCII characters → the cues of their first character's pattern that can start
        with both (the cues whose first two characters are not known stay in every one); ``by_first``:
        an ASCII character → those cues only, for a pair no cue names. English cues starting with ``to``
        (``to be completed``) are not tried where a text has ``th``."""
        pairs = [_ascii_pairs(word) for _, word, _ in alternatives]
        self.by_pair: dict[str, _Lazy] = {}
        self.by_first: dict[str, _Lazy] = {}
        for char, ks in members.items():
            if not char.isascii():
                continue
            named = {pair for k in ks for pair in pairs[k] or () if pair[0] == char}
            for key in [None, *sorted(named)]:
                chosen = tuple(k for k in ks if pairs[k] is None or (key is not None and key in pairs[k]))
                if chosen:
                    if key is None:
                        self.by_first[char] = chosen
                    else:
                        self.by_pair[key] = chosen

    def at(self, text: str, starts: Iterable[int], pos: int, end: int) -> list[re.Match[str]]:
        by_char = self.by_char
        if by_char is None:
            return super().at(text, starts, pos, end)
        by_pair, by_first = self.by_pair, self.by_first
        matches = []
        last = pos
        for start in starts:
            if start < last:
                continue
            pair = text[start : start + 2]
            table, key = by_pair, pair
            pattern = by_pair.get(pair)
            if pattern is None:
                if len(pair) == 2 and pair.isascii():
                    table, key = by_first, pair[0]  # only cues whose second character is not known
                else:
                    table, key = by_char, text[start]
                pattern = table.get(key)
            if pattern is None:
                continue
            if pattern.__class__ is tuple:
                pattern = self.compiled_for(table, key)
            found = pattern.match(text, start, end)  # type: ignore[union-attr]
            if found is not None:
                matches.append(found)
                last = found.end()
        return matches


def _ascii_pairs(word: str) -> frozenset[str] | None:
    """The pairs of ASCII characters, in either case, that a match of ``word`` can start with (as the regex
    engine matches ASCII letters ignoring case); None when a match may start with one known character
    only, or its first two may be a letter outside ASCII that has a case (ſ, the Kelvin sign)."""
    prefixes = regex_prefixes(word, 2)
    if prefixes is None or any(len(p) < 2 for p in prefixes):
        return None
    if any(not c.isascii() and (c.lower() != c or c.upper() != c) for p in prefixes for c in p):
        return None
    return frozenset(
        first + second
        for p in prefixes
        for first in {p[0].lower(), p[0].upper()}
        for second in {p[1].lower(), p[1].upper()}
        if (first + second).isascii()
    )


def _dispatched(alternatives: list[tuple[int, str, bool]]) -> re.Pattern[str]:
    """The cues that can start with one character, in the rule file's order, as one pattern (group
    ``g<entry>_<j>`` for the ``j``-th): the same matches as their branches of the whole pattern. When
    all are English, the look-behind they share (no word before) is tested once, ahead of them: a start
    where no cue matches (most of them) fails there, or after each word once."""
    if all(english for _, _, english in alternatives):
        body = "|".join(
            rf"(?P<g{entry}_{j}>(?i:(?:{word})(?![\w-])))" for j, (entry, word, _) in enumerate(alternatives)
        )
        return re.compile(rf"(?<![\w'-])(?:{body})")
    return re.compile(
        "|".join(
            f"(?P<g{entry}_{j}>{_cue(word, english)})"
            for j, (entry, word, english) in enumerate(alternatives)
        )
    )


def _cue(word: str, english: bool) -> str:
    return rf"(?i:(?<![\w'-])(?:{word})(?![\w-]))" if english else f"(?:{word})"
