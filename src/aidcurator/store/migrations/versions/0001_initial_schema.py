"""Initial schema: article, mention, record, amount, evidence, edit.

Written out by hand as the tables were first released, so it never changes when models.py does.
Enum columns hold the enum *names* (SQLAlchemy's default), e.g. ``NEW``, ``PENDING``.
Money columns hold exact decimal text on SQLite (NUMERIC on PostgreSQL), never floats.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _money() -> sa.types.TypeEngine:
    return sa.String(64).with_variant(sa.Numeric(38, 8), "postgresql")


def _timestamp() -> sa.types.TypeEngine:
    return sa.DateTime(timezone=True)


_REVIEW_STATE = ("NEW", "IN_PROGRESS", "DONE")
_RECORD_KIND = ("PROJECT", "PROGRAMME", "AGGREGATE")
_RECORD_STATUS = ("PENDING", "ACCEPTED", "REJECTED")
_ORIGIN = ("EXTRACTED", "MANUAL")
_QUALIFIER = ("EXACT", "APPROX", "AT_LEAST", "AT_MOST", "RANGE")
_AMOUNT_KIND = ("PLANNED", "COMMITTED", "SPENT", "CUMULATIVE", "SHARE", "ESTIMATE", "UNKNOWN")


def upgrade() -> None:
    op.create_table(
        "article",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("language", sa.String(), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("origin_file", sa.String(), nullable=True),
        sa.Column("origin_position", sa.String(), nullable=True),
        sa.Column("imported_at", _timestamp(), nullable=False),
        sa.Column("review_state", sa.Enum(*_REVIEW_STATE, name="reviewstate"), nullable=False),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_article_title", "article", ["title"])
    op.create_index("ix_article_published", "article", ["published"])
    op.create_index("ix_article_language", "article", ["language"])
    op.create_index("ix_article_content_hash", "article", ["content_hash"], unique=True)
    op.create_index("ix_article_review_state", "article", ["review_state"])

    op.create_table(
        "edit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("amount_id", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=True),
        sa.Column("old_value", sa.JSON(), nullable=True),
        sa.Column("new_value", sa.JSON(), nullable=True),
        sa.Column("at", _timestamp(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_edit_record_id", "edit", ["record_id"])
    op.create_index("ix_edit_at", "edit", ["at"])

    op.create_table(
        "mention",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("value", _money(), nullable=True),
        sa.Column("currency", sa.String(), nullable=True),
        sa.Column("qualifier", sa.String(), nullable=True),
        sa.Column("value_max", _money(), nullable=True),
        sa.Column("what", sa.String(), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_mention_article_id", "mention", ["article_id"])
    op.create_index("ix_mention_kind", "mention", ["kind"])

    op.create_table(
        "record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("record_kind", sa.Enum(*_RECORD_KIND, name="recordkind"), nullable=False),
        sa.Column("donor", sa.String(), nullable=True),
        sa.Column("recipient", sa.String(), nullable=True),
        sa.Column("year_start", sa.Integer(), nullable=True),
        sa.Column("year_end", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("sector", sa.String(), nullable=True),
        sa.Column("n_projects", sa.Integer(), nullable=True),
        sa.Column("beneficiaries_people", sa.Integer(), nullable=True),
        sa.Column("beneficiaries_households", sa.Integer(), nullable=True),
        sa.Column("jobs", sa.Integer(), nullable=True),
        sa.Column("status", sa.Enum(*_RECORD_STATUS, name="recordstatus"), nullable=False),
        sa.Column("notes", sa.String(), nullable=True),
        sa.Column("origin", sa.Enum(*_ORIGIN, name="origin"), nullable=False),
        sa.Column("extracted", sa.JSON(), nullable=False),
        sa.Column("curated_fields", sa.JSON(), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("created_at", _timestamp(), nullable=False),
        sa.Column("updated_at", _timestamp(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["record.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_record_article_id", "record", ["article_id"])
    op.create_index("ix_record_status", "record", ["status"])

    op.create_table(
        "amount",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("value", _money(), nullable=False),
        sa.Column("value_max", _money(), nullable=True),
        sa.Column("currency", sa.String(), nullable=False),
        sa.Column("qualifier", sa.Enum(*_QUALIFIER, name="qualifier"), nullable=False),
        sa.Column("kind", sa.Enum(*_AMOUNT_KIND, name="amountkind"), nullable=False),
        sa.Column("period_start", sa.Integer(), nullable=True),
        sa.Column("period_end", sa.Integer(), nullable=True),
        sa.Column("share_of_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("origin", sa.Enum(*_ORIGIN, name="origin"), nullable=False),
        sa.Column("extracted", sa.JSON(), nullable=False),
        sa.Column("curated_fields", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["record.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["share_of_id"], ["amount.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_amount_record_id", "amount", ["record_id"])

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("quote", sa.String(), nullable=False),
        sa.Column("origin", sa.Enum(*_ORIGIN, name="origin"), nullable=False),
        sa.ForeignKeyConstraint(["record_id"], ["record.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_evidence_record_id", "evidence", ["record_id"])


def downgrade() -> None:
    for table in ("evidence", "amount", "record", "mention", "edit", "article"):
        op.drop_table(table)
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for enum in ("reviewstate", "recordkind", "recordstatus", "origin", "qualifier", "amountkind"):
            sa.Enum(name=enum).drop(bind, checkfirst=True)
