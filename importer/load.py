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
    triples = list(zip(rows, records, analyses, strict=True))
    actor_of = store_mentions(conn, run_id, [(article_id, r, a.mentions) for article_id, r, a in triples])
    store_events(conn, run_id, [(article_id, a.events) for article_id, _, a in triples], actor_of)
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
        # events whose every report was reprocessed away
        conn.execute("DELETE FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)")


def store_mentions(conn: psycopg.Connection, run_id: int,
                   items: list[tuple[int, ArticleRecord, list[Mention]]]) -> dict[Mention, int]:
    """Resolve mentions to actors (creating the missing ones) and store mentions and roles;
    returns the actor of each mention (for the events)."""
    mentions = [m for _, _, ms in items for m in ms]
    resolved: dict[Mention, int] = {}
    if not mentions:
        return resolved
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
            resolved[m] = actor_id
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
    return resolved


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


MODE_RANK = {"done": 0, "planned": 1, "threatened": 2, "hypothetical": 2, "denied": 3}
PRECISION_RANK = {"day": 0, "month": 1, "year": 2, None: 3}


def store_events(conn: psycopg.Connection, run_id: int, items: list[tuple[int, list]],
                 actor_of: dict[Mention, int]) -> None:
    """Store event candidates, merging each into an existing event when it is the same event:
    same type, same actors in the same roles, compatible dates (equal; or one within the other's
    month or year; or, when a date is missing, reported by the same article or the only event with
    that signature), and not one denied
    and the other affirmed. The merged event keeps the most precise date and most factual mode."""
    from veille.importer.events import event_signature

    extra = [m for _, evs in items for ev in evs for m in (*ev.sources, *ev.targets, *ev.participants)
             if m not in actor_of]
    if extra:
        actor_of = {**actor_of, **{m: i for m in extra if (i := resolve_actors(conn, extra).get(m.key))}}
    for article_id, evs in items:
        for ev in evs:
            roles = {"source": [actor_of[m] for m in ev.sources if m in actor_of],
                     "target": [actor_of[m] for m in ev.targets if m in actor_of],
                     "participant": [actor_of[m] for m in ev.participants if m in actor_of]}
            if not any(roles.values()):
                continue
            signature = event_signature(ev.event_type, roles)
            conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 1))", (signature,))
            event_id = _matching_event(conn, ev, signature, article_id)
            location = actor_of.get(ev.location) if ev.location is not None else None
            if event_id is None:
                event_id = conn.execute(
                    "INSERT INTO events (event_type, mode, event_date, date_precision, date_text, location_actor_id, "
                    "summary, confidence, signature, extraction_run_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) "
                    "RETURNING id", (ev.event_type, ev.mode, ev.event_date, ev.date_precision, ev.date_text, location,
                                     ev.summary, ev.confidence, signature, run_id)).fetchone()[0]
                with conn.cursor() as cur:
                    cur.executemany("INSERT INTO event_actors (event_id, actor_id, role) VALUES (%s, %s, %s) "
                                    "ON CONFLICT DO NOTHING",
                                    [(event_id, a, role) for role, ids in roles.items() for a in sorted(set(ids))])
            else:
                conn.execute(
                    "UPDATE events SET "
                    "event_date = CASE WHEN %(rank)s < array_position(ARRAY['day','month','year'], date_precision) "
                    "  OR event_date IS NULL THEN coalesce(%(date)s, event_date) ELSE event_date END, "
                    "date_text = CASE WHEN event_date IS NULL AND %(date)s IS NOT NULL THEN %(text)s ELSE date_text END, "
                    "date_precision = CASE WHEN %(rank)s < array_position(ARRAY['day','month','year'], date_precision) "
                    "  OR event_date IS NULL THEN coalesce(%(precision)s, date_precision) ELSE date_precision END, "
                    "mode = CASE WHEN %(mode_rank)s < (CASE mode WHEN 'done' THEN 0 WHEN 'planned' THEN 1 "
                    "  WHEN 'denied' THEN 3 ELSE 2 END) THEN %(mode)s ELSE mode END, "
                    "location_actor_id = coalesce(location_actor_id, %(location)s), "
                    "confidence = greatest(confidence, %(confidence)s) WHERE id = %(id)s",
                    {"rank": PRECISION_RANK[ev.date_precision] + 1, "date": ev.event_date, "text": ev.date_text,
                     "precision": ev.date_precision, "mode_rank": MODE_RANK[ev.mode], "mode": ev.mode,
                     "location": location, "confidence": ev.confidence, "id": event_id})
            conn.execute("INSERT INTO event_mentions (event_id, article_id, char_start, char_end, sentence, trigger, "
                         "extraction_run_id) VALUES (%s, %s, %s, %s, %s, %s, %s)",
                         (event_id, article_id, ev.start, ev.end, ev.sentence, ev.trigger, run_id))


def _matching_event(conn: psycopg.Connection, ev, signature: str, article_id: int) -> int | None:
    rows = conn.execute(
        "SELECT e.id, e.event_date, e.date_precision, e.mode, "
        "EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id AND m.article_id = %s) "
        "FROM events e WHERE e.event_type = %s AND e.signature = %s ORDER BY e.id",
        (article_id, ev.event_type, signature)).fetchall()
    undated = []
    for event_id, date, precision, mode, same_article in rows:
        if (mode == "denied") != (ev.mode == "denied"):
            continue
        if date is None or ev.event_date is None:
            if same_article:
                return event_id
            undated.append(event_id)
            continue
        if date == ev.event_date or _within(ev.event_date, date, precision) or \
                _within(date, ev.event_date, ev.date_precision):
            return event_id
    # an undated report joins the one event it can be, never one of several
    return undated[0] if len(undated) == 1 and len(rows) == 1 else None


def _within(day, container, precision: str | None) -> bool:
    if precision == "month":
        return (day.year, day.month) == (container.year, container.month)
    if precision == "year":
        return day.year == container.year
    return False
