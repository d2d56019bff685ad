"""Whole-process speed of ``aidcurator extract`` on the mixed news corpus, in MB/s of UTF-8 input.

Writes ``--mb`` of the news reports of benchmarks/corpus/news (each copy made distinct) into a
temporary folder, runs ``python -m aidcurator extract FOLDER --workers 1`` once (start-up,
reading, extraction and JSON output all count; output to /dev/null) and prints its wall and
CPU time. One worker, so the figure compares with ``bench_extract.py``'s one-core figure.

    python benchmarks/bench_cli_extract.py [--mb 8] [--workers 1]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=8.0, help="corpus size in MB of UTF-8")
    parser.add_argument("--workers", type=int, default=1, help="extracting processes")
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
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(
        f"aidcurator extract, {args.workers} worker(s): {size / 1e6:.2f} MB in {wall:.2f} s = "
        f"{size / 1e6 / wall:.2f} MB/s, CPU {cpu:.2f} s = {size / 1e6 / cpu:.2f} MB/s"
    )
    verdict = "meets" if size / 1e6 / cpu >= TARGET_MB_S else "MISSES"
    print(f"{verdict} the target of {TARGET_MB_S:g} MB/s (CPU, whole process)")


if __name__ == "__main__":
    main()
