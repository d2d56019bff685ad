"""Record fields ``flow_type`` (grant, loan, …) and ``project_status`` (pledged … completed).

Both are nullable enums (member names, as the other enum columns) of
:class:`aidcurator.domain.FlowType` and ``ProjectStatus``; existing records get NULL (not known).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FLOW_TYPE = (
    "GRANT",
    "LOAN",
    "INTEREST_FREE_LOAN",
    "CONCESSIONAL_LOAN",
    "EXPORT_CREDIT",
    "DEBT_RELIEF",
    "DEBT_RESCHEDULING",
    "TECHNICAL_ASSISTANCE",
    "SCHOLARSHIP",
    "IN_KIND",
    "UNKNOWN",
)
_PROJECT_STATUS = ("PLEDGED", "COMMITTED", "IMPLEMENTATION", "COMPLETED", "CANCELLED", "SUSPENDED", "UNKNOWN")
_COLUMNS = (("flow_type", "flowtype", _FLOW_TYPE), ("project_status", "projectstatus", _PROJECT_STATUS))


def upgrade() -> None:
    bind = op.get_bind()
    present = {column["name"] for column in sa.inspect(bind).get_columns("record")}
    missing = [item for item in _COLUMNS if item[0] not in present]  # an early build's create_all has them
    for _column, type_name, values in missing:
        sa.Enum(*values, name=type_name).create(bind, checkfirst=True)  # PostgreSQL; no-op on SQLite
    if missing:
        with op.batch_alter_table("record") as batch:
            for column, type_name, values in missing:
                batch.add_column(sa.Column(column, sa.Enum(*values, name=type_name), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("record") as batch:
        for column, _type_name, _values in reversed(_COLUMNS):
            batch.drop_column(column)
    bind = op.get_bind()
    for _column, type_name, values in reversed(_COLUMNS):
        sa.Enum(*values, name=type_name).drop(bind, checkfirst=True)
