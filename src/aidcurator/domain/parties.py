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
        return f"{self.name} ({self.organisation_type.value})"
