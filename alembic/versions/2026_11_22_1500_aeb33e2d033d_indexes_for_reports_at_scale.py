"""indexes for reports at scale

Why: at 1,000,000 articles (tests/bench/bench_reports.py) the period and actor reports read
the wide articles heap (title, body and tsvector, ~1.8 KB a row) and actor_mentions rows
where an index could answer alone. These indexes let the planner use index-only scans:

- actor_mentions (article_id, actor_id) and (actor_id, article_id): the actors of the
  period's articles and the articles of one actor without touching the 8M-row heap
  (period summary / top_actors / top_pairs / new_actors, actor dossier, batch new_actors);
- articles (published_on, id) INCLUDE (duplicate_of_id, source_id, language) replaces
  ix_articles_published_on_id (same key): the period's articles, per day, per source and
  language, the undated count, and the sources report, from the index alone;
- articles (id) INCLUDE (published_on, duplicate_of_id): an article's date from its id
  (mentions joined to articles: an actor's months, first and last dates);
- events (event_date DESC NULLS LAST, event_type, id): the actor dossier's latest events
  (ORDER BY event_date DESC NULLS LAST, event_type, id LIMIT 100) walk this index instead of
  sorting every event of a frequent actor.

Plain CREATE INDEX (not CONCURRENTLY: migrations run in a transaction): about 20 s of
blocked writes at 1M articles / 8M mentions. The single-column indexes on
actor_mentions.actor_id and .article_id become redundant with the pairs (their leading
column) but are declared on the columns (index=True) and stay for now.

Revision ID: aeb33e2d033d
Revises: 4f83a55546ca
Create Date: 2026-11-22 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'aeb33e2d033d'
down_revision: str | None = '4f83a55546ca'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index('ix_actor_mentions_article_id_actor_id', 'actor_mentions', ['article_id', 'actor_id'],
                    unique=False)
    op.create_index('ix_actor_mentions_actor_id_article_id', 'actor_mentions', ['actor_id', 'article_id'],
                    unique=False)
    op.create_index('ix_articles_published_on_id_covering', 'articles', ['published_on', 'id'], unique=False,
                    postgresql_include=['duplicate_of_id', 'source_id', 'language'])
    op.drop_index('ix_articles_published_on_id', table_name='articles')
    op.create_index('ix_articles_id_published_on', 'articles', ['id'], unique=False,
                    postgresql_include=['published_on', 'duplicate_of_id'])
    op.create_index('ix_events_event_date_desc', 'events',
                    [sa.text('event_date DESC NULLS LAST'), 'event_type', 'id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_events_event_date_desc', table_name='events')
    op.drop_index('ix_articles_id_published_on', table_name='articles')
    op.create_index('ix_articles_published_on_id', 'articles', ['published_on', 'id'], unique=False)
    op.drop_index('ix_articles_published_on_id_covering', table_name='articles')
    op.drop_index('ix_actor_mentions_actor_id_article_id', table_name='actor_mentions')
    op.drop_index('ix_actor_mentions_article_id_actor_id', table_name='actor_mentions')
