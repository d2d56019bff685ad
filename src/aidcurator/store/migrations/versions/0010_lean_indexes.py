"""Leaner indexes: amounts of a record in order, and no mention index the composite one already covers.

``ix_amount_record_id`` becomes ``ix_amount_record_id_position`` (record, position, id), the order in which
exports and the record form read a record's amounts, so the first amount of each record is found in the
index alone. ``ix_mention_article_id`` goes: ``ix_mention_article_id_kind`` starts with the same column and
serves every lookup by article, and each imported mention no longer writes two index entries for it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _indexes(table: str) -> set[str]:
    return {index["name"] for index in sa.inspect(op.get_bind()).get_indexes(table)}


def upgrade() -> None:
    amount_indexes = _indexes("amount")
    if "ix_amount_record_id_position" not in amount_indexes:
        op.create_index("ix_amount_record_id_position", "amount", ["record_id", "position", "id"])
    if "ix_amount_record_id" in amount_indexes:
        op.drop_index("ix_amount_record_id", table_name="amount")
    if "ix_mention_article_id" in _indexes("mention"):
        op.drop_index("ix_mention_article_id", table_name="mention")


def downgrade() -> None:
    op.create_index("ix_mention_article_id", "mention", ["article_id"])
    op.create_index("ix_amount_record_id", "amount", ["record_id"])
    op.drop_index("ix_amount_record_id_position", table_name="amount")
