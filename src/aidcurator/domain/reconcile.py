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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

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
    normal: dict[int, _Normal] = field(default_factory=dict)
    size: int = 0

    @classmethod
    def build(cls, references: Iterable[ReferenceFacts]) -> ReferenceIndex:
        index = cls()
        for ref in references:
            index.size += 1
            index.normal[ref.id] = _Normal.of_reference(ref)
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
    reasons: list[str] = []
    score = _score(project, ref, reasons)
    return Candidate(ref.id, ref.ref_id, ref.dataset, score, tuple(reasons))


def _score(project: ProjectFacts, ref: ReferenceFacts, reasons: list[str] | None) -> float:
    """The score (rounded to 4 places); the reasons in words are appended to ``reasons`` when given."""
    total = weight = 0.0
    for part_weight, part in _WEIGHTED_PARTS:
        result = part(project, ref)
        if result is _ABSENT:
            continue
        weight += part_weight
        if result is None:
            total += part_weight * NEUTRAL
            continue
        total += part_weight * result[0]
        if reasons is not None:
            reasons.append(result[1]())
    if not weight:
        return 0.0
    # A project that states little cannot match with certainty (the title is a bonus, not required).
    known = weight - (WEIGHTS["title"] if project.title else 0.0)
    coverage = min(1.0, known / _STRUCTURED_WEIGHT)
    return round(min(1.0, max(0.0, total / weight * (BASE_SHARE + (1 - BASE_SHARE) * coverage))), 4)


# ------------------------------------------------------------------------------------ fast path
# The same score as ``_score`` without reasons, on facts normalised once per project and reference
# (tests check that both agree on many pairs). Ranking a block uses this; the best few are then scored
# again with their reasons.


@dataclass(frozen=True, slots=True)
class _Normal:
    codes: tuple[str, ...]
    name: str
    year: int | None
    amount: Decimal | None
    currency: str
    usd: Decimal | None
    sector: str | None
    flow: str | None
    donor_code: str
    donor: str
    title: str | None

    @classmethod
    def of_reference(cls, ref: ReferenceFacts) -> _Normal:
        unallocated = str(ref.sector_code or "").strip() in UNALLOCATED
        return cls(
            country_codes(ref.recipient_code), _fold(ref.recipient), ref.year, ref.amount,
            (ref.currency or "").upper(), ref.usd, None if unallocated else sector_group(ref.sector_code),
            _flow_kind(ref.flow_type), (ref.donor_code or "").upper(), _fold(ref.donor), ref.title or None,
        )  # fmt: skip

    @classmethod
    def of_project(cls, project: ProjectFacts) -> _Normal:
        return cls(
            country_codes(project.recipient_code), _fold(project.recipient), project.year, project.amount,
            (project.currency or "").upper(), project.usd, sector_group(project.sector),
            _flow_kind(project.flow_type), (project.donor_code or "").upper(), _fold(project.donor),
            project.title or None,
        )  # fmt: skip


def _fast_score(p: _Normal, r: _Normal) -> float:
    w = WEIGHTS
    total = weight = 0.0
    if p.codes or p.name:  # recipient
        weight += w["recipient"]
        if p.codes and r.codes:
            total += w["recipient"] if any(code in r.codes for code in p.codes) else 0.0
        elif p.name and r.name:
            total += w["recipient"] if p.name == r.name else 0.0
        elif not (p.codes and r.name):
            total += w["recipient"] * NEUTRAL
    if p.amount is not None or p.usd is not None:  # amount
        weight += w["amount"]
        if p.amount is not None and r.amount is not None and p.currency and p.currency == r.currency:
            total += w["amount"] * _closeness(p.amount, r.amount, SAME_AMOUNT, False)[0]
        elif p.usd is not None and r.usd is not None:
            value = _closeness(p.usd, r.usd, SAME_USD, True)[0]
            if (
                p.amount is not None
                and r.amount is not None
                and p.amount == r.amount
                and value < OTHER_CURRENCY
            ):
                value = OTHER_CURRENCY
            total += w["amount"] * value
        else:
            total += w["amount"] * NEUTRAL
    if p.year is not None:  # year
        weight += w["year"]
        if r.year is None:
            total += w["year"] * NEUTRAL
        else:
            total += w["year"] * _YEAR_GAP.get(abs(p.year - r.year), 0.0)
    if p.sector:  # sector
        weight += w["sector"]
        if not r.sector:
            total += w["sector"] * NEUTRAL
        elif p.sector == r.sector:
            total += w["sector"]
        elif p.sector[0] == r.sector[0]:
            total += w["sector"] * 0.3
    if p.flow:  # flow
        weight += w["flow"]
        total += w["flow"] * (NEUTRAL if not r.flow else 1.0 if p.flow == r.flow else 0.0)
    if p.donor_code or p.donor:  # donor
        weight += w["donor"]
        if p.donor_code and r.donor_code:
            total += w["donor"] if p.donor_code == r.donor_code else 0.0
        elif p.donor and r.donor:
            total += w["donor"] if p.donor == r.donor else 0.0
        else:
            total += w["donor"] * NEUTRAL
    if p.title:  # title
        weight += w["title"]
        if not r.title:
            total += w["title"] * NEUTRAL
        else:
            from rapidfuzz import fuzz, utils

            total += (
                w["title"] * fuzz.token_set_ratio(p.title, r.title, processor=utils.default_process) / 100
            )
    if not weight:
        return 0.0
    known = weight - (w["title"] if p.title else 0.0)
    coverage = min(1.0, known / _STRUCTURED_WEIGHT)
    return round(min(1.0, max(0.0, total / weight * (BASE_SHARE + (1 - BASE_SHARE) * coverage))), 4)


# ------------------------------------------------------------------------------------------ parts
# A part gives (score, reason), the reason's words made only when asked for; None when the reference
# lacks the field or it cannot be compared; _ABSENT when the project lacks it (left out of the score).
Reason = Callable[[], str]
_ABSENT: tuple[float, Reason] = (-1.0, str)
_Part = tuple[float, Reason] | None


def _recipient(project: ProjectFacts, ref: ReferenceFacts) -> _Part:
    mine = country_codes(project.recipient_code)
    a = _fold(project.recipient)
    if not mine and not a:
        return _ABSENT
    theirs = country_codes(ref.recipient_code)
    if mine and theirs:
        shared = [code for code in mine if code in theirs]
        if shared:
            return 1.0, lambda: f"recipient {shared[0]}"
        return 0.0, lambda: f"recipient {'/'.join(mine)} ≠ {'/'.join(theirs)}"
    b = _fold(ref.recipient)
    if a and b:
        return (
            (1.0, lambda: f"recipient {ref.recipient}")
            if a == b
            else (0.0, lambda: f"recipient {project.recipient} ≠ {ref.recipient}")
        )
    if mine and b:  # a country code against a reference named without one ("Africa, regional")
        return 0.0, lambda: f"recipient {'/'.join(mine)} ≠ {ref.recipient}"
    return None


def _amount(project: ProjectFacts, ref: ReferenceFacts) -> _Part:
    if project.amount is None and project.usd is None:
        return _ABSENT
    mine, theirs = (project.currency or "").upper(), (ref.currency or "").upper()
    if project.amount is not None and ref.amount is not None and mine and mine == theirs:
        return _close(project.amount, ref.amount, SAME_AMOUNT, mine, theirs, converted=False)
    if project.usd is not None and ref.usd is not None:
        score, reason = _close(project.usd, ref.usd, SAME_USD, "USD", "USD")
        if ref.amount is None or project.amount is None:
            return score, reason
        if project.amount == ref.amount and score < OTHER_CURRENCY:  # "$40 million" read as "40 million yuan"
            return (
                OTHER_CURRENCY,
                lambda: (
                    f"amount {_money(project.amount)} {mine} vs {_money(ref.amount)} {theirs}: same number"
                ),
            )
        return (
            score,
            lambda: (
                f"{reason()} ({_money(project.amount)} {mine or '?'} vs {_money(ref.amount)} {theirs or '?'})"
            ),
        )
    return None


def _close(
    a: Decimal, b: Decimal, same: Decimal, cur_a: str, cur_b: str, *, converted: bool = True
) -> tuple[float, Reason]:
    """1 when equal, 0.9 within ``same``; then falling linearly to 0 at a relative difference of 50 %."""
    score, diff = _closeness(a, b, same, converted)

    def text() -> str:
        return f"amount {_money(a)} {cur_a} vs {_money(b)} {cur_b}"

    if score == 1.0:
        return score, lambda: f"{text()}: equal"
    if score == 0.9:
        return score, lambda: f"{text()}: same"
    return score, lambda: f"{text()}: {float(diff):.0%} apart"


def _closeness(a: Decimal, b: Decimal, same: Decimal, converted: bool) -> tuple[float, Decimal]:
    """The amount part's score of two values, and their relative difference."""
    top = max(abs(a), abs(b))
    diff = Decimal(0) if top == 0 else abs(a - b) / top
    if diff == 0 and not converted:
        return 1.0, diff
    if diff <= same:
        return 0.9, diff
    return max(0.0, 0.8 - float(diff) * 1.6), diff


def _year(project: ProjectFacts, ref: ReferenceFacts) -> _Part:
    if project.year is None:
        return _ABSENT
    if ref.year is None:
        return None
    gap = abs(project.year - ref.year)
    score = _YEAR_GAP.get(gap, 0.0)
    return score, lambda: f"year {project.year}" if gap == 0 else f"year {project.year} vs {ref.year}"


def _sector(project: ProjectFacts, ref: ReferenceFacts) -> _Part:
    mine = sector_group(project.sector)
    if not mine:
        return _ABSENT
    theirs = None if str(ref.sector_code or "").strip() in UNALLOCATED else sector_group(ref.sector_code)
    if not theirs:
        return None
    if mine == theirs:
        return 1.0, lambda: f"sector {theirs}"
    return (0.3 if mine[0] == theirs[0] else 0.0), lambda: f"sector {mine} vs {theirs}"


def _flow(project: ProjectFacts, ref: ReferenceFacts) -> _Part:
    mine = _flow_kind(project.flow_type)
    if not mine:
        return _ABSENT
    theirs = _flow_kind(ref.flow_type)
    if not theirs:
        return None
    return (1.0, lambda: f"flow {theirs}") if mine == theirs else (0.0, lambda: f"flow {mine} vs {theirs}")


def _flow_kind(flow: str | None) -> str | None:
    if not flow or flow == "unknown":
        return None
    return "loan" if flow in _LOANS else flow


def _donor(project: ProjectFacts, ref: ReferenceFacts) -> _Part:
    if not project.donor_code and not _fold(project.donor):
        return _ABSENT
    if project.donor_code and ref.donor_code:
        same = project.donor_code.upper() == ref.donor_code.upper()
        return (
            1.0 if same else 0.0
        ), lambda: f"donor {ref.donor or ref.donor_code}" + ("" if same else " differs")
    a, b = _fold(project.donor), _fold(ref.donor)
    if a and b:
        return (
            (1.0, lambda: f"donor {ref.donor}")
            if a == b
            else (0.0, lambda: f"donor {project.donor} vs {ref.donor}")
        )
    return None


def _title(project: ProjectFacts, ref: ReferenceFacts) -> _Part:
    if not project.title:
        return _ABSENT
    if not ref.title:
        return None
    from rapidfuzz import fuzz, utils

    ratio = fuzz.token_set_ratio(project.title, ref.title, processor=utils.default_process) / 100
    return ratio, lambda: f"title {ratio:.0%} alike"


_PARTS = (
    ("recipient", _recipient),
    ("amount", _amount),
    ("year", _year),
    ("sector", _sector),
    ("flow", _flow),
    ("donor", _donor),
    ("title", _title),
)
_WEIGHTED_PARTS = tuple((WEIGHTS[name], part) for name, part in _PARTS)


@lru_cache(maxsize=16384)
def _fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _money(value: Decimal) -> str:
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,}"


def top_k_hits(ranked: Sequence[Candidate], ref_id: str, k: int) -> bool:
    """Whether ``ref_id`` is among the first ``k`` candidates."""
    return any(c.ref_id == ref_id for c in ranked[:k])
