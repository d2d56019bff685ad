"""Cost of one big document: extraction of 1,000 and 8,000 dense paragraphs (the ratio should be
near 8, i.e. linear), and the import of one large text file with its time and peak memory.

    python benchmarks/bench_bigdoc.py [--paragraphs 1000 8000] [--import-mb 50]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "benchmarks" / "corpus" / "news"
sys.path.insert(0, str(ROOT / "src"))


def document(paragraphs: int, seed: int = 1) -> str:
    """``paragraphs`` paragraphs of the mixed news corpus (written for AidCurator), figures varied."""
    pool = [
        p.strip()
        for path in sorted(NEWS.glob("*.txt"))
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if len(p.strip()) > 80
    ]
    rng = random.Random(seed)
    vary = re.compile(r"\d+")
    return "\n\n".join(
        vary.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), rng.choice(pool))
        for _ in range(paragraphs)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[1000, 8000])
    parser.add_argument("--import-mb", type=float, default=50.0, help="size of the file to import (0: skip)")
    args = parser.parse_args()
    from aidcurator.extract import extract

    extract("warm-up: 1 million yuan in 2020")  # rule data loads outside the timing
    times = {}
    for count in args.paragraphs:
        text = document(count)
        start, cpu_start = time.perf_counter(), time.process_time()
        found = extract(text)
        wall = time.perf_counter() - start
        times[count] = time.process_time() - cpu_start  # CPU time: other jobs on the machine do not count
        print(
            f"{count:6d} paragraphs, {len(text.encode()) / 1e6:5.1f} MB: extract CPU {times[count]:6.2f} s "
            f"(wall {wall:6.2f} s), {len(found.mentions)} mentions, {len(found.records)} records"
        )
    if len(times) >= 2:
        low, high = min(times), max(times)
        print(
            f"CPU cost ratio {high}/{low} paragraphs: {times[high] / times[low]:.1f}x (linear would be {high / low:.0f}x)"
        )
    if args.import_mb > 0:
        with tempfile.TemporaryDirectory() as temp:
            path = Path(temp) / "big.txt"
            paragraphs = int(args.import_mb * 1e6 / 330)
            path.write_text(document(paragraphs, seed=2), encoding="utf-8")
            probe = (
                "import resource, sys, time; from aidcurator.cli import main; t = time.perf_counter(); "
                "code = main(sys.argv[1:]); print(f'@@ {time.perf_counter() - t:.1f} s, peak "
                "{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB', file=sys.stderr); sys.exit(code)"
            )
            done = subprocess.run(
                [sys.executable, "-c", probe, "import", str(path), "--db", str(Path(temp) / "big.db")],
                capture_output=True, text=True, check=False,
            )  # fmt: skip
            marker = [line for line in done.stderr.splitlines() if line.startswith("@@")]
            size = path.stat().st_size / 1e6
            print(
                f"import of one {size:.0f} MB file: {marker[0][3:] if marker else done.stderr.strip()[-300:]}"
            )


if __name__ == "__main__":
    main()
