"""actor summary tables (rollups for the period and actor reports)

Why: at 1,000,000 articles and 8,000,000 mentions (tests/bench/bench_reports.py) the actor
dossier of a frequent actor took 15 s and the period report's top and new actors several
seconds, because each counted the actor's mentions row by row. These two tables hold the
counts over original articles (duplicate_of_id IS NULL), kept exact by the import in the
same transaction as the articles (now schema/store/summaries.py):

- actor_daily_counts (actor_id, day): articles and mentions per publication day, with an
  index by day for the period report;
- actor_totals (actor_id): articles, mentions, first and last day.

A table of co-mentioned pairs was measured and left out: about 56 pairs per article made its
upsert a sixth of the whole load stage (1.3 of 8.0 s for 1,000 articles on a busy machine),
so the dossier counts co-mentions over the actor's latest articles instead.

The upgrade fills them from the existing rows (the recount below is this revision's
definition, frozen here); the downgrade drops them, losing nothing that cannot be recounted.

Revision ID: c52e8d3fa021
Revises: b41d7c2e9f10
Create Date: 2026-11-22 17:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'c52e8d3fa021'
down_revision: str | None = 'b41d7c2e9f10'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ORIGINALS = "FROM actor_mentions m JOIN articles a ON a.id = m.article_id WHERE a.duplicate_of_id IS NULL"


def _actor_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(['actor_id'], ['actors.id'], name=op.f(f'fk_{table}_actor_id_actors'),
                                   ondelete='CASCADE')


def upgrade() -> None:
    op.create_table('actor_daily_counts',
                    sa.Column('actor_id', sa.BigInteger(), nullable=False),
                    sa.Column('day', sa.Date(), nullable=False),
                    sa.Column('articles', sa.Integer(), nullable=False),
                    sa.Column('mentions', sa.Integer(), nullable=False),
                    _actor_fk('actor_daily_counts'),
                    sa.PrimaryKeyConstraint('actor_id', 'day', name=op.f('pk_actor_daily_counts')))
    op.create_index('ix_actor_daily_counts_day_actor_id', 'actor_daily_counts', ['day', 'actor_id'], unique=False,
                    postgresql_include=['articles', 'mentions'])
    op.create_table('actor_totals',
                    sa.Column('actor_id', sa.BigInteger(), nullable=False),
                    sa.Column('articles', sa.Integer(), nullable=False),
                    sa.Column('mentions', sa.Integer(), nullable=False),
                    sa.Column('first_seen', sa.Date(), nullable=True),
                    sa.Column('last_seen', sa.Date(), nullable=True),
                    _actor_fk('actor_totals'),
                    sa.PrimaryKeyConstraint('actor_id', name=op.f('pk_actor_totals')))
    op.execute("INSERT INTO actor_daily_counts (actor_id, day, articles, mentions) "
               f"SELECT m.actor_id, a.published_on, count(DISTINCT m.article_id), count(*) {ORIGINALS} "
               "AND a.published_on IS NOT NULL GROUP BY 1, 2")
    op.execute("INSERT INTO actor_totals (actor_id, articles, mentions, first_seen, last_seen) "
               "SELECT m.actor_id, count(DISTINCT m.article_id), count(*), min(a.published_on), "
               f"max(a.published_on) {ORIGINALS} GROUP BY 1")


def downgrade() -> None:
    op.drop_table('actor_totals')
    op.drop_index('ix_actor_daily_counts_day_actor_id', table_name='actor_daily_counts')
    op.drop_table('actor_daily_counts')
