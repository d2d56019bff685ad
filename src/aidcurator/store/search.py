"""The article list's search text as SQL: the text as typed and its simplified and traditional spellings.

A curator who types 资金 wants the articles that write 資金 as well, and the other way round.
``resources/search/chinese_variants.tsv`` (from OpenCC, see its README) gives each simplified
character its traditional forms; :func:`spellings` turns the search text into the few spellings
worth looking for, and :func:`search_condition` ORs one ``LIKE`` per spelling and column. A search
without a character that has another form (``援疆``, ``Aksu``) stays a single ``LIKE`` per column.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any

import sqlalchemy as sa

from aidcurator.resources import resource_path
from aidcurator.store.articles import escape_like

__all__ = ["MAX_SPELLINGS", "search_condition", "shared_part", "spellings"]

#: At most this many spellings are searched (each one more LIKE over the text).
MAX_SPELLINGS = 6

Forms = dict[str, tuple[str, ...]]


@cache
def _forms() -> tuple[Forms, Forms]:
    """``(traditional forms of each simplified character, simplified forms of each traditional one)``."""
    to_traditional: dict[str, tuple[str, ...]] = {}
    to_simplified: dict[str, list[str]] = {}
    path = resource_path("search", "chinese_variants.tsv")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        simple, _, rest = line.partition("\t")
        forms = tuple(rest.split())
        if len(simple) != 1 or not forms or any(len(form) != 1 for form in forms):
            raise ValueError(f"{path.name} line {number}: expected a character, a tab, characters")
        to_traditional[simple] = forms
        for form in forms:
            to_simplified.setdefault(form, []).append(simple)
    return to_traditional, {form: tuple(simple) for form, simple in to_simplified.items()}


def _spelled(options: Sequence[tuple[str, ...]]) -> Iterator[str]:
    """Each character in its first (most common) form, then the strings that change one character
    to one of its other forms, from the first character on."""
    first = [forms[0] for forms in options]
    yield "".join(first)
    for position, forms in enumerate(options):
        for other in forms[1:]:
            yield "".join([*first[:position], other, *first[position + 1 :]])


def spellings(text: str) -> list[str]:
    """``text`` as typed, then in simplified and in traditional characters (at most
    :data:`MAX_SPELLINGS`, the most common forms first)."""
    found = [text]
    if text.isascii():
        return found
    to_traditional, to_simplified = _forms()
    simplified = [to_simplified.get(char, (char,)) for char in text]
    traditional = [to_traditional.get(char, (char,)) for char in text]
    for spelling in itertools.chain(_spelled(simplified), _spelled(traditional)):
        if len(found) == MAX_SPELLINGS:
            break
        if spelling not in found:
            found.append(spelling)
    return found


def shared_part(forms: Sequence[str]) -> str:
    """The longest run of characters that every spelling has at the same place ("" for none);
    spellings map character for character, so they all have the same length."""
    best = run = ""
    for chars in zip(*forms, strict=True):
        run = run + chars[0] if len(set(chars)) == 1 else ""
        best = run if len(run) > len(best) else best
    return best


def search_condition(columns: Sequence[Any], text: str) -> sa.ColumnElement[bool]:
    """Whether any of ``columns`` contains any spelling of ``text`` (the caller lists short columns
    first: SQL tries them first).

    With several spellings, a part of two or more characters they share is looked for first, so
    that a row without it costs one ``LIKE`` per column, as a search with one spelling does.
    """
    forms = spellings(text)
    patterns = [f"%{escape_like(spelling)}%" for spelling in forms]
    shared = shared_part(forms) if len(forms) > 1 else ""
    conditions = []
    for column in columns:
        any_form = sa.or_(*(column.like(pattern, escape="\\") for pattern in patterns))
        if len(shared) >= 2:
            any_form = sa.and_(column.like(f"%{escape_like(shared)}%", escape="\\"), any_form)
        conditions.append(any_form)
    return sa.or_(*conditions)
