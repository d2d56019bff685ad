"""Duplicate proposals across articles: records (or projects) that may be one project.

Two records are a candidate pair when they have the same recipient (its code when there is one)
and, when both are known, the same donor, years at most one apart (the record's start year, else
its article's year) and amounts within :data:`AMOUNT_TOLERANCE` of each other in one currency.
The score weighs title similarity (rapidfuzz ``token_set_ratio`` of the record titles, else the
article titles; Chinese compared character by character), amount closeness, year and donor.

**Blocking.** Records are compared only within one recipient, and there within a sliding window
over their amounts sorted by currency and value (plus the few without an amount, against the
recipient's records of nearby years), so a large database is never compared pair by pair. New
articles are proposed against the recipient/year blocks of their records only
(:meth:`DedupeMixin.proposals_for_articles`, called after an import). A pair marked "not the same"
(for any two of their records) or already in one project is never proposed.
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from aidcurator.curation.base import CuratorBase
from aidcurator.domain.project_views import ProjectOutcome, Proposal, Unit
from aidcurator.store import project_pairs as pairs_store
from aidcurator.store import projects as store
from aidcurator.store import read_session
from aidcurator.store import repository as repo

#: Two amounts are close when they differ by at most this share of the larger one.
AMOUNT_TOLERANCE = Decimal("0.05")
#: Pairs scoring below this are not proposed.
MIN_SCORE = 0.55
#: ``propose --apply`` merges proposals scoring at least this.
APPLY_SCORE = 0.8
_WEIGHTS = {"title": 0.4, "amount": 0.35, "year": 0.15, "donor": 0.10}
_CJK = re.compile(r"([\u3400-\u9fff\uf900-\ufaff])")


@dataclass(frozen=True, slots=True)
class _Row:
    record_id: int
    recipient: str
    donor: str | None
    year: int | None
    title: str
    amount: Decimal | None
    currency: str | None
    project_id: int | None

    @property
    def unit(self) -> Unit:
        return (
            Unit("project", self.project_id)
            if self.project_id is not None
            else Unit("record", self.record_id)
        )


def _title_key(text: str) -> str:
    """Lower case, punctuation to spaces, each Chinese character a token of its own."""
    text = _CJK.sub(r" \1 ", text.casefold())
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _row(raw: Sequence[Any]) -> _Row:
    record_id, recipient, donor, year, title, article_title, value, currency, project_id = raw
    known = currency not in (None, "", "unknown")
    return _Row(
        int(record_id),
        str(recipient),
        donor,
        year,
        _title_key(title or article_title or ""),
        value if known else None,
        currency if known else None,
        project_id,
    )


def score_pair(a: _Row, b: _Row) -> tuple[float, tuple[str, ...]] | None:
    """The pair's score in [0, 1] and its reasons, or None when it cannot be one project."""
    from rapidfuzz import fuzz

    if a.recipient != b.recipient:
        return None
    if a.donor and b.donor and a.donor != b.donor:
        return None
    if a.year is not None and b.year is not None and abs(a.year - b.year) > 1:
        return None
    reasons = [f"recipient {a.recipient}"]
    donor = 1.0 if a.donor and a.donor == b.donor else 0.5
    if donor == 1.0:
        reasons.append(f"donor {a.donor}")
    if a.year is None or b.year is None:
        year = 0.5
    else:
        year = 1.0 if a.year == b.year else 0.6
        reasons.append(f"year {a.year}" if a.year == b.year else f"years {a.year}/{b.year}")
    if a.amount is not None and b.amount is not None:
        if a.currency != b.currency:
            return None
        larger = max(abs(a.amount), abs(b.amount))
        gap = Decimal(0) if larger == 0 else abs(a.amount - b.amount) / larger
        if gap > AMOUNT_TOLERANCE:
            return None
        amount = 1.0 - float(gap / AMOUNT_TOLERANCE) * 0.5
        reasons.append("same amount" if gap == 0 else f"amounts {float(gap):.1%} apart")
    else:
        amount = 0.3
    title = fuzz.token_set_ratio(a.title, b.title, processor=None) / 100 if a.title and b.title else 0.0
    reasons.append(f"titles {title:.0%} alike")
    score = (
        _WEIGHTS["title"] * title
        + _WEIGHTS["amount"] * amount
        + _WEIGHTS["year"] * year
        + _WEIGHTS["donor"] * donor
    )
    return round(score, 4), tuple(reasons)


def _window_pairs(rows: list[_Row]) -> Iterable[tuple[_Row, _Row]]:
    """Pairs of one recipient's rows: amounts within the tolerance (sliding window), and the rows
    without an amount against every row of a year at most one apart."""
    with_amount = sorted((r for r in rows if r.amount is not None), key=lambda r: (r.currency, r.amount))
    keep = 1 - AMOUNT_TOLERANCE
    for i, a in enumerate(with_amount):
        for b in with_amount[i + 1 :]:
            if b.currency != a.currency or (
                a.amount is not None and b.amount is not None and a.amount < b.amount * keep
            ):
                break
            yield a, b
    by_year: dict[int | None, list[_Row]] = defaultdict(list)
    for row in rows:
        by_year[row.year].append(row)
    for a in (r for r in rows if r.amount is None):
        years = list(by_year) if a.year is None else [a.year - 1, a.year, a.year + 1, None]
        for year in years:
            for b in by_year.get(year, ()):
                if b.record_id != a.record_id and (b.amount is not None or b.record_id > a.record_id):
                    yield a, b


def candidate_pairs(
    rows: Iterable[_Row], new: set[int] | None = None
) -> dict[tuple[int, int], tuple[float, tuple[str, ...]]]:
    """Scored record pairs (low id first) above :data:`MIN_SCORE`, blocked by recipient; with
    ``new``, only pairs that involve one of those records."""
    by_recipient: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        by_recipient[row.recipient].append(row)
    found: dict[tuple[int, int], tuple[float, tuple[str, ...]]] = {}
    for block in by_recipient.values():
        for a, b in _window_pairs(block):
            if new is not None and a.record_id not in new and b.record_id not in new:
                continue
            if a.project_id is not None and a.project_id == b.project_id:
                continue
            key = (min(a.record_id, b.record_id), max(a.record_id, b.record_id))
            if key in found:
                continue
            scored = score_pair(a, b)
            if scored is not None and scored[0] >= MIN_SCORE:
                found[key] = scored
    return found


def proposal_groups(proposals: Iterable[Proposal], min_score: float = 0.0) -> list[list[Unit]]:
    """Units joined by proposals scoring at least ``min_score``, as groups (each sorted)."""
    parent: dict[Unit, Unit] = {}

    def root(unit: Unit) -> Unit:
        while parent.setdefault(unit, unit) != unit:
            parent[unit] = parent[parent[unit]]
            unit = parent[unit]
        return unit

    for p in proposals:
        if p.score >= min_score:
            parent[root(p.left)] = root(p.right)
    groups: dict[Unit, list[Unit]] = defaultdict(list)
    for unit in list(parent):
        groups[root(unit)].append(unit)
    order = {"project": 0, "record": 1}
    return sorted(
        (sorted(g, key=lambda u: (order[u.kind], u.id)) for g in groups.values() if len(g) > 1),
        key=lambda g: (order[g[0].kind], g[0].id),
    )


class DedupeMixin(CuratorBase):
    """Duplicate proposals and applying them."""

    def propose_duplicates(self, record_ids: Sequence[int] | None = None) -> list[Proposal]:
        """Proposals (best first) for all records, or for ``record_ids`` against their blocks."""
        with read_session(self.engine) as session:
            if record_ids is None:
                rows = [_row(r) for r in pairs_store.dedupe_rows(session)]
                pairs = candidate_pairs(rows)
            else:
                new_rows = [_row(r) for r in pairs_store.dedupe_rows(session, record_ids=record_ids)]
                blocks = {(r.recipient, r.year) for r in new_rows}
                rows = [_row(r) for r in pairs_store.dedupe_rows(session, blocks=blocks)] if blocks else []
                seen = {r.record_id for r in rows}
                rows += [r for r in new_rows if r.record_id not in seen]
                pairs = candidate_pairs(rows, new={r.record_id for r in new_rows})
            by_id = {r.record_id: r for r in rows}
            return self._proposals(session, pairs, by_id)

    def proposals_for_articles(self, article_ids: Sequence[int]) -> list[Proposal]:
        """Proposals for the records of newly imported articles (call after an import)."""
        with read_session(self.engine) as session:
            record_ids = store.record_ids_for_articles(session, article_ids=article_ids)
        return self.propose_duplicates(record_ids) if record_ids else []

    @staticmethod
    def _proposals(
        session: Any, pairs: dict[tuple[int, int], tuple[float, tuple[str, ...]]], by_id: dict[int, _Row]
    ) -> list[Proposal]:
        best: dict[tuple[Unit, Unit], Proposal] = {}
        for (low, high), (score, reasons) in pairs.items():
            left, right = sorted((by_id[low].unit, by_id[high].unit), key=lambda u: (u.kind, u.id))
            current = best.get((left, right))
            if current is None or score > current.score:
                best[left, right] = Proposal(left, right, score, (low, high), reasons)
        if not best:
            return []
        project_ids = {u.id for pair in best for u in pair if u.kind == "project"}
        members: dict[int, list[int]] = {
            pid: store.member_ids(session, project_id=pid) for pid in sorted(project_ids)
        }

        def records(unit: Unit) -> list[int]:
            return members.get(unit.id, []) if unit.kind == "project" else [unit.id]

        everyone = sorted({r for pair in best for u in pair for r in records(u)})
        refused = pairs_store.not_same_pairs(session, record_ids=everyone)
        kept = [
            p
            for p in best.values()
            if not any((min(a, b), max(a, b)) in refused for a in records(p.left) for b in records(p.right))
        ]
        return sorted(kept, key=lambda p: (-p.score, p.left.id, p.right.id))

    def apply_proposals(
        self, proposals: Iterable[Proposal], *, min_score: float = APPLY_SCORE
    ) -> list[ProjectOutcome]:
        """Merge each group of units joined by proposals scoring at least ``min_score`` into one
        project (the lowest project id is kept; loose records join it or make a new one). Each
        group is one change group in the history."""
        outcomes = []
        for group in proposal_groups(proposals, min_score):
            with repo.change_group(uuid.uuid4().hex):
                outcomes.append(
                    self.combine(  # type: ignore[attr-defined]
                        project_ids=[u.id for u in group if u.kind == "project"],
                        record_ids=[u.id for u in group if u.kind == "record"],
                    )
                )
        return outcomes
