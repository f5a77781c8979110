"""indexes for the load: fewer on actor_mentions, events by (signature, event_date)

Why: the import stores every row through these indexes (tests/bench/bench_import.py):

- actor_mentions is the largest table (about 13 rows per article) and every index is written
  for every row the import stores. The single-column indexes on article_id and actor_id answer
  nothing that the pair indexes (article_id, actor_id) and (actor_id, article_id), created in
  aeb33e2d033d, do not: a B-tree serves lookups on its leading column, including the
  foreign-key checks and cascades.
- The event merge looks up, per chunk, the stored events of each candidate's signature dated
  in the candidate's year (and the count of events per signature). (event_type, signature)
  served the old lookup of every event of a signature, which grew with the database (a
  frequent pair of actors has thousands of events); (signature, event_date) serves the new one.

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
    op.create_index('ix_events_signature_event_date', 'events', ['signature', 'event_date'], unique=False)
    op.drop_index('ix_events_event_type_signature', table_name='events')


def downgrade() -> None:
    op.create_index('ix_events_event_type_signature', 'events', ['event_type', 'signature'], unique=False)
    op.drop_index('ix_events_signature_event_date', table_name='events')
    op.create_index('ix_actor_mentions_actor_id', 'actor_mentions', ['actor_id'], unique=False)
    op.create_index('ix_actor_mentions_article_id', 'actor_mentions', ['article_id'], unique=False)
