"""A party the extractor proposes for a record: an organisation named in the text, with its role.

Organisations come from the gazetteer in ``resources/organisations/`` or, for names it does not
know, from a generic pattern (a name ending in Company, Group, Bank, 公司, 集团, 银行 …). The role is
read from cue words around the name (``resources/rules/party_roles.json``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from aidcurator.domain.projects import OrganisationType, PartyRole
from aidcurator.domain.values import Span


@dataclass(slots=True)
class CandidateParty:
    """An organisation named in an article, with the role the text gives it and where it says so.

    ``name`` is the canonical name (English when the gazetteer has one, else Chinese, else as
    written); ``name_en``/``name_zh`` the gazetteer's names; ``known`` whether the gazetteer has it;
    ``cue`` the span of the words that decided the role (None: the default role of its type).
    """

    name: str
    organisation_type: OrganisationType
    role: PartyRole
    span: Span
    name_en: str | None = None
    name_zh: str | None = None
    aliases: tuple[str, ...] = ()
    country_code: str | None = None
    known: bool = True
    cue: Span | None = None

    def label(self) -> str:
        """``Name (type)`` as the export writes it."""
        return party_label(self.name, self.organisation_type.value)


#: The export's party columns, one per role, declared once (store/exports.py and export/flat.py).
PARTY_EXPORT_COLUMNS: dict[PartyRole, str] = {
    PartyRole.FUNDING: "funding_agencies",
    PartyRole.IMPLEMENTING: "implementing_agencies",
    PartyRole.COFINANCING: "cofinancing_agencies",
    PartyRole.RECEIVING: "receiving_agencies",
}
#: How several parties of one role are joined in an export cell.
PARTY_SEPARATOR = "|"


def party_label(name: str, organisation_type: str) -> str:
    """``Name (type)``: one party in an export cell."""
    return f"{name} ({organisation_type})"


@dataclass(frozen=True, slots=True)
class PartyView:
    """An organisation's role on a record or a project, as stored (a ``PartyLink`` with its organisation)."""

    link_id: int
    organisation_id: int
    name: str
    name_en: str | None
    name_zh: str | None
    organisation_type: str
    country_code: str | None
    role: str
    record_id: int | None = None
    project_id: int | None = None
    start: int | None = None
    end: int | None = None
    quote: str | None = None
    origin: str = "extracted"

    def label(self) -> str:
        return party_label(self.name, self.organisation_type)


def project_parties(own: Iterable[PartyView], members: Iterable[PartyView]) -> list[PartyView]:
    """A project's parties: its own links, then its member records' (``record_id`` says which),
    one per organisation and role (the first seen wins: the project's own, then the lowest record)."""
    seen: set[tuple[int, str]] = set()
    kept: list[PartyView] = []
    ordered = sorted(members, key=lambda v: (v.record_id or 0, v.link_id))
    for view in (*own, *ordered):
        key = (view.organisation_id, view.role)
        if key not in seen:
            seen.add(key)
            kept.append(view)
    rank = {role.value: i for i, role in enumerate(PartyRole)}
    return sorted(kept, key=lambda v: (rank.get(v.role, 99), v.record_id is not None, v.record_id or 0))


def party_cells(parties: Iterable[PartyView]) -> dict[str, str | None]:
    """The export's party columns (:data:`PARTY_EXPORT_COLUMNS`) of ``parties``: ``Name (type)``
    joined by :data:`PARTY_SEPARATOR` per role, None where no party has that role."""
    cells: dict[str, list[str]] = {column: [] for column in PARTY_EXPORT_COLUMNS.values()}
    for view in parties:
        try:
            column = PARTY_EXPORT_COLUMNS[PartyRole(view.role)]
        except ValueError:
            continue
        if view.label() not in cells[column]:
            cells[column].append(view.label())
    return {column: PARTY_SEPARATOR.join(labels) or None for column, labels in cells.items()}
