"""Score the extractor on the real-news development set (benchmarks/realnews).

    PYTHONPATH=src python benchmarks/bench_realnews.py [--show-errors]
    PYTHONPATH=src python benchmarks/bench_realnews.py --labels benchmarks/realnews/heldout.jsonl   # held-out test set

The labels are committed; the passage texts are third-party and are not (see benchmarks/realnews/README.md for
how to rebuild texts/). Only passages whose text is present and whose sha256 matches the label are scored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "realnews"
LABELS = HERE / "labels.jsonl"
TEXTS = HERE / "texts"
PER_FIELD = (("amount_kind", "amount kind"), ("donor", "donor"), ("recipient", "recipient"), ("year", "year"))


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
    if args.show_errors and (errors := report.format_errors()):
        print(errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
