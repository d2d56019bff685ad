"""The project facts a curator sets by hand: review status, umbrella flag, parent (umbrella) link,
the "recommended for aggregates" override with its reason, notes, and planned/actual start and end
dates with their "estimated" flags. No Qt, no SQL here.

:func:`facts_from_text` turns what a person typed (the CLI's options, the panel's form) into typed
values with one clear message per mistake; :meth:`ProjectFactsMixin.set_project_facts` checks them
against the database (the parent exists and is no descendant, an override has a reason, an end is
not before its start) and writes them with one ``Edit`` per changed column, all or nothing. A typed
date replaces the date worked out from the sources until it is cleared (``None``: back to the
sources); it lives in ``field_sources`` as ``{"date": "YYYY-MM-DD", "estimated": bool}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any, Final

from aidcurator.curation.project_base import ProjectBase, Versions, refresh
from aidcurator.curation.project_fields import MANUAL_DATE_FIELDS
from aidcurator.domain import RecordStatus
from aidcurator.domain.project_views import ProjectOutcome
from aidcurator.store import Session
from aidcurator.store import projects as store

REVIEW_STATUSES: Final = tuple(s.value for s in RecordStatus)
ESTIMATED: Final = tuple(f"{field}_estimated" for field in MANUAL_DATE_FIELDS)
#: Every fact a curator may set, in the order edits are written.
FACT_KEYS: Final = (
    "review_status",
    "umbrella",
    "parent_id",
    "recommended_override",
    "recommended_reason",
    "notes",
    *MANUAL_DATE_FIELDS,
    *ESTIMATED,
)
_YES = {"yes", "y", "true", "1", "on"}
_NO = {"no", "n", "false", "0", "off"}
_CLEAR = {"", "none", "source", "sources", "auto"}
_MAX_DEPTH = 100


def label(name: str) -> str:
    """``planned_start_estimated`` → ``planned start estimated``."""
    return {"recommended_override": "recommended for aggregates", "parent_id": "parent"}.get(
        name, name.replace("_", " ")
    )


def parse_date(text: str, name: str) -> dt.date | None:
    """A typed ``YYYY-MM-DD`` date; empty, ``none`` or ``source`` is None (back to the sources)."""
    cleaned = text.strip()
    if cleaned.casefold() in _CLEAR:
        return None
    try:
        day = dt.date.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(
            f"{label(name)}: {cleaned!r} is not a date; type YYYY-MM-DD, e.g. 2021-03-01"
        ) from None
    if not 1900 <= day.year <= 2100:
        raise ValueError(f"{label(name)}: {day.isoformat()} is outside 1900–2100")
    return day


def parse_yes_no(text: str, name: str, *, auto: bool = False) -> bool | None:
    """``yes``/``no`` (and ``auto`` → None when ``auto`` is allowed)."""
    cleaned = text.strip().casefold()
    if cleaned in _YES:
        return True
    if cleaned in _NO:
        return False
    if auto and cleaned == "auto":
        return None
    choices = "yes, no or auto" if auto else "yes or no"
    raise ValueError(f"{label(name)}: {text.strip()!r} is not {choices}")


def facts_from_text(raw: Mapping[str, str]) -> dict[str, Any]:
    """Typed facts from typed text (keys of :data:`FACT_KEYS`; ``recommended_override`` takes
    yes/no/auto, ``parent_id`` an id or ``none``). Raises ValueError naming the first mistake."""
    facts: dict[str, Any] = {}
    for name, text in raw.items():
        if name not in FACT_KEYS:
            raise ValueError(f"{name!r} is not a project fact; choose one of {', '.join(FACT_KEYS)}")
        if name == "review_status":
            facts[name] = text.strip().casefold()
        elif name in ("umbrella", *ESTIMATED):
            facts[name] = parse_yes_no(text, name)
        elif name == "recommended_override":
            facts[name] = parse_yes_no(text, name, auto=True)
        elif name == "parent_id":
            cleaned = text.strip().casefold().removeprefix("p")
            if cleaned in ("", "none"):
                facts[name] = None
            elif cleaned.isdigit():
                facts[name] = int(cleaned)
            else:
                raise ValueError(f"parent: {text.strip()!r} is not a project id (or none)")
        elif name in MANUAL_DATE_FIELDS:
            facts[name] = parse_date(text, name)
        else:
            facts[name] = text.strip() or None
    check_facts(facts)
    return facts


def check_facts(facts: Mapping[str, Any]) -> None:
    """The checks that need no database: names, types and the review status."""
    for name, value in facts.items():
        if name not in FACT_KEYS:
            raise ValueError(f"{name!r} cannot be set here; they come from the sources")
        if name == "review_status" and value not in REVIEW_STATUSES:
            raise ValueError(f"review status: {value!r} is not one of {', '.join(REVIEW_STATUSES)}")
        if name in ("umbrella", *ESTIMATED) and not isinstance(value, bool):
            raise ValueError(f"{label(name)} is yes or no")
        if name == "recommended_override" and value is not None and not isinstance(value, bool):
            raise ValueError("recommended for aggregates is yes, no or auto")
        if name in MANUAL_DATE_FIELDS and value is not None and not isinstance(value, dt.date):
            raise ValueError(f"{label(name)} is a date")
        if name == "parent_id" and value is not None and not isinstance(value, int):
            raise ValueError("parent is a project id")


def _check_parent(session: Session, project_id: int, parent_id: int | None) -> None:
    if parent_id is None:
        return
    if parent_id == project_id:
        raise ValueError(f"project {project_id} cannot be its own parent")
    seen = {project_id}
    current: int | None = parent_id
    for _ in range(_MAX_DEPTH):
        if current is None:
            return
        parent = store.find_project(session, project_id=current)
        if parent is None:
            raise ValueError(f"parent: project {current} does not exist")
        if current in seen:
            raise ValueError(
                f"project {parent_id} is under project {project_id}; a parent cannot be its child"
            )
        seen.add(current)
        current = parent.parent_id


def _date_picks(project: Any, facts: Mapping[str, Any]) -> dict[str, Any]:
    """The new ``field_sources`` with the typed dates of ``facts`` (None takes a date back)."""
    picks = dict(project.field_sources or {})
    for field in MANUAL_DATE_FIELDS:
        flag = f"{field}_estimated"
        if field not in facts and flag not in facts:
            continue
        typed = picks.get(field) if isinstance(picks.get(field), Mapping) else None
        if field in facts and facts[field] is None:
            if typed is None:
                continue
            if facts.get(flag):
                raise ValueError(f"{label(flag)}: give a date to flag as estimated")
            picks.pop(field, None)
            continue
        day = facts.get(field) or getattr(project, field)
        if day is None:
            raise ValueError(f"{label(flag)}: the project has no {label(field)}; type a date first")
        estimated = facts.get(flag, typed.get("estimated", False) if typed else False)
        picks[field] = {"date": day.isoformat(), "estimated": bool(estimated)}
    return picks


def _date_state(project: Any, field: str) -> dict[str, Any]:
    """A date column as its ``Edit`` records it: the date, its flag, and whether a curator typed it."""
    day = getattr(project, field)
    return {
        "date": day.isoformat() if day is not None else None,
        "estimated": bool(getattr(project, f"{field}_estimated")),
        "typed": isinstance((project.field_sources or {}).get(field), Mapping),
    }


def date_facts(field: str, state: Mapping[str, Any] | None) -> dict[str, Any]:
    """The facts that put a date back as a :func:`_date_state` recorded it (not typed: the sources)."""
    if not state or not state.get("typed") or not state.get("date"):
        return {field: None}
    return {field: dt.date.fromisoformat(state["date"]), f"{field}_estimated": bool(state.get("estimated"))}


class ProjectFactsMixin(ProjectBase):
    """Setting a project's own facts (see the module)."""

    def set_project_facts(
        self, project_id: int, facts: Mapping[str, Any], *, expected_versions: Versions = None
    ) -> ProjectOutcome:
        """Set the curator's facts of a project (keys of :data:`FACT_KEYS`), validated, one
        ``Edit`` per changed column; refused as a whole (ValueError) when any is wrong."""
        check_facts(facts)

        def work(session: Session, who: str) -> tuple[int | None, list[int]]:
            project = store.load_project(session, project_id=project_id)
            if "parent_id" in facts:
                _check_parent(session, project_id, facts["parent_id"])
            columns = {k: facts[k] for k in FACT_KEYS[:6] if k in facts}
            override = columns.get("recommended_override", project.recommended_override)
            if override is None:
                columns["recommended_reason"] = None  # "auto" needs no reason
            elif not (columns.get("recommended_reason", project.recommended_reason) or "").strip():
                raise ValueError(
                    "overriding “recommended for aggregates” needs a reason (e.g. --reason TEXT)"
                )
            before = {field: _date_state(project, field) for field in MANUAL_DATE_FIELDS}
            picks = _date_picks(project, facts)
            for name, value in columns.items():
                old = getattr(project, name)
                if old != value:
                    setattr(project, name, value)
                    store.add_project_edit(
                        session,
                        project_id=project_id,
                        action="project_update",
                        actor=who,
                        field=name,
                        old_value=old,
                        new_value=value,
                    )
            if picks != (project.field_sources or {}):
                project.field_sources = picks
            refresh(session, project)
            for field, old in before.items():
                new = _date_state(project, field)
                if new != old:
                    store.add_project_edit(
                        session,
                        project_id=project_id,
                        action="project_update",
                        actor=who,
                        field=field,
                        old_value=old,
                        new_value=new,
                    )
            for start, end in (("planned_start", "planned_end"), ("actual_start", "actual_end")):
                first, last = getattr(project, start), getattr(project, end)
                if first is not None and last is not None and last < first:
                    raise ValueError(
                        f"{label(end)} {last.isoformat()} is before {label(start)} {first.isoformat()}"
                    )
            project.updated_at = store.utcnow()
            return project_id, []

        return self._operate(lambda s: [project_id], work, expected_versions)

    def set_project_columns(
        self, project_id: int, values: Mapping[str, Any], *, expected_versions: Versions = None
    ) -> ProjectOutcome:
        """The older name of :meth:`set_project_facts`."""
        return self.set_project_facts(project_id, values, expected_versions=expected_versions)
