"""Undoable changes: what one curator action did, and how to undo and redo it. No Qt.

A change is applied once with :meth:`Change.apply`; then :meth:`Change.undo` and
:meth:`Change.redo` alternate. Each step goes through the :class:`~aidcurator.curation.Curator`
(so each writes its own ``Edit``) and carries the record version the change left behind: when
another window, process or the command line changed the record in between, the step raises
:class:`~aidcurator.curation.history.ConflictError` and writes nothing, so neither change is lost.
"""

from aidcurator.curation.changes.amounts import (
    AddAmount,
    DeleteAmount,
    ResetAmount,
    UpdateAmount,
    restore_amount,
)
from aidcurator.curation.changes.articles import SetArticleFields
from aidcurator.curation.changes.base import Change, Macro, quote
from aidcurator.curation.changes.projects import (
    AddStatusEvent,
    ApplyProposal,
    CreateProject,
    MarkNotSame,
    MergeProjects,
    ProjectChange,
    SetFieldSource,
    SetProjectFacts,
    SplitRecord,
)
from aidcurator.curation.changes.records import (
    CreateRecord,
    DeleteRecord,
    ResetField,
    ResetRecord,
    SetEvidence,
    SetField,
    SetStatus,
)
from aidcurator.curation.changes.restored import RestoredChange, restored_changes
from aidcurator.curation.changes.restored_projects import RestoredProjectChange, restored_project_changes
from aidcurator.curation.changes.review import SetReviewState
from aidcurator.curation.review import KEEP


def review_keep() -> object:
    """The "leave the reason as it is" marker of ``SetReviewState`` and ``SetStatus``."""
    return KEEP


__all__ = [
    "AddAmount",
    "AddStatusEvent",
    "ApplyProposal",
    "Change",
    "CreateProject",
    "CreateRecord",
    "DeleteAmount",
    "DeleteRecord",
    "Macro",
    "MarkNotSame",
    "MergeProjects",
    "ProjectChange",
    "ResetAmount",
    "ResetField",
    "ResetRecord",
    "RestoredChange",
    "RestoredProjectChange",
    "SetArticleFields",
    "SetEvidence",
    "SetField",
    "SetFieldSource",
    "SetProjectFacts",
    "SetReviewState",
    "SetStatus",
    "SplitRecord",
    "UpdateAmount",
    "quote",
    "restore_amount",
    "restored_changes",
    "restored_project_changes",
    "review_keep",
]
