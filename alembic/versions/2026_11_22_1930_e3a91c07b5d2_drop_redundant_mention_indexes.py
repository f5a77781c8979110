"""drop redundant single-column indexes on actor_mentions

Why: actor_mentions is the largest table (about 13 rows per article) and every index is
written for every row the import stores. The single-column indexes on article_id and
actor_id answer nothing that the pair indexes (article_id, actor_id) and (actor_id,
article_id), created in aeb33e2d033d, do not: a B-tree serves lookups on its leading
column, including the foreign-key checks and cascades. Dropping them makes storing a
mention cheaper and the table's indexes a third smaller.

Revision ID: e3a91c07b5d2
Revises: c52e8d3fa021
Create Date: 2026-11-22 19:30:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = 'e3a91c07b5d2'
down_revision: str | None = 'c52e8d3fa021'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index('ix_actor_mentions_article_id', table_name='actor_mentions')
    op.drop_index('ix_actor_mentions_actor_id', table_name='actor_mentions')


def downgrade() -> None:
    op.create_index('ix_actor_mentions_actor_id', 'actor_mentions', ['actor_id'], unique=False)
    op.create_index('ix_actor_mentions_article_id', 'actor_mentions', ['article_id'], unique=False)
