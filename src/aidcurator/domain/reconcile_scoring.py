"""Scoring a project against a reference: the parts with their reasons in words, and the fast path
that ranks a block (the same score without reasons, on facts normalised once). The rules are stated in
:mod:`aidcurator.domain.reconcile`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from aidcurator.domain.reconcile import (
    _STRUCTURED_WEIGHT,
    _YEAR_GAP,
    BASE_SHARE,
    NEUTRAL,
    OTHER_CURRENCY,
    SAME_AMOUNT,
    SAME_USD,
    UNALLOCATED,
    WEIGHTS,
    ProjectFacts,
    ReferenceFacts,
    _flow_kind,
    _fold,
    country_codes,
    sector_group,
)


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


def _money(value: Decimal) -> str:
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,}"
