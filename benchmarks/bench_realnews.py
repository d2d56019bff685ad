"""Score the extractor on the real-news development set (benchmarks/realnews).

    PYTHONPATH=src python benchmarks/bench_realnews.py [--show-errors]
    PYTHONPATH=src python benchmarks/bench_realnews.py --labels benchmarks/realnews/heldout.jsonl   # held-out test set

The labels are committed; the passage texts are third-party and are not (see benchmarks/realnews/README.md for
how to rebuild texts/). Only passages whose text is present and whose sha256 matches the label are scored.

Printed: mention P/R/F1, record fields over paired records and over all gold records, and each passage's
main donor, recipient and start year (the value most of its records carry), as the issue that set up the
benchmark first measured real text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "realnews"
LABELS = HERE / "labels.jsonl"
TEXTS = HERE / "texts"
PER_FIELD = (("amount_kind", "amount kind"), ("donor", "donor"), ("recipient", "recipient"), ("year", "year"))
PASSAGE_FIELDS = ("donor", "recipient", "year_start")


def main_value(records: list, field: str) -> object:
    """The value of ``field`` most records carry (None not counted; a tie goes to the earliest record)."""
    values = [r[field] if isinstance(r, dict) else getattr(r, field) for r in records]
    values = [v for v in values if v is not None]
    return max(values, key=lambda v: (values.count(v), -values.index(v))) if values else None


def passage_scores(docs: list[dict]) -> dict[str, tuple[int, int]]:
    """Per field: (passages whose main value the extractor gets, passages whose gold records state one).

    The passage's main donor, recipient and start year, as the issue that set up this benchmark first
    measured them: the value most of the passage's records carry, gold against extracted."""
    from aidcurator.extract import extract

    tally = {field: [0, 0] for field in PASSAGE_FIELDS}
    for doc in docs:
        published = dt.date.fromisoformat(doc["published"][:10]) if doc.get("published") else None
        records = extract(doc["text"], published).records
        for field in PASSAGE_FIELDS:
            gold = main_value(doc.get("records", []), field)
            if gold is not None:
                tally[field][1] += 1
                tally[field][0] += main_value(list(records), field) == gold
    return {field: (right, total) for field, (right, total) in tally.items()}


def load_documents(labels: Path = LABELS) -> tuple[list[dict], int, int]:
    """Gold documents (label dict + "text") for the passages whose text matches; also counts of missing/mismatched."""
    docs, missing, mismatched = [], 0, 0
    for line in labels.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        label = json.loads(line)
        path = TEXTS / f"{label['id']}.txt"
        if not path.exists():
            missing += 1
            continue
        text = path.read_text(encoding="utf-8")
        if hashlib.sha256(text.encode("utf-8")).hexdigest() != label["sha256"]:
            mismatched += 1
            continue
        docs.append({**label, "text": text})
    return docs, missing, mismatched


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the extractor on the real-news development set.")
    parser.add_argument(
        "--show-errors", action="store_true", help="list missed mentions and disagreeing fields"
    )
    parser.add_argument(
        "--labels",
        type=Path,
        default=LABELS,
        help="label file (default: realnews/labels.jsonl, the development set; realnews/heldout.jsonl is the test set)",
    )
    args = parser.parse_args(argv)
    if not TEXTS.is_dir() or not any(TEXTS.glob("*.txt")):
        print(
            f"skipped: no passage texts in {TEXTS} (they are not committed; see benchmarks/realnews/README.md)"
        )
        return 0

    from aidcurator.evaluation import evaluate_documents

    docs, missing, mismatched = load_documents(args.labels)
    total = len(docs) + missing + mismatched
    if args.labels.resolve() != LABELS.resolve():
        print(f"labels: {args.labels}")
    print(
        f"real-news set: scoring {len(docs)} of {total} passages ({missing} texts missing, {mismatched} sha256 mismatches)"
    )
    by_language: dict[str, int] = {}
    for doc in docs:
        by_language[doc.get("language") or "?"] = by_language.get(doc.get("language") or "?", 0) + 1
    print("languages: " + ", ".join(f"{k} {v}" for k, v in sorted(by_language.items())))
    if not docs:
        return 0
    report = evaluate_documents(docs)
    print()
    print(report.format())
    print()
    print("record accuracy per field (over all gold records; an unpaired record counts as wrong)")
    for name, shown in PER_FIELD:
        accuracy = report.field_accuracy(name)
        if accuracy is not None:
            print(
                f"  {shown:<12} {accuracy:6.3f}   ({report.field_correct[name]} / {report.field_total[name]})"
            )
    print()
    print("passage's main value (the value most records carry; over passages whose gold states one)")
    for field, (right, total) in passage_scores(docs).items():
        print(f"  {field:<12} {right / max(1, total):6.3f}   ({right} / {total})")
    if args.show_errors and (errors := report.format_errors()):
        print(errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
