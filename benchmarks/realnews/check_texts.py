"""Report which real-news passages are present in texts/ and whether their sha256 matches labels.jsonl.

    python benchmarks/realnews/check_texts.py                 # status of every id
    python benchmarks/realnews/check_texts.py --save ID FILE  # FILE holds the search excerpt for ID (UTF-8):
                                                              # find the labelled passage inside it, save texts/ID.txt
    python benchmarks/realnews/check_texts.py --labels benchmarks/realnews/heldout.jsonl [--save ID FILE]
                                                              # the same for another label file (held-out set)

The passage is a contiguous part of the excerpt the search tool returns (often all of it, sometimes with a
site header or trailing boilerplate cut off), so ``--save`` tries every start offset for a string of the
recorded length whose sha256 matches.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels.jsonl"
TEXTS = HERE / "texts"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_labels(path: Path = LABELS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def status(labels_path: Path = LABELS) -> int:
    labels = load_labels(labels_path)
    ok = missing = mismatch = 0
    for row in labels:
        path = TEXTS / f"{row['id']}.txt"
        if not path.exists():
            missing += 1
            print(f"{row['id']}: missing")
            continue
        if sha256(path.read_text(encoding="utf-8")) == row["sha256"]:
            ok += 1
        else:
            mismatch += 1
            print(f"{row['id']}: sha256 mismatch ({row['url']})")
    print(f"{ok} of {len(labels)} texts present and matching; {missing} missing, {mismatch} mismatched")
    return 0


def save(rid: str, excerpt_file: Path, labels_path: Path = LABELS) -> int:
    row = next((r for r in load_labels(labels_path) if r["id"] == rid), None)
    if row is None:
        print(f"no id {rid} in {labels_path}")
        return 1
    excerpt = excerpt_file.read_text(encoding="utf-8")
    size = row["chars"]
    for start in range(0, len(excerpt) - size + 1):
        candidate = excerpt[start : start + size]
        if sha256(candidate) == row["sha256"]:
            TEXTS.mkdir(exist_ok=True)
            (TEXTS / f"{rid}.txt").write_text(candidate, encoding="utf-8", newline="")
            print(f"{rid}: saved (offset {start} in the excerpt)")
            return 0
    print(f"{rid}: no part of the excerpt matches the recorded sha256 (the stored page may have changed)")
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--save", nargs=2, metavar=("ID", "EXCERPT_FILE"))
    parser.add_argument(
        "--labels",
        type=Path,
        default=LABELS,
        help="label file (default: labels.jsonl; heldout.jsonl is the test set)",
    )
    args = parser.parse_args(argv)
    if args.save:
        return save(args.save[0], Path(args.save[1]), args.labels)
    return status(args.labels)


if __name__ == "__main__":
    sys.exit(main())
