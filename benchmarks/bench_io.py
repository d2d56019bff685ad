"""Import and export at scale: prints timings and peak memory (no assertions; machines are noisy).

    python benchmarks/bench_io.py [--articles 10000] [--records 300000] [--workers N] [--keep DIR]
        [--skip-import] [--skip-export] [--export-db FILE] [--formats csv,jsonl,json] [--repeat N]
        [--export-workers N]

1. Builds ``--articles`` realistic articles (≈3.8 KB each) from the paragraphs of the mixed news
   corpus (``benchmarks/corpus/news``, written for AidCurator), with their figures varied so every
   text is new, and writes them as .txt files.
2. Times extracting them alone (one core, in this process), importing them into a new SQLite
   database (``aidcurator import``, all cores), and importing them again (everything skipped).
3. Builds a database of ``--records`` records (with an amount and two evidence spans each) in bulk
   (or reuses ``--export-db`` when it exists), and times ``aidcurator export`` of all of them in each
   of ``--formats`` (in a child process, for its peak memory) against a plain ``sqlite3`` + ``csv``
   dump of the same joined rows. Times are wall and CPU seconds (user + system, worker processes
   included; the machine may be shared, CPU time is the steadier figure) of the export itself and,
   in brackets, of the whole child process with its start-up; ``--repeat`` runs each that many times
   and keeps the fastest. A large CSV is made by worker processes (all cores, ``--export-workers``):
   memory is the exporting process's peak and the largest of its workers'.

Only the export: ``--skip-import --export-db /tmp/export.db`` (built on the first run, reused after).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "benchmarks" / "corpus" / "news"
sys.path.insert(0, str(ROOT / "src"))

_DIGITS = re.compile(r"\d+")


def build_articles(folder: Path, count: int, seed: int = 7) -> int:
    """Write ``count`` articles; returns their total size in bytes."""
    paragraphs = [
        p.strip()
        for path in sorted(NEWS.glob("*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if len(p.strip()) > 80
    ]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for number in range(count):
        parts, size = [], 0
        while size < 3800:
            paragraph = rng.choice(paragraphs)
            paragraph = _DIGITS.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), paragraph)
            parts.append(paragraph)
            size += len(paragraph.encode("utf-8"))
        text = f"报道 {number}\n\n" + "\n\n".join(parts) + "\n"
        data = text.encode("utf-8")
        (folder / f"article_{number:05d}.txt").write_bytes(data)
        total += len(data)
    return total


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def _run(*args: str) -> tuple[float, int, str]:
    """Seconds, peak RSS (MB) and stdout of ``aidcurator ARGS`` in a child process."""
    timing = _timed_run(*args)
    return timing.wall, timing.rss_mb, timing.out


class _Timing:
    """Wall and CPU seconds of a child's ``main()`` (its worker processes' CPU included) and of the
    whole child process, its peak RSS and the largest peak of its workers (0: none)."""

    def __init__(
        self,
        wall: float,
        cpu: float,
        total_wall: float,
        total_cpu: float,
        rss_mb: int,
        out: str,
        worker_rss_mb: int = 0,
    ):
        self.wall, self.cpu, self.total_wall, self.total_cpu = wall, cpu, total_wall, total_cpu
        self.rss_mb, self.out, self.worker_rss_mb = rss_mb, out, worker_rss_mb

    def text(self, floor: _Timing | None = None) -> str:
        ratio = (
            f", {self.wall / floor.wall:.1f}x wall {self.cpu / floor.cpu:.1f}x CPU of the dump"
            if floor
            else ""
        )
        return (
            f"{self.wall:6.2f} s wall {self.cpu:6.2f} s CPU  (process {self.total_wall:.2f} s wall "
            f"{self.total_cpu:.2f} s CPU{ratio}, peak {self.rss_mb} MB{self.workers_text()})"
        )

    def workers_text(self) -> str:
        if not self.worker_rss_mb:
            return ""
        return f"; each worker's peak at most {self.worker_rss_mb} MB"


def _timed_run(*args: str) -> _Timing:
    probe = (
        "import resource, sys, time; from aidcurator.cli import main; t = time.perf_counter(); "
        "R = resource.getrusage; k = R(resource.RUSAGE_CHILDREN); k = k.ru_utime + k.ru_stime; "
        "c = time.process_time(); code = main(sys.argv[1:]); w = R(resource.RUSAGE_CHILDREN); "
        "print(f'@@ {time.perf_counter() - t:.3f} {time.process_time() - c + w.ru_utime + w.ru_stime - k:.3f} "
        "{R(resource.RUSAGE_SELF).ru_maxrss} {w.ru_maxrss}', file=sys.stderr); sys.exit(code)"
    )
    before = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN))
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, check=False, cwd=ROOT
    )
    total_wall = time.perf_counter() - start
    total_cpu = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - before
    if done.returncode != 0:
        raise SystemExit(f"aidcurator {' '.join(args)} failed:\n{done.stderr}")
    marker = next(line for line in done.stderr.splitlines() if line.startswith("@@ "))
    seconds, cpu, rss_kb, worker_rss_kb = marker.split()[1:]
    return _Timing(
        float(seconds),
        float(cpu),
        total_wall,
        total_cpu,
        int(rss_kb) // 1024,
        done.stdout.strip(),
        int(worker_rss_kb) // 1024,
    )


def bench_import(folder: Path, db: Path, workers: int | None) -> None:
    from aidcurator.extract import extract

    files = sorted(folder.glob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    start = time.perf_counter()
    for path in files:
        extract(path.read_text(encoding="utf-8"))
    alone = time.perf_counter() - start
    print(f"articles: {len(files)} files, {size / 1e6:.1f} MB")
    print(f"  extract alone, one core          {alone:7.1f} s  ({size / 1e6 / alone:.2f} MB/s)")
    extra = ["--workers", str(workers)] if workers else []
    seconds, rss, out = _run("import", str(folder), "--db", str(db), *extra)
    print(
        f"  aidcurator import (new database) {seconds:7.1f} s  ({len(files) / seconds:.0f} articles/s, "
        f"{seconds / alone:.2f}x extraction alone, peak {rss} MB)  {out.splitlines()[-1]}"
    )
    seconds, rss, out = _run("import", str(folder), "--db", str(db), *extra)
    print(f"  aidcurator import again          {seconds:7.1f} s  (peak {rss} MB)  {out.splitlines()[-1]}")


def build_records_database(db: Path, records: int) -> None:
    """``records`` accepted records over records/10 articles, one amount and two evidence spans each."""
    from aidcurator.curation import Curator
    from aidcurator.store import write_session
    from aidcurator.store.listing import bulk_insert

    with Curator.open(db) as curator, write_session(curator.engine) as session:
        now = dt.datetime.now(dt.UTC)
        n_articles = max(1, records // 10)
        text = "江苏省今年在克州安排援疆资金3.76亿元，实施援疆项目102个，惠及群众12000人。" * 3
        bulk_insert(
            session,
            table="article",
            rows=(
                {
                    "id": a + 1,
                    "title": f"援疆报道 {a}",
                    "source": "新华网",
                    "published": dt.date(2024, 1 + a % 12, 1),
                    "url": f"https://example.org/{a}",
                    "language": "zh",
                    "text": text,
                    "content_hash": f"{a:064x}",
                    "imported_at": now,
                    "review_state": "DONE",
                    "extra": {},
                }
                for a in range(n_articles)
            ),
        )
        bulk_insert(
            session,
            table="record",
            rows=(
                {
                    "id": r + 1,
                    "article_id": r // 10 + 1,
                    "record_kind": "PROJECT",
                    "donor": "江苏省",
                    "recipient": "克孜勒苏柯尔克孜自治州",
                    "year_start": 2024,
                    "year_end": 2024,
                    "sector": "121",
                    "n_projects": 102,
                    "beneficiaries_people": 12000,
                    "status": "ACCEPTED",
                    "origin": "EXTRACTED",
                    "extracted": {},
                    "curated_fields": [],
                    "flags": {},
                    "created_at": now,
                    "updated_at": now,
                    "version": 1,
                    "flow_type": "GRANT",
                    "project_status": "IMPLEMENTATION",
                }
                for r in range(records)
            ),
        )
        bulk_insert(
            session,
            table="amount",
            rows=(
                {
                    "id": r + 1,
                    "record_id": r + 1,
                    "position": 0,
                    "text": "3.76亿元",
                    "value": "376000000",
                    "currency": "CNY",
                    "qualifier": "EXACT",
                    "kind": "PLANNED",
                    "start": 14,
                    "end": 20,
                    "origin": "EXTRACTED",
                    "extracted": {},
                    "curated_fields": [],
                }
                for r in range(records)
            ),
        )
        bulk_insert(
            session,
            table="evidence",
            rows=(
                {
                    "record_id": r // 2 + 1,
                    "field": "amount" if r % 2 == 0 else "donor",
                    "start": 14 if r % 2 == 0 else 0,
                    "end": 20 if r % 2 == 0 else 3,
                    "quote": "3.76亿元" if r % 2 == 0 else "江苏省",
                    "origin": "EXTRACTED",
                }
                for r in range(2 * records)
            ),
        )


def plain_dump(db: Path, out: Path) -> _Timing:
    """The floor: the same joined rows straight from sqlite3 into csv."""
    start, cpu = time.perf_counter(), time.process_time()
    connection = sqlite3.connect(db)
    cursor = connection.execute(
        "SELECT r.*, a.title, a.source, a.url, a.published, m.text, m.value, m.currency, m.kind, "
        "(SELECT group_concat(e.field || ':' || e.quote, '; ') FROM evidence e WHERE e.record_id = r.id) "
        "FROM record r JOIN article a ON a.id = r.article_id "
        "LEFT JOIN amount m ON m.record_id = r.id AND m.position = 0 ORDER BY r.article_id, r.id"
    )
    with out.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([c[0] for c in cursor.description])
        writer.writerows(cursor)
    connection.close()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return _Timing(wall, cpu, wall, cpu, 0, "")


def bench_export(
    folder: Path, records: int, db: Path | None, formats: list[str], repeat: int, workers: int | None
) -> None:
    if db is None or not db.exists():
        db = db or folder / "export.db"
        start = time.perf_counter()
        build_records_database(db, records)
        print(f"export: {records} records (built in {time.perf_counter() - start:.1f} s)")
    else:
        with sqlite3.connect(db) as connection:
            (count,) = connection.execute("SELECT count(*) FROM record").fetchone()
        print(f"export: {count} records (reusing {db})")
    best = lambda timings: min(timings, key=lambda t: t.wall)  # noqa: E731
    workers = ["--workers", str(workers)] if workers else []
    floor = best([plain_dump(db, folder / "plain.csv") for _ in range(repeat)])
    print(f"  plain sqlite3 + csv dump         {floor.wall:6.2f} s wall {floor.cpu:6.2f} s CPU")
    for fmt in formats:
        out = folder / f"records.{fmt}"
        args = ("export", "--db", str(db), "--format", fmt, "--status", "all", "--out", str(out), *workers)
        timing = best([_timed_run(*args) for _ in range(repeat)])
        print(f"  aidcurator export --format {fmt:<5} {timing.text(floor)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--records", type=int, default=300_000)
    parser.add_argument(
        "--workers", type=int, default=None, help="import worker processes (default: all cores)"
    )
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temp folder)")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument(
        "--export-db", type=Path, help="the export's database: built there when missing, reused after"
    )
    parser.add_argument("--formats", default="csv,jsonl,json", help="export formats, comma separated")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each export (the fastest is shown)")
    parser.add_argument(
        "--export-workers", type=int, default=None, help="export worker processes (default: all cores)"
    )
    args = parser.parse_args()
    print(
        f"machine: {resource.getpagesize()} B pages, {__import__('os').cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    with tempfile.TemporaryDirectory(prefix="aidcurator-bench-io-") as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        if not args.skip_import:
            articles = folder / "articles"
            if not articles.is_dir():
                build_articles(articles, args.articles)
            db = folder / "import.db"
            db.unlink(missing_ok=True)
            bench_import(articles, db, args.workers)
        if not args.skip_export:
            formats = [f.strip() for f in args.formats.split(",") if f.strip()]
            bench_export(
                folder, args.records, args.export_db, formats, max(1, args.repeat), args.export_workers
            )


if __name__ == "__main__":
    main()
