"""Organisation ``canonical_key``: the English name, else the Chinese one, unique.

Two importers that add the same new organisation at once now store it once (``INSERT … ON CONFLICT
DO NOTHING`` on this key). Existing rows get their key from their names; rows that would share a key
are merged into the oldest one (party links moved to it) before the unique index is made.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    if "canonical_key" in {c["name"] for c in sa.inspect(bind).get_columns("organisation")}:
        return  # an early build's create_all made it
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(sa.Column("canonical_key", sa.String(), nullable=True))
    rows = bind.execute(sa.text("SELECT id, name_en, name_zh FROM organisation ORDER BY id")).all()
    first: dict[str, int] = {}
    for org_id, name_en, name_zh in rows:
        key = name_en or name_zh or f"#{org_id}"
        if key in first:
            bind.execute(
                sa.text("UPDATE partylink SET organisation_id = :keep WHERE organisation_id = :drop"),
                {"keep": first[key], "drop": org_id},
            )
            bind.execute(sa.text("DELETE FROM organisation WHERE id = :drop"), {"drop": org_id})
            continue
        first[key] = org_id
        bind.execute(
            sa.text("UPDATE organisation SET canonical_key = :key WHERE id = :id"), {"key": key, "id": org_id}
        )
    with op.batch_alter_table("organisation") as batch:
        batch.alter_column("canonical_key", existing_type=sa.String(), nullable=False)
        batch.create_unique_constraint("uq_organisation_canonical_key", ["canonical_key"])


def downgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.drop_constraint("uq_organisation_canonical_key", type_="unique")
        batch.drop_column("canonical_key")
