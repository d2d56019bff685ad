"""Projects across articles, organisations with roles, reference datasets.

New tables: ``referenceproject`` (AidData GCOF/GCDF rows to reconcile with), ``project`` (one project built
from records of many articles, with status, dates, umbrella link, "recommended for aggregates" override and
which record gave each field), ``projectrecord`` (membership, a record in at most one project),
``projectstatusevent`` (status history with its source and date), ``notsamepair`` (a curator's "not the
same project"), ``organisation`` and ``partylink`` (an organisation's role on a record or project).
``edit`` gains ``project_id`` so project changes are in the history. Existing data is untouched.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _money() -> sa.types.TypeEngine:
    return sa.String(64).with_variant(sa.Numeric(), "postgresql")


def _timestamp() -> sa.types.TypeEngine:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    present = set(inspector.get_table_names())
    if "referenceproject" not in present:  # an early build's create_all made all tables at once
        _create_tables()
    if "project_id" not in {column["name"] for column in inspector.get_columns("edit")}:
        with op.batch_alter_table("edit") as batch:
            batch.add_column(sa.Column("project_id", sa.Integer(), nullable=True))
            batch.create_index("ix_edit_project_id", ["project_id"])


def _create_tables() -> None:
    op.create_table(
        "referenceproject",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dataset", sa.String(), nullable=False),
        sa.Column("ref_id", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("donor", sa.String(), nullable=True),
        sa.Column("recipient", sa.String(), nullable=True),
        sa.Column("recipient_code", sa.String(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("amount", _money(), nullable=True),
        sa.Column("currency", sa.String(), nullable=True),
        sa.Column("usd_nominal", _money(), nullable=True),
        sa.Column("sector_code", sa.String(), nullable=True),
        sa.Column("flow_type", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=True),
        sa.Column("umbrella", sa.Boolean(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dataset", "ref_id", name="uq_referenceproject_dataset_ref"),
    )
    op.create_index("ix_referenceproject_dataset", "referenceproject", ["dataset"])
    op.create_index("ix_referenceproject_recipient_code", "referenceproject", ["recipient_code"])
    op.create_index("ix_referenceproject_year", "referenceproject", ["year"])

    op.create_table(
        "project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(), nullable=True),
        sa.Column("donor", sa.String(), nullable=True),
        sa.Column("donor_code", sa.String(), nullable=True),
        sa.Column("recipient", sa.String(), nullable=True),
        sa.Column("recipient_code", sa.String(), nullable=True),
        sa.Column("commitment_year", sa.Integer(), nullable=True),
        sa.Column("sector", sa.String(), nullable=True),
        sa.Column("flow_type", sa.String(), nullable=True),
        sa.Column("project_status", sa.String(), nullable=True),
        sa.Column("amount_value", _money(), nullable=True),
        sa.Column("amount_currency", sa.String(), nullable=True),
        sa.Column("planned_start", sa.Date(), nullable=True),
        sa.Column("planned_start_estimated", sa.Boolean(), nullable=False),
        sa.Column("actual_start", sa.Date(), nullable=True),
        sa.Column("actual_start_estimated", sa.Boolean(), nullable=False),
        sa.Column("planned_end", sa.Date(), nullable=True),
        sa.Column("planned_end_estimated", sa.Boolean(), nullable=False),
        sa.Column("actual_end", sa.Date(), nullable=True),
        sa.Column("actual_end_estimated", sa.Boolean(), nullable=False),
        sa.Column("umbrella", sa.Boolean(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("recommended_override", sa.Boolean(), nullable=True),
        sa.Column("recommended_reason", sa.String(), nullable=True),
        sa.Column("field_sources", sa.JSON(), nullable=False),
        sa.Column("review_status", sa.String(), nullable=False),
        sa.Column("reference_id", sa.Integer(), nullable=True),
        sa.Column("reference_score", sa.Float(), nullable=True),
        sa.Column("notes", sa.String(), nullable=True),
        sa.Column("created_at", _timestamp(), nullable=False),
        sa.Column("updated_at", _timestamp(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["parent_id"], ["project.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["reference_id"], ["referenceproject.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_project_commitment_year", "project", ["commitment_year"])
    op.create_index("ix_project_review_status", "project", ["review_status"])

    op.create_table(
        "projectrecord",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("added_at", _timestamp(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["record_id"], ["record.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_projectrecord_project_id", "projectrecord", ["project_id"])
    op.create_index("ix_projectrecord_record_id", "projectrecord", ["record_id"], unique=True)

    op.create_table(
        "projectstatusevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=True),
        sa.Column("date_estimated", sa.Boolean(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["record_id"], ["record.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_projectstatusevent_project_id", "projectstatusevent", ["project_id"])

    op.create_table(
        "notsamepair",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_low", sa.Integer(), nullable=False),
        sa.Column("record_high", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("at", _timestamp(), nullable=False),
        sa.ForeignKeyConstraint(["record_low"], ["record.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["record_high"], ["record.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("record_low", "record_high", name="uq_notsamepair_records"),
    )
    op.create_index("ix_notsamepair_record_low", "notsamepair", ["record_low"])
    op.create_index("ix_notsamepair_record_high", "notsamepair", ["record_high"])

    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_en", sa.String(), nullable=True),
        sa.Column("name_zh", sa.String(), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("org_type", sa.String(), nullable=False),
        sa.Column("country_code", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_organisation_name_en", "organisation", ["name_en"])
    op.create_index("ix_organisation_name_zh", "organisation", ["name_zh"])

    op.create_table(
        "partylink",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=True),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=True),
        sa.Column("end", sa.Integer(), nullable=True),
        sa.Column("quote", sa.String(), nullable=True),
        sa.Column("origin", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisation.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["record_id"], ["record.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["project_id"], ["project.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_partylink_organisation_id", "partylink", ["organisation_id"])
    op.create_index("ix_partylink_record_id", "partylink", ["record_id"])
    op.create_index("ix_partylink_project_id", "partylink", ["project_id"])


def downgrade() -> None:
    with op.batch_alter_table("edit") as batch:
        batch.drop_index("ix_edit_project_id")
        batch.drop_column("project_id")
    for table in (
        "partylink",
        "organisation",
        "notsamepair",
        "projectstatusevent",
        "projectrecord",
        "project",
        "referenceproject",
    ):
        op.drop_table(table)
