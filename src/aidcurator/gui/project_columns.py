"""The columns of the Projects panel's tables: (header, value of a row) pairs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from aidcurator.gui.parties_panel import ROLE_LABELS, TYPE_LABELS
from aidcurator.gui.rows_model import text_of


def _amount(row: Any) -> str:
    value = row.amount_value
    shown = f"{value:,}" if isinstance(value, Decimal | int) else text_of(value)
    return f"{shown} {row.amount_currency or ''}".strip()


def _source(item: Any) -> str:
    if item.manual is not None:
        return "typed" + (" (estimated)" if item.manual[1] else "")
    return f"record {item.chosen}{' (picked)' if item.picked else ''}" if item.chosen else ""


PROJECT_COLUMNS = (
    ("Id", lambda r: r.id),
    ("Title", lambda r: r.title),
    ("Donor", lambda r: r.donor),
    ("Recipient", lambda r: r.recipient),
    ("Year", lambda r: r.commitment_year),
    ("Amount", _amount),
    ("Status", lambda r: r.project_status),
    ("Review", lambda r: r.review_status),
    ("Records", lambda r: r.n_records),
)
MEMBER_COLUMNS = (
    ("Record", lambda m: m.record_id),
    ("Date", lambda m: m.published),
    ("Article", lambda m: m.article_title),
    ("Status", lambda m: m.project_status),
)
FIELD_COLUMNS = (
    ("Field", lambda f: f.field.replace("_", " ")),
    ("Value", lambda f: f.value),
    ("Source", _source),
    ("Sources agree", lambda f: "≠ disagree" if f.disagree else ("✓" if f.values else "")),
)


def _party_source(party: Any) -> str:
    return f"record {party.record_id}" if party.record_id is not None else "project"


PARTY_COLUMNS = (  # the organisation last: it takes the width that is left
    ("Role", lambda p: ROLE_LABELS.get(p.role, p.role)),
    ("Source", _party_source),
    ("Type", lambda p: TYPE_LABELS.get(p.organisation_type, p.organisation_type)),
    ("Organisation", lambda p: p.name if not p.name_zh or p.name_zh == p.name else f"{p.name} · {p.name_zh}"),
)
PROPOSAL_COLUMNS = (
    ("Score", lambda p: f"{p.score:.2f}"),
    ("Left", lambda p: str(p.left)),
    ("Right", lambda p: str(p.right)),
    ("Why", lambda p: "; ".join(p.reasons)),
)
