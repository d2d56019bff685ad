"""Adjustments to the article's recipient votes (record_parties.main_parties): places shown receiving
and the main donor's own places."""

from __future__ import annotations

from collections import Counter

from aidcurator.domain import Mention
from aidcurator.extract.party_clauses import gives_after, money_of
from aidcurator.extract.places import ancestors_of

__all__ = ["drop_donor_homes", "gives_or_funds", "receiving_names"]


def receiving_names(places: list[Mention]) -> set[str]:
    """Names of places the article shows receiving (支援甲省, 甲省灾区: role hint ``recipient``) and never
    giving (甲省援疆: role hint ``donor``): they stand on the receiving side wherever named."""
    hints: dict[str, set[str | None]] = {}
    for place in places:
        hints.setdefault(place.data.get("name", ""), set()).add(place.data.get("role_hint"))
    return {name for name, seen in hints.items() if "recipient" in seen and "donor" not in seen}


def drop_donor_homes(votes: Counter[str], donor: str) -> None:
    """Remove the places inside the main donor (甲省 gives; its 乙县 leads the delegation) from the
    recipient votes, when a place outside it is also voted for: the giver's home does not receive."""
    inside = [name for name in votes if donor in ancestors_of(name)]
    if inside and len(inside) < len(votes):
        for name in inside:
            del votes[name]


def gives_or_funds(text: str, place: Mention, places: list[Mention]) -> bool:
    """Whether the words after ``place`` make it the giver of its clause or the money named next its own
    (甲市对口帮扶资金): a receiving place shown giving votes for neither side."""
    return gives_after(text, place) or money_of(text, place, places)
