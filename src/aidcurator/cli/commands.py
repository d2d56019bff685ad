"""The commands that work on articles and records: import, extract, export, stats, evaluate, demo
and gui (projects and reference data have modules of their own)."""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path
from typing import Any

from aidcurator.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CommandError, open_curator, print_error
from aidcurator.domain.jsonvalues import exact_number_text

_GUI_MISSING = (
    "the AidCurator window is not part of this version yet; "
    "run 'aidcurator demo' to import the bundled samples and see what was found, "
    "or 'aidcurator --help' for the commands"
)


def cmd_import(args: argparse.Namespace) -> int:
    from aidcurator.curation import ImportReport
    from aidcurator.ingest import IngestError, read_bytes
    from aidcurator.progress import ProgressBar

    paths = [p for p in args.paths if p != "-"]
    missing = [p for p in paths if not Path(p).exists()]
    if missing:  # before the database is opened (or created)
        raise CommandError("; ".join(f"{path}: no such file or folder" for path in missing))
    with open_curator(args.db) as curator:
        report = (
            curator.import_paths(paths, progress=ProgressBar("files"), workers=args.workers)
            if paths
            else ImportReport()
        )
        if "-" in args.paths:  # stdin: one more all-or-nothing unit
            try:
                drafts = read_bytes(sys.stdin.buffer.read(), "-")
            except IngestError as exc:
                report.merge(ImportReport(files=1, failures=[("-", exc.reason)]))
            else:
                report.merge(curator.import_drafts(drafts, name="-"))
        count_only = not getattr(args, "propose", False)
        skip = getattr(args, "no_propose", False) or not report.article_ids
        proposals = [] if skip else curator.proposals_for_articles(report.article_ids)
    for name, reason in report.failures:
        print_error(f"{name}: {reason}")
    for name, warning in report.warnings:
        print(f"warning: {name}: {warning}", file=sys.stderr)
    print(report.summary())
    if proposals and not count_only:
        from aidcurator.cli.projects import proposal_line

        for proposal in proposals:
            print(proposal_line(proposal))
    if proposals or not count_only:  # one line, none when there is nothing to look at
        print(
            f"{len(proposals)} possible duplicate project{'s' if len(proposals) != 1 else ''} "
            "among the new articles; see 'aidcurator projects propose'"
        )
    return EXIT_FAILED if report.failures else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    fmt = args.format or Path(args.out).suffix.lstrip(".").lower()
    if fmt not in ("csv", "json", "jsonl", "xlsx"):
        raise CommandError(
            f"cannot tell the format from {args.out!r}; add --format csv|json|jsonl|xlsx", EXIT_USAGE
        )
    with open_curator(args.db, must_exist=True) as curator:
        count = curator.export(
            args.out,
            fmt,
            status=args.status,
            what=args.what,
            usd_base_year=args.usd_base_year,
            workers=args.workers,
        )
    noun = args.what if args.what != "records" else "records"
    print(f"Wrote {count} {noun[:-1] if count == 1 else noun} to {args.out}")
    return EXIT_OK


def _print_stats(stats: Any) -> None:
    print(f"Articles: {stats.articles}")
    for state, count in stats.articles_by_state.items():
        print(f"  {state:<12} {count:>6}")
    print(f"Records: {stats.records}")
    for status, count in stats.records_by_status.items():
        print(f"  {status:<12} {count:>6}")
    print(f"Amounts: {stats.amounts}   Mentions: {stats.mentions}   Edits: {stats.edits}")


def cmd_stats(args: argparse.Namespace) -> int:
    with open_curator(args.db, must_exist=True) as curator:
        _print_stats(curator.stats())
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    from aidcurator.evaluation import GoldFormatError, evaluate_documents, load_gold

    if args.gold is None and args.db is None:
        raise CommandError("give a gold file (GOLD.jsonl) or --db URL to use the records people accepted")
    if args.gold is not None:
        try:
            docs = load_gold(Path(args.gold))
        except GoldFormatError as exc:
            raise CommandError(str(exc)) from exc
    else:
        with open_curator(args.db, must_exist=True) as curator:
            docs = curator.accepted_gold()
        if not docs:
            raise CommandError("the database holds no accepted records to evaluate against")
    report = evaluate_documents(docs)
    print(report.format())
    if args.show_errors and (errors := report.format_errors()):
        print(errors)
    return EXIT_OK


def _amount_line(amount: Any) -> str:
    value = exact_number_text(amount.value) or "?"
    if amount.value_max is not None:
        value += f"–{exact_number_text(amount.value_max)}"
    qualifier = "" if amount.qualifier == "exact" else f" {amount.qualifier}"
    return f"{amount.text} = {value} {amount.currency}{qualifier} ({amount.kind})"


def _record_line(record: Any) -> str:
    from aidcurator.domain.fields import RECORD_FIELDS

    parts = [_amount_line(a) for a in record.amounts]
    for spec in RECORD_FIELDS:
        value = getattr(record, spec.name)
        if spec.count_noun is not None and value is not None:
            parts.append(f"{value} {spec.count_noun}")
    if record.year_start is not None:
        years = str(record.year_start)
        if record.year_end not in (None, record.year_start):
            years += f"–{record.year_end}"
        parts.append(years)
    for name in ("donor", "recipient"):
        if getattr(record, name):
            parts.append(f"{name} {getattr(record, name)}")
    return "; ".join(parts) or "(no values)"


def cmd_demo(args: argparse.Namespace) -> int:
    from aidcurator.curation import demo_database, sample_files

    try:
        files = sample_files()
    except FileNotFoundError as exc:
        raise CommandError(str(exc)) from exc
    db = args.db or str(demo_database())
    with open_curator(db) as curator:
        report = curator.import_paths(files)
        print(f"Demo database: {db}")
        for name, reason in report.failures:
            print_error(f"{name}: {reason}")
        print(report.summary())
        print()
        rows = curator.list_articles(limit=1000, order_by="id", descending=False)
        counts = curator.record_counts([row.id for row in rows])
        for row in rows:
            when = row.published.isoformat() if row.published else "no date"
            source = f" ({row.source})" if row.source else ""
            print(f"[{row.id}] {when} · {row.title or '(untitled)'}{source} — {counts[row.id].total} records")
            for record in curator.records(row.id):
                print(f"    #{record.id} {record.record_kind}: {_record_line(record)}")
        print()
        _print_stats(curator.stats())
    print()
    print(f"Try: aidcurator export --db {db} --status all --format csv --out demo.csv")
    return EXIT_FAILED if report.failures else EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    try:
        app = importlib.import_module("aidcurator.gui.app")
    except ModuleNotFoundError as exc:
        missing = exc.name or ""
        if missing.startswith("PySide6"):
            raise CommandError(
                "the window needs PySide6, which is not installed (pip install PySide6-Essentials)",
                EXIT_USAGE,
            ) from exc
        if missing in ("aidcurator.gui", "aidcurator.gui.app"):
            raise CommandError(_GUI_MISSING, EXIT_USAGE) from exc
        raise
    return int(app.run(args) or 0)


# ----------------------------------------------------------------------------------------- parser


def cmd_extract(args: argparse.Namespace) -> int:
    from aidcurator.cli.extracting import run_extract

    return run_extract(args.paths, args.format, workers=args.workers)
