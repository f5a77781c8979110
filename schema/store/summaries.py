"""Summary tables the reports read instead of scanning every mention (rollups).

At a million articles an actor is mentioned eight million times; counting those rows for
each report costs seconds. Two small tables hold the counts, over original articles only
(`duplicate_of_id IS NULL`), which is what the reports count:

- `actor_daily_counts` (actor, day): articles and mentions per publication day (dated articles);
- `actor_totals` (actor): articles and mentions (dated or not), first and last day.

They are maintained incrementally inside the transaction that stores (or replaces) articles,
so they are exactly as current as the articles themselves, crash or not: `apply` adds the
contributions of new articles and subtracts those of articles about to be deleted. Changes
that re-attribute mentions (curation) or relink duplicates rebuild the rows concerned
(`rebuild`). `drift` recounts from the base tables and reports differences
(`veille db summaries`).
"""

from __future__ import annotations

from collections.abc import Iterable

import psycopg

# The recounts, over original articles, restricted by {where} (a condition on m and a).
_DAILY = """
SELECT m.actor_id, a.published_on AS day, count(DISTINCT m.article_id) AS articles, count(*) AS mentions
FROM actor_mentions m JOIN articles a ON a.id = m.article_id
WHERE a.duplicate_of_id IS NULL AND a.published_on IS NOT NULL AND {where}
GROUP BY 1, 2"""

_TOTALS = """
SELECT m.actor_id, count(DISTINCT m.article_id) AS articles, count(*) AS mentions,
       min(a.published_on) AS first_seen, max(a.published_on) AS last_seen
FROM actor_mentions m JOIN articles a ON a.id = m.article_id
WHERE a.duplicate_of_id IS NULL AND {where}
GROUP BY 1"""

# table → (recount, its columns in the recount's order, key)
TABLES = {"actor_daily_counts": (_DAILY, "actor_id, day, articles, mentions", "actor_id, day"),
          "actor_totals": (_TOTALS, "actor_id, articles, mentions, first_seen, last_seen", "actor_id")}


def apply(conn: psycopg.Connection, article_ids: Iterable[int], sign: int = 1) -> None:
    """Add (sign 1) or subtract (sign -1, before deleting them) the contributions of these articles.
    Rows are written in key order so concurrent importers lock them in the same order."""
    ids = sorted(set(article_ids))
    if not ids:
        return
    where = "m.article_id = ANY(%(ids)s)"
    params = {"ids": ids, "sign": sign}
    conn.execute(
        f"INSERT INTO actor_daily_counts AS t (actor_id, day, articles, mentions) "
        f"SELECT actor_id, day, %(sign)s * articles, %(sign)s * mentions FROM ({_DAILY.format(where=where)}) c "
        f"ORDER BY 1, 2 ON CONFLICT (actor_id, day) DO UPDATE "
        f"SET articles = t.articles + EXCLUDED.articles, mentions = t.mentions + EXCLUDED.mentions", params)
    conn.execute(
        f"INSERT INTO actor_totals AS t (actor_id, articles, mentions, first_seen, last_seen) "
        f"SELECT actor_id, %(sign)s * articles, %(sign)s * mentions, first_seen, last_seen "
        f"FROM ({_TOTALS.format(where=where)}) c ORDER BY 1 ON CONFLICT (actor_id) DO UPDATE "
        f"SET articles = t.articles + EXCLUDED.articles, mentions = t.mentions + EXCLUDED.mentions, "
        f"first_seen = least(t.first_seen, EXCLUDED.first_seen), last_seen = greatest(t.last_seen, EXCLUDED.last_seen)",
        params)
    if sign < 0:
        actors = [r[0] for r in conn.execute("SELECT DISTINCT actor_id FROM actor_mentions WHERE article_id = ANY(%s)",
                                             (ids,)).fetchall()]
        for table in TABLES:
            conn.execute(f"DELETE FROM {table} WHERE actor_id = ANY(%s) AND articles <= 0", (actors,))
        # a removed article may have been an actor's first or last: recompute those from the days left
        conn.execute(
            "UPDATE actor_totals t SET first_seen = d.first_seen, last_seen = d.last_seen FROM ("
            "  SELECT x.id, min(c.day) AS first_seen, max(c.day) AS last_seen FROM unnest(%s::bigint[]) AS x(id)"
            "  LEFT JOIN actor_daily_counts c ON c.actor_id = x.id GROUP BY x.id) d "
            "WHERE t.actor_id = d.id", (actors,))


def rebuild(conn: psycopg.Connection, actor_ids: Iterable[int] | None = None) -> None:
    """Recount the rows of these actors, or of every actor."""
    ids = sorted(set(actor_ids)) if actor_ids is not None else None
    if ids == []:
        return
    for table, (recount, columns, key) in TABLES.items():
        if ids is None:
            conn.execute(f"DELETE FROM {table}")
            where, params = "true", None
        else:
            conn.execute(f"DELETE FROM {table} WHERE actor_id = ANY(%(ids)s)", {"ids": ids})
            where, params = "m.actor_id = ANY(%(ids)s)", {"ids": ids}
        conn.execute(f"INSERT INTO {table} ({columns}) SELECT * FROM ({recount.format(where=where)}) c "
                     f"ORDER BY {key}", params)


def drift(conn: psycopg.Connection) -> dict[str, int]:
    """table → how many rows differ from a recount (0 everywhere when the summaries are exact)."""
    out = {}
    for table, (recount, columns, _) in TABLES.items():
        query = f"SELECT * FROM ({recount.format(where='true')}) r"
        out[table] = conn.execute(
            f"SELECT count(*) FROM ((SELECT {columns} FROM {table} EXCEPT ALL {query}) "
            f"UNION ALL ({query} EXCEPT ALL SELECT {columns} FROM {table})) d").fetchone()[0]
    return out
