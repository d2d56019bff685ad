"""The use cases the command line and the window share. No Qt, no SQL here.

:class:`Curator` is the one facade: it is bound to one database engine, every operation runs in
its own transaction and returns plain values (ids, :mod:`aidcurator.domain.views` snapshots,
reports), so a GUI worker thread can call it and hand the result to the GUI thread. Its methods
live in one module per concern:

- ``queries`` — articles, records, mentions, history, statistics, the article list;
- ``importing`` — files and drafts, each file all-or-nothing;
- ``records`` — field edits, status, review state, reset to extracted;
- ``amounts`` — amount edits, add, delete, restore;
- ``lifecycle`` — records made and deleted by hand, evidence;
- ``reextract`` — running the extractor again without losing curated work;
- ``articles`` — an article's title, source, date, URL and language (a new date re-reads years);
- ``exporting`` — the curated dataset to CSV/JSON/JSONL/XLSX;
- ``gold`` — accepted records as gold documents;
- ``projects`` — projects across articles: merge, split, field sources, status history, duplicate
  proposals (``project_dedupe``) and the project export (``project_export``);
- ``reconcile`` — reference datasets (AidData tables), matching projects to them, AidData-style export;
- ``changes`` — undoable changes with version checks (the window's undo stack wraps them);
- ``validation`` and ``history`` — checking typed values, and the one way a value changes.

Every change to a record, an amount or an article's review state writes an ``Edit`` row (field,
old value, new value, when, who). Errors are exceptions whose message a user can read:
``ValueError`` for a value that does not fit a field, :class:`ConflictError` when a record changed
since it was loaded, :class:`NotFoundError` for an id that is gone, and the extractor's
``AmountParseError`` (a ``ValueError``) for amount text it cannot read.
"""

from __future__ import annotations

import os

from aidcurator.curation.amounts import UNSET
from aidcurator.curation.articles import ArticlesMixin, ArticleUpdate
from aidcurator.curation.base import Cancel, Extractor, Progress, content_hash, default_actor
from aidcurator.curation.dashboard import DashboardMixin
from aidcurator.curation.demo import demo_database, sample_files
from aidcurator.curation.exporting import ExportingMixin
from aidcurator.curation.gold import GoldMixin
from aidcurator.curation.history import ConflictError
from aidcurator.curation.importing import ImportingMixin, ImportReport
from aidcurator.curation.lifecycle import LifecycleMixin
from aidcurator.curation.projects import ProjectsMixin
from aidcurator.curation.reconcile import ReconcileMixin
from aidcurator.curation.reextract import ReExtractMixin, ReExtractReport
from aidcurator.curation.validation import coerce_field_value
from aidcurator.store import (
    NotFoundError,
    StoreError,
    database_file,
    database_url,
    default_database_path,
    user_data_dir,
)

__all__ = [
    "UNSET",
    "ArticleUpdate",
    "Cancel",
    "ConflictError",
    "Curator",
    "Extractor",
    "ImportReport",
    "NotFoundError",
    "Progress",
    "ReExtractReport",
    "StoreError",
    "coerce_field_value",
    "content_hash",
    "database_file",
    "database_url",
    "default_actor",
    "default_database_path",
    "demo_database",
    "sample_files",
    "user_data_dir",
]


class Curator(
    GoldMixin,
    ImportingMixin,
    LifecycleMixin,
    ArticlesMixin,
    ReExtractMixin,
    ExportingMixin,
    ProjectsMixin,
    ReconcileMixin,
    DashboardMixin,
):
    """Use cases over one database. Thread-safe in the sense that each call opens its own session."""

    def reopen(self, db: str | os.PathLike[str] | None) -> Curator:
        """Another database (opened, created or upgraded) with this curator's extractor, parser and actor."""
        return type(self).open(
            db, extractor=self._extractor, amount_parser=self._amount_parser, actor=self._actor
        )

    def with_actor(self, actor: str | None) -> Curator:
        """The same database, extractor and parser, writing edits as ``actor``."""
        return type(self)(
            self.engine, extractor=self._extractor, amount_parser=self._amount_parser, actor=actor
        )
