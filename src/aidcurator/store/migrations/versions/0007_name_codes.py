"""Record fields ``donor_code`` and ``recipient_code``: the codes of the controlled donor and recipient.

ISO 3166 alpha-3 for a country, else the gazetteer id (``cn-suzhou``); NULL for a name the
gazetteer does not know. Existing records get NULL until they are re-extracted or edited.

Revision ID: 0007
Revises: 0004
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("donor_code", "recipient_code")


def upgrade() -> None:
    present = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("record")}
    missing = [name for name in _COLUMNS if name not in present]
    if missing:
        with op.batch_alter_table("record") as batch:
            for name in missing:
                batch.add_column(sa.Column(name, sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("record") as batch:
        for name in reversed(_COLUMNS):
            batch.drop_column(name)
