"""Acceptance figure of reconciliation (issue 14): AidData GCOF 1.0 as reference projects, its
descriptions as articles, each article's best record made a project, then matching.

Run: PYTHONPATH=src python benchmarks/bench_reconcile.py [--gcof DIR] [--workers N] [--db FILE]

1. ``gcof1_dev.jsonl`` is imported as reference projects WITHOUT its descriptions.
2. Each project's ``title + "\\n\\n" + description`` (``score_gcof.make_input``) is imported as an article
   through the normal import path (files of JSON Lines, the real extractor, worker processes).
3. Each article's best record is accepted and made a project (``projects_from_records``, through the
   projects API): by default the first record (``--record first``; on GCOF its first
   amount is the gold amount for 89 % of the projects with a stated amount), or the record carrying the
   largest amount in US dollars (``--record largest``: 67 %, since descriptions often end with totals).
4. Matching runs on every project. Printed: among projects whose amount is stated in the text
   (``score_gcof.stated``, the scorer's own notion), the share whose right project_id is ranked first,
   and in the top 3; the same for all projects; and the time each step took.

A second, synthetic part (always run, no shared data needed) times the bulk paths at scale: a made-up
GCOF-style CSV of 20,000 reference projects over 150 recipients is imported (and imported again:
nothing added), then 5,000 made-up projects are matched (``--synthetic-only`` runs just this part).

Titles: the extractor gives records no title, so the acceptance figure uses no title at all. The
article's title is the GCOF title itself (the first line of the text): matching with it as the
project's title is shown separately, as an upper bound that real news titles would not reach.
The GCOF data is read from the shared folder and never copied into the repository.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GCOF = ROOT.parent / "shared" / "eval" / "gcof"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gcof", type=Path, default=DEFAULT_GCOF, help="folder with gcof1_dev.jsonl and score_gcof.py"
    )
    parser.add_argument("--workers", type=int, default=2, help="extracting processes (default 2)")
    parser.add_argument("--db", type=Path, help="database file to keep (default: a temporary one)")
    parser.add_argument("--misses", type=int, default=0, help="print the first N misses")
    parser.add_argument(
        "--record", choices=("first", "largest"), default="first", help="which record becomes the project"
    )
    parser.add_argument("--synthetic-only", action="store_true", help="only the synthetic timing part")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        synthetic(Path(tmp))
    if args.synthetic_only:
        return 0
    gold_path = args.gcof / "gcof1_dev.jsonl"
    if not gold_path.is_file() or not (args.gcof / "score_gcof.py").is_file():
        print(f"skipped: {gold_path} (or score_gcof.py) not found; the shared folder is absent")
        return 0
    sys.path.insert(0, str(args.gcof))
    from score_gcof import make_input, stated  # the scorer's own functions

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "reconcile.db"
        return run(gold_path, db, Path(tmp), make_input, stated, args)


def run(gold_path: Path, db: Path, tmp: Path, make_input, stated, args: argparse.Namespace) -> int:
    workers, misses = args.workers, args.misses
    from aidcurator.curation import Curator, content_hash

    gold = [json.loads(line) for line in gold_path.open(encoding="utf-8")]
    texts = {str(g["project_id"]): make_input(g)["text"] for g in gold}
    amount_stated = {  # exactly score_gcof.py's filter: an amount, an ISO currency, stated in the text
        str(g["project_id"])
        for g in gold
        if g.get("amount")
        and re.fullmatch(r"[A-Z]{3}", (g.get("currency") or "").strip())
        and stated(texts[str(g["project_id"])], g["amount"])
    }
    by_hash = {content_hash(text): pid for pid, text in texts.items()}
    timings: dict[str, float] = {}
    with Curator.open(str(db)) as curator:
        started = time.perf_counter()
        report = curator.import_reference(gold_path, without_descriptions=True)
        timings["reference import"] = time.perf_counter() - started
        print(report.summary())

        files = _article_files(
            tmp, [{"id": pid, "text": text} for pid, text in texts.items()], parts=max(2, workers * 2)
        )
        started = time.perf_counter()
        imported = curator.import_paths(files, workers=workers)
        timings["article import + extraction"] = time.perf_counter() - started
        print(imported.summary())

        started = time.perf_counter()
        chosen: list[tuple[int, str]] = []
        for article_id in imported.article_ids:
            records = curator.records(article_id)
            if records:
                best = _largest_record(records) if args.record == "largest" else records[0]
                chosen.append((best.id, by_hash[curator.article(article_id).content_hash]))
        timings["choose records"] = time.perf_counter() - started
        started = time.perf_counter()
        for record_id, _ in chosen:
            curator.accept(record_id)
        timings["accept records (one by one, as the window does)"] = time.perf_counter() - started
        started = time.perf_counter()
        made = curator.projects_from_records([record_id for record_id, _ in chosen])
        project_of = {project_id: gold_id for project_id, (_, gold_id) in zip(made, chosen, strict=True)}
        timings["make projects"] = time.perf_counter() - started
        print(
            f"{len(project_of)} projects from {len(imported.article_ids)} articles "
            f"({len(imported.article_ids) - len(chosen)} without a record)"
        )

        started = time.perf_counter()
        untitled = _rankings(curator, title_of=lambda project: None)
        timings["matching"] = time.perf_counter() - started
        _report("structured fields, no title (acceptance)", untitled, project_of, amount_stated, misses)

        started = time.perf_counter()
        matches = curator.match_projects(limit=3)
        timings["matching with the projects' titles"] = time.perf_counter() - started
        titled = {m.project_id: [c.ref_id for c in m.candidates] for m in matches}
        _report(
            "with the project's title (its article's title, which is the GCOF title itself: upper bound)",
            titled,
            project_of,
            amount_stated,
            0,
        )

        started = time.perf_counter()
        out = tmp / "aiddata.csv"
        count = curator.export_aiddata(out)
        timings["export-aiddata"] = time.perf_counter() - started
        print(f"export-aiddata: {count} rows, {out.stat().st_size:,} bytes")
    for name, seconds in timings.items():
        print(f"time {name}: {seconds:.2f} s")
    return 0


def synthetic(tmp: Path, n_refs: int = 20_000, n_projects: int = 5_000) -> None:
    """Time reference import and matching on made-up data of the size of GCDF 3.0."""
    import random

    from aidcurator.curation import Curator
    from aidcurator.store import write_session
    from aidcurator.store.project_models import Project

    rng = random.Random(14)
    countries = ["".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3)) for _ in range(150)]
    flows = ["Grant", "Loan (excluding debt rescheduling)", "Export credits", "Debt forgiveness"]
    lines = [
        "project_id,title,year,donor,recipient_iso3,amount,currency,usd_current,flow,status,crs_sector_code,umbrella"
    ]
    for number in range(n_refs):
        amount = rng.choice([1, 2, 5, 10, 20, 50, 100, 300]) * 10 ** rng.randint(5, 8)
        lines.append(
            f"{number},Made-up project {number},{rng.randint(2000, 2021)},China,{rng.choice(countries)},"
            f"{amount},USD,{amount},{rng.choice(flows)},Completion,{rng.choice([110, 120, 210, 230, 310, 700])},0"
        )
    table = tmp / "synthetic.csv"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Curator.open(str(tmp / "synthetic.db")) as curator:
        first = curator.import_reference(table)
        again = curator.import_reference(table)
        with write_session(curator.engine) as session:
            for _ in range(n_projects):
                session.add(
                    Project(
                        field_sources={},
                        recipient_code=rng.choice(countries),
                        commitment_year=rng.randint(2000, 2021),
                        amount_value=Decimal(rng.choice([1, 2, 5, 10]) * 10 ** rng.randint(5, 8)),
                        amount_currency="USD",
                        sector=str(rng.choice([121, 111, 210, 232])),
                        flow_type=rng.choice(["grant", "loan"]),
                    )
                )
        started = time.perf_counter()
        matches = curator.match_projects(limit=3)
        seconds = time.perf_counter() - started
    print(
        f"synthetic: import {n_refs} references {first.seconds:.2f} s, again {again.seconds:.2f} s "
        f"({again.inserted} added); matching {len(matches)} projects {seconds:.2f} s"
    )


def _article_files(tmp: Path, items: list[dict], parts: int) -> list[Path]:
    size = -(-len(items) // parts)
    files = []
    for number in range(parts):
        chunk = items[number * size : (number + 1) * size]
        if not chunk:
            continue
        path = tmp / f"gcof_articles_{number}.jsonl"
        path.write_text(
            "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in chunk), encoding="utf-8"
        )
        files.append(path)
    return files


def _largest_record(records):
    """The record carrying the largest amount (compared in nominal US dollars), else the first."""
    from aidcurator.export.usd import usd_converter

    converter = usd_converter()
    best, best_value = records[0], Decimal(-1)
    for record in records:
        for amount in record.amounts:
            if amount.value is None:
                continue
            usd = converter.convert(amount.value, amount.currency, record.year_start).nominal
            value = usd if usd is not None else Decimal(amount.value)
            if value > best_value:
                best, best_value = record, value
    return best


def _rankings(curator, title_of) -> dict[int, list[str]]:
    """Rankings of every project with its title replaced by ``title_of(project)``."""
    from aidcurator.curation.reconcile import _projects_with_usd, _with_codes_and_usd
    from aidcurator.domain.reconcile import ReferenceIndex, best_matches
    from aidcurator.store import read_session
    from aidcurator.store import reference as store

    with read_session(curator.engine) as session:
        refs = store.reference_facts(session)
        projects = store.project_facts(session)
    index = ReferenceIndex.build(_with_codes_and_usd(refs))
    return {
        project.id: [
            c.ref_id for c in best_matches(dataclasses.replace(project, title=title_of(project)), index)
        ]
        for project in _projects_with_usd(projects)
    }


def _report(
    label: str, ranked: dict[int, list[str]], project_of: dict[int, str], stated_ids: set[str], misses: int
) -> None:
    print(f"\n{label}")
    for name, subset, n in (
        ("projects with a stated amount", {p for p, g in project_of.items() if g in stated_ids}, None),
        (
            "GCOF projects with a stated amount (an article without a record counts as a miss)",
            {p for p, g in project_of.items() if g in stated_ids},
            len(stated_ids),
        ),
        ("all projects", set(project_of), None),
    ):
        first = sum(1 for p in subset if ranked.get(p, [])[:1] == [project_of[p]])
        top3 = sum(1 for p in subset if project_of[p] in ranked.get(p, [])[:3])
        n = max(1, n or len(subset))
        print(f"  {name} ({n}): right first {first / n:.3f} ({first}), top-3 {top3 / n:.3f} ({top3})")
    shown = 0
    for p, gold in project_of.items():
        if shown >= misses:
            break
        if gold in stated_ids and ranked.get(p, [])[:1] != [gold]:
            print(f"  miss: project {p} is {gold}; ranked {ranked.get(p)}")
            shown += 1


if __name__ == "__main__":
    raise SystemExit(main())
