"""Command line: ``aidcurator import | extract | export | stats | demo | projects | reference | gui``.

Every command is a thin layer over :mod:`aidcurator.curation`. User errors print one
``error: …`` line on stderr and exit with 1 (2 for bad usage); they never show a traceback
(set ``AIDCURATOR_DEBUG=1`` to see one for unexpected errors).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from aidcurator import __version__
from aidcurator.domain.jsonvalues import dumps_exact as dumps_exact  # re-exported for callers
from aidcurator.domain.jsonvalues import exact_number_text as _exact_number

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_GUI_MISSING = (
    "the AidCurator window is not part of this version yet; "
    "run 'aidcurator demo' to import the bundled samples and see what was found, "
    "or 'aidcurator --help' for the commands"
)


class CommandError(Exception):
    """A problem to report as ``error: …`` with an exit code."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


def _utf8_stdout() -> None:
    """JSON goes out as UTF-8 even where the console or pipe encoding is something else."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")


def _error(message: str, stream: TextIO | None = None) -> None:
    print(f"error: {message}", file=stream or sys.stderr)


# ------------------------------------------------------------------------------------- JSON output


# --------------------------------------------------------------------------------------- commands


def _open_curator(db: str | None, *, must_exist: bool = False) -> Any:
    from aidcurator.curation import Curator, database_file, database_url

    if must_exist:
        path = database_file(db)
        if path is not None and not path.exists():
            raise CommandError(f"no database at {path}; import articles first (aidcurator import FILE...)")
    _ = database_url(db)  # raises StoreError for an unusable value before anything is created
    return Curator.open(db)


def cmd_import(args: argparse.Namespace) -> int:
    from aidcurator.curation import ImportReport
    from aidcurator.ingest import IngestError, read_bytes
    from aidcurator.progress import ProgressBar

    paths = [p for p in args.paths if p != "-"]
    missing = [p for p in paths if not Path(p).exists()]
    if missing:  # before the database is opened (or created)
        raise CommandError("; ".join(f"{path}: no such file or folder" for path in missing))
    with _open_curator(args.db) as curator:
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
        _error(f"{name}: {reason}")
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
    with _open_curator(args.db, must_exist=True) as curator:
        count = curator.export(
            args.out, fmt, status=args.status, what=args.what, usd_base_year=args.usd_base_year
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
    with _open_curator(args.db, must_exist=True) as curator:
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
        with _open_curator(args.db, must_exist=True) as curator:
            docs = curator.accepted_gold()
        if not docs:
            raise CommandError("the database holds no accepted records to evaluate against")
    report = evaluate_documents(docs)
    print(report.format())
    if args.show_errors and report.errors:
        print("\nfirst misses:")
        for line in report.errors[:40]:
            print("  " + line)
    if args.show_errors and report.field_errors:
        print("\nrecord fields that disagree with the gold:")
        for line in report.field_errors:
            print("  " + line)
    return EXIT_OK


def _amount_line(amount: Any) -> str:
    value = _exact_number(amount.value) or "?"
    if amount.value_max is not None:
        value += f"–{_exact_number(amount.value_max)}"
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
    with _open_curator(db) as curator:
        report = curator.import_paths(files)
        print(f"Demo database: {db}")
        for name, reason in report.failures:
            _error(f"{name}: {reason}")
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


def build_parser() -> argparse.ArgumentParser:
    db_option = argparse.ArgumentParser(add_help=False)
    db_option.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="database file or SQLAlchemy URL (default: $AIDCURATOR_DB or aidcurator.db in the user data folder)",
    )
    parser = argparse.ArgumentParser(
        prog="aidcurator",
        description="Turn news articles about aid projects into a curated, source-linked dataset.",
        epilog="Without a command, the window opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug",
        action="store_true",
        help="show the full traceback of an unexpected error (also AIDCURATOR_DEBUG=1)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser(
        "import",
        parents=[db_option],
        help="import article files and folders into the database",
        description="Import .txt/.md/.html/.json/.jsonl/.csv files and folders (recursively); '-' reads "
        "text from stdin. Each file is imported completely or not at all; texts already stored are skipped.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument(
        "--workers", type=int, metavar="N", help="processes that read and extract (default: all cores)"
    )
    p.add_argument(
        "--propose",
        action="store_true",
        help="list the duplicate project proposals for the new articles (by default only their count)",
    )
    p.add_argument(
        "--no-propose", action="store_true", help="skip looking for duplicate projects after the import"
    )
    p.set_defaults(func=cmd_import)

    p = commands.add_parser(
        "extract",
        help="print what the extractor finds, without a database",
        description='Run the extractor on files (\'-\' reads stdin; a .jsonl holds one {"id", "text", '
        '"published"?} document per line) and print mentions and candidate records as JSON.',
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument(
        "--format", choices=("json", "jsonl"), default="jsonl", help="a JSON list or one document a line"
    )
    p.add_argument("--workers", type=int, metavar="N", help="extracting processes (default: all cores)")
    p.set_defaults(func=cmd_extract)

    p = commands.add_parser(
        "export",
        parents=[db_option],
        help="write records (or articles, mentions, edits) to CSV, JSON, JSONL or Excel",
    )
    p.add_argument(
        "--format", choices=("csv", "json", "jsonl", "xlsx"), help="default: from the --out suffix"
    )
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument(
        "--status",
        choices=("accepted", "pending", "rejected", "all"),
        default="accepted",
        help="which records (default: accepted)",
    )
    p.add_argument(
        "--what",
        choices=("records", "articles", "mentions", "edits"),
        default="records",
        help="default: records",
    )
    p.add_argument(
        "--usd-base-year",
        type=int,
        metavar="YYYY",
        help="constant US dollars of this year (default: the last year of the shipped deflator table)",
    )
    p.set_defaults(func=cmd_export)

    p = commands.add_parser("stats", parents=[db_option], help="articles by review state, records by status")
    p.set_defaults(func=cmd_stats)

    p = commands.add_parser(
        "demo",
        parents=[db_option],
        help="import the bundled sample articles into a demo database and show what was found",
    )
    p.set_defaults(func=cmd_demo)

    p = commands.add_parser(
        "evaluate",
        parents=[db_option],
        help="score the extractor against a gold file or the accepted records of a database",
    )
    p.add_argument(
        "gold",
        nargs="?",
        metavar="GOLD.jsonl",
        help="gold articles (README: Evaluating) or a Recognizers-Text spec file",
    )
    p.add_argument(
        "--show-errors",
        action="store_true",
        help="list the first missed mentions and every record field that disagrees",
    )
    p.set_defaults(func=cmd_evaluate)

    from aidcurator.cli.projects import add_parser as add_projects_parser

    add_projects_parser(commands, db_option)

    from aidcurator.cli.reference import add_reference_parser

    add_reference_parser(commands, db_option)

    p = commands.add_parser("gui", parents=[db_option], help="open the window")
    p.add_argument("--demo", action="store_true", help="open the demo database with the bundled samples")
    p.add_argument("--screenshot", metavar="FILE", help="save a picture of the window to FILE and quit")
    p.set_defaults(func=cmd_gui)
    return parser


def _user_errors() -> tuple[type[BaseException], ...]:
    from aidcurator.curation import ConflictError, NotFoundError, StoreError

    errors: list[type[BaseException]] = [CommandError, StoreError, NotFoundError, ConflictError, ValueError]
    try:
        from aidcurator.export import ExportError

        errors.append(ExportError)
    except ImportError:  # pragma: no cover - export is part of the package
        pass
    return tuple(errors)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list:
        args = argparse.Namespace(command="gui", db=None, demo=False, screenshot=None, func=cmd_gui)
    else:
        args = parser.parse_args(args_list)
        if args.command is None:
            parser.print_help()
            return EXIT_USAGE
    try:
        return args.func(args)
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        # Output piped into a program that stopped reading (e.g. `| head`): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if isinstance(exc, CommandError):
            _error(str(exc))
            return exc.code
        if isinstance(exc, (*_user_errors(), OSError)):
            message = str(exc).strip()
            _error(message.splitlines()[0] if message else type(exc).__name__)  # one line, always
            return EXIT_FAILED
        if os.environ.get("AIDCURATOR_DEBUG") or getattr(args, "debug", False):
            raise
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        _error(f"unexpected {type(exc).__name__}: {first} (run with --debug to see details)")
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
