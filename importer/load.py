"""The only importer module that talks to PostgreSQL.

Each document is stored in its own transaction: its row and all its articles appear
together or not at all. Idempotency and concurrency rest on the database's uniqueness:
`documents.sha256` (ON CONFLICT DO NOTHING), `sources.name`, and one transaction-level
advisory lock shared by every writer of articles (`lock_article_writers`): importers take
turns to store their articles inside their load transaction, so the duplicate lookups of
one see everything the previous one stored: two importers storing the same article, or
near-duplicates of it, at the same moment still link the second one to the first
(`duplicate_of_id`), never both as originals. Article ids are drawn under the lock, so the
links are exactly those of importing the articles one by one in id order, which is what
`relink_duplicates` recomputes. The NLP runs in parallel outside the lock; storing is a few
per cent of an import's time.

An article's duplicate original is the oldest original with the same `content_hash` (exact
copy), else the oldest original whose LSH bands overlap its own and whose text is verified
similar (near-duplicate, importer/neardup.py). `duplicate_of_id` always points at an original.
"""

from __future__ import annotations

import heapq
import itertools
import random
import time
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from veille.importer import gazetteer, neardup
from veille.importer.actors import Mention, batch_keys
from veille.importer.analyze import Analysis
from veille.importer.extract import ArticleRecord, source_kind
from veille.importer.readers import Prepared, Rejected
from veille.importer.text import fold
from veille.schema.store import summaries

ARTICLE_COLUMNS = (
    "document_id", "segment_index", "char_start", "char_end", "title", "lead", "body", "captions", "language",
    "published_on", "date_precision", "date_evidence", "source_id", "author", "url", "content_hash",
    "duplicate_of_id", "extraction_run_id", "lsh_bands",
)  # fmt: skip

# The advisory lock every writer of articles takes in its transaction (two int4 keys, a space
# apart from the single-bigint locks of store_events): 'veil', 'load'.
ARTICLE_WRITERS_LOCK = (0x7665696C, 0x6C6F6164)


def lock_article_writers(conn: psycopg.Connection) -> None:
    """Wait for the other writers of articles (importers, reprocessing, relinking) to commit;
    held until this transaction ends. Take it before locking or changing any article row."""
    conn.execute("SELECT pg_advisory_xact_lock(%s, %s)", ARTICLE_WRITERS_LOCK)


@dataclass
class Stored:
    status: str            # imported | duplicate | rejected
    articles: int = 0
    duplicate_articles: int = 0
    document_id: int | None = None


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


def store_documents(conn: psycopg.Connection, batch_id: int, run_id: int,
                    items: list[tuple[Prepared, list[ArticleRecord], list[Analysis]]]) -> list[Stored]:
    """Store a chunk of documents in one transaction, in bulk (COPY). Each document is whole or
    absent: if another importer stores one of these files at the same moment, the chunk is
    rolled back and redone one document per transaction, where the collision is a duplicate."""
    try:
        return _retrying(conn, lambda: _store_bulk(conn, batch_id, run_id, items))
    except psycopg.errors.UniqueViolation:
        return [store_document(conn, batch_id, run_id, *item) for item in items]


RETRIES = 6


def _retrying(conn: psycopg.Connection, work):
    """Run `work` in a transaction, again after a deadlock or serialization failure (another
    importer held what we needed), with a growing random pause."""
    for attempt in range(RETRIES):
        try:
            with conn.transaction():
                return work()
        except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):
            if attempt == RETRIES - 1:
                raise
            time.sleep(0.05 * 2 ** attempt + random.random() * 0.05)
    raise AssertionError("unreachable")


def store_document(conn: psycopg.Connection, batch_id: int, run_id: int, doc: Prepared,
                   records: list[ArticleRecord], analyses: list[Analysis]) -> Stored:
    """Store one document and its articles atomically; a document already stored is a duplicate."""
    try:
        return _retrying(conn, lambda: _store_bulk(conn, batch_id, run_id, [(doc, records, analyses)])[0])
    except psycopg.errors.UniqueViolation:  # another importer stored the same file a moment ago
        return Stored("duplicate")


def _store_bulk(conn: psycopg.Connection, batch_id: int, run_id: int,
                items: list[tuple[Prepared, list[ArticleRecord], list[Analysis]]]) -> list[Stored]:
    shas = [doc.sha256 for doc, _, _ in items]
    previous = {sha: (i, status) for sha, i, status in conn.execute(
        "SELECT sha256, id, status FROM documents WHERE sha256 = ANY(%s) FOR UPDATE", (shas,)).fetchall()}
    retry = [i for i, status in previous.values() if status == "rejected"]
    if retry:  # rejected before (an older importer, a transient error): try again
        conn.execute("DELETE FROM documents WHERE id = ANY(%s)", (retry,))
    results: list[Stored | None] = []
    fresh: list[tuple[int, tuple]] = []
    seen: set[str] = set()
    for k, (doc, records, analyses) in enumerate(items):
        prior = previous.get(doc.sha256)
        if (prior is not None and prior[1] != "rejected") or doc.sha256 in seen:
            results.append(Stored("duplicate", document_id=prior[0] if prior else None))
            continue
        seen.add(doc.sha256)
        results.append(None)
        fresh.append((k, (doc, records, analyses)))
    if fresh:
        ids = next_ids(conn, "documents", len(fresh))
        with conn.cursor() as cur, cur.copy(
                "COPY documents (id, batch_id, path, sha256, byte_size, media_type, encoding, raw_text, raw_bytes, "
                "status, meta, extraction_run_id) FROM STDIN") as copy:
            for doc_id, (_, (doc, _, _)) in zip(ids, fresh, strict=True):
                copy.write_row((doc_id, batch_id, doc.path, doc.sha256, doc.byte_size, doc.media_type, doc.encoding,
                                doc.text, doc.data if doc.keep_bytes else None, "imported", Jsonb(doc.meta), run_id))
        counts = insert_articles(conn, run_id, [(doc_id, recs, anas) for doc_id, (_, (_, recs, anas))
                                                in zip(ids, fresh, strict=True)])
        for doc_id, (k, _), (added, dups) in zip(ids, fresh, counts, strict=True):
            results[k] = Stored("imported", added, dups, doc_id)
    return results  # type: ignore[return-value]


def array_literal(values: Iterable[int | str | None]) -> str:
    """A PostgreSQL array literal for a `%s::bigint[]` or `%s::text[]` parameter or a COPY field:
    psycopg dumps Python lists element by element in Python code, ten times slower, and a chunk
    sends tens of thousands of band keys, names and keys."""
    return "{" + ",".join(map(_array_item, values)) + "}"


def int_array(values: Iterable[int]) -> str:
    """array_literal for integers only (band keys, ids): three times faster."""
    return "{" + ",".join(map(str, values)) + "}"


def _array_item(v: int | str | None) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, int):
        return str(v)
    return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'


def next_ids(conn: psycopg.Connection, table: str, n: int) -> list[int]:
    """Reserve n identity values (so rows can be COPYed with their ids and referenced at once)."""
    return [r[0] for r in conn.execute(
        f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)", (n,)).fetchall()]


def insert_articles(conn: psycopg.Connection, run_id: int,
                    items: list[tuple[int, list[ArticleRecord], list[Analysis]]]) -> list[tuple[int, int]]:
    """Insert the articles of documents and what was extracted from them (inside the caller's
    transaction); returns (articles, duplicates) per document.

    Each article is linked (`duplicate_of_id`) to the oldest original with the same content
    hash, else to the oldest original among the stored articles and the earlier articles of
    this chunk that share an LSH band with it and whose text is verified similar (one
    statement for the chunk: a GIN probe `lsh_bands && …` per article). The fingerprints come
    with the analyses (computed in the worker processes)."""
    records = [r for _, recs, _ in items for r in recs]
    if not records:
        return [(0, 0) for _ in items]
    prints = [a.fingerprint for _, _, analyses in items for a in analyses]
    lock_article_writers(conn)
    hashes = sorted({r.content_hash for r in records})
    # the original of each content: the oldest article with it, or what that one duplicates
    originals = dict(conn.execute(
        "SELECT DISTINCT ON (content_hash) content_hash, coalesce(duplicate_of_id, id) FROM articles "
        "WHERE content_hash = ANY(%s::text[]) ORDER BY content_hash, id", (array_literal(hashes),)).fetchall())
    near = _NearOriginals(conn, [p for r, p in zip(records, prints, strict=True)
                                 if r.content_hash not in originals and p.bands is not None])
    domains: dict[str, str | None] = {}
    for r in records:
        if r.source:
            domains[r.source] = domains.get(r.source) or domain_of(r.url)
    source_ids = ensure_sources(conn, domains)
    ids = iter(next_ids(conn, "articles", len(records)))
    fingerprints = iter(prints)
    counts, triples = [], []
    with conn.cursor() as cur, cur.copy(f"COPY articles ({', '.join(('id', *ARTICLE_COLUMNS))}) FROM STDIN") as copy:
        for document_id, recs, analyses in items:
            dups = 0
            for r, a in zip(recs, analyses, strict=True):
                article_id, fp = next(ids), next(fingerprints)
                original = originals.get(r.content_hash)
                if original is None:
                    original = near.find(fp)
                    if original is None:
                        near.add(article_id, fp)  # an original: later articles of the chunk may copy it
                    # the same content again in this chunk goes to the same original
                    originals[r.content_hash] = article_id if original is None else original
                dups += original is not None
                copy.write_row((article_id, document_id, r.segment_index, r.char_start, r.char_end, r.title, r.lead,
                                r.body, r.captions, r.language, r.published_on, r.date_precision, r.date_evidence,
                                source_ids.get(r.source), r.author, r.url, r.content_hash, original, run_id,
                                None if fp.bands is None else int_array(fp.bands)))
                triples.append((article_id, r, a))
            counts.append((len(recs), dups))
    actor_of = store_mentions(conn, run_id, [(article_id, r, a.mentions) for article_id, r, a in triples])
    store_events(conn, run_id, [(article_id, a.events) for article_id, _, a in triples], actor_of)
    summaries.apply(conn, [article_id for article_id, _, _ in triples])
    return counts


def domain_of(url: str | None) -> str | None:
    """The web domain of an article's address (`www.` left out), or None."""
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "") if url and "://" in url else ""
    return host.removeprefix("www.") or None


def ensure_sources(conn: psycopg.Connection, names: dict[str, str | None]) -> dict[str, int]:
    """The ids of these sources ({name: domain or None}), created if new; a source without a
    domain takes the first one an article gives."""
    if not names:
        return {}
    ordered = sorted(names)
    conn.execute("INSERT INTO sources (name, kind, domain) SELECT n, k, d "
                 "FROM unnest(%s::text[], %s::text[], %s::text[]) AS s(n, k, d) ON CONFLICT (name) DO NOTHING",
                 (ordered, [source_kind(n) for n in ordered], [names[n] for n in ordered]))
    known = sorted(n for n in ordered if names[n])
    if known:  # only rows still without a domain are touched (and locked): once per source
        conn.execute("UPDATE sources s SET domain = d.domain FROM unnest(%s::text[], %s::text[]) AS d(name, domain) "
                     "WHERE s.name = d.name AND s.domain IS NULL", (known, [names[n] for n in known]))
    return dict(conn.execute("SELECT name, id FROM sources WHERE name = ANY(%s)", (ordered,)).fetchall())


def replace_articles(conn: psycopg.Connection, document_id: int, run_id: int, records: list[ArticleRecord],
                     analyses: list[Analysis]) -> int:
    """Reprocessing: a document's derived rows are replaced in one transaction; its raw text is untouched.
    The new articles go through insert_articles (content hash, LSH bands, duplicate links)."""
    with conn.transaction():
        conn.execute("SELECT id FROM documents WHERE id = %s FOR UPDATE", (document_id,))
        # before deleting articles that an importer holding the lock may be linking to
        lock_article_writers(conn)
        summaries.apply(conn, [r[0] for r in conn.execute("SELECT id FROM articles WHERE document_id = %s",
                                                          (document_id,)).fetchall()], sign=-1)
        conn.execute("DELETE FROM articles WHERE document_id = %s", (document_id,))
        [(added, _)] = insert_articles(conn, run_id, [(document_id, records, analyses)])
        conn.execute("UPDATE documents SET extraction_run_id = %s WHERE id = %s", (run_id, document_id))
    return added


def relink_duplicates(conn: psycopg.Connection) -> None:
    """After reprocessing: every article points at the original it would have been linked to had
    the articles been imported one by one in id order (what insert_articles does): the oldest
    original with the same content, else the oldest verified near-duplicate original.

    Set-based, never all pairs: one query groups the oldest article of each content by shared
    band key (`unnest(lsh_bands)`, only keys held by two articles or more), then the articles
    of those groups are walked in id order, each checked against the earlier originals of its
    groups, oldest first, until one verifies (a group of copies of one story costs one check
    per article)."""
    with conn.transaction():
        lock_article_writers(conn)
        groups = [ids for (ids,) in conn.execute(
            "WITH firsts AS (SELECT DISTINCT ON (content_hash) id, lsh_bands FROM articles "
            "                WHERE lsh_bands IS NOT NULL ORDER BY content_hash, id) "
            "SELECT array_agg(id ORDER BY id) FROM firsts, unnest(lsh_bands) AS band "
            "GROUP BY band HAVING count(*) > 1").fetchall()]
        near = _relink_near(conn, groups)
        conn.execute(
            "WITH near (first_id, original_id) AS (SELECT * FROM unnest(%s::bigint[], %s::bigint[])), "
            "firsts AS (SELECT content_hash, min(id) AS first_id FROM articles GROUP BY content_hash), "
            "target AS (SELECT f.content_hash, coalesce(n.original_id, f.first_id) AS original_id "
            "           FROM firsts f LEFT JOIN near n ON n.first_id = f.first_id) "
            "UPDATE articles a SET duplicate_of_id = NULLIF(t.original_id, a.id) FROM target t "
            "WHERE a.content_hash = t.content_hash "
            "AND a.duplicate_of_id IS DISTINCT FROM NULLIF(t.original_id, a.id)",
            (list(near), list(near.values())))
        # events whose every report was reprocessed away
        conn.execute("DELETE FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)")


# The shingle sets of stored originals, per connection (so per database), least recently used
# first: a story's original is a candidate again in chunk after chunk while its copies keep coming
# (three times out of four on the generated 10,000-article corpus). An article's text never
# changes (reprocessing gives new ids), so an entry stays right; about 13 KB an entry.
_SHINGLE_CACHES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
SHINGLE_CACHE_SIZE = 5000


def _shingle_cache(conn: psycopg.Connection) -> OrderedDict[int, set[int]]:
    cache = _SHINGLE_CACHES.get(conn)
    if cache is None:
        cache = _SHINGLE_CACHES[conn] = OrderedDict()
    return cache


class _NearOriginals:
    """The near-duplicate originals a chunk's articles can be linked to: the stored originals
    sharing a band with any of them (one statement for the chunk), then the chunk's own
    originals as they are added, in id order."""

    def __init__(self, conn: psycopg.Connection, prints: list[neardup.Fingerprint]):
        self.by_band: dict[int, list[int]] = {}
        self.shingles: dict[int, set[int]] = {}
        self.cache = _shingle_cache(conn)
        banded = [p.bands for p in prints if p.bands is not None]
        if not banded:
            return
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
            return
        originals = conn.execute("SELECT id, lsh_bands FROM articles WHERE id = ANY(%s::bigint[]) "
                                 "AND duplicate_of_id IS NULL ORDER BY id", (int_array(ids),)).fetchall()
        self.shingles = {i: self.cache[i] for i, _ in originals if i in self.cache}
        missing = [i for i, _ in originals if i not in self.shingles]
        for article_id, title, lead, body in conn.execute(
                "SELECT id, title, lead, body FROM articles WHERE id = ANY(%s::bigint[])", (int_array(missing),)):
            self.shingles[article_id] = neardup.shingles(neardup.words(title, lead, body))
        for article_id, bands in originals:
            self._remember(article_id, self.shingles[article_id])
            for b in bands:
                self.by_band.setdefault(b, []).append(article_id)

    def _remember(self, article_id: int, shingles: set[int]) -> None:
        """Keep an original's shingles for the next chunks, dropping the least recently used
        beyond SHINGLE_CACHE_SIZE (if this chunk rolls back, its ids never come back)."""
        self.cache[article_id] = shingles
        self.cache.move_to_end(article_id)
        if len(self.cache) > SHINGLE_CACHE_SIZE:
            self.cache.popitem(last=False)

    def find(self, fp: neardup.Fingerprint) -> int | None:
        """The oldest original sharing a band with `fp` whose text is similar enough."""
        if fp.bands is None:
            return None
        candidates = sorted({i for b in fp.bands for i in self.by_band.get(b, ())})
        return next((i for i in candidates if neardup.similar(fp.shingles, self.shingles[i])), None)

    def add(self, article_id: int, fp: neardup.Fingerprint) -> None:
        if fp.bands is None:
            return
        self.shingles[article_id] = fp.shingles
        self._remember(article_id, fp.shingles)
        for b in fp.bands:
            self.by_band.setdefault(b, []).append(article_id)


def _relink_near(conn: psycopg.Connection, groups: list[list[int]]) -> dict[int, int]:
    """article → its near-duplicate original, for the articles of `groups` (ids sharing a band
    key, each sorted) that have one; articles not returned are originals."""
    member_of: dict[int, list[tuple[list[int], int]]] = {}
    for ids in groups:
        for pos, i in enumerate(ids):
            member_of.setdefault(i, []).append((ids, pos))
    shingles = {}
    order = sorted(member_of)
    for start in range(0, len(order), 5000):
        for article_id, title, lead, body in conn.execute(
                "SELECT id, title, lead, body FROM articles WHERE id = ANY(%s)", (order[start:start + 5000],)):
            shingles[article_id] = neardup.shingles(neardup.words(title, lead, body))
    original_of: dict[int, int] = {}
    for i in order:
        earlier = heapq.merge(*(itertools.islice(ids, pos) for ids, pos in member_of[i]))
        for j, _ in itertools.groupby(earlier):
            if j not in original_of and neardup.similar(shingles[i], shingles[j]):
                original_of[i] = j
                break
    return original_of


def store_mentions(conn: psycopg.Connection, run_id: int,
                   items: list[tuple[int, ArticleRecord, list[Mention]]]) -> dict[Mention, int]:
    """Resolve mentions to actors (creating the missing ones) and store mentions and roles;
    returns the actor of each mention (for the events)."""
    mentions = [m for _, _, ms in items for m in ms]
    resolved: dict[Mention, int] = {}
    if not mentions:
        return resolved
    actor_of = resolve_actors(conn, mentions)
    normalized_of = {s: gazetteer.normalize(s) for s in {m.surface for m in mentions}}
    curated = dict(conn.execute(
        "SELECT normalized, actor_id FROM actor_aliases WHERE origin = 'curated' AND normalized = ANY(%s::text[])",
        (array_literal(sorted(set(normalized_of.values()))),)).fetchall())
    blocked = set(conn.execute("SELECT actor_id, normalized FROM actor_alias_blocks WHERE actor_id = ANY(%s)",
                               (sorted(set(actor_of.values())),)).fetchall())
    mention_rows, alias_rows, role_rows = [], set(), []
    for article_id, record, ms in items:
        for m in ms:
            normalized = normalized_of[m.surface]
            actor_id = curated.get(normalized, actor_of[m.key])
            if (actor_id, normalized) in blocked or not normalized:
                continue
            resolved[m] = actor_id
            mention_rows.append((article_id, actor_id, m.start, m.end, m.surface, m.sentence_index, m.role, run_id))
            alias_rows.add((actor_id, m.surface, normalized, record.language, m.origin))
            if m.role and m.kind == "person":
                role_rows.append((actor_id, m.role, article_id, record.published_on, run_id))
    insert_aliases(conn, sorted(alias_rows, key=lambda r: (r[0], r[2])))
    with conn.cursor() as cur:
        with cur.copy("COPY actor_mentions (article_id, actor_id, char_start, char_end, surface, sentence_index, "
                      "role, extraction_run_id) FROM STDIN") as copy:
            for row in mention_rows:
                copy.write_row(row)
        if role_rows:
            with cur.copy("COPY actor_roles (actor_id, role, article_id, observed_on, extraction_run_id) "
                          "FROM STDIN") as copy:
                for row in role_rows:
                    copy.write_row(row)
    return resolved


def resolve_actors(conn: psycopg.Connection, mentions: list[Mention]) -> dict[str, int]:
    """mention key → actors.id: curated redirects, then known keys, then people already known by
    their last name (unique) or a near-identical full name, else a new actor (race-free upsert)."""
    every = sorted({m.key for m in mentions})
    found = dict(conn.execute("SELECT from_key, actor_id FROM actor_redirects WHERE from_key = ANY(%s::text[])",
                              (array_literal(every),)).fetchall())
    # one kind per name across the batch, a lone surname to the batch's full name; curated redirects first
    joins = {k: j for k, j in batch_keys(mentions).items() if k not in found}
    first = {}
    for m in mentions:
        if m.key not in joins:
            first.setdefault(m.key, m)
    keys = sorted(first)
    missing = [k for k in keys if k not in found]
    found.update(conn.execute("SELECT key, id FROM actors WHERE key = ANY(%s::text[])",
                              (array_literal(missing),)).fetchall())
    found.update(_known_people(conn, [first[k] for k in keys if k not in found and first[k].kind == "person"]))
    new = [first[k] for k in keys if k not in found]
    if new:
        rows = sorted((m.key, m.canonical_name, m.kind, m.country_code, _description(m.key)) for m in new)
        conn.execute("INSERT INTO actors (key, canonical_name, kind, country_code, description) "
                     "SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[]) "
                     "ON CONFLICT (key) DO NOTHING", [array_literal(column) for column in zip(*rows, strict=True)])
        created = dict(conn.execute("SELECT key, id FROM actors WHERE key = ANY(%s::text[])",
                                    (array_literal(m.key for m in new),)).fetchall())
        found.update(created)
        insert_aliases(conn, [(created[m.key], alias, gazetteer.normalize(alias), None if lang == "*" else lang,
                               "gazetteer") for m in new if (e := gazetteer.get(m.key)) is not None
                              for alias, lang in e.aliases if gazetteer.normalize(alias)])
    found.update({k: found[j] for k, j in joins.items() if j in found})
    return found


def insert_aliases(conn: psycopg.Connection, rows: list[tuple[int, str, str, str | None, str]]) -> None:
    """(actor_id, alias, normalized, language, origin) rows, in one statement; known ones are kept."""
    if rows:
        conn.execute("INSERT INTO actor_aliases (actor_id, alias, normalized, language, origin) "
                     "SELECT * FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::text[], %s::text[]) "
                     "ON CONFLICT (actor_id, normalized) DO NOTHING", [array_literal(c) for c in zip(*rows, strict=True)])


def _description(key: str) -> str | None:
    entry = gazetteer.get(key)
    return entry.description if entry is not None else None


def _known_people(conn: psycopg.Connection, people: list[Mention]) -> dict[str, int]:
    """mention key → a person already in the database: the only one with this last name (for a
    bare surname), or one whose full name differs by a letter or two ("Anthony"/"Antony Blinken").
    One query for all of them: the known people with one of these last names."""
    from rapidfuzz import fuzz

    if not people:
        return {}
    last = {m.key: fold(m.canonical_name).split()[-1] for m in people}
    namesakes: dict[str, list[tuple[int, str]]] = {}
    for i, name in conn.execute(
            "SELECT id, canonical_name FROM actors WHERE kind = 'person' AND canonical_name ILIKE ANY(%s)",
            (sorted({f"%{m.canonical_name.split()[-1][1:]}" for m in people}),)).fetchall():
        namesakes.setdefault(fold(name).split()[-1], []).append((i, name))
    found = {}
    for m in people:
        candidates = namesakes.get(last[m.key], [])
        if m.key.startswith("surname:"):
            matches = [i for i, n in candidates if len(n.split()) > 1]
        else:
            matches = [i for i, n in candidates if fuzz.ratio(fold(n), fold(m.canonical_name)) >= 90]
        if len(matches) == 1:
            found[m.key] = matches[0]
    return found


MODE_RANK = {"done": 0, "planned": 1, "threatened": 2, "hypothetical": 2, "denied": 3}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}


@dataclass
class _EventState:
    """An event as the merge sees it: stored already (id known) or created by this chunk."""

    id: int | None
    event_date: object
    date_precision: str | None
    date_text: str | None
    mode: str
    location: int | None
    confidence: float
    articles: set[int]
    dirty: bool = False
    candidate: object = None  # the first candidate, for a new event


def store_events(conn: psycopg.Connection, run_id: int, items: list[tuple[int, list]],
                 actor_of: dict[Mention, int]) -> None:
    """Store event candidates, merging each into the event it reports when there is one: same
    type, same actors in the same roles, compatible dates (equal; or one within the other's
    month or year; or, when a date is missing, reported by the same article or the only event
    with that signature), and not one denied and the other affirmed. The merged event keeps
    the most precise date and the most factual mode. Set-based: one lookup for the chunk."""
    from veille.importer.events import event_signature

    extra = [m for _, evs in items for ev in evs for m in (*ev.sources, *ev.targets, *ev.participants)
             if m not in actor_of]
    if extra:
        by_key = resolve_actors(conn, extra)
        actor_of = {**actor_of, **{m: by_key[m.key] for m in extra if m.key in by_key}}
        # generic actors of events ("la police turque" → "Turkey: police"): their surface forms
        # become aliases, so SQL finds them by what the text said
        insert_aliases(conn, sorted({(by_key[m.key], m.surface, n, None, "extracted") for m in extra
                                     if m.key.startswith("group:") and m.key in by_key and m.role != "implied"
                                     and (n := gazetteer.normalize(m.surface))}, key=lambda r: (r[0], r[2])))
    candidates = []
    for article_id, evs in items:
        for ev in evs:
            roles = {"source": [actor_of[m] for m in ev.sources if m in actor_of],
                     "target": [actor_of[m] for m in ev.targets if m in actor_of],
                     "participant": [actor_of[m] for m in ev.participants if m in actor_of]}
            if any(roles.values()):
                location = actor_of.get(ev.location) if ev.location is not None else None
                candidates.append((article_id, ev, roles, event_signature(ev.event_type, roles), location))
    if not candidates:
        return
    signatures = sorted({c[3] for c in candidates})
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(s, 1)) FROM unnest(%s::text[]) AS s ORDER BY s",
                 (array_literal(signatures),))
    # The stored events a candidate can join: those of its signature dated in the same year (dates
    # must be equal or one within the other's month or year), and the event of a signature that
    # has only one (an undated report joins it). Not every event of the signature: a frequent
    # pair of actors has thousands. A stored event's reports are all older articles than this
    # chunk's, so its `articles` (the same-article rule) start empty.
    count = dict(conn.execute("SELECT signature, count(*) FROM events WHERE signature = ANY(%s::text[]) GROUP BY 1",
                              (array_literal(signatures),)).fetchall())
    years = sorted({(sig, ev.event_date.year) for _, ev, _, sig, _ in candidates
                    if ev.event_date is not None and count.get(sig, 0) > 1})
    pool: dict[str, list[_EventState]] = {}
    for row in conn.execute(
            f"SELECT {_EVENT_STATE} FROM events e WHERE e.signature = ANY(%s::text[]) "
            f"UNION SELECT {_EVENT_STATE} FROM unnest(%s::text[], %s::int[]) AS u(signature, year) "
            "JOIN events e ON e.signature = u.signature AND e.event_date >= make_date(u.year, 1, 1) "
            "AND e.event_date < make_date(u.year + 1, 1, 1) ORDER BY 2",
            (array_literal(sig for sig, n in count.items() if n == 1), array_literal(sig for sig, _ in years),
             int_array(year for _, year in years))).fetchall():
        pool.setdefault(row[0], []).append(_EventState(*row[1:7], row[7] or 0, set()))
    mentions = []
    for article_id, ev, roles, signature, location in candidates:
        states = pool.setdefault(signature, [])
        state = _matching(states, ev, article_id, alone=count.get(signature, 0) == 1)
        if state is None:
            state = _EventState(None, ev.event_date, ev.date_precision, ev.date_text, ev.mode, location,
                                ev.confidence, set(), candidate=(ev, roles, signature))
            states.append(state)
            count[signature] = count.get(signature, 0) + 1
        else:
            _merge(state, ev, location)
        state.articles.add(article_id)
        mentions.append((state, article_id, ev))
    new = [st for states in pool.values() for st in states if st.id is None]
    for st, event_id in zip(new, next_ids(conn, "events", len(new)), strict=True):
        st.id = event_id
    with conn.cursor() as cur:
        if new:
            with cur.copy("COPY events (id, event_type, mode, event_date, date_precision, date_text, location_actor_id, "
                          "summary, confidence, signature, extraction_run_id) FROM STDIN") as copy:
                for st in new:
                    ev, _, signature = st.candidate
                    copy.write_row((st.id, ev.event_type, st.mode, st.event_date, st.date_precision, st.date_text,
                                    st.location, ev.summary, st.confidence, signature, run_id))
            with cur.copy("COPY event_actors (event_id, actor_id, role) FROM STDIN") as copy:
                for st in new:
                    for role, ids in st.candidate[1].items():
                        for actor_id in sorted(set(ids)):
                            copy.write_row((st.id, actor_id, role))
        dirty = [st for states in pool.values() for st in states if st.dirty and st.candidate is None]
        if dirty:
            cur.executemany("UPDATE events SET event_date = %s, date_precision = %s, date_text = %s, mode = %s, "
                            "location_actor_id = %s, confidence = %s WHERE id = %s",
                            [(st.event_date, st.date_precision, st.date_text, st.mode, st.location, st.confidence,
                              st.id) for st in dirty])
        with cur.copy("COPY event_mentions (event_id, article_id, char_start, char_end, sentence, trigger, "
                      "extraction_run_id) FROM STDIN") as copy:
            for st, article_id, ev in mentions:
                copy.write_row((st.id, article_id, ev.start, ev.end, ev.sentence, ev.trigger, run_id))


_EVENT_STATE = ("e.signature, e.id, e.event_date, e.date_precision, e.date_text, e.mode, e.location_actor_id, "
                "e.confidence")


def _matching(states: list[_EventState], ev, article_id: int, alone: bool) -> _EventState | None:
    """The event `ev` reports among `states` (its signature's events that it could join), if any;
    `alone`: its signature has exactly one event."""
    undated = []
    for st in states:
        if (st.mode == "denied") != (ev.mode == "denied"):
            continue
        if st.event_date is None or ev.event_date is None:
            if article_id in st.articles:
                return st
            undated.append(st)
            continue
        if st.event_date == ev.event_date or _within(ev.event_date, st.event_date, st.date_precision) or \
                _within(st.event_date, ev.event_date, ev.date_precision):
            return st
    # an undated report joins the one event it can be, never one of several
    return undated[0] if len(undated) == 1 and alone else None


def _merge(st: _EventState, ev, location: int | None) -> None:
    if ev.event_date is not None and (st.event_date is None or
                                      PRECISION_RANK[ev.date_precision] < PRECISION_RANK[st.date_precision]):
        st.event_date, st.date_precision, st.date_text = ev.event_date, ev.date_precision, ev.date_text
        st.dirty = True
    if MODE_RANK[ev.mode] < MODE_RANK[st.mode]:
        st.mode, st.dirty = ev.mode, True
    if st.location is None and location is not None:
        st.location, st.dirty = location, True
    if ev.confidence > st.confidence:
        st.confidence, st.dirty = ev.confidence, True


def _within(day, container, precision: str | None) -> bool:
    if precision == "month":
        return (day.year, day.month) == (container.year, container.month)
    if precision == "year":
        return day.year == container.year
    return False
