"""How the window copes with a large database (not a test; prints figures).

Builds (once, then reuses) a database of 100,000 articles and 300,000 records made from the
bundled samples with bulk inserts through the store layer, then measures in a fresh process:

- time to open the window (database opened, list's first page, first article and record shown),
- median and 95th-percentile time to switch article (text, highlights, records and form painted),
- time for a search / filter to update the list (first page and "n of m done"),
- peak memory (ru_maxrss of the measuring process) and the Python heap peak (tracemalloc).

Run: QT_QPA_PLATFORM=offscreen python benchmarks/bench_gui.py [--db PATH] [--articles N] [--rebuild]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RECORDS_PER_ARTICLE = 3
DEFAULT_DB = Path(tempfile.gettempdir()) / "aidcurator-bench" / "bench_gui.db"


# ------------------------------------------------------------------------------------- building


def build(db: Path, n_articles: int) -> None:
    """Fill ``db`` with ``n_articles`` articles (3 records each) from the samples' extractions."""
    from aidcurator.domain import AmountKind, Origin, Qualifier, RecordKind, RecordStatus, ReviewState
    from aidcurator.domain.jsonvalues import jsonable
    from aidcurator.extract import extract
    from aidcurator.resources import resource_path
    from aidcurator.store import open_engine, write_session
    from aidcurator.store.listing import bulk_insert

    started = time.perf_counter()
    if db.exists():
        db.unlink()
    db.parent.mkdir(parents=True, exist_ok=True)
    engine = open_engine(db)
    templates = []
    for path in sorted(resource_path("samples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        extraction = extract(text, None)
        if extraction.records:
            templates.append((path.stem, text, extraction))
    rng = random.Random(1)
    now = dt.datetime.now(dt.UTC)
    states = [ReviewState.DONE] * 3 + [ReviewState.IN_PROGRESS] + [ReviewState.NEW] * 6
    record_id = amount_id = 0

    def articles():
        for i in range(1, n_articles + 1):
            name, text, _ = templates[i % len(templates)]
            body = f"{text}\n（第{i}篇，编号{rng.randrange(10**9)}）"
            yield {
                "id": i,
                "title": f"{text.splitlines()[0][:60]} #{i}",
                "source": ("Xinhua", "Tianshan Net", "China Daily", "People's Daily")[i % 4],
                "published": dt.date(2015, 1, 1) + dt.timedelta(days=i % 3650),
                "url": f"https://example.org/{name}/{i}",
                "language": "en" if name.startswith("en_") else "zh",
                "text": body,
                "content_hash": hashlib.sha256(body.encode()).hexdigest(),
                "origin_file": f"{name}.txt",
                "imported_at": now,
                "review_state": states[i % len(states)],
                "extra": {},
            }

    def mentions():
        for i in range(1, n_articles + 1):
            _, _, extraction = templates[i % len(templates)]
            for m in extraction.mentions:
                yield {
                    "article_id": i,
                    "kind": str(m.kind),
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "value": m.value,
                    "currency": m.currency,
                    "qualifier": str(m.qualifier) if m.qualifier else None,
                    "value_max": m.value_max,
                    "what": m.what,
                    "data": jsonable(dict(m.data)),
                }

    records: list[dict] = []
    amounts: list[dict] = []
    evidence: list[dict] = []

    def flush(session) -> None:
        bulk_insert(session, table="record", rows=records)
        bulk_insert(session, table="amount", rows=amounts)
        bulk_insert(session, table="evidence", rows=evidence)
        records.clear()
        amounts.clear()
        evidence.clear()

    with write_session(engine) as session:
        bulk_insert(session, table="article", rows=articles())
        bulk_insert(session, table="mention", rows=mentions())
        for i in range(1, n_articles + 1):
            _, text, extraction = templates[i % len(templates)]
            state = states[i % len(states)]
            for k in range(RECORDS_PER_ARTICLE):
                candidate = extraction.records[k % len(extraction.records)]
                record_id += 1
                status = {ReviewState.DONE: RecordStatus.ACCEPTED, ReviewState.NEW: RecordStatus.PENDING}.get(
                    state, RecordStatus.ACCEPTED if k == 0 else RecordStatus.PENDING
                )
                records.append(
                    {
                        "id": record_id,
                        "article_id": i,
                        "record_kind": RecordKind(candidate.record_kind),
                        "donor": candidate.donor,
                        "recipient": candidate.recipient,
                        "year_start": candidate.year_start,
                        "year_end": candidate.year_end,
                        "title": candidate.title,
                        "sector": candidate.sector,
                        "n_projects": candidate.n_projects,
                        "beneficiaries_people": candidate.beneficiaries_people,
                        "beneficiaries_households": candidate.beneficiaries_households,
                        "jobs": candidate.jobs,
                        "status": status,
                        "origin": Origin.EXTRACTED,
                        "extracted": {},
                        "curated_fields": [],
                        "flags": {},
                        "created_at": now,
                        "updated_at": now,
                        "version": 1,
                    }
                )
                for position, ca in enumerate(candidate.amounts):
                    amount_id += 1
                    amounts.append(
                        {
                            "id": amount_id,
                            "record_id": record_id,
                            "position": position,
                            "text": ca.text,
                            "value": ca.value,
                            "value_max": ca.value_max,
                            "currency": ca.currency,
                            "qualifier": Qualifier(ca.qualifier),
                            "kind": AmountKind(ca.kind),
                            "start": ca.span.start,
                            "end": ca.span.end,
                            "origin": Origin.EXTRACTED,
                            "extracted": {},
                            "curated_fields": [],
                        }
                    )
                for field, spans in candidate.evidence.items():
                    for span in spans:
                        evidence.append(
                            {
                                "record_id": record_id,
                                "field": field,
                                "start": span.start,
                                "end": span.end,
                                "quote": text[span.start : span.end],
                                "origin": Origin.EXTRACTED,
                            }
                        )
            if len(records) >= 30_000:
                flush(session)
        flush(session)
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    size = db.stat().st_size / 1e6
    print(
        f"built {db} ({n_articles:,} articles, {record_id:,} records, {amount_id:,} amounts, "
        f"{size:,.0f} MB) in {time.perf_counter() - started:.1f} s"
    )


# ------------------------------------------------------------------------------------ measuring


def measure(db: Path, switches: int, heap: bool) -> None:
    if heap:
        tracemalloc.start()  # slows Python down several times: timings are then not comparable
    t0 = time.perf_counter()
    from PySide6.QtCore import QSettings

    from aidcurator.curation import Curator
    from aidcurator.gui.app import application
    from aidcurator.gui.main_window import MainWindow

    settings_dir = Path(tempfile.mkdtemp(prefix="bench-settings-"))
    app = application()
    imported = time.perf_counter()

    def settle() -> None:
        for _ in range(2):
            app.processEvents()

    start = time.perf_counter()
    curator = Curator.open(db)
    settings = QSettings(str(settings_dir / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(curator, database_path=db, settings=settings, remember=False)
    window.show()
    window.select_first_article()
    settle()
    opened = time.perf_counter() - start
    total = window.articles.progress[1]
    print(f"articles in database:            {total:,}")
    print(f"import Qt and the gui package:   {(imported - t0) * 1000:7.0f} ms")
    print(
        f"open the window:                 {opened * 1000:7.0f} ms  (first page of {window.articles.rowCount()} rows,"
        f" first article and record shown)"
    )

    rng = random.Random(3)
    while window.articles.rowCount() < 2000 and window.articles.canFetchMore():
        window.articles.fetchMore()
    times = []
    for _ in range(switches):
        row = rng.randrange(window.articles.rowCount())
        begin = time.perf_counter()
        window.select_article_row(row)
        settle()
        times.append(time.perf_counter() - begin)
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"switch article ({switches} random):     median {statistics.median(times) * 1000:6.1f} ms, "
        f"p95 {p95 * 1000:6.1f} ms, max {times[-1] * 1000:6.1f} ms"
    )

    begin = time.perf_counter()
    window.article_table.scrollToBottom()
    window.articles.fetchMore()
    settle()
    print(f"fetch one more page while scrolling: {(time.perf_counter() - begin) * 1000:5.1f} ms")

    for label, search, state, language in (
        ("search '援疆' (common)", "援疆", None, None),
        ("search '资金' (and 資金)", "资金", None, None),
        ("search '對口援疆' (and 对口援疆)", "對口援疆", None, None),
        ("search 'Aksu' (in 1 of 13 texts)", "Aksu", None, None),
        ("search 'no such words' (no match)", "no such words", None, None),
        ("filter state = done", "", "done", None),
        ("filter language = en", "", None, "en"),
        ("clear search and filters", "", None, None),
    ):
        window.search.setText(search)
        window.state_filter.setCurrentIndex(window.state_filter.findData(state))
        window.language_filter.setCurrentIndex(window.language_filter.findData(language))
        begin = time.perf_counter()
        window.apply_query()
        settle()
        elapsed = time.perf_counter() - begin
        done, matching = window.articles.progress
        print(f"{label:<36} {elapsed * 1000:7.0f} ms  ({matching:,} match, {done:,} done)")

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    heap_text = f" (Python heap peak {tracemalloc.get_traced_memory()[1] / 1e6:.0f} MB)" if heap else ""
    print(f"peak memory:                     {rss:7.0f} MB resident{heap_text}")
    window.close()
    window.deleteLater()
    settle()
    curator.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--switches", type=int, default=200)
    parser.add_argument("--rebuild", action="store_true", help="build the database even if it exists")
    parser.add_argument("--heap", action="store_true", help="also trace the Python heap peak (slows timings)")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        build(args.db, args.articles)
        return 0
    if args.rebuild or not args.db.exists():
        # Build in a child process so that its memory does not count as the window's.
        command = [
            sys.executable,
            __file__,
            "--build-only",
            "--db",
            str(args.db),
            "--articles",
            str(args.articles),
        ]
        subprocess.run(command, check=True)
    measure(args.db, args.switches, args.heap)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
