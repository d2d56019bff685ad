"""Both halves of the story: the extractor on real text (AidData's GCOF 1.0 project descriptions in
``../shared/eval/gcof``, scored with its own ``score_gcof.py``) and on our own gold files.

Run: python benchmarks/bench_gcof.py [--gcof DIR] [--errors N]

The GCOF descriptions are read from the shared folder and never copied into the repository; without
the folder that half is skipped with a message.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from pathlib import Path

from aidcurator.evaluation import evaluate_documents, load_gold
from aidcurator.extract import extract

ROOT = Path(__file__).resolve().parent.parent
GOLD_FILES = (
    ROOT / "tests" / "gold" / "gold_articles.jsonl",
    ROOT / "tests" / "gold" / "heldout_articles.jsonl",
)


def _record_json(record, text: str) -> dict:
    """The fields score_gcof.py reads, as ``aidcurator extract --format jsonl`` writes them."""
    return {
        "year_start": record.year_start,
        "year_end": record.year_end,
        "recipient": record.recipient,
        "recipient_code": record.recipient_code,
        "sector": record.sector,
        "flow_type": record.flow_type,
        "project_status": record.project_status,
        "amounts": [{"value": str(a.value), "currency": a.currency} for a in record.amounts],
        "evidence": [
            {"field": field, "start": s.start, "end": s.end, "text": text[s.start : s.end]}
            for field, spans in record.evidence.items()
            for s in spans
        ],
    }


def run_gcof(folder: Path, errors: int) -> None:
    gold = folder / "gcof1_dev.jsonl"
    scorer = folder / "score_gcof.py"
    if not gold.exists() or not scorer.exists():
        print(f"GCOF: {folder} not found, skipped (see ../shared/eval/gcof/README.md)")
        return
    sys.path.insert(0, str(folder))
    import score_gcof

    rows = [json.loads(line) for line in gold.open(encoding="utf-8")]
    started = time.perf_counter()
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for row in rows:
            item = score_gcof.make_input(row)
            result = extract(item["text"])
            records = [_record_json(r, item["text"]) for r in result.records]
            out.write(json.dumps({"id": item["id"], "records": records}, ensure_ascii=False) + "\n")
        pred = out.name
    elapsed = time.perf_counter() - started
    print(f"GCOF dev half: {len(rows)} descriptions extracted in {elapsed:.1f} s")
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        score_gcof.main(["score_gcof.py", str(gold), pred, *(["--errors", str(errors)] if errors else [])])
    print(buffer.getvalue().rstrip())
    Path(pred).unlink(missing_ok=True)


def run_gold() -> None:
    for path in GOLD_FILES:
        if not path.exists():
            print(f"{path.name}: not found, skipped")
            continue
        print(f"\n{path.relative_to(ROOT)}")
        print(evaluate_documents(load_gold(path)).format())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gcof", type=Path, default=ROOT.parent / "shared" / "eval" / "gcof")
    parser.add_argument("--errors", type=int, default=0, help="list the first N GCOF disagreements")
    args = parser.parse_args()
    run_gcof(args.gcof, args.errors)
    run_gold()


if __name__ == "__main__":
    main()
