"""The only importer module that talks to PostgreSQL.

Each document is stored in its own transaction: its row and all its articles appear
together or not at all. Idempotency and concurrency rest on the database's uniqueness:
`documents.sha256` (ON CONFLICT DO NOTHING), `sources.name`, and a transaction-level
advisory lock per article content hash, so two importers storing the same article at the
same moment still link the second one to the first (`duplicate_of_id`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.types.json import Jsonb
from sqlalchemy.engine import Engine

from veille.importer import gazetteer
from veille.importer.actors import Mention
from veille.importer.analyze import Analysis
from veille.importer.extract import ArticleRecord, source_kind
from veille.importer.readers import Prepared, Rejected
from veille.importer.text import fold

ARTICLE_COLUMNS = (
    "document_id", "segment_index", "char_start", "char_end", "title", "lead", "body", "captions", "language",
    "published_on", "date_precision", "date_evidence", "source_id", "author", "url", "content_hash",
    "duplicate_of_id", "extraction_run_id",
)  # fmt: skip


@dataclass
class Stored:
    status: str            # imported | duplicate | rejected
    articles: int = 0
    duplicate_articles: int = 0
    document_id: int | None = None


def connect(engine: Engine) -> psycopg.Connection:
    """An autocommit psycopg connection to the engine's database: each `conn.transaction()`
    block is then a real transaction (one per document), and lone statements commit at once."""
    url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(url, autocommit=True)


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


def store_rejected(conn: psycopg.Connection, batch_id: int, doc: Rejected) -> Stored:
    with conn.transaction():
        row = conn.execute(
            "INSERT INTO documents (batch_id, path, sha256, byte_size, media_type, raw_bytes, status, error) "
            "VALUES (%s, %s, %s, %s, %s, %s, 'rejected', %s) "
            "ON CONFLICT (sha256) DO UPDATE SET error = EXCLUDED.error RETURNING id",
            (batch_id, doc.path, doc.sha256, doc.byte_size, doc.media_type, doc.data, doc.reason)).fetchone()
    return Stored("rejected", document_id=row[0])


def store_document(conn: psycopg.Connection, batch_id: int, run_id: int, doc: Prepared,
                   records: list[ArticleRecord], analyses: list[Analysis]) -> Stored:
    """Store one document and its articles atomically; a document already stored is a duplicate."""
    with conn.transaction():
        previous = conn.execute("SELECT id, status FROM documents WHERE sha256 = %s FOR UPDATE",
                                (doc.sha256,)).fetchone()
        if previous is not None and previous[1] != "rejected":
            return Stored("duplicate", document_id=previous[0])
        if previous is not None:  # rejected before (an older importer, a transient error): try again
            conn.execute("DELETE FROM documents WHERE id = %s", (previous[0],))
        row = conn.execute(
            "INSERT INTO documents (batch_id, path, sha256, byte_size, media_type, encoding, raw_text, raw_bytes, "
            "status, meta, extraction_run_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, 'imported', %s, %s) "
            "ON CONFLICT (sha256) DO NOTHING RETURNING id",
            (batch_id, doc.path, doc.sha256, doc.byte_size, doc.media_type, doc.encoding, doc.text,
             doc.data if doc.keep_bytes else None, Jsonb(doc.meta), run_id)).fetchone()
        if row is None:  # another importer stored the same file a moment ago
            return Stored("duplicate")
        document_id = row[0]
        added, dups = insert_articles(conn, document_id, run_id, records, analyses)
    return Stored("imported", added, dups, document_id)


def insert_articles(conn: psycopg.Connection, document_id: int, run_id: int,
                    records: list[ArticleRecord], analyses: list[Analysis]) -> tuple[int, int]:
    """Insert a document's articles and what was extracted from them (inside the caller's
    transaction); returns (articles, duplicates)."""
    if not records:
        return 0, 0
    hashes = sorted({r.content_hash for r in records})
    # Serialise writers of the same content (ordered, so two importers cannot deadlock).
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(h, 0)) FROM unnest(%s::text[]) AS h ORDER BY h",
                 (hashes,))
    originals = dict(conn.execute(
        "SELECT content_hash, min(id) FROM articles WHERE content_hash = ANY(%s) AND duplicate_of_id IS NULL "
        "GROUP BY content_hash", (hashes,)).fetchall())
    source_ids = ensure_sources(conn, {r.source for r in records if r.source})
    rows, dups = [], 0
    with conn.cursor() as cur:
        for r in records:
            original = originals.get(r.content_hash)
            dups += original is not None
            cur.execute(
                f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES ({', '.join(['%s'] * len(ARTICLE_COLUMNS))}) "
                "RETURNING id",
                (document_id, r.segment_index, r.char_start, r.char_end, r.title, r.lead, r.body, r.captions,
                 r.language, r.published_on, r.date_precision, r.date_evidence, source_ids.get(r.source), r.author,
                 r.url, r.content_hash, original, run_id))
            article_id = cur.fetchone()[0]
            if original is None:
                originals[r.content_hash] = article_id  # the same article twice in one document
            rows.append(article_id)
    store_mentions(conn, run_id, [(article_id, r, a.mentions) for article_id, r, a in zip(rows, records, analyses,
                                                                                           strict=True)])
    return len(rows), dups


def ensure_sources(conn: psycopg.Connection, names: set[str]) -> dict[str, int]:
    if not names:
        return {}
    ordered = sorted(names)
    conn.execute("INSERT INTO sources (name, kind) SELECT n, k FROM unnest(%s::text[], %s::text[]) AS s(n, k) "
                 "ON CONFLICT (name) DO NOTHING", (ordered, [source_kind(n) for n in ordered]))
    return dict(conn.execute("SELECT name, id FROM sources WHERE name = ANY(%s)", (ordered,)).fetchall())


def replace_articles(conn: psycopg.Connection, document_id: int, run_id: int, records: list[ArticleRecord],
                     analyses: list[Analysis]) -> int:
    """Reprocessing: a document's derived rows are replaced in one transaction; its raw text is untouched."""
    with conn.transaction():
        conn.execute("SELECT id FROM documents WHERE id = %s FOR UPDATE", (document_id,))
        conn.execute("DELETE FROM articles WHERE document_id = %s", (document_id,))
        added, _ = insert_articles(conn, document_id, run_id, records, analyses)
        conn.execute("UPDATE documents SET extraction_run_id = %s WHERE id = %s", (run_id, document_id))
    return added


def relink_duplicates(conn: psycopg.Connection) -> None:
    """After reprocessing: every article points at the oldest article with the same content."""
    with conn.transaction():
        conn.execute(
            "UPDATE articles a SET duplicate_of_id = NULLIF(o.first_id, a.id) FROM "
            "(SELECT content_hash, min(id) AS first_id FROM articles GROUP BY content_hash) o "
            "WHERE a.content_hash = o.content_hash "
            "AND a.duplicate_of_id IS DISTINCT FROM NULLIF(o.first_id, a.id)")


def store_mentions(conn: psycopg.Connection, run_id: int,
                   items: list[tuple[int, ArticleRecord, list[Mention]]]) -> None:
    """Resolve mentions to actors (creating the missing ones) and store mentions and roles."""
    mentions = [m for _, _, ms in items for m in ms]
    if not mentions:
        return
    actor_of = resolve_actors(conn, mentions)
    curated = dict(conn.execute(
        "SELECT normalized, actor_id FROM actor_aliases WHERE origin = 'curated' AND normalized = ANY(%s)",
        (sorted({gazetteer.normalize(m.surface) for m in mentions}),)).fetchall())
    blocked = set(conn.execute("SELECT actor_id, normalized FROM actor_alias_blocks WHERE actor_id = ANY(%s)",
                               (sorted(set(actor_of.values())),)).fetchall())
    mention_rows, alias_rows, role_rows = [], set(), []
    for article_id, record, ms in items:
        for m in ms:
            normalized = gazetteer.normalize(m.surface)
            actor_id = curated.get(normalized, actor_of[m.key])
            if (actor_id, normalized) in blocked or not normalized:
                continue
            mention_rows.append((article_id, actor_id, m.start, m.end, m.surface, m.sentence_index, m.role, run_id))
            alias_rows.add((actor_id, m.surface, normalized, record.language, m.origin))
            if m.role and m.kind == "person":
                role_rows.append((actor_id, m.role, article_id, record.published_on, run_id))
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO actor_aliases (actor_id, alias, normalized, language, origin) VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (actor_id, normalized) DO NOTHING", sorted(alias_rows, key=lambda r: (r[0], r[2])))
        with cur.copy("COPY actor_mentions (article_id, actor_id, char_start, char_end, surface, sentence_index, "
                      "role, extraction_run_id) FROM STDIN") as copy:
            for row in mention_rows:
                copy.write_row(row)
        if role_rows:
            with cur.copy("COPY actor_roles (actor_id, role, article_id, observed_on, extraction_run_id) "
                          "FROM STDIN") as copy:
                for row in role_rows:
                    copy.write_row(row)


def resolve_actors(conn: psycopg.Connection, mentions: list[Mention]) -> dict[str, int]:
    """mention key → actors.id: curated redirects, then known keys, then people already known by
    their last name (unique) or a near-identical full name, else a new actor (race-free upsert)."""
    first = {}
    for m in mentions:
        first.setdefault(m.key, m)
    keys = sorted(first)
    found = dict(conn.execute("SELECT from_key, actor_id FROM actor_redirects WHERE from_key = ANY(%s)",
                              (keys,)).fetchall())
    missing = [k for k in keys if k not in found]
    found.update(conn.execute("SELECT key, id FROM actors WHERE key = ANY(%s)", (missing,)).fetchall())
    for key in [k for k in keys if k not in found and first[k].kind == "person"]:
        match = _known_person(conn, first[key])
        if match is not None:
            found[key] = match
    new = [first[k] for k in keys if k not in found]
    if new:
        rows = [(m.key, m.canonical_name, m.kind, m.country_code, _description(m.key)) for m in new]
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO actors (key, canonical_name, kind, country_code, description) "
                            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (key) DO NOTHING", rows)
        created = dict(conn.execute("SELECT key, id FROM actors WHERE key = ANY(%s)",
                                    ([m.key for m in new],)).fetchall())
        found.update(created)
        gazetteer_aliases = [(created[m.key], alias, gazetteer.normalize(alias), None if lang == "*" else lang)
                             for m in new if (e := gazetteer.get(m.key)) is not None for alias, lang in e.aliases
                             if gazetteer.normalize(alias)]
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO actor_aliases (actor_id, alias, normalized, language, origin) "
                            "VALUES (%s, %s, %s, %s, 'gazetteer') ON CONFLICT (actor_id, normalized) DO NOTHING",
                            gazetteer_aliases)
    return found


def _description(key: str) -> str | None:
    entry = gazetteer.get(key)
    return entry.description if entry is not None else None


def _known_person(conn: psycopg.Connection, m: Mention) -> int | None:
    """A person already in the database: the only one with this last name (for a bare surname),
    or one whose full name differs by a letter or two ("Anthony"/"Antony Blinken")."""
    from rapidfuzz import fuzz

    last = fold(m.canonical_name).split()[-1]
    candidates = [(i, n) for i, n in conn.execute(
        "SELECT id, canonical_name FROM actors WHERE kind = 'person' AND canonical_name ILIKE %s",
        (f"%{m.canonical_name.split()[-1][1:]}",)).fetchall() if fold(n).split()[-1] == last]
    if m.key.startswith("surname:"):
        full = [(i, n) for i, n in candidates if len(n.split()) > 1]
        return full[0][0] if len(full) == 1 else None
    close = [i for i, n in candidates if fuzz.ratio(fold(n), fold(m.canonical_name)) >= 90]
    return close[0] if len(close) == 1 else None
