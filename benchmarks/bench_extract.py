"""Extraction throughput in MB/s of UTF-8 text, one core, on one or more corpora.

Corpora (each repeated until it reaches --mb):
  news      benchmarks/corpus/news: twelve full-length news reports in English, simplified and
            traditional Chinese (counterpart aid, east-west cooperation, foreign aid, a research
            briefing), written for this benchmark at the density of real reporting. This is the
            mixed text the 2 MB/s target is measured on.
  samples   the bundled sample articles (resources/samples): short showcase items packed with
            figures, about one number every 25 characters, so the worst case for speed
  gold      the articles of tests/gold (gold + held-out files): short and just as dense
  articles  every .txt file under --articles DIR (your own articles; e.g. ../shared/seeds,
            two real news items in English and Chinese)

Run: python benchmarks/bench_extract.py [--mb 8] [--corpus news samples gold] [--articles DIR] [--stages]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

from aidcurator.extract import extract
from aidcurator.extract.party_roles import attach_parties
from aidcurator.extract.places import find_places
from aidcurator.extract.quantities import find_quantities
from aidcurator.extract.records import assemble_records, find_mentions, reference_date
from aidcurator.extract.sectors import find_sectors
from aidcurator.extract.timex import find_times
from aidcurator.resources import resource_path

_GOLD = Path(__file__).resolve().parent.parent / "tests" / "gold"
_NEWS = Path(__file__).resolve().parent / "corpus" / "news"
TARGET_MB_S = 2.0  # full extraction of mixed news, one core


def sample_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(resource_path("samples").glob("*.txt"))]


def gold_texts() -> list[str]:
    texts = []
    for path in sorted(_GOLD.glob("*.jsonl")):
        texts += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return texts


def folder_texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]


def build_corpus(megabytes: float, texts: list[str] | None = None) -> list[str]:
    """``texts`` (default: the samples) repeated, each copy made distinct, up to ``megabytes``."""
    texts = texts or sample_texts()
    docs: list[str] = []
    size = 0
    i = 0
    while size < megabytes * 1_000_000:
        text = texts[i % len(texts)] + f"\n（第{i}篇）"
        docs.append(text)
        size += len(text.encode("utf-8"))
        i += 1
    return docs


def measure(label: str, func: Callable, docs: list[str], warm: int = 1) -> float:
    """Print the throughput of ``func`` over ``docs`` in MB/s and return it by CPU time.

    The first ``warm`` documents (one of each text) are run once before the timing, so patterns
    compiled the first time a text needs them count as loading, not as throughput.

    Wall time and this process's CPU time are both printed: on a shared machine other jobs slow the
    wall clock, while the CPU time is what one core spends on the work (on an idle machine they agree)."""
    size = sum(len(d.encode("utf-8")) for d in docs)
    for doc in docs[:warm]:  # load the rule data outside the timing
        func(doc)
    start, cpu_start = time.perf_counter(), time.process_time()
    found = 0
    for doc in docs:
        result = func(doc)
        found += len(result.mentions) if hasattr(result, "mentions") else len(result)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    rate, cpu_rate = size / 1e6 / elapsed, size / 1e6 / cpu
    print(
        f"  {label:<26} {size / 1e6:6.2f} MB in {elapsed:6.2f} s = {rate:6.2f} MB/s, "
        f"CPU {cpu:6.2f} s = {cpu_rate:6.2f} MB/s ({found} mentions, {found / (size / 1000):.1f} per KB)"
    )
    return cpu_rate


def stages(docs: list[str]) -> None:
    """Milliseconds per MB for each step of ``extract`` (the steps sum to a little less than the whole)."""
    sample: list[str] = []  # 1 MB is enough, and keeps the mentions held in memory small
    size = 0.0
    for doc in docs:
        if size >= 1.0:
            break
        sample.append(doc)
        size += len(doc.encode("utf-8")) / 1e6
    docs = sample
    mentions = [find_mentions(d) for d in docs]
    records = [assemble_records(d, m) for d, m in zip(docs, mentions, strict=True)]
    steps: list[tuple[str, Callable[[], object]]] = [
        ("amounts and counts", lambda: [find_quantities(d) for d in docs]),
        ("years and periods", lambda: [find_times(d, reference_date(d, None)[0]) for d in docs]),
        ("places", lambda: [find_places(d) for d in docs]),
        ("sectors", lambda: [find_sectors(d) for d in docs]),
        ("record assembly", lambda: [assemble_records(d, m) for d, m in zip(docs, mentions, strict=True)]),
        (
            "parties",
            lambda: [attach_parties(d, m, r) for d, m, r in zip(docs, mentions, records, strict=True)],
        ),
    ]
    for label, run in steps:  # CPU time of this process (see measure)
        start = time.process_time()
        run()
        print(f"    {label:<24} {(time.process_time() - start) / size * 1000:6.0f} ms/MB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, default=8.0, help="corpus size in MB of UTF-8")
    parser.add_argument(
        "--corpus", nargs="*", choices=["news", "samples", "gold"], default=["news", "samples", "gold"]
    )
    parser.add_argument("--articles", type=Path, help="a folder of .txt articles to measure as well")
    parser.add_argument("--stages", action="store_true", help="also print the time of each step")
    args = parser.parse_args()
    corpora: list[tuple[str, list[str]]] = []
    if "news" in args.corpus:
        corpora.append(("mixed news (benchmarks/corpus/news)", folder_texts(_NEWS)))
    if "samples" in args.corpus:
        corpora.append(("bundled samples", sample_texts()))
    if "gold" in args.corpus:
        corpora.append(("tests/gold articles", gold_texts()))
    if args.articles is not None:
        texts = folder_texts(args.articles)
        if not texts:
            parser.error(f"no .txt files under {args.articles}")
        corpora.append((str(args.articles), texts))
    for name, texts in corpora:
        average = sum(len(t.encode("utf-8")) for t in texts) / len(texts)
        print(f"{name}: {len(texts)} texts, {average:.0f} bytes on average")
        docs = build_corpus(args.mb, texts)
        measure("amounts + counts", find_quantities, docs, warm=len(texts))
        rate = measure("full extract()", extract, docs, warm=len(texts))
        if name.startswith("mixed news"):
            verdict = "meets" if rate >= TARGET_MB_S else "MISSES"
            print(f"  {verdict} the target of {TARGET_MB_S:g} MB/s (CPU) for full extraction of mixed news")
        if args.stages:
            stages(docs)


if __name__ == "__main__":
    main()
