"""SQLModel tables for projects across articles, organisations with roles, and reference datasets.

Added in migration 0008 (``organisation.canonical_key`` in 0009). No ``from __future__ import annotations`` here (SQLModel needs real annotations).
Enum-like columns (status, role, organisation type) hold the enum *values* as plain strings.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, SQLModel

from aidcurator.store.models import ExactDecimal, utcnow

_PROJECT_VERSION = Column("version", sa.Integer, nullable=False)


class Project(SQLModel, table=True):
    """One aid project built from the records of any number of articles."""

    # Every UPDATE raises ``version`` and carries the old one in its WHERE clause (as for records).
    __mapper_args__ = {"version_id_col": _PROJECT_VERSION}

    id: int | None = Field(default=None, primary_key=True)
    title: str | None = None
    donor: str | None = None
    donor_code: str | None = None
    recipient: str | None = None
    recipient_code: str | None = None
    commitment_year: int | None = Field(default=None, index=True)
    sector: str | None = None
    flow_type: str | None = None
    # The latest status of the history (pledged … completed, cancelled, suspended); see ProjectStatusEvent.
    project_status: str | None = None
    amount_value: Decimal | None = Field(default=None, sa_column=Column(ExactDecimal(), nullable=True))
    amount_currency: str | None = None
    planned_start: dt.date | None = None
    planned_start_estimated: bool = False
    actual_start: dt.date | None = None
    actual_start_estimated: bool = False
    planned_end: dt.date | None = None
    planned_end_estimated: bool = False
    actual_end: dt.date | None = None
    actual_end_estimated: bool = False
    # Umbrella/parent links: an umbrella project would double count its children in totals.
    umbrella: bool = False
    parent_id: int | None = Field(default=None, foreign_key="project.id", ondelete="SET NULL")
    # "Recommended for aggregates" is derived (domain.projects); a curator may override it with a reason.
    recommended_override: bool | None = None
    recommended_reason: str | None = None
    # Which record gave each project field: {"donor": 12, "amount": 15, …}; a field not named takes the default.
    field_sources: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Review decision on the project (pending / accepted / rejected / unsure), as for records.
    review_status: str = Field(default="pending", index=True)
    # A confirmed match in a reference dataset (e.g. AidData GCOF 1.0 project id) and its score.
    reference_id: int | None = Field(default=None, foreign_key="referenceproject.id", ondelete="SET NULL")
    reference_score: float | None = None
    notes: str | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    version: int = Field(default=1, sa_column=_PROJECT_VERSION)


class ProjectRecord(SQLModel, table=True):
    """Membership: a record belongs to at most one project."""

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    record_id: int = Field(foreign_key="record.id", unique=True, index=True, ondelete="CASCADE")
    added_at: dt.datetime = Field(default_factory=utcnow)


class ProjectStatusEvent(SQLModel, table=True):
    """One step of a project's status history, from its source (a record of an article) and date."""

    id: int | None = Field(default=None, primary_key=True)
    project_id: int = Field(foreign_key="project.id", index=True, ondelete="CASCADE")
    status: str
    on_date: dt.date | None = None
    date_estimated: bool = False
    record_id: int | None = Field(default=None, foreign_key="record.id", ondelete="SET NULL")
    article_id: int | None = Field(default=None, foreign_key="article.id", ondelete="SET NULL")
    origin: str = "extracted"
    note: str | None = None


class NotSamePair(SQLModel, table=True):
    """A curator's "not the same project" for two records: never proposed as duplicates again."""

    __table_args__ = (sa.UniqueConstraint("record_low", "record_high", name="uq_notsamepair_records"),)

    id: int | None = Field(default=None, primary_key=True)
    record_low: int = Field(foreign_key="record.id", index=True, ondelete="CASCADE")
    record_high: int = Field(foreign_key="record.id", index=True, ondelete="CASCADE")
    actor: str = ""
    at: dt.datetime = Field(default_factory=utcnow)


class Organisation(SQLModel, table=True):
    """A party: government, agency, state-owned enterprise, bank, NGO, multilateral or company."""

    __table_args__ = (sa.UniqueConstraint("canonical_key", name="uq_organisation_canonical_key"),)

    id: int | None = Field(default=None, primary_key=True)
    name_en: str | None = Field(default=None, index=True)
    name_zh: str | None = Field(default=None, index=True)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    org_type: str = "other"
    country_code: str | None = None
    # Added in migration 0009: the English name, else the Chinese one; unique, so two importers
    # adding the same new organisation at once store it once (INSERT … ON CONFLICT DO NOTHING).
    canonical_key: str = Field(sa_column=Column("canonical_key", sa.String, nullable=False))


class PartyLink(SQLModel, table=True):
    """An organisation's role on a record or a project, with the text that says so."""

    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True, ondelete="CASCADE")
    record_id: int | None = Field(default=None, foreign_key="record.id", index=True, ondelete="CASCADE")
    project_id: int | None = Field(default=None, foreign_key="project.id", index=True, ondelete="CASCADE")
    role: str
    start: int | None = None
    end: int | None = None
    quote: str | None = None
    origin: str = "extracted"


class ReferenceProject(SQLModel, table=True):
    """A project of a published dataset (AidData GCOF 1.0 / GCDF 3.0) to reconcile curated projects with."""

    __table_args__ = (sa.UniqueConstraint("dataset", "ref_id", name="uq_referenceproject_dataset_ref"),)

    id: int | None = Field(default=None, primary_key=True)
    dataset: str = Field(index=True)
    ref_id: str
    title: str | None = None
    donor: str | None = None
    recipient: str | None = None
    recipient_code: str | None = Field(default=None, index=True)
    year: int | None = Field(default=None, index=True)
    amount: Decimal | None = Field(default=None, sa_column=Column(ExactDecimal(), nullable=True))
    currency: str | None = None
    usd_nominal: Decimal | None = Field(default=None, sa_column=Column(ExactDecimal(), nullable=True))
    sector_code: str | None = None
    flow_type: str | None = None
    status: str | None = None
    umbrella: bool = False
    # The whole source row as read (AidData column names), for the AidData-compatible export.
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
