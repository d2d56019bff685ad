"""Composite indexes for the GUI's paged list queries.

- article(review_state, published): the article list filtered by review state, ordered by date;
- record(article_id, status): record counts per article and status;
- mention(article_id, kind): an article's highlights of one kind;
- edit(amount_id): the history of one amount.

``if_not_exists`` lets a database that was created without a version table (by an early
development build calling ``create_all``) be stamped at 0001 and still upgrade.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = (
    ("ix_article_review_state_published", "article", ["review_state", "published"]),
    ("ix_record_article_id_status", "record", ["article_id", "status"]),
    ("ix_mention_article_id_kind", "mention", ["article_id", "kind"]),
    ("ix_edit_amount_id", "edit", ["amount_id"]),
)


def upgrade() -> None:
    for name, table, columns in _INDEXES:
        op.create_index(name, table, columns, if_not_exists=True)


def downgrade() -> None:
    for name, table, _columns in reversed(_INDEXES):
        op.drop_index(name, table_name=table, if_exists=True)
