"""What a regular expression's matches can start with, read from the stdlib's own parser: the set of
first characters (for one opening character class in front of a pattern) and the literal prefixes of
a few characters (for an Aho-Corasick prefilter). Used by :mod:`aidcurator.extract.fastre`."""

from __future__ import annotations

import re
import re._parser as _parser  # the stdlib's own regex parser

__all__ = ["regex_first_chars", "regex_prefixes"]


def regex_first_chars(fragment: str, *, ignore_case: bool = False) -> frozenset[str] | None:
    """The characters a match of the regular expression ``fragment`` can start with.

    ``None`` when that is not a small known set (``.``, ``\\w``, a negated class, or a fragment that
    can match the empty string). With ``ignore_case`` the set holds both cases of each letter.
    """
    try:
        parsed = _parser.parse(fragment)
    except re.error:
        return None
    chars, nullable = _first(list(parsed))
    if chars is None or nullable:
        return None
    if ignore_case:
        chars = {c for ch in chars for c in (ch, ch.lower(), ch.upper())}
    return frozenset(chars)


def _first(items: list) -> tuple[set[str] | None, bool]:
    """(first characters or None for any, whether the sequence can match the empty string)."""
    chars: set[str] = set()
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            return chars | {chr(av)}, False
        if name == "IN":
            found: set[str] = set()
            for sub_op, sub_av in av:
                sub = str(sub_op)
                if sub == "LITERAL":
                    found.add(chr(sub_av))
                elif sub == "RANGE" and sub_av[1] - sub_av[0] < 128:
                    found.update(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
                else:
                    return None, False
            return chars | found, False
        if name == "SUBPATTERN":
            sub_chars, sub_nullable = _first(list(av[3]))
        elif name == "BRANCH":
            sub_chars, sub_nullable = set(), False
            for branch in av[1]:
                branch_chars, branch_nullable = _first(list(branch))
                if branch_chars is None:
                    return None, False
                sub_chars |= branch_chars
                sub_nullable = sub_nullable or branch_nullable
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            sub_chars, sub_nullable = _first(list(av[2]))
            sub_nullable = sub_nullable or av[0] == 0
        elif name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero width: constrains, adds no character
        else:
            return None, False
        if sub_chars is None:
            return None, False
        chars |= sub_chars
        if not sub_nullable:
            return chars, False
    return chars, True


def regex_prefixes(fragment: str, length: int = 3, *, ignore_case: bool = False) -> frozenset[str] | None:
    """Literal strings of at most ``length`` characters one of which starts every match of ``fragment``.

    ``None`` when some match can start with a character that is not spelled out (``.``, ``\\w``, a
    large class) or with nothing at all. With ``ignore_case`` the strings are lower case.
    A prefilter built from them finds every place the fragment can match (see :class:`Prefiltered`).
    """
    try:
        parsed = _parser.parse(fragment)
    except re.error:
        return None
    found = _prefixes(list(parsed), length)
    if found is None or any(not s for s, _ in found):
        return None
    return frozenset(s.lower() if ignore_case else s for s, _ in found)


_Prefixes = set[tuple[str, bool]]  # (literal prefix, whether the next item may extend it)
_MAX_PREFIXES = 200


def _prefixes(items: list, length: int) -> _Prefixes | None:
    current: _Prefixes = {("", True)}
    for item in items:
        step = _item_prefixes(item, length)
        if step is None:
            return None
        grown: _Prefixes = set()
        for s, open_ in current:
            if not open_ or len(s) >= length:
                grown.add((s, False))
                continue
            for t, t_open in step:
                joined = (s + t)[:length]
                grown.add((joined, t_open and len(s + t) < length))
        if len(grown) > _MAX_PREFIXES:
            return None
        current = grown
    return current


def _item_prefixes(item: tuple, length: int) -> _Prefixes | None:
    op, av = item
    name = str(op)
    if name == "LITERAL":
        return {(chr(av), True)}
    if name == "IN":
        chars: set[str] = set()
        for sub_op, sub_av in av:
            sub = str(sub_op)
            if sub == "LITERAL":
                chars.add(chr(sub_av))
            elif sub == "RANGE" and sub_av[1] - sub_av[0] < 16:
                chars.update(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
            else:
                return {("", False)}
        return {(c, True) for c in chars}
    if name == "SUBPATTERN":
        return _prefixes(list(av[3]), length)
    if name == "BRANCH":
        union: _Prefixes = set()
        for branch in av[1]:
            found = _prefixes(list(branch), length)
            if found is None:
                return None
            union |= found
        return union
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        low, high, sub = av
        found = _prefixes(list(sub), length)
        if found is None:
            return None
        if not (low <= 1 and high == 1):
            found = {(s, False) for s, _ in found}  # repeated: stop after the first round
        return found | {("", True)} if low == 0 else found
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return {("", True)}  # zero width
    return {("", False)}  # any other item: the prefix ends here
