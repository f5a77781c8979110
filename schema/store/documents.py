"""Batches, extraction runs, documents, articles and sources.

Idempotency and concurrency rest on the database's uniqueness: `documents.sha256` (a file
stored twice is a duplicate), `sources.name`, and one transaction-level advisory lock shared by
every writer of articles (`lock_article_writers`): importers take turns to store their
articles inside their load transaction, so the duplicate lookups of one see everything the
previous one stored. Article ids are drawn under the lock, so the duplicate links are exactly
those of importing the articles one by one in id order (what relinking recomputes).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from veille.schema.store.bulk import array_literal, int_array, next_ids

ARTICLE_COLUMNS = (
    "id", "document_id", "segment_index", "char_start", "char_end", "title", "lead", "body", "captions", "language",
    "published_on", "date_precision", "date_evidence", "source_id", "author", "url", "content_hash",
    "duplicate_of_id", "extraction_run_id", "lsh_bands",
)  # fmt: skip

# The advisory lock every writer of articles takes in its transaction (two int4 keys, a space
# apart from the single-bigint locks of the event merge): 'veil', 'load'.
ARTICLE_WRITERS_LOCK = (0x7665696C, 0x6C6F6164)


def lock_article_writers(conn: psycopg.Connection) -> None:
    """Wait for the other writers of articles (importers, reprocessing, relinking) to commit;
    held until this transaction ends. Take it before locking or changing any article row."""
    conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", ARTICLE_WRITERS_LOCK)


def start_batch(conn: psycopg.Connection, name: str) -> int:
    row = conn.execute(
        "INSERT INTO import_batches (name) VALUES (%s) ON CONFLICT (name) "
        "DO UPDATE SET status = 'running', finished_at = NULL RETURNING id", (name,)).fetchone()
    return row[0]


def finish_batch(conn: psycopg.Connection, batch_id: int, status: str, counts: dict[str, int]) -> None:
    conn.execute(
        "UPDATE import_batches SET status = %(status)s, finished_at = now(), "
        "files_seen = files_seen + %(seen)s, files_imported = files_imported + %(imported)s, "
        "files_duplicate = files_duplicate + %(duplicate)s, files_rejected = files_rejected + %(rejected)s, "
        "articles_added = articles_added + %(articles)s WHERE id = %(id)s",
        {**counts, "status": status, "id": batch_id})


def start_run(conn: psycopg.Connection, version: str, settings: dict[str, Any]) -> int:
    row = conn.execute("INSERT INTO extraction_runs (version, settings) VALUES (%s, %s) RETURNING id",
                       (version, Jsonb(settings))).fetchone()
    return row[0]


def finish_run(conn: psycopg.Connection, run_id: int) -> None:
    conn.execute("UPDATE extraction_runs SET finished_at = now() WHERE id = %s", (run_id,))


def known_documents(conn: psycopg.Connection, shas: Iterable[str]) -> dict[str, str]:
    """sha256 → status of the documents already stored among `shas`."""
    rows = conn.execute("SELECT sha256, status FROM documents WHERE sha256 = ANY(%s)", (list(shas),)).fetchall()
    return dict(rows)


def store_rejected(conn: psycopg.Connection, batch_id: int, path: str, sha256: str | None, byte_size: int | None,
                   media_type: str | None, data: bytes | None, reason: str) -> int:
    """A rejected file, with its raw bytes and the reason, in its own transaction; returns its id."""
    with conn.transaction():
        row = conn.execute(
            "INSERT INTO documents (batch_id, path, sha256, byte_size, media_type, raw_bytes, status, error) "
            "VALUES (%s, %s, %s, %s, %s, %s, 'rejected', %s) "
            "ON CONFLICT (sha256) DO UPDATE SET error = EXCLUDED.error RETURNING id",
            (batch_id, path, sha256, byte_size, media_type, data, reason)).fetchone()
    return row[0]


def insert_documents(conn: psycopg.Connection, batch_id: int, run_id: int,
                     docs: Sequence[tuple[str, str, int, str, str, str, bytes | None, dict[str, Any]]]
                     ) -> list[tuple[int | None, bool]]:
    """Store the documents not stored yet (inside the caller's transaction), given as (path,
    sha256, byte size, media type, encoding, raw text, raw bytes when the text cannot give them
    back, meta); per document, its id and whether it is new (a file stored earlier, or twice in
    `docs`, is a duplicate: its earlier id, or None for the second copy). A file rejected before
    is tried again."""
    previous = {sha: (i, status) for sha, i, status in conn.execute(
        "SELECT sha256, id, status FROM documents WHERE sha256 = ANY(%s) FOR UPDATE",
        ([d[1] for d in docs],)).fetchall()}
    retry = [i for i, status in previous.values() if status == "rejected"]
    if retry:  # rejected before (an older importer, a transient error): try again
        conn.execute("DELETE FROM documents WHERE id = ANY(%s)", (retry,))
    out: list[tuple[int | None, bool]] = []
    fresh: list[tuple[int, tuple]] = []
    seen: set[str] = set()
    for k, doc in enumerate(docs):
        prior = previous.get(doc[1])
        if (prior is not None and prior[1] != "rejected") or doc[1] in seen:
            out.append((prior[0] if prior else None, False))
            continue
        seen.add(doc[1])
        out.append((None, True))
        fresh.append((k, doc))
    if fresh:
        ids = next_ids(conn, "documents", len(fresh))
        with conn.cursor() as cur, cur.copy(
                "COPY documents (id, batch_id, path, sha256, byte_size, media_type, encoding, raw_text, raw_bytes, "
                "status, meta, extraction_run_id) FROM STDIN") as copy:
            for doc_id, (k, (path, sha, size, media_type, encoding, text, data, meta)) in zip(ids, fresh, strict=True):
                copy.write_row((doc_id, batch_id, path, sha, size, media_type, encoding, text, data, "imported",
                                Jsonb(meta), run_id))
                out[k] = (doc_id, True)
    return out


def content_originals(conn: psycopg.Connection, hashes: Iterable[str]) -> dict[str, int]:
    """content hash → the original of that content: the oldest article with it, or what that one
    duplicates."""
    return dict(conn.execute(
        "SELECT DISTINCT ON (content_hash) content_hash, coalesce(duplicate_of_id, id) FROM articles "
        "WHERE content_hash = ANY(%s::text[]) ORDER BY content_hash, id", (array_literal(sorted(hashes)),)).fetchall())


def originals_sharing_a_band(conn: psycopg.Connection, banded: list[list[int]]) -> list[tuple[int, list[int]]]:
    """(id, bands) of the stored originals sharing an LSH band with any of `banded` (the band keys
    of several articles), in id order."""
    if not banded:
        return []
    # One GIN probe per article (its 32 keys), in one statement. Not one `&&` with the whole
    # chunk's ~10,000 keys: GIN's scan set-up is quadratic in the number of keys (0.15 s a
    # chunk), and the planner, which cannot estimate an overlap with that many values, reads
    # every row instead (minutes a chunk at 200,000 articles). The probes must be bitmap scans
    # of the GIN index whatever the table's statistics say (on a small or freshly loaded table
    # the planner tries a sequential scan, or the duplicate_of_id index then the overlap on
    # every pair): the settings, for this statement only, and no other condition in the probe
    # leave it no other plan. (An error aborts the transaction, and its SET LOCAL with it.)
    conn.execute("SET LOCAL enable_seqscan = off")
    conn.execute("SET LOCAL enable_indexscan = off")
    ids = [i for (i,) in conn.execute(
        "SELECT DISTINCT c.id FROM (SELECT k, array_agg(band) AS bands "
        "                           FROM unnest(%s::int[], %s::bigint[]) AS u(k, band) GROUP BY k) q "
        "CROSS JOIN LATERAL (SELECT id FROM articles WHERE lsh_bands && q.bands) c",
        (int_array(k for k, bands in enumerate(banded) for _ in bands),
         int_array(b for bands in banded for b in bands)))]
    conn.execute("SET LOCAL enable_seqscan TO DEFAULT")
    conn.execute("SET LOCAL enable_indexscan TO DEFAULT")
    if not ids:
        return []
    return conn.execute("SELECT id, lsh_bands FROM articles WHERE id = ANY(%s::bigint[]) "
                        "AND duplicate_of_id IS NULL ORDER BY id", (int_array(ids),)).fetchall()


def article_texts(conn: psycopg.Connection, ids: Sequence[int],
                  per_query: int = 5000) -> Iterator[tuple[int, str, str | None, str]]:
    """(id, title, lead, body) of these articles, `per_query` at a time."""
    for start in range(0, len(ids), per_query):
        yield from conn.execute("SELECT id, title, lead, body FROM articles WHERE id = ANY(%s::bigint[])",
                                (int_array(ids[start:start + per_query]),))


def ensure_sources(conn: psycopg.Connection, sources: dict[str, tuple[str, str | None]]) -> dict[str, int]:
    """The ids of these sources ({name: (kind, domain or None)}), created if new; a source without
    a domain takes the first one an article gives."""
    if not sources:
        return {}
    ordered = sorted(sources)
    conn.execute("INSERT INTO sources (name, kind, domain) SELECT n, k, d "
                 "FROM unnest(%s::text[], %s::text[], %s::text[]) AS s(n, k, d) ON CONFLICT (name) DO NOTHING",
                 (ordered, [sources[n][0] for n in ordered], [sources[n][1] for n in ordered]))
    known = sorted(n for n in ordered if sources[n][1])
    if known:  # only rows still without a domain are touched (and locked): once per source
        conn.execute("UPDATE sources s SET domain = d.domain FROM unnest(%s::text[], %s::text[]) AS d(name, domain) "
                     "WHERE s.name = d.name AND s.domain IS NULL", (known, [sources[n][1] for n in known]))
    return dict(conn.execute("SELECT name, id FROM sources WHERE name = ANY(%s)", (ordered,)).fetchall())


def copy_articles(conn: psycopg.Connection, rows: Iterable[tuple]) -> None:
    """Articles as tuples in ARTICLE_COLUMNS order (ids drawn with next_ids)."""
    with conn.cursor() as cur, cur.copy(f"COPY articles ({', '.join(ARTICLE_COLUMNS)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def document_ids(conn: psycopg.Connection, batch_name: str | None) -> list[int]:
    """The imported documents, of one batch or all, in id order."""
    where, params = "status = 'imported'", []
    if batch_name is not None:
        where += " AND batch_id = (SELECT id FROM import_batches WHERE name = %s)"
        params.append(batch_name)
    return [r[0] for r in conn.execute(f"SELECT id FROM documents WHERE {where} ORDER BY id", params).fetchall()]


def raw_documents(conn: psycopg.Connection, ids: Sequence[int]) -> list[tuple[int, str, str, dict]]:
    """(id, path, raw text, meta) of these documents, in id order."""
    return conn.execute("SELECT id, path, raw_text, meta FROM documents WHERE id = ANY(%s) ORDER BY id",
                        (list(ids),)).fetchall()


def remove_articles(conn: psycopg.Connection, document_id: int) -> list[int]:
    """Reprocessing: hold the document, wait for the other writers of articles (an importer holding
    the lock may be linking to these), and list its articles; `drop_articles` then deletes them."""
    conn.execute("SELECT id FROM documents WHERE id = %s FOR UPDATE", (document_id,))
    lock_article_writers(conn)
    return [r[0] for r in conn.execute("SELECT id FROM articles WHERE document_id = %s", (document_id,)).fetchall()]


def drop_articles(conn: psycopg.Connection, document_id: int, run_id: int) -> None:
    conn.execute("DELETE FROM articles WHERE document_id = %s", (document_id,))
    conn.execute("UPDATE documents SET extraction_run_id = %s WHERE id = %s", (run_id, document_id))


def band_groups(conn: psycopg.Connection) -> list[list[int]]:
    """The oldest article of each content, grouped by shared LSH band key (only keys held by two
    articles or more), each group in id order: the near-duplicate candidates of a relink."""
    return [ids for (ids,) in conn.execute(
        "WITH firsts AS (SELECT DISTINCT ON (content_hash) id, lsh_bands FROM articles "
        "                WHERE lsh_bands IS NOT NULL ORDER BY content_hash, id) "
        "SELECT array_agg(id ORDER BY id) FROM firsts, unnest(lsh_bands) AS band "
        "GROUP BY band HAVING count(*) > 1").fetchall()]


def relink(conn: psycopg.Connection, near: dict[int, int]) -> None:
    """Point every article at its original: the near-duplicate original of its content's first
    article (`near`: first article → original), else that first article; then drop the events
    whose every report was reprocessed away."""
    conn.execute(
        "WITH near (first_id, original_id) AS (SELECT * FROM unnest(%s::bigint[], %s::bigint[])), "
        "firsts AS (SELECT content_hash, min(id) AS first_id FROM articles GROUP BY content_hash), "
        "target AS (SELECT f.content_hash, coalesce(n.original_id, f.first_id) AS original_id "
        "           FROM firsts f LEFT JOIN near n ON n.first_id = f.first_id) "
        "UPDATE articles a SET duplicate_of_id = NULLIF(t.original_id, a.id) FROM target t "
        "WHERE a.content_hash = t.content_hash "
        "AND a.duplicate_of_id IS DISTINCT FROM NULLIF(t.original_id, a.id)",
        (list(near), list(near.values())))
    conn.execute("DELETE FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)")
