"""``aidcurator projects …``: projects across articles on the command line.

``propose`` prints duplicate proposals (``--apply`` merges those scoring at least ``--threshold``),
``list``, ``show ID``, ``create RECORD…``, ``merge A B``, ``split RECORD``, ``not-same R1 R2``,
``set-source PROJECT FIELD RECORD|default``, ``set ID [--status …] [--umbrella yes|no] [--parent ID|none]
[--recommended yes|no|auto --reason TEXT] [--planned-start YYYY-MM-DD|source] …`` and ``export FILE``. Every change goes through the
undoable changes of :mod:`aidcurator.curation.changes`, so its ``Edit`` rows share a change group
and the history shows them as one step.
"""

from __future__ import annotations

import argparse
import datetime as dt
from decimal import Decimal
from typing import Any

from aidcurator.domain.jsonvalues import exact_number_text

EXIT_OK = 0


def _curator(args: argparse.Namespace) -> Any:
    from aidcurator.cli.common import open_curator

    return open_curator(args.db, must_exist=True)


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        return exact_number_text(value) or str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def proposal_line(proposal: Any) -> str:
    return f"{proposal.score:.2f}  {proposal.left} + {proposal.right}  ({'; '.join(proposal.reasons)})"


def cmd_propose(args: argparse.Namespace) -> int:
    with _curator(args) as curator:
        if args.article:
            proposals = curator.proposals_for_articles(args.article)
        else:
            proposals = curator.propose_duplicates()
        for proposal in proposals:
            print(proposal_line(proposal))
        print(f"{len(proposals)} proposal{'s' if len(proposals) != 1 else ''} (P = project, R = record)")
        if args.apply:
            from aidcurator.curation.project_dedupe import APPLY_SCORE

            threshold = APPLY_SCORE if args.threshold is None else args.threshold
            outcomes = curator.apply_proposals(proposals, min_score=threshold)
            for outcome in outcomes:
                print(
                    f"project {outcome.project_id}: {len(curator.project(outcome.project_id).members)} records"
                )
            print(f"Merged {len(outcomes)} group{'s' if len(outcomes) != 1 else ''} scoring ≥ {threshold}")
    return EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    with _curator(args) as curator:
        rows = curator.projects(search=args.search or "", limit=args.limit)
    for row in rows:
        amount = f"{_value(row.amount_value)} {row.amount_currency or ''}".strip()
        print(
            f"[{row.id}] {row.title or '(untitled)'} · {row.donor or '—'} → {row.recipient or '—'} · "
            f"{row.commitment_year or '—'} · {amount} · {row.project_status or '—'} · {row.n_records} records · "
            f"{row.review_status}"
        )
    print(f"{len(rows)} project{'s' if len(rows) != 1 else ''}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    from aidcurator.domain.project_views import history_text

    with _curator(args) as curator:
        view = curator.project(args.id)
        values = curator.project_field_values(args.id)
    print(f"Project {view.id} (version {view.version}, {view.columns['review_status']})")
    for item in values:
        mark = "  ≠ sources disagree" if item.disagree else ""
        source = f"record {item.chosen}{' (picked)' if item.picked else ''}" if item.chosen else "no source"
        chosen = item.value
        if item.manual is not None:
            source = "typed by a curator" + (" (estimated)" if item.manual[1] else "")
        print(f"  {item.field:<16} {_value(chosen):<40} ← {source}{mark}")
        if item.disagree:
            for record_id, value in item.values:
                print(f"      record {record_id}: {_value(value)}")
    print(f"  status history   {history_text(view.events) or '—'}")
    _print_facts(view, dates=False)
    print("Sources:")
    for member in view.members:
        when = member.published.isoformat() if member.published else "no date"
        print(
            f"  record {member.record_id} · {when} · {member.article_title} · {member.url or ''}".rstrip(" ·")
        )
    return EXIT_OK


def _apply(curator: Any, change: Any) -> None:
    if not change.apply(curator):
        print("Nothing changed")
        return
    project_id = getattr(change, "project_id", None)
    print(change.text[:1].upper() + change.text[1:] + (f" → project {project_id}" if project_id else ""))


def cmd_create(args: argparse.Namespace) -> int:
    from aidcurator.curation.changes import CreateProject

    with _curator(args) as curator:
        _apply(curator, CreateProject(args.records))
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from aidcurator.curation.changes import MergeProjects

    with _curator(args) as curator:
        _apply(curator, MergeProjects(curator.project(args.keep), curator.project(args.other)))
    return EXIT_OK


def cmd_split(args: argparse.Namespace) -> int:
    from aidcurator.curation.changes import SplitRecord

    with _curator(args) as curator:
        project_id = curator.project_of(args.record)
        if project_id is None:
            raise ValueError(f"record {args.record} is in no project")
        _apply(curator, SplitRecord(curator.project(project_id), args.record))
    return EXIT_OK


def cmd_not_same(args: argparse.Namespace) -> int:
    from aidcurator.curation.changes import MarkNotSame

    with _curator(args) as curator:
        _apply(curator, MarkNotSame(args.first, args.second))
    return EXIT_OK


def cmd_set_source(args: argparse.Namespace) -> int:
    from aidcurator.curation.changes import SetFieldSource

    record = None if args.record == "default" else _record_id(args.record)
    with _curator(args) as curator:
        _apply(curator, SetFieldSource(curator.project(args.project), args.field, record))
    return EXIT_OK


#: ``projects set`` options → the project facts they set (the dates take ``source`` to go back).
_FACT_OPTIONS = {
    "status": "review_status",
    "umbrella": "umbrella",
    "parent": "parent_id",
    "recommended": "recommended_override",
    "reason": "recommended_reason",
    "notes": "notes",
    "planned_start": "planned_start",
    "planned_start_estimated": "planned_start_estimated",
    "planned_end": "planned_end",
    "planned_end_estimated": "planned_end_estimated",
    "actual_start": "actual_start",
    "actual_start_estimated": "actual_start_estimated",
    "actual_end": "actual_end",
    "actual_end_estimated": "actual_end_estimated",
}


def cmd_set(args: argparse.Namespace) -> int:
    from aidcurator.curation.changes import SetProjectFacts
    from aidcurator.curation.project_facts import facts_from_text

    raw = {fact: getattr(args, option) for option, fact in _FACT_OPTIONS.items()}
    facts = facts_from_text({k: v for k, v in raw.items() if v is not None})  # a typo: nothing written
    if not facts:
        raise ValueError("name at least one fact to set, e.g. --status accepted (see --help)")
    with _curator(args) as curator:
        _apply(curator, SetProjectFacts(curator.project(args.id), facts))
        _print_facts(curator.project(args.id))
    return EXIT_OK


def _print_facts(view: Any, *, dates: bool = True) -> None:
    from aidcurator.domain.projects import recommended_for_aggregates

    columns = view.columns
    derived = recommended_for_aggregates(columns.get("project_status"), umbrella=bool(columns["umbrella"]))
    override = columns.get("recommended_override")
    recommended = "yes" if (derived if override is None else override) else "no"
    why = f"override: {columns.get('recommended_reason')}" if override is not None else "by AidData's rule"
    parent = f"project {columns['parent_id']}" if columns.get("parent_id") else "—"
    print(
        f"  review {columns['review_status']} · umbrella {'yes' if columns['umbrella'] else 'no'} · "
        f"parent {parent} · recommended for aggregates {recommended} ({why})"
    )
    typed = columns.get("field_sources") or {}
    for field in () if not dates else ("planned_start", "planned_end", "actual_start", "actual_end"):
        day = columns.get(field)
        if day is not None:
            marks = ["estimated"] if columns[f"{field}_estimated"] else []
            if isinstance(typed.get(field), dict):
                marks.append("typed")
            note = f" ({', '.join(marks)})" if marks else ""
            print(f"  {field.replace('_', ' '):<16} {_value(day)}{note}")


def _record_id(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a record id (or 'default')") from None


def cmd_export(args: argparse.Namespace) -> int:
    with _curator(args) as curator:
        count = curator.export_projects(args.file, args.format, usd_base_year=args.usd_base_year)
    print(f"Wrote {count} project{'s' if count != 1 else ''} to {args.file}")
    return EXIT_OK


def add_parser(commands: Any, db_option: argparse.ArgumentParser) -> None:
    """Add ``projects`` and its subcommands to the main parser's ``commands``."""
    from aidcurator.domain.project_views import PROJECT_FIELDS

    projects = commands.add_parser(
        "projects",
        help="projects across articles: duplicate proposals, merge, split, sources, export",
        description="A project groups records of several articles (pledge, signing, completion).",
    )
    sub = projects.add_subparsers(dest="projects_command", metavar="SUBCOMMAND", required=True)

    p = sub.add_parser("propose", parents=[db_option], help="print duplicate proposals, best first")
    p.add_argument("--article", type=int, action="append", metavar="ID", help="only for these (new) articles")
    p.add_argument("--apply", action="store_true", help="merge the proposals scoring at least --threshold")
    p.add_argument("--threshold", type=float, help="the lowest score merged (default 0.8)")
    p.set_defaults(func=cmd_propose)

    p = sub.add_parser("list", parents=[db_option], help="the projects, newest first")
    p.add_argument("--search", help="text in the title, donor or recipient")
    p.add_argument("--limit", type=int, default=200)
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", parents=[db_option], help="a project's fields, their sources and history")
    p.add_argument("id", type=int, metavar="ID")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("create", parents=[db_option], help="make one project of records")
    p.add_argument("records", type=int, nargs="+", metavar="RECORD")
    p.set_defaults(func=cmd_create)

    p = sub.add_parser("merge", parents=[db_option], help="move project B's records into project A")
    p.add_argument("keep", type=int, metavar="A")
    p.add_argument("other", type=int, metavar="B")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("split", parents=[db_option], help="take a record out into a project of its own")
    p.add_argument("record", type=int, metavar="RECORD")
    p.set_defaults(func=cmd_split)

    p = sub.add_parser("not-same", parents=[db_option], help="two records are not one project")
    p.add_argument("first", type=int, metavar="R1")
    p.add_argument("second", type=int, metavar="R2")
    p.set_defaults(func=cmd_not_same)

    p = sub.add_parser("set-source", parents=[db_option], help="take a project field from one of its records")
    p.add_argument("project", type=int, metavar="PROJECT")
    p.add_argument("field", choices=PROJECT_FIELDS, metavar="FIELD", help=", ".join(PROJECT_FIELDS))
    p.add_argument("record", metavar="RECORD", help="a member record's id, or 'default'")
    p.set_defaults(func=cmd_set_source)

    p = sub.add_parser(
        "set",
        parents=[db_option],
        help="set a project's review status, umbrella flag, parent, recommended override, dates",
        description="Only the options given change; one undoable change with an Edit per changed column.",
    )
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--status", metavar="STATUS", help="review status: pending, accepted, rejected, unsure")
    p.add_argument("--umbrella", metavar="yes|no", help="an umbrella project (its children carry the money)")
    p.add_argument("--parent", metavar="ID|none", help="the umbrella project this one belongs to")
    p.add_argument("--recommended", metavar="yes|no|auto", help="override AidData's rule (needs --reason)")
    p.add_argument("--reason", metavar="TEXT", help="why recommended-for-aggregates is overridden")
    p.add_argument("--notes", metavar="TEXT")
    for field in ("planned-start", "planned-end", "actual-start", "actual-end"):
        words = field.replace("-", " ")
        p.add_argument(
            f"--{field}", metavar="YYYY-MM-DD|source", help=f"the {words} ('source': from the records)"
        )
        p.add_argument(f"--{field}-estimated", metavar="yes|no", help=f"the {words} is an estimate")
    p.set_defaults(func=cmd_set)

    p = sub.add_parser("export", parents=[db_option], help="one row per project (CSV, JSON, JSONL, XLSX)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=("csv", "json", "jsonl", "xlsx"), help="default: from the suffix")
    p.add_argument("--usd-base-year", type=int, metavar="YYYY", help="constant US dollars of this year")
    p.set_defaults(func=cmd_export)
