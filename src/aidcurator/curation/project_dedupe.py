"""Duplicate proposals across articles: records (or projects) that may be one project.

Two records are a candidate pair when they have the same recipient (its code when there is one)
and, when both are known, the same donor, years at most one apart (the record's start year, else
its article's year) and amounts within :data:`AMOUNT_TOLERANCE` of each other in one currency.
The score weighs title similarity (rapidfuzz ``token_set_ratio`` of the record titles, else the
article titles; Chinese compared character by character), amount closeness, year and donor.

**Blocking.** Records are compared only within one recipient, and there within a sorted
neighbourhood: each meets the :data:`WINDOW` records that follow it in the order of currency,
amount, year and title, within the amount tolerance; a record without an amount meets the
:data:`TITLE_WINDOW` records of nearby years with the most alike titles. So the work grows with the
number of records, never pair by pair, even when thousands of records share one amount. Each record
or project keeps its :data:`PER_UNIT` best proposals (a pair stays when it is among the best of
either side): a curator gets every record's likeliest twins, never a million pairs. New
articles are proposed against the recipient/year blocks of their records only
(:meth:`DedupeMixin.proposals_for_articles`, called after an import). A pair marked "not the same"
(for any two of their records) or already in one project is never proposed.
"""

from __future__ import annotations

import functools
import heapq
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar

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
#: A record with an amount meets at most this many of the records that follow it in its recipient's
#: order of currency, amount, year and title (so at most twice this many in all).
WINDOW = 10
#: A record without an amount meets at most this many records of its recipient (of nearby years):
#: those with the most alike titles.
TITLE_WINDOW = 20
#: Each record or project keeps at most this many proposals (its best ones): after a large import
#: of near-identical articles a curator gets each record's likeliest twins, not every pair.
PER_UNIT = 3
_WEIGHTS = {"title": 0.4, "amount": 0.35, "year": 0.15, "donor": 0.10}
_CJK = re.compile(r"([\u3400-\u9fff\uf900-\ufaff])")
T = TypeVar("T")


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

    @property
    def unit_key(self) -> tuple[int, int]:
        """The unit as a plain tuple, ordered as proposals list units (projects first, then by id)."""
        return (0, self.project_id) if self.project_id is not None else (1, self.record_id)


_UNIT_KINDS = ("project", "record")


@functools.lru_cache(maxsize=1 << 16)  # the records of one article share its title
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

    reasons: list[str] = []
    score = _compare(a, b, fuzz.token_set_ratio, reasons)
    return None if score is None else (score, tuple(reasons))


def _compare(a: _Row, b: _Row, ratio: Callable[..., float], reasons: list[str] | None) -> float | None:
    """The pair's score (its reasons added to ``reasons`` when given), or None when it cannot be
    one project. ``ratio`` is rapidfuzz's ``token_set_ratio``."""
    if a.recipient != b.recipient:
        return None
    if a.donor and b.donor and a.donor != b.donor:
        return None
    if a.year is not None and b.year is not None and abs(a.year - b.year) > 1:
        return None
    if reasons is not None:
        reasons.append(f"recipient {a.recipient}")
    donor = 1.0 if a.donor and a.donor == b.donor else 0.5
    if donor == 1.0 and reasons is not None:
        reasons.append(f"donor {a.donor}")
    if a.year is None or b.year is None:
        year = 0.5
    else:
        year = 1.0 if a.year == b.year else 0.6
        if reasons is not None:
            reasons.append(f"year {a.year}" if a.year == b.year else f"years {a.year}/{b.year}")
    if a.amount is not None and b.amount is not None:
        if a.currency != b.currency:
            return None
        larger = max(abs(a.amount), abs(b.amount))
        gap = Decimal(0) if larger == 0 else abs(a.amount - b.amount) / larger
        if gap > AMOUNT_TOLERANCE:
            return None
        amount = 1.0 - float(gap / AMOUNT_TOLERANCE) * 0.5
        if reasons is not None:
            reasons.append("same amount" if gap == 0 else f"amounts {float(gap):.1%} apart")
    else:
        amount = 0.3
    title = ratio(a.title, b.title, processor=None) / 100 if a.title and b.title else 0.0
    if reasons is not None:
        reasons.append(f"titles {title:.0%} alike")
    score = (
        _WEIGHTS["title"] * title
        + _WEIGHTS["amount"] * amount
        + _WEIGHTS["year"] * year
        + _WEIGHTS["donor"] * donor
    )
    return round(score, 4)


#: The title likeness (0-100) below which a pair without two amounts cannot reach MIN_SCORE
#: (everything else at its best), less a margin for rounding.
_TITLE_FLOOR = max(
    0.0,
    (MIN_SCORE - _WEIGHTS["amount"] * 0.3 - _WEIGHTS["year"] - _WEIGHTS["donor"]) / _WEIGHTS["title"] * 100
    - 1,
)


def _window_pairs(rows: list[_Row], ratio: Callable[..., float]) -> Iterable[tuple[_Row, _Row]]:
    """Pairs of one recipient's rows to score, at most a fixed number per row.

    Rows with an amount, sorted by currency, amount, year and title, meet the :data:`WINDOW` rows
    that follow them within the amount tolerance (a sorted neighbourhood). A row without an amount
    meets, among the recipient's rows of a year at most one apart, the :data:`TITLE_WINDOW` whose
    titles are most alike (rapidfuzz picks them; titles too unlike to reach :data:`MIN_SCORE` are
    left out).
    """
    from rapidfuzz import process

    with_amount = sorted(
        (r for r in rows if r.amount is not None),
        key=lambda r: (r.currency, r.amount, r.year is not None, r.year or 0, r.title, r.record_id),
    )
    keep = 1 - AMOUNT_TOLERANCE
    for i, a in enumerate(with_amount):
        for b in with_amount[i + 1 : i + 1 + WINDOW]:
            if b.currency != a.currency or (
                a.amount is not None and b.amount is not None and a.amount < b.amount * keep
            ):
                break
            yield a, b
    without = [r for r in rows if r.amount is None]
    if not without:
        return
    by_year: dict[int | None, list[_Row]] = defaultdict(list)
    for row in rows:
        by_year[row.year].append(row)
    for a in without:
        years = list(by_year) if a.year is None else [a.year - 1, a.year, a.year + 1, None]
        near = [b for year in years for b in by_year.get(year, ()) if b.record_id != a.record_id]
        if len(near) > TITLE_WINDOW:
            best = process.extract(
                a.title,
                [b.title for b in near],
                scorer=ratio,
                processor=None,
                limit=TITLE_WINDOW,
                score_cutoff=_TITLE_FLOOR,
            )
            near = [near[index] for _, _, index in best]
        for b in near:
            yield a, b


def _scores(rows: Iterable[_Row], new: set[int] | None) -> dict[tuple[int, int], float]:
    """Scores of the pairs (low id first) that blocking compares, at least :data:`MIN_SCORE`;
    with ``new``, only pairs that involve one of those records."""
    from rapidfuzz import fuzz

    ratio = fuzz.token_set_ratio
    by_recipient: dict[str, list[_Row]] = defaultdict(list)
    for row in rows:
        by_recipient[row.recipient].append(row)
    found: dict[tuple[int, int], float] = {}
    for block in by_recipient.values():
        for a, b in _window_pairs(block, ratio):
            if new is not None and a.record_id not in new and b.record_id not in new:
                continue
            if a.project_id is not None and a.project_id == b.project_id:
                continue
            key = (a.record_id, b.record_id) if a.record_id < b.record_id else (b.record_id, a.record_id)
            if key in found:
                continue
            score = _compare(a, b, ratio, None)
            if score is not None and score >= MIN_SCORE:
                found[key] = score
    return found


def best_per_unit(
    scores: dict[tuple[T, T], float], order: Callable[[T], Any], limit: int = PER_UNIT
) -> dict[tuple[T, T], float]:
    """The pairs among the ``limit`` best of either of their two sides (best score first, then the
    other side first in ``order``): every unit keeps its best proposals, and none gets thousands."""
    sides = {side for pair in scores for side in pair}
    rank = {side: -i for i, side in enumerate(sorted(sides, key=order))}  # higher: earlier in order
    best: dict[T, list[tuple[float, int]]] = defaultdict(list)  # min-heaps of (score, rank of other)
    for (left, right), score in scores.items():
        for side, other in ((left, right), (right, left)):
            heap = best[side]
            entry = (score, rank[other])
            if len(heap) < limit:
                heapq.heappush(heap, entry)
            elif entry > heap[0]:
                heapq.heapreplace(heap, entry)
    return {
        (left, right): score
        for (left, right), score in scores.items()
        if (score, rank[right]) in best[left] or (score, rank[left]) in best[right]
    }


def candidate_pairs(
    rows: Iterable[_Row], new: set[int] | None = None
) -> dict[tuple[int, int], tuple[float, tuple[str, ...]]]:
    """Scored record pairs (low id first) above :data:`MIN_SCORE`, blocked by recipient (see
    :func:`_window_pairs`), at most :data:`PER_UNIT` per record but for the records' own best
    ones; with ``new``, only pairs that involve one of those records."""
    rows = list(rows)
    by_id = {r.record_id: r for r in rows}
    found = {}
    for low, high in best_per_unit(_scores(rows, new), order=int):
        scored = score_pair(by_id[low], by_id[high])
        if scored is not None:
            found[low, high] = scored
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
        """Proposals (best first) for all records, or for ``record_ids`` against their blocks; at
        most :data:`PER_UNIT` per record or project, but for their own best ones."""
        with read_session(self.engine) as session:
            if record_ids is None:
                rows = [_row(r) for r in pairs_store.dedupe_rows(session)]
                scores = _scores(rows, None)
            else:
                new = set(record_ids)
                blocks = pairs_store.dedupe_blocks(session, record_ids=record_ids)
                rows = [_row(r) for r in pairs_store.dedupe_rows(session, blocks=blocks)] if blocks else []
                scores = _scores(rows, new)
            by_id = {r.record_id: r for r in rows}
            return self._proposals(session, scores, by_id)

    def proposals_for_articles(self, article_ids: Sequence[int]) -> list[Proposal]:
        """Proposals for the records of newly imported articles (call after an import)."""
        with read_session(self.engine) as session:
            record_ids = store.record_ids_for_articles(session, article_ids=article_ids)
        return self.propose_duplicates(record_ids) if record_ids else []

    @staticmethod
    def _proposals(
        session: Any, scores: dict[tuple[int, int], float], by_id: dict[int, _Row]
    ) -> list[Proposal]:
        """Record pairs to proposals between units: the best pair of each two units, none marked
        not the same, each unit's best few; reasons worked out for those only."""
        units = {record_id: row.unit_key for record_id, row in by_id.items()}
        best: dict[tuple[tuple[int, int], tuple[int, int]], tuple[float, tuple[int, int]]] = {}
        for (low, high), score in scores.items():
            left, right = units[low], units[high]
            if left > right:
                left, right = right, left
            current = best.get((left, right))
            if current is None or score > current[0]:
                best[left, right] = (score, (low, high))
        if not best:
            return []
        project_ids = {u[1] for pair in best for u in pair if u[0] == 0}
        members: dict[int, list[int]] = {
            pid: store.member_ids(session, project_id=pid) for pid in sorted(project_ids)
        }

        def records(unit: tuple[int, int]) -> list[int]:
            return members.get(unit[1], []) if unit[0] == 0 else [unit[1]]

        everyone = sorted({r for pair in best for u in pair for r in records(u)})
        refused = pairs_store.not_same_pairs(session, record_ids=everyone)
        allowed = {
            (left, right): score
            for (left, right), (score, _) in best.items()
            if not refused
            or not any((min(a, b), max(a, b)) in refused for a in records(left) for b in records(right))
        }
        proposals = []
        for left, right in best_per_unit(allowed, order=lambda unit: unit):
            score, (low, high) = best[left, right]
            scored = score_pair(by_id[low], by_id[high])
            proposals.append(
                Proposal(
                    Unit(_UNIT_KINDS[left[0]], left[1]),
                    Unit(_UNIT_KINDS[right[0]], right[1]),
                    score,
                    (low, high),
                    scored[1] if scored is not None else (),
                )
            )
        return sorted(proposals, key=lambda p: (-p.score, p.left.id, p.right.id))

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
