"""Project-level vocabulary: parties' roles and types, and AidData's "recommended for aggregates" rule.

A *project* groups records from several articles (pledge, signing, completion). These enums are
stored as their values (plain strings) in the project tables.
"""

from __future__ import annotations

from enum import StrEnum

from aidcurator.domain.values import ProjectStatus


class PartyRole(StrEnum):
    """What an organisation does for a record or project (IATI OrganisationRole, AidData's agency columns)."""

    FUNDING = "funding"
    IMPLEMENTING = "implementing"
    RECEIVING = "receiving"
    COFINANCING = "cofinancing"


class OrganisationType(StrEnum):
    """AidData's agency types, condensed."""

    GOVERNMENT = "government"
    GOVERNMENT_AGENCY = "government_agency"
    STATE_OWNED_ENTERPRISE = "state_owned_enterprise"
    BANK = "bank"
    NGO = "ngo"
    MULTILATERAL = "multilateral"
    COMPANY = "company"
    OTHER = "other"


#: The ladder a project climbs; cancelled and suspended may follow any step.
STATUS_LADDER: tuple[ProjectStatus, ...] = (
    ProjectStatus.PLEDGED,
    ProjectStatus.COMMITTED,
    ProjectStatus.IMPLEMENTATION,
    ProjectStatus.COMPLETED,
)

#: AidData's rule: only commitment-or-later counts in aggregates (pledges, cancelled, suspended do not).
AGGREGATE_STATUSES = frozenset(
    {ProjectStatus.COMMITTED, ProjectStatus.IMPLEMENTATION, ProjectStatus.COMPLETED}
)


def recommended_for_aggregates(
    status: ProjectStatus | None, *, umbrella: bool, override: bool | None = None
) -> bool:
    """AidData's "Recommended For Aggregates": committed or later and not an umbrella, unless overridden."""
    if override is not None:
        return override
    return status in AGGREGATE_STATUSES and not umbrella
