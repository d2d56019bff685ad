"""A party the extractor proposes for a record: an organisation named in the text, with its role.

Organisations come from the gazetteer in ``resources/organisations/`` or, for names it does not
know, from a generic pattern (a name ending in Company, Group, Bank, 公司, 集团, 银行 …). The role is
read from cue words around the name (``resources/rules/party_roles.json``).
"""

from __future__ import annotations

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
