"""Review states for every article and a second-look status for records.

- ``reviewstate`` gains ``SKIPPED`` and ``FLAGGED`` (a second look); ``article.review_note`` keeps the
  curator's optional reason ("no aid record", "duplicate", …);
- ``recordstatus`` gains ``UNSURE``; ``record.reject_reason`` keeps why a record was rejected;
- ``edit.change_group`` ties together the edits one undoable change wrote, so the window can undo
  the curator's last changes after a restart.

Enum columns hold member names. On PostgreSQL the enum types get the new values with
``ALTER TYPE … ADD VALUE IF NOT EXISTS`` (allowed inside a transaction since PostgreSQL 12; the new
values are not used in this migration's transaction). SQLite stores the names as plain text.
Existing rows keep their values; the new columns are NULL.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NEW_ENUM_VALUES = (("reviewstate", ("SKIPPED", "FLAGGED")), ("recordstatus", ("UNSURE",)))
_COLUMNS = (("article", "review_note"), ("record", "reject_reason"), ("edit", "change_group"))


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for type_name, values in _NEW_ENUM_VALUES:
            for value in values:
                op.execute(f"ALTER TYPE {type_name} ADD VALUE IF NOT EXISTS '{value}'")
    inspector = sa.inspect(bind)
    for table, column in _COLUMNS:
        if column in {c["name"] for c in inspector.get_columns(table)}:
            continue
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column(column, sa.String(), nullable=True))


def downgrade() -> None:
    """Drop the new columns; rows in the new states go back to ``IN_PROGRESS`` and ``PENDING``.

    PostgreSQL cannot drop a value from an enum type, so the types keep the unused values.
    """
    bind = op.get_bind()
    op.execute("UPDATE article SET review_state = 'IN_PROGRESS' WHERE review_state IN ('SKIPPED', 'FLAGGED')")
    op.execute("UPDATE record SET status = 'PENDING' WHERE status = 'UNSURE'")
    for table, column in reversed(_COLUMNS):
        with op.batch_alter_table(table) as batch:
            batch.drop_column(column)
    del bind
