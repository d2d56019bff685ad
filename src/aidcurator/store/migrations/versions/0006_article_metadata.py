"""Article metadata edits: ``article.metadata_version`` for the curator's conflict check.

Title, source, publication date, URL and language of an article can be edited in the window;
each edit raises ``metadata_version`` and carries the old one in its WHERE clause, so an edit based
on a stale read fails instead of overwriting another person's. Review-state changes do not touch
it. Existing articles start at 1. The history of these edits is the ``edit`` table (rows with an
``article_id``, no ``record_id`` and action ``article``), which needs no change.

Revision ID: 0006
Revises: 0004
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    present = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("article")}
    if "metadata_version" in present:
        return
    with op.batch_alter_table("article") as batch:
        batch.add_column(sa.Column("metadata_version", sa.Integer(), nullable=False, server_default="1"))


def downgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.drop_column("metadata_version")
