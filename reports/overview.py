"""The short overviews the command line prints: what the database holds and the most mentioned
actors. Reads only, through the read-only executor."""

from __future__ import annotations

from veille.schema import metadata
from veille.schema.database import Database
from veille.schema.readonly import ReadOnly, Result, read

TOP_ACTORS_SQL = """
SELECT a.canonical_name AS name, a.kind, a.country_code, t.mentions, t.articles, t.first_seen, t.last_seen
FROM actor_totals t JOIN actors a ON a.id = t.actor_id
WHERE (CAST(:kind AS text) IS NULL OR a.kind = :kind)
ORDER BY t.mentions DESC, a.canonical_name, a.id
LIMIT :top
"""

LAST_BATCH_SQL = """
SELECT name, status, started_at, finished_at, files_seen, files_imported, files_duplicate, files_rejected,
       articles_added
FROM import_batches ORDER BY started_at DESC, id DESC LIMIT 1
"""


def top_actors(db: Database, kind: str | None, top: int) -> Result:
    """The `top` most mentioned actors (of one kind, or all), from the `actor_totals` rollup."""
    return read(db, TOP_ACTORS_SQL, {"kind": kind, "top": top})


def contents(db: Database) -> tuple[dict[str, int], dict | None]:
    """The row count of every table, and the last import batch (None before the first import)."""
    with ReadOnly(db) as ro:
        counts = {name: ro.run(f'SELECT count(*) FROM "{name}"').rows[0][0] for name in sorted(metadata.tables)}
        batches = ro.run(LAST_BATCH_SQL).dicts()
    return counts, (batches[0] if batches else None)
