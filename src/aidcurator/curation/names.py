"""Controlled names: donors and recipients from the gazetteer, sectors from the OECD DAC code list.

The extractor's place lookup (:mod:`aidcurator.extract.places`) decides what a name or alias
stands for; this module turns that into what a record stores (the canonical Chinese name plus its
code: ISO 3166 alpha-3 for countries, the gazetteer id for other places) and into the choices the
window offers while the curator types. A name the gazetteer does not know is kept as typed and
reported as new (``known`` False), never refused. Sector codes and names (English and Chinese)
live in ``resources/rules/sector_codes.csv``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from aidcurator.domain.fields import RECORD_FIELD
from aidcurator.resources import resource_path

if TYPE_CHECKING:  # the extractor is imported when a name is first looked up (the window opens faster)
    from aidcurator.extract.places import Place

__all__ = [
    "NameChoice",
    "Sector",
    "canonical_value",
    "fill_candidate_codes",
    "place_choices",
    "place_for_span",
    "resolve_place",
    "resolve_sector",
    "sector_choices",
    "sector_label",
    "sector_name",
    "sectors",
]

SEPARATOR = " · "  # between the parts of a choice's label; a label typed back resolves to its first part
_DONOR_ROLES = frozenset({"donor", "both"})


@dataclass(frozen=True, slots=True)
class NameChoice:
    """A value a name field can take: what is stored, its code, and how a list shows it."""

    value: str
    code: str | None
    label: str
    known: bool = True


@dataclass(frozen=True, slots=True)
class Sector:
    """One OECD DAC / CRS purpose code (3-digit category or 5-digit code) with its names."""

    code: str
    name_en: str
    name_zh: str


# ---------------------------------------------------------------------------------------------
# places


def place_code(place: Place) -> str:
    """The code stored beside a place's name: ISO alpha-3 for a country, else the gazetteer id."""
    from aidcurator.extract.records import country_code

    return country_code(place.id) or place.id


def _place_choice(place: Place) -> NameChoice:
    where = f"{place.level} in {place.parent}" if place.parent else place.level
    parts = [place.name, place.name_en, where, place_code(place)]
    return NameChoice(place.name, place_code(place), SEPARATOR.join(p for p in parts if p))


def _head(text: str) -> str:
    return text.split(SEPARATOR, 1)[0].strip()


def resolve_place(text: str | None) -> NameChoice | None:
    """The canonical place a typed name, English name, alias or choice label stands for.

    ``None`` for empty text; a name not in the gazetteer comes back as typed with ``known`` False.
    """
    from aidcurator.extract.places import lookup_place

    name = (text or "").strip()
    if not name:
        return None
    place = lookup_place(name) or lookup_place(_head(name))
    if place is None:
        return NameChoice(name, None, f"{name}{SEPARATOR}new: not in the gazetteer", known=False)
    return _place_choice(place)


def place_for_span(
    article_text: str, start: int, end: int, mentions: Iterable[Any] = ()
) -> NameChoice | None:
    """The canonical place "Use as" stores for ``article_text[start:end]``: what the extractor reads.

    A place mention the extractor found inside the selection (its reading in the article's
    context, e.g. 苏州 → 苏州市) wins; else the places found in the selected text; else the
    selection looked up as a name (kept as typed when the gazetteer does not know it).
    """
    from aidcurator.extract.places import find_places, place_by_id

    inside = [m for m in mentions if str(m.kind) == "place" and start <= m.start and m.end <= end and m.data]
    if inside:
        best = max(inside, key=lambda m: (m.end - m.start, -m.start))
        place = place_by_id(best.data.get("id", ""))
        if place is not None:
            return _place_choice(place)
    quoted = article_text[start:end]
    found = find_places(quoted)
    if found:
        best_found = max(found, key=lambda m: (m.end - m.start, -m.start))
        place = place_by_id(best_found.data.get("id", ""))
        if place is not None:
            return _place_choice(place)
    return resolve_place(quoted)


@dataclass(frozen=True, slots=True)
class _PlaceKey:
    keys: tuple[str, ...]  # folded names, English name and aliases
    place: Place
    order: int


@cache
def _place_index() -> tuple[_PlaceKey, ...]:
    from aidcurator.extract.places import all_places

    out = []
    for order, place in enumerate(all_places()):
        keys = (place.name, place.name_en, *place.aliases, place_code(place))
        out.append(_PlaceKey(tuple(k.casefold() for k in keys if k), place, order))
    return tuple(out)


def _match_rank(query: str, keys: Sequence[str]) -> int | None:
    """0 exact, 1 prefix, 2 substring of one of ``keys``; None when none matches."""
    best: int | None = None
    for key in keys:
        rank = 0 if key == query else 1 if key.startswith(query) else 2 if query in key else None
        if rank is not None and (best is None or rank < best):
            best = rank
    return best


def place_choices(
    query: str, role: Literal["donor", "recipient"] | None = None, limit: int = 30
) -> list[NameChoice]:
    """Places whose name, English name, alias or code matches ``query`` (exact, then prefix, then
    substring; places fit for ``role`` first), as canonical choices."""
    wanted = _head(query).casefold()
    if not wanted:
        return []
    scored = []
    for entry in _place_index():
        rank = _match_rank(wanted, entry.keys)
        if rank is None:
            continue
        fits = entry.place.role in _DONOR_ROLES if role == "donor" else entry.place.role != "donor"
        scored.append(((rank, role is not None and not fits, entry.order), entry.place))
    scored.sort(key=lambda item: item[0])
    return [_place_choice(place) for _, place in scored[:limit]]


# ---------------------------------------------------------------------------------------------
# sectors


@cache
def sectors() -> dict[str, Sector]:
    """The OECD DAC purpose codes the picker offers, by code (table order)."""
    path = resource_path("rules", "sector_codes.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        table = {}
        for line, row in enumerate(csv.DictReader(fh), start=2):
            code = (row.get("code") or "").strip()
            if not code.isdigit() or not row.get("name_en"):
                raise ValueError(f"{path}:{line}: a sector needs a numeric code and an English name")
            table[code] = Sector(code, row["name_en"].strip(), (row.get("name_zh") or "").strip())
    return table


def sector_name(code: str | None) -> str | None:
    """The English name of a sector code (``332`` → ``Tourism``); None when not a known code."""
    sector = sectors().get((code or "").strip())
    return sector.name_en if sector is not None else None


def sector_label(code: str | None) -> str:
    """How a sector is shown: ``332 · Tourism · 旅游``; unknown text is shown as it is."""
    text = (code or "").strip()
    sector = sectors().get(text)
    if sector is None:
        return text
    return SEPARATOR.join(p for p in (sector.code, sector.name_en, sector.name_zh) if p)


def _sector_choice(sector: Sector) -> NameChoice:
    return NameChoice(sector.code, sector.code, sector_label(sector.code))


def resolve_sector(text: str | None) -> NameChoice | None:
    """The sector code a typed code, label or exact English/Chinese name stands for.

    ``None`` for empty text; anything else is kept as typed with ``known`` False.
    """
    typed = (text or "").strip()
    if not typed:
        return None
    head = _head(typed)
    table = sectors()
    if head in table:
        return _sector_choice(table[head])
    folded = head.casefold()
    for sector in table.values():
        if folded in (sector.name_en.casefold(), sector.name_zh.casefold()):
            return _sector_choice(sector)
    return NameChoice(typed, None, f"{typed}{SEPARATOR}not an OECD DAC code", known=False)


def sector_choices(query: str, limit: int = 40) -> list[NameChoice]:
    """Sectors whose code starts with ``query`` or whose English or Chinese name contains it."""
    wanted = _head(query).casefold()
    if not wanted:
        return [_sector_choice(s) for s in list(sectors().values())[:limit]]
    scored = []
    for order, sector in enumerate(sectors().values()):
        if sector.code.startswith(wanted):
            rank = 0 if sector.code == wanted else 1
        else:
            names = (sector.name_en.casefold(), sector.name_zh.casefold())
            rank = (
                2
                if any(n.startswith(wanted) for n in names)
                else 3
                if any(wanted in n for n in names)
                else -1
            )
            if rank < 0:
                continue
        scored.append(((rank, order), sector))
    scored.sort(key=lambda item: item[0])
    return [_sector_choice(sector) for _, sector in scored[:limit]]


# ---------------------------------------------------------------------------------------------
# record values


def canonical_value(field: str, value: Any) -> tuple[Any, dict[str, Any]]:
    """The value a record stores for ``field`` (already checked) and the code fields set with it.

    Donor and recipient become the canonical place name with ``donor_code``/``recipient_code``
    (None for a name the gazetteer does not know); a sector becomes its code. Other fields are
    returned unchanged.
    """
    spec = RECORD_FIELD.get(field)
    if spec is None or spec.vocabulary is None or not isinstance(value, str | None):
        return value, {}
    if spec.vocabulary == "place":
        choice = resolve_place(value)
        codes = {spec.code_field: choice.code if choice else None} if spec.code_field else {}
        return (choice.value if choice else None), codes
    choice = resolve_sector(value)
    return (choice.value if choice else None), {}


def fill_candidate_codes(candidates: Iterable[Any]) -> None:
    """Give the extractor's records the codes of their donor and recipient where they lack one."""
    for candidate in candidates:
        for spec in (RECORD_FIELD["donor"], RECORD_FIELD["recipient"]):
            assert spec.code_field is not None
            name = getattr(candidate, spec.name)
            if name and not getattr(candidate, spec.code_field, None):
                choice = resolve_place(name)
                if choice is not None and choice.known:
                    setattr(candidate, spec.code_field, choice.code)
