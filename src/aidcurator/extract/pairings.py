"""The pairing table (``resources/gazetteer/xinjiang_pairing.csv`` and the Tibet/Qinghai rows): which donor
province or city supports which place, with the certainty of the source."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from aidcurator.extract.gazetteer import GAZ_DIR, ancestor_ids, gazetteer, lookup_place
from aidcurator.resources import resource_path

_PAIRING_FILE = "xinjiang_pairing.csv"
CERTAINTY_RANK = {"direct": 0, "derived": 1, "partial": 2, "uncertain": 3}


@dataclass(frozen=True, slots=True)
class PairingRow:
    """One donor → recipient pairing from ``xinjiang_pairing.csv``.

    ``certainty`` is ``direct`` (evidence given), ``derived`` (expanded from a prefecture-wide
    pairing or a division's city), ``partial`` (prefecture row where the donor covers only some
    counties) or ``uncertain`` (weak evidence).
    """

    donor: str
    donor_en: str
    donor_level: str
    recipient: str
    recipient_en: str
    recipient_level: str
    parent_prefecture: str | None
    certainty: str
    source: str


def _certainty(source: str) -> str:
    head = source.lstrip().upper()
    for word in ("DERIVED", "PARTIAL", "UNCERTAIN"):
        if head.startswith(word):
            return word.lower()
    return "direct"


@cache
def _pairings() -> tuple[PairingRow, ...]:
    gaz = gazetteer()
    path = resource_path(GAZ_DIR, _PAIRING_FILE)
    rows: list[PairingRow] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            for column in ("donor_zh", "recipient_zh"):
                if row[column] not in gaz.by_name:
                    raise ValueError(f"{path}:{line}: {column} {row[column]!r} is not in the gazetteer")
            rows.append(
                PairingRow(
                    donor=row["donor_zh"],
                    donor_en=row["donor_en"],
                    donor_level=row["donor_level"],
                    recipient=row["recipient_zh"],
                    recipient_en=row["recipient_en"],
                    recipient_level=row["recipient_level"],
                    parent_prefecture=row["parent_prefecture_zh"] or None,
                    certainty=_certainty(row["source"]),
                    source=row["source"],
                )
            )
    return tuple(rows)


def _by_certainty(rows: list[PairingRow]) -> list[PairingRow]:
    return sorted(rows, key=lambda r: CERTAINTY_RANK[r.certainty])


def _donor_chain(name: str) -> list[str]:
    gaz = gazetteer()
    place = lookup_place(name)
    if place is None:
        return []
    return [place.name] + [gaz.places[a].name for a in ancestor_ids(gaz.places, gaz.by_name, place.id)]


def pairing_for(donor_name: str, *, include_parents: bool = False) -> list[PairingRow]:
    """Pairings of a donor (canonical name or alias), direct rows first.

    With ``include_parents`` the rows of its parent city and province follow (扬州市 → 江苏省).
    """
    return list(_pairing_for(donor_name, include_parents))


@cache
def _pairing_for(donor_name: str, include_parents: bool) -> tuple[PairingRow, ...]:
    chain = _donor_chain(donor_name)
    if not include_parents:
        chain = chain[:1]
    by_donor = _pairings_by_donor()
    return tuple(row for donor in chain for row in by_donor.get(donor, ()))


@cache
def _pairings_by_donor() -> dict[str, tuple[PairingRow, ...]]:
    grouped: dict[str, list[PairingRow]] = {}
    for row in _pairings():
        grouped.setdefault(row.donor, []).append(row)
    return {donor: tuple(_by_certainty(rows)) for donor, rows in grouped.items()}


def donors_for(recipient_name: str) -> list[PairingRow]:
    """Pairings whose recipient is this place (canonical name or alias), direct rows first."""
    return list(_donors_for(recipient_name))


@cache
def _donors_for(recipient_name: str) -> tuple[PairingRow, ...]:
    place = lookup_place(recipient_name)
    if place is None:
        return ()
    return tuple(_by_certainty([r for r in _pairings() if r.recipient == place.name]))


@cache
def is_paired(donor: str, recipient: str) -> bool:
    """Whether the table pairs the donor, or its parent city/province, with the recipient."""
    chain = set(_donor_chain(donor))
    target = lookup_place(recipient)
    if not chain or target is None:
        return False
    return any(r.donor in chain and r.recipient == target.name for r in _pairings())
