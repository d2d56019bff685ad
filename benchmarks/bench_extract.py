"""Extraction throughput on a corpus built from the bundled sample articles (prints MB/s).

Run: python benchmarks/bench_extract.py [--mb 8]
"""

from __future__ import annotations

import argparse
import time

from aidcurator.extract import extract
from aidcurator.extract.quantities import find_quantities
from aidcurator.resources import resource_path


def build_corpus(megabytes: float) -> list[str]:
    samples = [p.read_text(encoding="utf-8") for p in sorted(resource_path("samples").glob("*.txt"))]
    docs: list[str] = []
    size = 0
    i = 0
    while size < megabytes * 1_000_000:
        text = samples[i % len(samples)] + f"\n（第{i}篇）"
        docs.append(text)
        size += len(text.encode("utf-8"))
        i += 1
    return docs


def measure(label: str, func, docs: list[str]) -> None:
    size = sum(len(d.encode("utf-8")) for d in docs)
    start = time.perf_counter()
    found = 0
    for doc in docs:
        result = func(doc)
        found += len(result.mentions) if hasattr(result, "mentions") else len(result)
    elapsed = time.perf_counter() - start
    print(f"{label:<28} {size / 1e6:6.2f} MB in {elapsed:6.2f} s = {size / 1e6 / elapsed:6.2f} MB/s "
          f"({found} mentions, {len(docs)} documents)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=8.0, help="corpus size in MB of UTF-8")
    args = parser.parse_args()
    docs = build_corpus(args.mb)
    measure("amounts + counts", find_quantities, docs)
    measure("full extract()", extract, docs)


if __name__ == "__main__":
    main()
