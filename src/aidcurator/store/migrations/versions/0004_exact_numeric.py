"""Money exact to every digit on PostgreSQL: ``numeric(38, 8)`` becomes unconstrained ``numeric``.

``numeric(38, 8)`` rounded values with more than 8 decimals. On SQLite money is text already and
nothing changes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MONEY = (("amount", "value"), ("amount", "value_max"), ("mention", "value"), ("mention", "value_max"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in _MONEY:
        op.alter_column(table, column, type_=sa.Numeric(), existing_type=sa.Numeric(38, 8))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in _MONEY:
        op.alter_column(table, column, type_=sa.Numeric(38, 8), existing_type=sa.Numeric())
