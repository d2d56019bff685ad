"""Plain value types shared by every layer (no imports from the rest of the package).

``values`` holds the value types and enums, ``fields`` the record/amount field table,
``candidates`` the extractor's proposed record, ``views`` the read models, ``jsonvalues`` the one
exact JSON encoder and ``errors`` the errors every layer may raise.
"""

from aidcurator.domain.candidates import CandidateRecord
from aidcurator.domain.values import (
    DECIDED_STATUSES,
    FINISHED_STATES,
    UNKNOWN_CURRENCY,
    AmountKind,
    ArticleDraft,
    CandidateAmount,
    Extraction,
    FlowType,
    Mention,
    MentionKind,
    Origin,
    ParsedAmount,
    ProjectStatus,
    Qualifier,
    RecordKind,
    RecordStatus,
    ReviewState,
    Span,
)

__all__ = [
    "DECIDED_STATUSES",
    "FINISHED_STATES",
    "UNKNOWN_CURRENCY",
    "AmountKind",
    "ArticleDraft",
    "CandidateAmount",
    "CandidateRecord",
    "Extraction",
    "FlowType",
    "Mention",
    "MentionKind",
    "Origin",
    "ParsedAmount",
    "ProjectStatus",
    "Qualifier",
    "RecordKind",
    "RecordStatus",
    "ReviewState",
    "Span",
]
