"""Parties on real text: funding and implementing agencies found in AidData's GCOF 1.0 descriptions.

For each project of ``../shared/eval/gcof/gcof1_dev.jsonl`` the extractor runs on title + description
(as ``score_gcof.make_input`` builds it); the parties of all its records are compared with the
agency columns (names fuzzy-matched with rapidfuzz after dropping company forms; an acronym in
parentheses also matches). "Unspecified Chinese Government Institution" is no name and is not scored.

* recall: projects whose named gold agency is found with that role (and found with any role)
* precision: parties proposed with that role that match the gold agency, on projects whose gold
  names one (the others cannot be judged: AidData left them unspecified)

The organisation gazetteer holds names taken from the agency columns of this same dev half
(``organisations_gcof.csv``); ``--public-only`` drops that file, which gives the fairer figure for
unseen text. Run: python benchmarks/bench_parties.py [--gcof DIR] [--public-only] [--errors N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz

from aidcurator.extract import extract
from aidcurator.extract import organisations as orgs_module

ROOT = Path(__file__).resolve().parent.parent
ROLES = {"funding": "funding_agency", "implementing": "implementing_agency"}
_TYPE_TAIL = re.compile(
    r",\s*(Government Agency|State-Owned Company|State-owned Company|Private Sector|Multilateral( Agency)?|"
    r"(National |International |Regional )?NGO|Public Private Partnership|Foundation|Political Party|"
    r"Academic, Training and Research)\s*$",
    re.IGNORECASE,
)
_FORMS = re.compile(
    r"\b(co|ltd|limited|corporation|corp|company|group|inc|general|the|of|and|sa|plc)\b|[^\w\s]",
    re.IGNORECASE,
)


def gold_names(value: str | None) -> list[tuple[str, str | None]]:
    """(name, acronym) of each named agency in an AidData agency cell."""
    found = []
    for part in (value or "").split(";"):
        part = _TYPE_TAIL.sub("", part.strip()).strip(" ,")
        if not part or part.lower().startswith("unspecified"):
            continue
        match = re.search(r"\(([^)]{2,12})\)\s*$", part)
        acronym = match.group(1).strip() if match else None
        found.append((part[: match.start()].strip() if match else part, acronym))
    return found


def _norm(name: str) -> str:
    return " ".join(_FORMS.sub(" ", name).lower().split())


def matches(party: dict, gold: tuple[str, str | None]) -> bool:
    name, acronym = gold
    names = [party["name"], party["written"], *party["aliases"]]
    if acronym and acronym in names:
        return True
    target = _norm(name)
    return any(n and target and fuzz.token_set_ratio(_norm(n), target) >= 88 for n in names)


def run(folder: Path, errors: int) -> None:
    gold_file = folder / "gcof1_dev.jsonl"
    if not gold_file.exists():
        print(f"GCOF: {folder} not found, skipped (see ../shared/eval/gcof/README.md)")
        return
    sys.path.insert(0, str(folder))
    import score_gcof

    rows = [json.loads(line) for line in gold_file.open(encoding="utf-8")]
    counts = {role: dict(gold=0, found=0, found_any=0, proposed=0, right=0, proposed_all=0) for role in ROLES}
    misses: dict[str, list[str]] = {role: [] for role in ROLES}
    started = time.perf_counter()
    for row in rows:
        text = score_gcof.make_input(row)["text"]
        parties: dict[str, dict] = {}
        for record in extract(text).records:
            for p in record.parties:
                parties.setdefault(
                    f"{p.name}|{p.role.value}",
                    dict(
                        name=p.name,
                        written=text[p.span.start : p.span.end],
                        aliases=list(p.aliases),
                        role=p.role.value,
                    ),
                )
        for role, column in ROLES.items():
            gold = gold_names(row.get(column))
            with_role = [p for p in parties.values() if p["role"] == role]
            counts[role]["proposed_all"] += len(with_role)
            if not gold:
                continue
            c = counts[role]
            c["gold"] += 1
            c["proposed"] += len(with_role)
            c["right"] += sum(1 for p in with_role if any(matches(p, g) for g in gold))
            if any(matches(p, g) for p in with_role for g in gold):
                c["found"] += 1
            elif len(misses[role]) < errors:
                got = ", ".join(f"{p['name']} ({p['role']})" for p in parties.values()) or "-"
                misses[role].append(f"{row['project_id']}: {gold[0][0]} <- {got}")
            if any(matches(p, g) for p in parties.values() for g in gold):
                c["found_any"] += 1
    elapsed = time.perf_counter() - started
    files = ", ".join(orgs_module.ORGANISATION_FILES)
    print(f"GCOF dev half: {len(rows)} descriptions in {elapsed:.1f} s; gazetteer files: {files}")
    for role, c in counts.items():
        recall = c["found"] / c["gold"] if c["gold"] else 0.0
        any_role = c["found_any"] / c["gold"] if c["gold"] else 0.0
        precision = c["right"] / c["proposed"] if c["proposed"] else 0.0
        print(
            f"  {role:<12} agency named in {c['gold']:>4} projects: recall {recall:.3f} "
            f"(any role {any_role:.3f}); precision {precision:.3f} of {c['proposed']} proposed there "
            f"({c['proposed_all']} proposed on all projects)"
        )
        for line in misses[role]:
            print(f"    missed {role}: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gcof", type=Path, default=ROOT.parent / "shared" / "eval" / "gcof")
    parser.add_argument("--public-only", action="store_true", help="without organisations_gcof.csv")
    parser.add_argument("--errors", type=int, default=0, help="list this many misses per role")
    args = parser.parse_args()
    if args.public_only:
        orgs_module.ORGANISATION_FILES = ("organisations.csv",)
    run(args.gcof, args.errors)


if __name__ == "__main__":
    main()
