"""The record the extractor proposes, with one attribute per machine-filled field of the table.

:class:`CandidateRecord` is generated from :data:`aidcurator.domain.fields.RECORD_FIELDS`, so a
new machine field appears on it without being listed here.
"""

from __future__ import annotations

from dataclasses import field, make_dataclass
from typing import Any

from aidcurator.domain.fields import RECORD_FIELDS
from aidcurator.domain.parties import CandidateParty
from aidcurator.domain.values import CandidateAmount, Span


def _candidate_record_type() -> type:
    table = [
        (spec.name, spec.python_type, field(default=spec.default)) for spec in RECORD_FIELDS if spec.machine
    ]
    extra = [
        ("amounts", list[CandidateAmount], field(default_factory=list)),
        # field name (or evidence name such as "year", "amount_kind") → supporting spans
        ("evidence", dict[str, list[Span]], field(default_factory=dict)),
        ("flags", dict[str, Any], field(default_factory=dict)),  # e.g. {"recipient_inferred": True}
        ("parent_index", int | None, field(default=None)),  # for shares: the parent's index in the list
        # parties hook (extract/organisations.py): organisations the text names, with their roles
        ("parties", list[CandidateParty], field(default_factory=list)),
    ]
    cls = make_dataclass("CandidateRecord", [*table, *extra], slots=True)
    cls.__module__ = __name__
    cls.__doc__ = "A record the extractor proposes; ``evidence`` maps field name to the supporting spans."
    return cls


CandidateRecord: Any = _candidate_record_type()
