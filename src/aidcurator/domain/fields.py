"""THE field table: every record and amount field, declared once.

Validation, the record form, the "Use as" menu, highlight kinds, CLI and export columns,
evaluation and the row → view mapping all read these tables. Adding a record field means adding
a :class:`FieldSpec` here, a column on the store's table model and a migration; nothing else lists
fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final, Literal

from aidcurator.domain.values import AmountKind, FlowType, ProjectStatus, Qualifier, RecordKind

#: How a field's value is typed, checked and shown.
#: text: free text · count: whole number ≥ 0 · year: 1900–2200 · choice: one member of ``choices``
#: · record_ref: id of another record · money: exact Decimal · currency: ISO 4217 code
#: · code: the code of a controlled name, set together with that name (not edited on its own).
FieldType = Literal["text", "notes", "count", "year", "choice", "record_ref", "money", "currency", "code"]
#: Where a controlled field's values come from: the place gazetteer or the OECD DAC sector codes.
Vocabulary = Literal["place", "sector"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a record or an amount.

    ``evidence`` names the evidence rows that support the field, its own first (``year_start`` is
    also supported by the extractor's ``year`` evidence). ``highlight`` is the mention kind whose
    colour its evidence takes in the article view. ``count_noun`` is the ``what`` of the count
    mentions that fill it. ``scored`` fields are compared with the gold by ``evaluate``.
    ``vocabulary`` names the controlled list a field's values come from (curation stores the
    canonical form); ``code_field`` is the ``code`` field set together with it.
    """

    name: str
    label: str
    type: FieldType
    machine: bool = True
    evidence: tuple[str, ...] = ()
    highlight: str | None = None
    count_noun: str | None = None
    choices: type[StrEnum] | None = None
    default: Any = None
    help: str = ""
    use_as: bool = False
    scored: bool = False
    vocabulary: Vocabulary | None = None
    code_field: str | None = None

    @property
    def python_type(self) -> Any:
        """The annotation of the field on views and candidates."""
        if self.type in ("count", "year", "record_ref"):
            return int | None
        if self.type == "choice" and self.choices is not None:
            return self.choices | None
        return str | None

    def choice_values(self) -> tuple[str, ...]:
        """The allowed values of a choice field, in declaration order."""
        return tuple(member.value for member in self.choices) if self.choices is not None else ()


RECORD_FIELDS: Final[tuple[FieldSpec, ...]] = (
    FieldSpec(
        "record_kind",
        "Record kind",
        "choice",
        choices=RecordKind,
        default=RecordKind.PROJECT,
        evidence=("record_kind",),
        help="project, programme or aggregate",
        scored=True,
    ),
    FieldSpec(
        "donor",
        "Donor",
        "text",
        evidence=("donor",),
        highlight="place",
        help="who gives the aid",
        use_as=True,
        scored=True,
        vocabulary="place",
        code_field="donor_code",
    ),
    FieldSpec(
        "donor_code",
        "Donor code",
        "code",
        help="ISO 3166 alpha-3 code of a donor country, else the gazetteer id (set with the donor)",
    ),
    FieldSpec(
        "recipient",
        "Recipient",
        "text",
        evidence=("recipient", "place"),
        highlight="place",
        help="where or to whom the aid goes",
        use_as=True,
        scored=True,
        vocabulary="place",
        code_field="recipient_code",
    ),
    FieldSpec(
        "recipient_code",
        "Recipient code",
        "code",
        help="ISO 3166 alpha-3 code of a recipient country, else the gazetteer id (set with the recipient)",
    ),
    FieldSpec(
        "year_start",
        "Start year",
        "year",
        evidence=("year_start", "year"),
        highlight="year",
        help="first year of the period",
        use_as=True,
    ),
    FieldSpec(
        "year_end",
        "End year",
        "year",
        evidence=("year_end", "year"),
        highlight="year",
        help="last year of the period",
        use_as=True,
    ),
    FieldSpec(
        "title", "Title", "text", evidence=("title",), help="name of the project or programme", use_as=True
    ),
    FieldSpec(
        "sector",
        "Sector",
        "text",
        evidence=("sector",),
        highlight="sector",
        help="OECD DAC sector code or name",
        use_as=True,
        scored=True,
        vocabulary="sector",
    ),
    FieldSpec(
        "flow_type",
        "Flow type",
        "choice",
        choices=FlowType,
        evidence=("flow_type",),
        help="grant, loan, debt relief, technical assistance…",
        scored=True,
    ),
    FieldSpec(
        "project_status",
        "Project status",
        "choice",
        choices=ProjectStatus,
        evidence=("project_status",),
        help="pledged, committed, in implementation, completed…",
        scored=True,
    ),
    FieldSpec(
        "n_projects",
        "Number of projects",
        "count",
        evidence=("n_projects",),
        highlight="count",
        count_noun="projects",
        help="number of projects",
        use_as=True,
        scored=True,
    ),
    FieldSpec(
        "beneficiaries_people",
        "People reached",
        "count",
        evidence=("beneficiaries_people",),
        highlight="count",
        count_noun="people",
        help="beneficiaries: number of people",
        use_as=True,
        scored=True,
    ),
    FieldSpec(
        "beneficiaries_households",
        "Households reached",
        "count",
        evidence=("beneficiaries_households",),
        highlight="count",
        count_noun="households",
        help="beneficiaries: number of households",
        use_as=True,
        scored=True,
    ),
    FieldSpec(
        "jobs",
        "Jobs",
        "count",
        evidence=("jobs",),
        highlight="count",
        count_noun="jobs",
        help="jobs created",
        use_as=True,
        scored=True,
    ),
    FieldSpec(
        "reject_reason",
        "Reject reason",
        "text",
        machine=False,
        help="why the record was rejected or needs a second look (optional)",
    ),
    FieldSpec(
        "notes", "Notes", "notes", machine=False, evidence=("notes",), help="your notes on this record"
    ),
    FieldSpec(
        "parent_id", "Parent record", "record_ref", machine=False, help="the record this one is a share of"
    ),
)

AMOUNT_FIELDS: Final[tuple[FieldSpec, ...]] = (
    FieldSpec("text", "Amount as written", "text", help="the amount as the article writes it"),
    FieldSpec("value", "Value", "money", help="exact value in full currency units"),
    FieldSpec("value_max", "Maximum", "money", help="upper end of a range"),
    FieldSpec("currency", "Currency", "currency", default="unknown", help="ISO 4217 code"),
    FieldSpec(
        "qualifier",
        "Qualifier",
        "choice",
        choices=Qualifier,
        default=Qualifier.EXACT,
        help="exact, approximate, at least, at most or a range",
    ),
    FieldSpec(
        "kind",
        "Amount kind",
        "choice",
        choices=AmountKind,
        default=AmountKind.UNKNOWN,
        evidence=("amount_kind",),
        help="planned, committed, spent, cumulative…",
    ),
    FieldSpec("period_start", "Period from", "year", help="first year the amount covers"),
    FieldSpec("period_end", "Period to", "year", help="last year the amount covers"),
    FieldSpec("share_of_id", "Share of", "record_ref", machine=False, help="the amount this one is part of"),
)

RECORD_FIELD: Final[dict[str, FieldSpec]] = {spec.name: spec for spec in RECORD_FIELDS}
AMOUNT_FIELD: Final[dict[str, FieldSpec]] = {spec.name: spec for spec in AMOUNT_FIELDS}

#: Record fields the extractor fills (and re-extraction refreshes unless a person changed them).
MACHINE_FIELDS: Final[tuple[str, ...]] = tuple(spec.name for spec in RECORD_FIELDS if spec.machine)
#: Amount fields the extractor fills.
AMOUNT_MACHINE_FIELDS: Final[tuple[str, ...]] = tuple(spec.name for spec in AMOUNT_FIELDS if spec.machine)
#: Record fields a person edits in the form (all but the parent link and the codes set with names).
EDITABLE_FIELDS: Final[tuple[str, ...]] = tuple(
    spec.name for spec in RECORD_FIELDS if spec.type not in ("record_ref", "code")
)
#: Code field → the name field it is set with (``donor_code`` → ``donor``).
CODED_BY: Final[dict[str, str]] = {
    spec.code_field: spec.name for spec in RECORD_FIELDS if spec.code_field is not None
}
#: Count noun (a count mention's ``what``) → the record field it fills.
COUNT_FIELDS: Final[dict[str, str]] = {
    spec.count_noun: spec.name for spec in RECORD_FIELDS if spec.count_noun is not None
}
#: Names evidence may be attached under: every record field, its extra evidence names, and amount.
EVIDENCE_NAMES: Final[frozenset[str]] = frozenset(
    {spec.name for spec in RECORD_FIELDS}
    | {name for spec in (*RECORD_FIELDS, *AMOUNT_FIELDS) for name in spec.evidence}
    | {"amount", "status"}
)


def highlight_kind(evidence_name: str) -> str | None:
    """The mention kind whose colour evidence called ``evidence_name`` takes (None: evidence colour)."""
    if evidence_name == "amount":
        return "amount"
    for spec in RECORD_FIELDS:
        if evidence_name in spec.evidence and spec.highlight is not None:
            return spec.highlight
    return None


def label(name: str) -> str:
    """The label of a record or amount field (``amount.kind`` for amount fields), else the name."""
    if name.startswith("amount."):
        spec = AMOUNT_FIELD.get(name.removeprefix("amount."))
        return spec.label.lower() if spec is not None else name
    spec = RECORD_FIELD.get(name)
    return spec.label.lower() if spec is not None else name
