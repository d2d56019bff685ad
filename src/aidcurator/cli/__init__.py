"""Command line: ``aidcurator import | extract | export | stats | demo | projects | reference | gui``.

Every command is a thin layer over :mod:`aidcurator.curation`. User errors print one
``error: …`` line on stderr and exit with 1 (2 for bad usage); they never show a traceback
(set ``AIDCURATOR_DEBUG=1`` to see one for unexpected errors).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from aidcurator import __version__
from aidcurator.cli.commands import (
    cmd_demo,
    cmd_evaluate,
    cmd_export,
    cmd_extract,
    cmd_gui,
    cmd_import,
    cmd_stats,
)
from aidcurator.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, CommandError, print_error
from aidcurator.domain.jsonvalues import dumps_exact as dumps_exact  # re-exported for callers


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
    p.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="processes that make a large CSV of records side by side (default: all cores)",
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
        print_error("interrupted")
        return 130
    except BrokenPipeError:
        # Output piped into a program that stopped reading (e.g. `| head`): not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        if isinstance(exc, CommandError):
            print_error(str(exc))
            return exc.code
        if isinstance(exc, (*_user_errors(), OSError)):
            message = str(exc).strip()
            print_error(message.splitlines()[0] if message else type(exc).__name__)  # one line, always
            return EXIT_FAILED
        if os.environ.get("AIDCURATOR_DEBUG") or getattr(args, "debug", False):
            raise
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        print_error(f"unexpected {type(exc).__name__}: {first} (run with --debug to see details)")
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
