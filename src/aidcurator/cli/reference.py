"""``aidcurator reference import | match | export-aiddata``: reconciliation with AidData tables."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


def cmd_reference_import(args: argparse.Namespace) -> int:
    from aidcurator.cli.common import EXIT_OK, CommandError, open_curator
    from aidcurator.ingest import IngestError

    if not Path(args.file).is_file():
        raise CommandError(f"{args.file}: no such file")
    with open_curator(args.db) as curator:
        try:
            report = curator.import_reference(
                args.file, dataset=args.dataset, without_descriptions=args.without_descriptions
            )
        except IngestError as exc:
            raise CommandError(str(exc)) from exc
    print(report.summary())
    return EXIT_OK


def cmd_reference_match(args: argparse.Namespace) -> int:
    from aidcurator.cli.common import EXIT_OK, CommandError, open_curator

    with open_curator(args.db, must_exist=True) as curator:
        if not curator.reference_datasets():
            raise CommandError("no reference projects yet; run: aidcurator reference import FILE")
        matches = curator.match_projects(dataset=args.dataset, limit=args.top)
        for match in matches:
            if not match.candidates:
                print(f"project {match.project_id}: no candidate")
                continue
            for rank, candidate in enumerate(match.candidates, start=1):
                print(
                    f"project {match.project_id} #{rank}: {candidate.dataset} {candidate.ref_id} "
                    f"score {candidate.score:.3f} — {'; '.join(candidate.reasons)}"
                )
        if args.confirm_above is not None:
            done = curator.confirm_matches(matches, above=args.confirm_above)
            print(f"Confirmed {done} of {len(matches)} projects (best score ≥ {args.confirm_above})")
    return EXIT_OK


def cmd_reference_export(args: argparse.Namespace) -> int:
    from aidcurator.cli.common import EXIT_OK, open_curator

    with open_curator(args.db, must_exist=True) as curator:
        count = curator.export_aiddata(args.file, flavour=args.columns)
    print(f"Wrote {count} project{'s' if count != 1 else ''} to {args.file} ({args.columns} columns)")
    return EXIT_OK


def add_reference_parser(commands: Any, db_option: argparse.ArgumentParser) -> None:
    """The ``reference`` command and its subcommands."""
    parser = commands.add_parser(
        "reference",
        help="reconcile projects with a published dataset (AidData GCOF 1.0 / GCDF 3.0)",
        description="Import an AidData table as reference projects, propose the reference each curated "
        "project most likely is (from recipient, year, amount, donor, sector, flow and title; never "
        "descriptions), confirm matches, and export an AidData-compatible CSV.",
    )
    sub = parser.add_subparsers(dest="reference_command", metavar="SUBCOMMAND", required=True)

    p = sub.add_parser("import", parents=[db_option], help="import an AidData table (CSV, XLSX, JSONL, JSON)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dataset", metavar="NAME", help="dataset name (default: detected, gcof1 or gcdf3)")
    p.add_argument(
        "--without-descriptions",
        action="store_true",
        help="do not store the description and staff-comment columns (matching never uses them)",
    )
    p.set_defaults(func=cmd_reference_import)

    p = sub.add_parser("match", parents=[db_option], help="propose references for every project")
    p.add_argument("--dataset", metavar="NAME", help="only this reference dataset")
    p.add_argument("--top", type=int, default=3, metavar="N", help="candidates per project (default 3)")
    p.add_argument(
        "--confirm-above",
        type=float,
        metavar="S",
        help="confirm each project's best candidate when its score is at least S (0–1)",
    )
    p.set_defaults(func=cmd_reference_match)

    p = sub.add_parser("export-aiddata", parents=[db_option], help="write projects as an AidData-style CSV")
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--columns",
        choices=("gcof1", "gcdf3"),
        default="gcof1",
        help="GCOF 1.0 snake_case names (default) or GCDF 3.0 headers",
    )
    p.set_defaults(func=cmd_reference_export)
