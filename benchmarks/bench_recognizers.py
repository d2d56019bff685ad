"""Score the extractor on Microsoft Recognizers-Text currency cases (../shared/eval), via `evaluate`.

A benchmark, not a test: the spec file stays in shared/. Run: python benchmarks/bench_recognizers.py [FILE]
"""

from __future__ import annotations

import sys
from pathlib import Path

from aidcurator.evaluation import evaluate_documents, load_gold

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "recognizers-currency.json"


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not path.exists():
        print(f"{path} not found (it lives in ../shared/eval)")
        return 1
    docs = load_gold(path)
    for lang in ("zh", "en"):
        subset = [d for d in docs if d["id"].startswith(lang + "-")]
        tally = evaluate_documents(subset).mentions["amount"]
        print(
            f"{lang}: {len(subset)} cases  precision {tally.precision:.3f}  recall {tally.recall:.3f}  "
            f"F1 {tally.f1:.3f}  (span + exact value)"
        )
    print(evaluate_documents(docs).format())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
