"""near-duplicate index (articles.lsh_bands)

Why: only exact copies of an article (same content_hash) were linked by duplicate_of_id; the
same wire story re-published with a sentence changed, another intro or a trailing credit was
counted again in reports and search. Finding those without comparing every pair needs
locality-sensitive hashing (importer/neardup.py): each article's MinHash signature cut into
32 band keys, stored in `articles.lsh_bands bigint[]` (NULL for texts under 20 words), and a
GIN index so `lsh_bands && ARRAY[…]` finds the stored articles sharing a band with a new
one. The band keys live in PostgreSQL, not in an importer's memory, because several
importers on several machines write to the same database. The index has no pending list
(fastupdate off): each import probes it once per article, and every probe would scan the
whole list of keys inserted since its last merge (the lookups were 10 times slower on 1,500
articles).

The upgrade computes the bands of the articles already stored (in batches, with the
importer's own neardup module, so they are the keys the next import will look up): new
imports are then compared with old articles at once. Links between near-duplicates that are
both older than this revision are made by the next `veille reprocess` (relink_duplicates),
not here: this revision does not change which articles count. The downgrade drops the index
and the column (the bands can be recomputed from the articles' text).

Revision ID: b41d7c2e9f10
Revises: aeb33e2d033d
Create Date: 2026-11-22 17:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = 'b41d7c2e9f10'
down_revision: str | None = 'aeb33e2d033d'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000


def upgrade() -> None:
    op.add_column('articles', sa.Column('lsh_bands', postgresql.ARRAY(sa.BigInteger()), nullable=True))
    _fill_bands()
    op.create_index('ix_articles_lsh_bands', 'articles', ['lsh_bands'], unique=False, postgresql_using='gin',
                    postgresql_with={'fastupdate': 'off'})


def _fill_bands() -> None:
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT NOT EXISTS (SELECT 1 FROM articles)")).scalar():
        return
    from veille.importer.neardup import Fingerprint

    last = 0
    while True:
        rows = bind.execute(sa.text("SELECT id, title, lead, body FROM articles WHERE id > :last ORDER BY id "
                                    "LIMIT :n"), {"last": last, "n": BATCH}).fetchall()
        if not rows:
            return
        values = [{"id": i, "bands": b} for i, title, lead, body in rows
                  if (b := Fingerprint(title, lead, body).bands) is not None]
        if values:
            bind.execute(sa.text("UPDATE articles SET lsh_bands = :bands WHERE id = :id")
                         .bindparams(sa.bindparam("bands", type_=postgresql.ARRAY(sa.BigInteger()))), values)
        last = rows[-1][0]


def downgrade() -> None:
    op.drop_index('ix_articles_lsh_bands', table_name='articles', postgresql_using='gin')
    op.drop_column('articles', 'lsh_bands')
