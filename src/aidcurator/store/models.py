"""SQLModel tables: Article, Mention, Record, Amount, Evidence, Edit.

No ``from __future__ import annotations`` here (SQLModel needs real annotations).
Money is stored exactly: :class:`ExactDecimal` keeps a ``Decimal`` as text on SQLite and as
``NUMERIC`` on PostgreSQL, never as a binary float.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import JSON, Column, Field, SQLModel

from aidcurator.domain import (
    AmountKind,
    FlowType,
    Origin,
    ProjectStatus,
    Qualifier,
    RecordKind,
    RecordStatus,
    ReviewState,
)
from aidcurator.domain.jsonvalues import EXACT


class ExactDecimal(TypeDecorator):
    """A Decimal column that never passes through a binary float."""

    impl = sa.String(64)
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(sa.Numeric(asdecimal=True))  # unconstrained: every digit kept
        return dialect.type_descriptor(sa.String(64))

    def process_bind_param(self, value: Any, dialect: sa.Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            if isinstance(value, float):
                raise TypeError("ExactDecimal refuses float values; pass a Decimal or int")
            value = Decimal(value)
        if dialect.name == "postgresql":
            return value
        return (
            format(value.normalize(EXACT), "f") if value == value.to_integral_value() else format(value, "f")
        )

    def process_result_value(self, value: Any, dialect: sa.Dialect) -> Decimal | None:
        if value is None:
            return None
        result = Decimal(str(value)) if not isinstance(value, Decimal) else value
        if result == result.to_integral_value():
            return result.quantize(Decimal(1), context=EXACT)
        return result.normalize(EXACT)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Article(SQLModel, table=True):
    # Added in migration 0002 for the GUI's article list (filter by state, order by date).
    __table_args__ = (sa.Index("ix_article_review_state_published", "review_state", "published"),)

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(default="", index=True)
    source: str | None = None
    published: dt.date | None = Field(default=None, index=True)
    url: str | None = None
    language: str | None = Field(default=None, index=True)
    text: str
    content_hash: str = Field(unique=True, index=True, max_length=64)
    origin_file: str | None = None
    origin_position: str | None = None
    imported_at: dt.datetime = Field(default_factory=utcnow)
    review_state: ReviewState = Field(default=ReviewState.NEW, index=True)
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Added in migration 0005: why the article was marked done, skipped or flagged (optional).
    review_note: str | None = None
    # Added in migration 0006: raised by every edit of title, source, date, URL or language, which
    # carries the old value in its WHERE clause (review-state changes leave it alone).
    metadata_version: int = Field(
        default=1, sa_column=Column("metadata_version", sa.Integer, nullable=False, server_default="1")
    )


class Mention(SQLModel, table=True):
    # Added in migration 0002: an article's highlights of one kind.
    __table_args__ = (sa.Index("ix_mention_article_id_kind", "article_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    # Looked up by article through ix_mention_article_id_kind (its own index dropped in migration 0010).
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    kind: str = Field(index=True)
    start: int
    end: int
    text: str
    value: Decimal | None = Field(default=None, sa_column=Column(ExactDecimal(), nullable=True))
    currency: str | None = None
    qualifier: str | None = None
    value_max: Decimal | None = Field(default=None, sa_column=Column(ExactDecimal(), nullable=True))
    what: str | None = None
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


_RECORD_VERSION = Column("version", sa.Integer, nullable=False)


class Record(SQLModel, table=True):
    # Added in migration 0002: record counts per article and status.
    __table_args__ = (sa.Index("ix_record_article_id_status", "article_id", "status"),)
    # Every UPDATE of a record raises ``version`` and carries the old one in its WHERE clause, so a
    # write based on a stale read fails (StaleDataError → ConflictError) on SQLite and PostgreSQL.
    __mapper_args__ = {"version_id_col": _RECORD_VERSION}

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")
    parent_id: int | None = Field(default=None, foreign_key="record.id", ondelete="SET NULL")
    record_kind: RecordKind = RecordKind.PROJECT
    donor: str | None = None
    recipient: str | None = None
    year_start: int | None = None
    year_end: int | None = None
    title: str | None = None
    sector: str | None = None
    n_projects: int | None = None
    beneficiaries_people: int | None = None
    beneficiaries_households: int | None = None
    jobs: int | None = None
    status: RecordStatus = Field(default=RecordStatus.PENDING, index=True)
    notes: str | None = None
    origin: Origin = Origin.EXTRACTED
    # Machine values as the extractor proposed them (for "reset to extracted" and re-extraction).
    extracted: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Names of fields a person changed; re-extraction never touches them.
    curated_fields: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Extractor flags such as {"recipient_inferred": true, "pairing_unknown": true}.
    flags: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    version: int = Field(default=1, sa_column=_RECORD_VERSION)
    # Added in migration 0003 (columns keep the order in which migrations added them).
    flow_type: FlowType | None = None
    project_status: ProjectStatus | None = None
    # Added in migration 0005.
    reject_reason: str | None = None
    # Added in migration 0007: codes of the controlled donor and recipient names.
    donor_code: str | None = None
    recipient_code: str | None = None


class Amount(SQLModel, table=True):
    # Migration 0010: a record's amounts in their order (replaces the index on record_id alone).
    __table_args__ = (sa.Index("ix_amount_record_id_position", "record_id", "position", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    record_id: int = Field(foreign_key="record.id", ondelete="CASCADE")
    position: int = 0
    text: str
    value: Decimal = Field(sa_column=Column(ExactDecimal(), nullable=False))
    value_max: Decimal | None = Field(default=None, sa_column=Column(ExactDecimal(), nullable=True))
    currency: str = "unknown"
    qualifier: Qualifier = Qualifier.EXACT
    kind: AmountKind = AmountKind.UNKNOWN
    period_start: int | None = None
    period_end: int | None = None
    share_of_id: int | None = Field(default=None, foreign_key="amount.id", ondelete="SET NULL")
    start: int | None = None
    end: int | None = None
    origin: Origin = Origin.EXTRACTED
    extracted: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    curated_fields: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Evidence(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    record_id: int = Field(foreign_key="record.id", index=True, ondelete="CASCADE")
    field: str
    start: int
    end: int
    quote: str
    origin: Origin = Origin.EXTRACTED


class Edit(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    record_id: int | None = Field(default=None, index=True)
    amount_id: int | None = Field(default=None, index=True)  # index added in migration 0002
    article_id: int | None = None
    action: str = "update"  # update | create | delete | status | reset
    field: str | None = None
    old_value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    new_value: Any = Field(default=None, sa_column=Column(JSON, nullable=True))
    at: dt.datetime = Field(default_factory=utcnow, index=True)
    actor: str = ""
    # Added in migration 0005: edits written by one undoable change share a group (undo after a restart).
    change_group: str | None = None
    # Added in migration 0008: the project a project-level change touched.
    project_id: int | None = Field(default=None, index=True)


# The project tables (migration 0008) live in their own module; importing it here fills the metadata.
from aidcurator.store import project_models as project_models  # noqa: E402
