"""The web view's reads: every statement goes through the read-only executor of `veille sql`
(`veille.schema.readonly.ReadOnly`: one prepared statement at a time, a READ ONLY transaction
always rolled back, a statement timeout, the reader role); a page's statements share one
transaction, so the page sees one snapshot.

Values are always bound (`:name`); the only SQL text that varies is the choice among fixed
fragments (which filters a page has), so each combination gets its own precise plan. Lists are
paginated by keyset (the last row's sort key, never OFFSET): a page costs the same at the
first row and the millionth.
"""

from __future__ import annotations

import datetime as dt
import decimal
from dataclasses import dataclass, field
from typing import Any

from veille import VeilleError
from veille.reports.search import EN, FR, QUERY_OF, WINDOW
from veille.schema.readonly import ReadOnly

TIMEOUT_S = 20.0
PAGE = 25
# Highlight markers for ts_headline: private-use characters that saved pages do not contain,
# replaced by <mark> after escaping (so a title with "<<" or "<b>" is never taken as markup).
MARK_START, MARK_END = "\ue000", "\ue001"
HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=28, MinWords=12, MaxFragments=1"
MATCH = f"(a.search @@ {FR} OR a.search @@ {EN})"
NEG_INF = "CAST('-infinity' AS date)"


def rows(ro: ReadOnly, sql: str, **params: Any) -> list[dict]:
    return ro.run(sql, params).dicts()


def one(ro: ReadOnly, sql: str, **params: Any) -> dict | None:
    found = rows(ro, sql, **params)
    return found[0] if found else None


def like_pattern(text: str) -> str:
    """`%text%` for ILIKE with the user's own % and _ taken literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# ----------------------------------------------------------------------------- overview

def overview(ro: ReadOnly) -> dict:
    counts = one(ro, """
        SELECT (SELECT count(*) FROM articles WHERE duplicate_of_id IS NULL) AS articles,
               (SELECT count(*) FROM articles WHERE duplicate_of_id IS NOT NULL) AS duplicates,
               (SELECT count(*) FROM documents) AS documents,
               (SELECT count(*) FROM sources) AS sources,
               (SELECT count(*) FROM actors) AS actors,
               (SELECT count(*) FROM events) AS events,
               (SELECT max(published_on) FROM articles WHERE published_on <= current_date) AS latest_day""")
    latest = counts["latest_day"]
    week = None
    top_actors: list[dict] = []
    events: list[dict] = []
    if latest is not None:
        week = {"date_from": latest - dt.timedelta(days=6), "date_to": latest}
        top_actors = rows(ro, """
            SELECT ac.id, ac.canonical_name, ac.kind, sum(c.articles) AS articles, sum(c.mentions) AS mentions
            FROM actor_daily_counts c JOIN actors ac ON ac.id = c.actor_id
            WHERE c.day BETWEEN :date_from AND :date_to
            GROUP BY ac.id, ac.canonical_name, ac.kind
            ORDER BY articles DESC, mentions DESC, ac.canonical_name LIMIT 10""", **week)
        events = event_rows(ro, rows(ro, """
            SELECT e.id FROM events e WHERE e.event_date BETWEEN :date_from AND :date_to
            ORDER BY e.event_date DESC, e.id DESC LIMIT 10""", **week))
    batches = rows(ro, """
        SELECT id, name, started_at, finished_at, status, files_seen, files_imported, files_duplicate,
               files_rejected, articles_added
        FROM import_batches ORDER BY started_at DESC, id DESC LIMIT 5""")
    latest_articles = article_rows(ro, [r["id"] for r in rows(ro, """
        SELECT a.id FROM articles a WHERE a.published_on IS NOT NULL AND a.duplicate_of_id IS NULL
        ORDER BY a.published_on DESC, a.id DESC LIMIT 10""")])
    return {"counts": counts, "week": week, "top_actors": top_actors, "events": events,
            "batches": batches, "latest_articles": latest_articles}


# ----------------------------------------------------------------------------- articles

@dataclass
class ArticleQuery:
    q: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    source: int | None = None
    lang: str | None = None
    actor: int | None = None
    event_type: str | None = None
    batch: int | None = None
    duplicates: bool = False
    sort: str = "date"          # date (newest first), oldest, relevance (with q)
    after: str | None = None    # keyset cursor: the sort key of the previous page's last row
    limit: int = PAGE
    params: dict = field(default_factory=dict)

    def where(self) -> list[str]:
        """The filter fragments (fixed SQL text, values bound), and fills self.params."""
        conds, p = [], self.params
        if not self.duplicates:
            conds.append("a.duplicate_of_id IS NULL")
        if self.q:
            conds.append(MATCH)
            p["q"] = self.q
        if self.date_from:
            conds.append("a.published_on >= :date_from")
            p["date_from"] = self.date_from
        if self.date_to:
            conds.append("a.published_on <= :date_to")
            p["date_to"] = self.date_to
        if self.source is not None:
            conds.append("a.source_id = :source")
            p["source"] = self.source
        if self.lang:
            conds.append("a.language = :lang")
            p["lang"] = self.lang
        if self.actor is not None:
            conds.append("EXISTS (SELECT 1 FROM actor_mentions m WHERE m.article_id = a.id AND m.actor_id = :actor)")
            p["actor"] = self.actor
        if self.event_type:
            conds.append("EXISTS (SELECT 1 FROM event_mentions em JOIN events e ON e.id = em.event_id "
                         "WHERE em.article_id = a.id AND e.event_type = :event_type)")
            p["event_type"] = self.event_type
        if self.batch is not None:
            conds.append("a.document_id IN (SELECT d.id FROM documents d WHERE d.batch_id = :batch)")
            p["batch"] = self.batch
        return conds


def _cursor_parts(after: str, n: int) -> list[str]:
    parts = after.split("~")
    if len(parts) != n:
        raise ValueError("bad cursor")
    return parts


def _date_or_none(value: str) -> dt.date | None:
    return None if value == "none" else dt.date.fromisoformat(value)


def search_articles(ro: ReadOnly, aq: ArticleQuery) -> dict:
    """One page of articles: rows, and the cursor of the next page (None on the last)."""
    if aq.sort == "relevance" and not aq.q:
        aq.sort = "date"
    try:
        if aq.sort == "relevance":
            ids, next_after = _by_relevance(ro, aq)
        else:
            ids, next_after = _by_date(ro, aq)
    except (ValueError, decimal.InvalidOperation):
        raise VeilleError("this page link is not valid any more (bad 'after' cursor): start from the first page") from None
    return {"articles": article_rows(ro, ids, q=aq.q), "next": next_after}


def _by_date(ro: ReadOnly, aq: ArticleQuery) -> tuple[list[int], str | None]:
    desc = aq.sort != "oldest"
    op, order = ("<", "DESC") if desc else (">", "ASC")
    conds = aq.where()
    p = dict(aq.params, n=aq.limit + 1)
    in_undated, c_id = False, None
    if aq.after:
        c_date_s, c_id_s = _cursor_parts(aq.after, 2)
        c_id = int(c_id_s)
        c_date = _date_or_none(c_date_s)
        in_undated = c_date is None
    found: list[tuple[dt.date | None, int]] = []
    if not in_undated:
        extra = ["a.published_on IS NOT NULL"]
        if aq.after:
            extra.append(f"(a.published_on, a.id) {op} (:c_date, :c_id)")
            p.update(c_date=c_date, c_id=c_id)
        found = [(r["published_on"], r["id"]) for r in rows(ro, f"""
            SELECT a.id, a.published_on FROM articles a WHERE {' AND '.join(conds + extra)}
            ORDER BY a.published_on {order}, a.id {order} LIMIT :n""", **p)]
    if len(found) <= aq.limit and not aq.date_from and not aq.date_to:
        # undated articles come after the dated ones, in either order
        extra = ["a.published_on IS NULL"]
        q = dict(aq.params, n=aq.limit + 1 - len(found))
        if in_undated:
            extra.append(f"a.id {op} :c_id")
            q["c_id"] = c_id
        found += [(None, r["id"]) for r in rows(ro, f"""
            SELECT a.id FROM articles a WHERE {' AND '.join(conds + extra)}
            ORDER BY a.id {order} LIMIT :n""", **q)]
    more = len(found) > aq.limit
    found = found[: aq.limit]
    next_after = None
    if more and found:
        day, last = found[-1]
        next_after = f"{day.isoformat() if day else 'none'}~{last}"
    return [i for _, i in found], next_after


def _by_relevance(ro: ReadOnly, aq: ArticleQuery) -> tuple[list[int], str | None]:
    """As `veille search`: the best ranked among the WINDOW most recent matches."""
    conds = aq.where()
    p = dict(aq.params, n=aq.limit + 1, window=WINDOW)
    where = " AND ".join(conds)
    undated = ""
    if not aq.date_from and not aq.date_to:
        undated = f"""UNION ALL (SELECT a.id, a.published_on FROM articles a
            WHERE {where} AND a.published_on IS NULL ORDER BY a.id DESC LIMIT :window)"""
    cursor = ""
    if aq.after:
        c_rank, c_date, c_id = _cursor_parts(aq.after, 3)
        p.update(c_rank=decimal.Decimal(c_rank), c_date=_date_or_none(c_date), c_id=int(c_id))
        cursor = (f"WHERE (r.rank, coalesce(r.published_on, {NEG_INF}), r.id) < (CAST(:c_rank AS numeric), "
                  f"coalesce(CAST(:c_date AS date), {NEG_INF}), :c_id)")
    found = rows(ro, f"""
        WITH candidates AS (
          (SELECT a.id, a.published_on FROM articles a WHERE {where} AND a.published_on IS NOT NULL
           ORDER BY a.published_on DESC, a.id DESC LIMIT :window)
          {undated}
        ), ranked AS (
          SELECT c.id, c.published_on, round(ts_rank_cd(a.search, {QUERY_OF})::numeric, 4) AS rank
          FROM (SELECT * FROM candidates ORDER BY published_on DESC NULLS LAST, id DESC LIMIT :window) c
          JOIN articles a ON a.id = c.id
        )
        SELECT r.id, r.published_on, r.rank FROM ranked r {cursor}
        ORDER BY r.rank DESC, coalesce(r.published_on, {NEG_INF}) DESC, r.id DESC LIMIT :n""", **p)
    more = len(found) > aq.limit
    found = found[: aq.limit]
    next_after = None
    if more and found:
        last = found[-1]
        next_after = f"{last['rank']}~{last['published_on'].isoformat() if last['published_on'] else 'none'}~{last['id']}"
    return [r["id"] for r in found], next_after


def article_rows(ro: ReadOnly, ids: list[int], q: str | None = None) -> list[dict]:
    """Articles for lists, in the order of `ids`, with a snippet (highlighted when searching)."""
    if not ids:
        return []
    snippet = "left(coalesce(nullif(a.lead, ''), a.body, ''), 320)"
    params: dict[str, Any] = {"ids": ids}
    if q:
        snippet = (f"ts_headline(CASE WHEN a.language = 'en' THEN 'veille_en' ELSE 'veille_fr' END::regconfig, "
                   f"concat_ws(' ', a.title, a.lead, a.body), {QUERY_OF}, :headline)")
        params.update(q=q, headline=HEADLINE)
    found = rows(ro, f"""
        SELECT a.id, a.title, a.published_on, a.date_precision, a.language, a.source_id, s.name AS source,
               a.duplicate_of_id, {snippet} AS snippet
        FROM articles a LEFT JOIN sources s ON s.id = a.source_id
        WHERE a.id = ANY(:ids)""", **params)
    by_id = {r["id"]: r for r in found}
    out = []
    for i in ids:
        if i in by_id:
            r = by_id[i]
            r["snippet"] = " ".join((r["snippet"] or "").split())
            out.append(r)
    return out


def article(ro: ReadOnly, article_id: int) -> dict | None:
    a = one(ro, """
        SELECT a.id, a.document_id, a.segment_index, a.char_start, a.char_end, a.title, a.lead, a.body,
               a.language, a.published_on, a.date_precision, a.date_evidence, a.author, a.url,
               a.content_hash, a.duplicate_of_id, a.source_id, s.name AS source, d.path AS document_path,
               b.id AS batch_id, b.name AS batch,
               substr(d.raw_text, a.char_start + 1, a.char_end - a.char_start) AS text
        FROM articles a JOIN documents d ON d.id = a.document_id
        JOIN import_batches b ON b.id = d.batch_id LEFT JOIN sources s ON s.id = a.source_id
        WHERE a.id = :id""", id=article_id)
    if a is None:
        return None
    mentions = rows(ro, """
        SELECT m.id, m.actor_id, m.char_start, m.char_end, m.surface, m.role, ac.canonical_name, ac.kind
        FROM actor_mentions m JOIN actors ac ON ac.id = m.actor_id
        WHERE m.article_id = :id ORDER BY m.char_start, m.char_end DESC, m.id""", id=article_id)
    event_mentions = rows(ro, """
        SELECT em.id, em.event_id, em.char_start, em.char_end, em.sentence, em.trigger, e.event_type, e.mode,
               e.event_date, e.date_precision
        FROM event_mentions em JOIN events e ON e.id = em.event_id
        WHERE em.article_id = :id ORDER BY em.char_start, em.id""", id=article_id)
    copies = rows(ro, """
        SELECT c.id, c.title, c.published_on, s.name AS source, c.content_hash = :hash AS exact, 'copy' AS relation
        FROM articles c LEFT JOIN sources s ON s.id = c.source_id
        WHERE c.duplicate_of_id = :id
        UNION ALL
        SELECT o.id, o.title, o.published_on, s.name, o.content_hash = :hash, 'original'
        FROM articles o LEFT JOIN sources s ON s.id = o.source_id
        WHERE o.id = :original
        ORDER BY relation DESC, published_on NULLS LAST, id""",
                  id=article_id, hash=a["content_hash"], original=a["duplicate_of_id"] or 0)
    actors: dict[int, dict] = {}
    for m in mentions:
        entry = actors.setdefault(m["actor_id"], {"id": m["actor_id"], "canonical_name": m["canonical_name"],
                                                  "kind": m["kind"], "mentions": 0, "first": m["id"]})
        entry["mentions"] += 1
    events: dict[int, dict] = {}
    for em in event_mentions:
        events.setdefault(em["event_id"], {"id": em["event_id"], "event_type": em["event_type"], "mode": em["mode"],
                                           "event_date": em["event_date"], "date_precision": em["date_precision"],
                                           "first": em["id"]})
    return {"article": a, "mentions": mentions, "event_mentions": event_mentions, "copies": copies,
            "actors": sorted(actors.values(), key=lambda x: (-x["mentions"], x["canonical_name"])),
            "events": list(events.values())}


DOCUMENT_CHARS = 2_000_000


def document(ro: ReadOnly, document_id: int) -> dict | None:
    d = one(ro, """
        SELECT d.id, d.path, d.sha256, d.byte_size, d.media_type, d.encoding, d.status, d.error, d.imported_at,
               b.id AS batch_id, b.name AS batch, length(d.raw_text) AS length, left(d.raw_text, :cap) AS raw_text,
               d.raw_bytes IS NOT NULL AS has_bytes
        FROM documents d JOIN import_batches b ON b.id = d.batch_id WHERE d.id = :id""",
            id=document_id, cap=DOCUMENT_CHARS)
    if d is None:
        return None
    arts = rows(ro, """
        SELECT a.id, a.title, a.char_start, a.char_end, a.published_on, a.duplicate_of_id
        FROM articles a WHERE a.document_id = :id ORDER BY a.char_start, a.id""", id=document_id)
    return {"document": d, "articles": arts}


def sources(ro: ReadOnly) -> list[dict]:
    return rows(ro, "SELECT id, name FROM sources ORDER BY name, id")


def batches(ro: ReadOnly) -> list[dict]:
    return rows(ro, "SELECT id, name FROM import_batches ORDER BY started_at DESC, id DESC LIMIT 200")


def languages(ro: ReadOnly) -> list[str]:
    # a loose index scan over the covering date index would be faster, but languages are few:
    # the distinct values of a small sample are enough for a select box, plus any asked for
    found = rows(ro, "SELECT DISTINCT language FROM (SELECT language FROM articles TABLESAMPLE SYSTEM (1) "
                     "UNION ALL SELECT language FROM (SELECT language FROM articles LIMIT 2000) f) s "
                     "WHERE language IS NOT NULL ORDER BY 1")
    return [r["language"] for r in found]


# ----------------------------------------------------------------------------- actors

def actor_by_id(ro: ReadOnly, actor_id: int) -> dict | None:
    return one(ro, "SELECT id, canonical_name FROM actors WHERE id = :id", id=actor_id)


def actor_list(ro: ReadOnly, *, name: str | None, kind: str | None, country: str | None,
               after: str | None, limit: int = 50) -> dict:
    conds, p = ["true"], {"n": limit + 1}
    if name:
        conds.append("(ac.canonical_name ILIKE :pattern OR ac.key = :name OR EXISTS (SELECT 1 FROM actor_aliases al "
                     "WHERE al.actor_id = ac.id AND al.alias ILIKE :pattern))")
        p.update(pattern=like_pattern(name), name=name)
    if kind:
        conds.append("ac.kind = :kind")
        p["kind"] = kind
    if country:
        conds.append("ac.country_code = upper(:country)")
        p["country"] = country
    if after:
        try:
            c_articles, c_id = (int(x) for x in _cursor_parts(after, 2))
        except ValueError:
            raise VeilleError("this page link is not valid any more (bad 'after' cursor): start from the first page") from None
        conds.append("(coalesce(t.articles, 0) < :c_articles OR (coalesce(t.articles, 0) = :c_articles AND ac.id > :c_id))")
        p.update(c_articles=c_articles, c_id=c_id)
    found = rows(ro, f"""
        SELECT ac.id, ac.canonical_name, ac.kind, ac.country_code, coalesce(t.articles, 0) AS articles,
               coalesce(t.mentions, 0) AS mentions, t.first_seen, t.last_seen
        FROM actors ac LEFT JOIN actor_totals t ON t.actor_id = ac.id
        WHERE {' AND '.join(conds)}
        ORDER BY coalesce(t.articles, 0) DESC, ac.id LIMIT :n""", **p)
    more = len(found) > limit
    found = found[:limit]
    return {"actors": found, "next": f"{found[-1]['articles']}~{found[-1]['id']}" if more and found else None}


def actor_kinds() -> list[str]:
    from veille.schema.models import ACTOR_KINDS

    return list(ACTOR_KINDS)


def dossier(ro: ReadOnly, actor_id: int) -> dict | None:
    """The actor report's content (veille report actor), with the ids the pages link to."""
    profile = one(ro, """
        SELECT ac.id, ac.canonical_name, ac.kind, ac.country_code, ac.description, ac.key,
               coalesce(t.mentions, 0) AS mentions, coalesce(t.articles, 0) AS articles, t.first_seen, t.last_seen
        FROM actors ac LEFT JOIN actor_totals t ON t.actor_id = ac.id WHERE ac.id = :id""", id=actor_id)
    if profile is None:
        return None
    aliases = rows(ro, "SELECT alias, origin, language FROM actor_aliases WHERE actor_id = :id ORDER BY origin, alias",
                   id=actor_id)
    roles = rows(ro, """
        SELECT role, min(observed_on) AS first_seen, max(observed_on) AS last_seen, count(*) AS articles
        FROM actor_roles WHERE actor_id = :id GROUP BY role ORDER BY min(observed_on) NULLS LAST, role""", id=actor_id)
    per_month = rows(ro, """
        SELECT date_trunc('month', c.day)::date AS month, sum(c.mentions) AS mentions, sum(c.articles) AS articles
        FROM actor_daily_counts c WHERE c.actor_id = :id GROUP BY 1 ORDER BY 1""", id=actor_id)
    co = rows(ro, """
        WITH mine AS (
          SELECT m.article_id FROM actor_mentions m WHERE m.actor_id = :id
          GROUP BY m.article_id ORDER BY m.article_id DESC LIMIT 5000
        )
        SELECT o.id, o.canonical_name, o.kind, count(DISTINCT m2.article_id) AS articles
        FROM mine JOIN articles a ON a.id = mine.article_id AND a.duplicate_of_id IS NULL
        JOIN actor_mentions m2 ON m2.article_id = mine.article_id AND m2.actor_id <> :id
        JOIN actors o ON o.id = m2.actor_id
        GROUP BY o.id, o.canonical_name, o.kind ORDER BY articles DESC, o.canonical_name, o.id LIMIT 15""", id=actor_id)
    event_ids = rows(ro, """
        SELECT e.id, ea.role FROM event_actors ea JOIN events e ON e.id = ea.event_id
        WHERE ea.actor_id = :id ORDER BY e.event_date DESC NULLS LAST, e.event_type, e.id LIMIT 100""", id=actor_id)
    events = event_rows(ro, event_ids)
    for e, r in zip(events, event_ids, strict=True):
        e["role"] = r["role"]
    latest = rows(ro, """
        (SELECT a.id FROM articles a
         WHERE a.published_on IS NOT NULL AND a.duplicate_of_id IS NULL
           AND EXISTS (SELECT 1 FROM actor_mentions m WHERE m.article_id = a.id AND m.actor_id = :id)
         ORDER BY a.published_on DESC, a.id DESC LIMIT 15)
        UNION ALL
        (SELECT a.id FROM articles a
         WHERE a.published_on IS NULL AND a.duplicate_of_id IS NULL
           AND EXISTS (SELECT 1 FROM actor_mentions m WHERE m.article_id = a.id AND m.actor_id = :id)
         ORDER BY a.id DESC LIMIT 15)""", id=actor_id)
    return {"actor": profile, "aliases": aliases, "roles": roles, "mentions_per_month": per_month,
            "co_mentioned": co, "events": events,
            "latest_articles": article_rows(ro, [r["id"] for r in latest][:15])}


# ----------------------------------------------------------------------------- events

@dataclass
class EventQuery:
    event_type: str | None = None
    mode: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actor: int | None = None
    place: int | None = None
    after: str | None = None
    limit: int = 50
    params: dict = field(default_factory=dict)

    def where(self) -> list[str]:
        conds, p = ["true"], self.params
        if self.event_type:
            conds.append("e.event_type = :event_type")
            p["event_type"] = self.event_type
        if self.mode:
            conds.append("e.mode = :mode")
            p["mode"] = self.mode
        if self.date_from:
            conds.append("e.event_date >= :date_from")
            p["date_from"] = self.date_from
        if self.date_to:
            conds.append("e.event_date <= :date_to")
            p["date_to"] = self.date_to
        if self.actor is not None:
            conds.append("EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND ea.actor_id = :actor)")
            p["actor"] = self.actor
        if self.place is not None:
            conds.append("e.location_actor_id = :place")
            p["place"] = self.place
        return conds


def event_list(ro: ReadOnly, eq: EventQuery) -> dict:
    conds = eq.where()
    p = dict(eq.params, n=eq.limit + 1)
    in_undated, c_id, c_date = False, None, None
    if eq.after:
        try:
            c_date_s, c_id_s = _cursor_parts(eq.after, 2)
            c_id, c_date = int(c_id_s), _date_or_none(c_date_s)
        except ValueError:
            raise VeilleError("this page link is not valid any more (bad 'after' cursor): start from the first page") from None
        in_undated = c_date is None
    found: list[dict] = []
    if not in_undated:
        extra = ["e.event_date IS NOT NULL"]
        if eq.after:
            extra.append("(e.event_date, e.id) < (:c_date, :c_id)")
            p.update(c_date=c_date, c_id=c_id)
        found = rows(ro, f"""SELECT e.id, e.event_date FROM events e WHERE {' AND '.join(conds + extra)}
                             ORDER BY e.event_date DESC, e.id DESC LIMIT :n""", **p)
    if len(found) <= eq.limit and not eq.date_from and not eq.date_to:
        extra = ["e.event_date IS NULL"]
        q = dict(eq.params, n=eq.limit + 1 - len(found))
        if in_undated:
            extra.append("e.id < :c_id")
            q["c_id"] = c_id
        found += rows(ro, f"""SELECT e.id, NULL::date AS event_date FROM events e WHERE {' AND '.join(conds + extra)}
                              ORDER BY e.id DESC LIMIT :n""", **q)
    more = len(found) > eq.limit
    found = found[: eq.limit]
    next_after = None
    if more and found:
        last = found[-1]
        next_after = f"{last['event_date'].isoformat() if last['event_date'] else 'none'}~{last['id']}"
    timeline = rows(ro, f"""
        SELECT date_trunc('month', e.event_date)::date AS month, count(*) AS events
        FROM events e WHERE {' AND '.join(conds)} AND e.event_date IS NOT NULL GROUP BY 1 ORDER BY 1""", **eq.params)
    return {"events": event_rows(ro, found), "next": next_after, "timeline": timeline}


def event_rows(ro: ReadOnly, ids: list[dict]) -> list[dict]:
    """Events (for lists) in the order of `ids` (rows with an `id`), with their actors by role."""
    if not ids:
        return []
    wanted = [r["id"] for r in ids]
    found = {r["id"]: r for r in rows(ro, """
        SELECT e.id, e.event_type, e.mode, e.event_date, e.date_precision, e.summary, e.location_actor_id,
               loc.canonical_name AS location,
               (SELECT count(*) FROM event_mentions em WHERE em.event_id = e.id) AS mentions
        FROM events e LEFT JOIN actors loc ON loc.id = e.location_actor_id WHERE e.id = ANY(:ids)""", ids=wanted)}
    for r in found.values():
        r.update(sources=[], targets=[], participants=[])
    for ea in rows(ro, """
        SELECT ea.event_id, ea.role, ac.id, ac.canonical_name FROM event_actors ea JOIN actors ac ON ac.id = ea.actor_id
        WHERE ea.event_id = ANY(:ids) ORDER BY ac.canonical_name, ac.id""", ids=wanted):
        key = {"source": "sources", "target": "targets"}.get(ea["role"], "participants")
        found[ea["event_id"]][key].append({"id": ea["id"], "canonical_name": ea["canonical_name"]})
    return [found[i] for i in wanted if i in found]


def event(ro: ReadOnly, event_id: int) -> dict | None:
    e = one(ro, """
        SELECT e.id, e.event_type, e.mode, e.event_date, e.date_precision, e.date_text, e.summary, e.confidence,
               e.location_actor_id, loc.canonical_name AS location
        FROM events e LEFT JOIN actors loc ON loc.id = e.location_actor_id WHERE e.id = :id""", id=event_id)
    if e is None:
        return None
    actors = rows(ro, """
        SELECT ea.role, ac.id, ac.canonical_name, ac.kind FROM event_actors ea JOIN actors ac ON ac.id = ea.actor_id
        WHERE ea.event_id = :id ORDER BY CASE ea.role WHEN 'source' THEN 0 WHEN 'target' THEN 1 ELSE 2 END,
                 ac.canonical_name, ac.id""", id=event_id)
    evidence = rows(ro, """
        SELECT em.id, em.article_id, em.sentence, em.trigger, a.title, a.published_on, a.language, s.name AS source
        FROM event_mentions em JOIN articles a ON a.id = em.article_id LEFT JOIN sources s ON s.id = a.source_id
        WHERE em.event_id = :id ORDER BY a.published_on NULLS LAST, em.id LIMIT 200""", id=event_id)
    return {"event": e, "actors": actors, "evidence": evidence}
