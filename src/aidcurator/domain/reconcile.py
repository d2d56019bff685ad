"""Reconciliation: which project of a published dataset (AidData GCOF 1.0 / GCDF 3.0) a curated project is.

Only structured fields are compared, never description text:

- **recipient** is the block: a project is compared with the references of its recipient code
  (ISO 3166 alpha-3, the last three letters of a longer code); without a code, with those whose
  recipient name equals its own, else with those of its year ±1.
- **amount**: relative difference of the values in one currency (within 0.5 % scores 1); in different
  currencies the US-dollar values (each at its own year's rate) are compared, with more tolerance.
- **year**: equal 1, one year apart 0.5, two 0.1.
- **sector**: AidData's sector group (121 → 120, 720 → 700) equal 1; same first digit 0.3.
- **flow type**, **donor** (code or name), **title** (rapidfuzz ``token_set_ratio``).

The score is the weighted mean of the parts over the fields the project has; a field the reference
lacks (or that cannot be compared, e.g. a currency without a rate) counts as :data:`NEUTRAL`, so a
reference without an amount ranks below one whose amount agrees and above one whose amount is far
off. The mean is scaled by how much the project states (a project known only by its recipient
cannot match with certainty); the scaling is the same for every candidate of a project, so it never
changes their order. The score lies in [0, 1]. Each candidate carries its reasons, in words. Amounts are Decimal.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any

#: How much each part counts in the score.
WEIGHTS: dict[str, float] = {
    "amount": 0.36,
    "year": 0.2,
    "sector": 0.12,
    "title": 0.14,
    "recipient": 0.3,
    "flow": 0.06,
    "donor": 0.04,
}
#: The share of the score a project earns however few fields it has; the rest grows with the weight of
#: the structured fields (all but the title) it has.
BASE_SHARE = 0.5
_STRUCTURED_WEIGHT = sum(WEIGHTS.values()) - WEIGHTS["title"]
#: The part score of a field the project has and the reference lacks (or that cannot be compared).
NEUTRAL = 0.3
#: Amounts in one currency within this relative difference are the same amount.
SAME_AMOUNT = Decimal("0.005")
#: The year part's score by how many years apart.
_YEAR_GAP = {0: 1.0, 1: 0.5, 2: 0.1}
#: The part score of the same number in another currency (a currency the extractor misread).
OTHER_CURRENCY = 0.5
#: Amounts compared through US dollars (two rates, maybe two years) within this are the same.
SAME_USD = Decimal("0.05")
#: AidData's sector codes for "unallocated / unspecified": no sector to compare.
UNALLOCATED = frozenset({"998", "999", "99810", "99820"})
#: Flow types that are all loans for the comparison.
_LOANS = frozenset({"loan", "interest_free_loan", "concessional_loan"})
_NON_DIGITS = re.compile(r"\D")
_CODE_SEPARATORS = re.compile(r"[;,|/\s]+")
_ALPHA3 = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
class ReferenceFacts:
    """The structured fields of one reference project (``id`` is the database id)."""

    id: int
    ref_id: str
    dataset: str = ""
    title: str | None = None
    donor: str | None = None
    donor_code: str | None = None
    recipient: str | None = None
    recipient_code: str | None = None
    year: int | None = None
    amount: Decimal | None = None
    currency: str | None = None
    usd: Decimal | None = None
    sector_code: str | None = None
    flow_type: str | None = None


@dataclass(frozen=True, slots=True)
class ProjectFacts:
    """The structured fields of one curated project; ``usd`` is its amount in nominal US dollars."""

    id: int
    title: str | None = None
    donor: str | None = None
    donor_code: str | None = None
    recipient: str | None = None
    recipient_code: str | None = None
    year: int | None = None
    amount: Decimal | None = None
    currency: str | None = None
    usd: Decimal | None = None
    sector: str | None = None
    flow_type: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """One proposed reference for a project: its score in [0, 1] and why."""

    reference_id: int
    ref_id: str
    dataset: str
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(slots=True)
class ReferenceIndex:
    """References blocked by recipient country, by exact amount, and by name and year (for projects
    whose recipient is no country)."""

    by_code: dict[str, list[ReferenceFacts]] = field(default_factory=lambda: defaultdict(list))
    by_name: dict[str, list[ReferenceFacts]] = field(default_factory=lambda: defaultdict(list))
    by_year: dict[int, list[ReferenceFacts]] = field(default_factory=lambda: defaultdict(list))
    by_amount: dict[tuple[str, Decimal, int], list[ReferenceFacts]] = field(
        default_factory=lambda: defaultdict(list)
    )
    normal: dict[int, Any] = field(default_factory=dict)  # reference id → its normalised facts
    size: int = 0

    @classmethod
    def build(cls, references: Iterable[ReferenceFacts]) -> ReferenceIndex:
        from aidcurator.domain.reconcile_scoring import _Normal

        normal = _Normal.of_reference
        index = cls()
        for ref in references:
            index.size += 1
            index.normal[ref.id] = normal(ref)
            for code in country_codes(ref.recipient_code):
                index.by_code[code].append(ref)
            name = _fold(ref.recipient)
            if name:
                index.by_name[name].append(ref)
            if ref.year is not None:
                index.by_year[ref.year].append(ref)
            key = _amount_key(ref.amount, ref.currency)
            if key is not None and ref.year is not None:
                index.by_amount[(*key, ref.year)].append(ref)
        return index

    def block(self, project: ProjectFacts) -> list[ReferenceFacts]:
        """The references worth comparing with ``project``: those of its recipient country (else of
        its recipient name, else of its year ±1) and those of its year ±1 with exactly its amount and
        currency (an amount that agrees to the unit may outweigh a recipient the extractor got wrong)."""
        codes = country_codes(project.recipient_code)
        name = _fold(project.recipient)
        if codes:
            found = [ref for code in codes for ref in self.by_code.get(code, [])]
        elif name and name in self.by_name:
            found = list(self.by_name[name])
        elif project.year is not None:
            found = [
                ref
                for y in (project.year - 1, project.year, project.year + 1)
                for ref in self.by_year.get(y, [])
            ]
        else:
            found = []
        key = _amount_key(project.amount, project.currency)
        if key is not None and project.year is not None:
            for y in (project.year - 1, project.year, project.year + 1):
                found.extend(self.by_amount.get((*key, y), []))
        unique: dict[int, ReferenceFacts] = {ref.id: ref for ref in found}
        return list(unique.values())


def _amount_key(amount: Decimal | None, currency: str | None) -> tuple[str, Decimal] | None:
    if amount is None or not currency:
        return None
    return currency.upper(), amount.normalize()


@lru_cache(maxsize=4096)
def country_codes(code: str | None) -> tuple[str, ...]:
    """The ISO alpha-3 codes in a recipient code: ``AGO``; ``Africa, regional; TZA; ZMB`` → TZA, ZMB.
    A gazetteer id of a place that is no country (``cn-guangdong``) gives none."""
    return tuple(part for part in _CODE_SEPARATORS.split((code or "").upper()) if _ALPHA3.fullmatch(part))


def country_code(code: str | None) -> str | None:
    """The first ISO alpha-3 code in a recipient code (see :func:`country_codes`), else None."""
    codes = country_codes(code)
    return codes[0] if codes else None


@lru_cache(maxsize=4096)
def sector_group(code: str | None) -> str | None:
    """A DAC/CRS code (``121``, ``12220``, ``720``) as AidData's sector group (``120``, ``700``)."""
    digits = _NON_DIGITS.sub("", str(code or ""))[:3]
    if len(digits) < 3:
        return None
    return digits[0] + "00" if digits[0] in "67" else digits[:2] + "0"


def best_matches(
    project: ProjectFacts,
    index: ReferenceIndex,
    *,
    limit: int = 3,
    excluded: frozenset[int] = frozenset(),
) -> list[Candidate]:
    """The ``limit`` best references for ``project``, best first (ties: lower reference id first).

    Every candidate of the block is scored; only the best ``limit`` get their reasons in words."""
    from aidcurator.domain.reconcile_scoring import _fast_score, _Normal

    mine = _Normal.of_project(project)
    normal = index.normal
    scored = [
        (_fast_score(mine, normal[ref.id]), ref.id, ref)
        for ref in index.block(project)
        if ref.id not in excluded
    ]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [score_pair(project, ref) for _, _, ref in scored[:limit]]


def score_pair(project: ProjectFacts, ref: ReferenceFacts) -> Candidate:
    """How well ``ref`` matches ``project``: the score and its reasons."""
    from aidcurator.domain.reconcile_scoring import _score

    reasons: list[str] = []
    score = _score(project, ref, reasons)
    return Candidate(ref.id, ref.ref_id, ref.dataset, score, tuple(reasons))


def _flow_kind(flow: str | None) -> str | None:
    if not flow or flow == "unknown":
        return None
    return "loan" if flow in _LOANS else flow


@lru_cache(maxsize=16384)
def _fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split())
