"""Duplicate proposals at scale: prints timings (no assertions; machines are noisy).

    python benchmarks/bench_projects.py [--records 100000] [--recipients 200] [--new 100]

Builds a database of ``--records`` records (one article each, an amount each) over ``--recipients``
recipients and the years 2000-2023, 5 % of them retellings of another record (same recipient and
donor, a year at most apart, the amount within 2 %, a similar title). Then times the proposals over
the whole database, and those for ``--new`` records only (what runs after an import), and counts
what was found.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

WORDS = (
    "hospital",
    "school",
    "road",
    "bridge",
    "stadium",
    "clinic",
    "water",
    "supply",
    "power",
    "plant",
    "port",
    "railway",
    "farm",
    "centre",
)


def build(db: Path, records: int, recipients: int, seed: int = 11) -> list[int]:
    """Returns each record's family (the record it retells, or its own index)."""
    from aidcurator.curation import Curator
    from aidcurator.store import write_session
    from aidcurator.store.listing import bulk_insert

    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    rows = []
    retold = 0
    for r in range(records):
        if rows and rng.random() < 0.05:
            base = rows[rng.randrange(len(rows))]
            year = base["year"] + rng.choice((-1, 0, 1))
            amount = int(base["amount"] * (1 + rng.uniform(-0.02, 0.02)))
            title = base["title"] + " " + rng.choice(("signed", "completed", "handed over"))
            rows.append({**base, "year": year, "amount": amount, "title": title})
            retold += 1
        else:
            name = " ".join(rng.sample(WORDS, 3))
            rows.append(
                {
                    "recipient": f"R{rng.randrange(recipients):03d}",
                    "year": rng.randrange(2000, 2024),
                    "amount": int(10 ** rng.uniform(5, 9)),
                    "title": f"{name} project {r}",
                    "family": r,
                }
            )
    with Curator.open(db) as curator, write_session(curator.engine) as session:
        bulk_insert(
            session,
            table="article",
            rows=(
                {
                    "id": i + 1,
                    "title": row["title"],
                    "published": dt.date(row["year"], 6, 1),
                    "text": row["title"],
                    "content_hash": f"{i:064x}",
                    "imported_at": now,
                    "review_state": "NEW",
                    "extra": {},
                }
                for i, row in enumerate(rows)
            ),
        )
        bulk_insert(
            session,
            table="record",
            rows=(
                {
                    "id": i + 1,
                    "article_id": i + 1,
                    "record_kind": "PROJECT",
                    "donor": "中国",
                    "donor_code": "CHN",
                    "recipient": row["recipient"],
                    "recipient_code": row["recipient"],
                    "year_start": row["year"],
                    "status": "PENDING",
                    "origin": "EXTRACTED",
                    "extracted": {},
                    "curated_fields": [],
                    "flags": {},
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                }
                for i, row in enumerate(rows)
            ),
        )
        bulk_insert(
            session,
            table="amount",
            rows=(
                {
                    "id": i + 1,
                    "record_id": i + 1,
                    "position": 0,
                    "text": str(row["amount"]),
                    "value": str(row["amount"]),
                    "currency": "USD",
                    "qualifier": "EXACT",
                    "kind": "COMMITTED",
                    "origin": "EXTRACTED",
                    "extracted": {},
                    "curated_fields": [],
                }
                for i, row in enumerate(rows)
            ),
        )
    return [row["family"] for row in rows]


def _quality(proposals: list, family: list[int], at: float) -> str:
    """Precision (proposals within one family) and recall (of the pairs within families)."""
    sizes: dict[int, int] = {}
    for f in family:
        sizes[f] = sizes.get(f, 0) + 1
    pairs = sum(k * (k - 1) // 2 for k in sizes.values())
    kept = [p for p in proposals if p.score >= at]
    right = sum(family[p.records[0] - 1] == family[p.records[1] - 1] for p in kept)
    if not kept:
        return f"≥ {at}: none"
    return f"≥ {at}: {len(kept):,} proposals, {right / len(kept):.0%} right, {right / pairs:.0%} of {pairs:,} pairs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--recipients", type=int, default=200)
    parser.add_argument("--new", type=int, default=100)
    args = parser.parse_args()
    from aidcurator.curation import Curator

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "projects.db"
        started = time.perf_counter()
        family = build(db, args.records, args.recipients)
        retold = sum(f != i for i, f in enumerate(family))
        print(
            f"built {args.records:,} records ({retold:,} retellings) in {time.perf_counter() - started:.1f} s"
        )
        with Curator.open(db) as curator:
            started = time.perf_counter()
            proposals = curator.propose_duplicates()
            took = time.perf_counter() - started
            print(f"all records: {len(proposals):,} proposals in {took:.1f} s")
            for at in (0.55, 0.65, 0.75, 0.8, 0.85):
                print("  " + _quality(proposals, family, at))
            new = list(range(args.records - args.new + 1, args.records + 1))
            started = time.perf_counter()
            proposals = curator.propose_duplicates(new)
            took = time.perf_counter() - started
            print(f"{args.new} new records: {len(proposals):,} proposals in {took:.2f} s")


if __name__ == "__main__":
    main()
