"""The dashboard's vocabulary: what is totalled (projects, or accepted records before there are
projects), by which dimension, over which scope, and the filter a clicked bar puts on the list.

Plain values only; the queries are in ``store.dashboard``, the totals in ``curation.dashboard``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Dimension(StrEnum):
    """What a chart's bars are: one bar per year, donor, recipient, sector or project status."""

    YEAR = "year"
    DONOR = "donor"
    RECIPIENT = "recipient"
    SECTOR = "sector"
    STATUS = "status"


#: Chart titles and the label of a bar whose value is not set.
DIMENSION_LABELS: dict[Dimension, tuple[str, str]] = {
    Dimension.YEAR: ("Commitment year", "(no year)"),
    Dimension.DONOR: ("Donor", "(no donor)"),
    Dimension.RECIPIENT: ("Recipient", "(no recipient)"),
    Dimension.SECTOR: ("Sector", "(no sector)"),
    Dimension.STATUS: ("Project status", "(no status)"),
}


class Scope(StrEnum):
    """Which projects (or records) count."""

    RECOMMENDED = "recommended"  # accepted and recommended for aggregates (AidData's rule)
    ACCEPTED = "accepted"  # accepted, whatever their status
    ALL = "all"  # every project or record, whatever its review status


SCOPE_LABELS: dict[Scope, str] = {
    Scope.RECOMMENDED: "Accepted, recommended for aggregates",
    Scope.ACCEPTED: "Accepted (any status)",
    Scope.ALL: "All (any review status)",
}
#: The scope in a sentence: "12 accepted, recommended projects".
SCOPE_WORDS: dict[Scope, str] = {
    Scope.RECOMMENDED: "accepted, recommended",
    Scope.ACCEPTED: "accepted",
    Scope.ALL: "",
}


class Basis(StrEnum):
    """What the totals are made of: projects, or (while there are none) records."""

    PROJECTS = "projects"
    RECORDS = "records"


class Measure(StrEnum):
    """What a bar's length shows."""

    USD = "usd"  # nominal US dollars of the commitment year
    COUNT = "count"  # number of projects (records)


#: A bar's key: a year, a name or status value; ``None`` is "not set".
BarKey = int | str | None


@dataclass(frozen=True, slots=True)
class ChartFilter:
    """The list filter of a clicked bar: articles with a project (record) in ``scope`` whose
    ``dimension`` is ``value`` (``None``: not set)."""

    basis: Basis
    scope: Scope
    dimension: Dimension
    value: BarKey
    label: str = ""

    def describe(self) -> str:
        """``Donor = 广东省 · accepted, recommended projects``."""
        title = DIMENSION_LABELS[self.dimension][0]
        shown = self.label or (DIMENSION_LABELS[self.dimension][1] if self.value is None else str(self.value))
        return f"{title} = {shown} · {_counted(self.scope, self.basis.value)}"


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its key and label, how many projects (records), their total in nominal US dollars,
    how many of their amounts had no rate (left out of ``usd``), and exact totals per currency."""

    key: BarKey
    label: str
    count: int
    usd: Decimal
    amounts: int = 0
    no_rate: int = 0
    by_currency: tuple[tuple[str, Decimal], ...] = ()

    def value(self, measure: Measure) -> Decimal:
        return self.usd if measure == Measure.USD else Decimal(self.count)


@dataclass(frozen=True, slots=True)
class DashboardTotals:
    """Totals by every dimension over one scope."""

    basis: Basis
    scope: Scope
    charts: dict[Dimension, tuple[Bar, ...]] = field(default_factory=dict)
    items: int = 0  # projects (records) counted
    amounts: int = 0  # of which with an amount
    no_rate: int = 0  # amounts that could not be converted to US dollars (left out of the totals)
    usd_total: Decimal = Decimal(0)
    no_rate_reasons: tuple[tuple[str, int], ...] = ()  # ("no rate for MOP 1998", 3), most frequent first

    @property
    def empty(self) -> bool:
        return self.items == 0

    def note(self) -> str:
        """What the totals are made of, in a sentence for the screen."""
        noun = "projects" if self.basis == Basis.PROJECTS else "records"
        parts = [f"{self.items:,} {_counted(self.scope, noun)}"]
        if self.basis == Basis.RECORDS:
            parts[0] = "No projects yet, so records are totalled: " + parts[0]
        parts.append(f"{self.amounts:,} with an amount")
        if self.no_rate:
            reasons = ", ".join(f"{reason} ×{n:,}" for reason, n in self.no_rate_reasons[:3])
            amount_word = "amount" if self.no_rate == 1 else "amounts"
            parts.append(f"{self.no_rate:,} {amount_word} without a US-dollar rate left out ({reasons})")
        return "; ".join(parts) + ". Totals in nominal US dollars of each commitment year."


def _counted(scope: Scope, noun: str) -> str:
    """``accepted, recommended projects``; ``all records (any review status)``."""
    words = SCOPE_WORDS[scope]
    return f"{words} {noun}" if words else f"{noun} (any review status)"
