"""Whole-process speed of ``aidcurator extract`` on the mixed news corpus, in MB/s of UTF-8 input.

Writes ``--mb`` of the news reports of benchmarks/corpus/news (each copy made distinct) into a
temporary folder, runs ``python -m aidcurator extract FOLDER --workers 1`` once (start-up,
reading, extraction and JSON output all count; output to /dev/null) and prints its wall and
CPU time. One worker, so the figure compares with ``bench_extract.py``'s one-core figure.

    python benchmarks/bench_cli_extract.py [--mb 8] [--workers 1] [--breakdown]

``--breakdown`` also prints, in this process, the CPU cost of each part of the command: start-up
(a whole run on a one-line file), reading the files, extraction, and the JSON output.
Note: where PYTHONDONTWRITEBYTECODE is set, every start compiles all modules (about 0.2 s more).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "benchmarks" / "corpus" / "news"
TARGET_MB_S = 2.0


def write_corpus(folder: Path, megabytes: float) -> int:
    """News reports repeated into ``folder`` until ``megabytes``; returns the bytes written."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(NEWS.glob("*.txt"))]
    size = i = 0
    while size < megabytes * 1_000_000:
        data = (texts[i % len(texts)] + f"\n（第{i}篇）\n").encode("utf-8")
        (folder / f"doc{i:05d}.txt").write_bytes(data)
        size += len(data)
        i += 1
    return size


def breakdown(folder: Path, size: int, env: dict[str, str]) -> None:
    """CPU milliseconds per MB of each part of ``aidcurator extract`` (start-up in seconds)."""
    sys.path.insert(0, str(ROOT / "src"))  # the code the command runs, not an installed copy
    from aidcurator.cli import extracting
    from aidcurator.domain.jsonvalues import dumps_exact
    from aidcurator.extract import extract

    one_line = folder / "one_line.txt"
    one_line.write_text("老挝获得中国援助500万元。\n", encoding="utf-8")
    command = [sys.executable, "-m", "aidcurator", "extract", str(one_line), "--workers", "1"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(os.devnull, "w") as sink:
        subprocess.run(command, stdout=sink, check=True, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    one_line.unlink()
    start_up = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    mb = size / 1e6
    cpu = time.process_time()
    docs = list(extracting._documents([str(folder)], []))
    reading = time.process_time() - cpu
    cpu = time.process_time()
    found = [extract(doc.text, doc.published) for doc in docs]
    extracting_cpu = time.process_time() - cpu
    cpu = time.process_time()
    for doc, extraction in zip(docs, found, strict=True):
        dumps_exact(
            {
                "id": doc.id,
                "title": doc.title,
                "mentions": [extracting._mention_json(m) for m in extraction.mentions],
                "records": [extracting._record_json(r, doc.text) for r in extraction.records],
                "text": doc.text,
            }
        )
    output = time.process_time() - cpu
    print(
        f"  start-up {start_up:.2f} s CPU; per MB: reading {reading / mb * 1000:.0f} ms, "
        f"extract() {extracting_cpu / mb * 1000:.0f} ms (the first text loads the rules), "
        f"JSON {output / mb * 1000:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=8.0, help="corpus size in MB of UTF-8")
    parser.add_argument("--workers", type=int, default=1, help="extracting processes")
    parser.add_argument("--breakdown", action="store_true", help="also time each part in this process")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        size = write_corpus(folder, args.mb)
        command = [sys.executable, "-m", "aidcurator", "extract", str(folder), "--workers", str(args.workers)]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        with open(os.devnull, "w") as sink:
            subprocess.run(command, stdout=sink, check=True, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if args.breakdown:
            breakdown(folder, size, env)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(
        f"aidcurator extract, {args.workers} worker(s): {size / 1e6:.2f} MB in {wall:.2f} s = "
        f"{size / 1e6 / wall:.2f} MB/s, CPU {cpu:.2f} s = {size / 1e6 / cpu:.2f} MB/s"
    )
    verdict = "meets" if size / 1e6 / cpu >= TARGET_MB_S else "MISSES"
    print(f"{verdict} the target of {TARGET_MB_S:g} MB/s (CPU, whole process)")


if __name__ == "__main__":
    main()
