"""Full-text search over articles (PostgreSQL text search, French and English, accents ignored)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from veille.schema.database import Database
from veille.schema.readonly import read

# Each article's vector was built with its own language's configuration; the query is parsed
# with both, and an article matches (and is ranked) with the one of its language. The OR of
# the two @@ tests can use the GIN index on articles.search.
#
# Ranking reads every candidate's vector, so for a word found in a fifth of a million articles
# it costs seconds. News search ranks recent matches: the candidates are the `window` most
# recent matching articles (dated ones newest first by the date index, then undated ones if
# the dated ones do not fill the window),
# and the best ranked of those are returned. A frequent word then costs a short walk down the
# date index; a rare word has fewer matches than the window, so every match is ranked. A
# window of 0 ranks every match. The queries are written out in each condition (not in a
# CTE) so the planner sees them and estimates how frequent the words are: that is what
# makes it choose the date index for a frequent word and the text index for a rare one.
FR, EN = "websearch_to_tsquery('veille_fr', :q)", "websearch_to_tsquery('veille_en', :q)"
MATCHES = f"(a.search @@ {FR} OR a.search @@ {EN}) AND a.duplicate_of_id IS NULL " \
          "AND (CAST(:lang AS text) IS NULL OR a.language = :lang)"
QUERY_OF = f"CASE WHEN a.language = 'en' THEN {EN} ELSE {FR} END"
SEARCH_SQL = f"""
WITH dated AS (
  SELECT a.id, a.published_on FROM articles a
  WHERE {MATCHES} AND a.published_on IS NOT NULL
    AND (CAST(:date_from AS date) IS NULL OR a.published_on >= :date_from)
    AND (CAST(:date_to AS date) IS NULL OR a.published_on <= :date_to)
  ORDER BY a.published_on DESC, a.id DESC LIMIT :window
), undated AS (  -- read only when the dated matches do not fill the window
  SELECT a.id, a.published_on FROM articles a
  WHERE {MATCHES} AND a.published_on IS NULL AND CAST(:date_from AS date) IS NULL AND CAST(:date_to AS date) IS NULL
    AND (CAST(:window AS integer) IS NULL OR (SELECT count(*) FROM dated) < :window)
  ORDER BY a.id DESC LIMIT :window
), candidates AS (SELECT * FROM dated UNION ALL SELECT * FROM undated)
SELECT a.id AS article_id, a.title, a.published_on, coalesce(s.name, '') AS source, a.language,
       round(ts_rank_cd(a.search, {QUERY_OF})::numeric, 4) AS rank,
       ts_headline(CASE WHEN a.language = 'en' THEN 'veille_en' ELSE 'veille_fr' END::regconfig,
                   concat_ws(' ', a.title, a.lead, a.body), {QUERY_OF},
                   'StartSel=<<, StopSel=>>, MaxWords=28, MinWords=12, MaxFragments=1') AS snippet
FROM (SELECT id FROM candidates ORDER BY published_on DESC NULLS LAST, id DESC LIMIT :window) c
JOIN articles a ON a.id = c.id LEFT JOIN sources s ON s.id = a.source_id
ORDER BY rank DESC, a.published_on DESC NULLS LAST, a.id
LIMIT :limit
"""

WINDOW = 1000


@dataclass
class Hit:
    article_id: int
    title: str
    published_on: dt.date | None
    source: str
    language: str | None
    rank: float
    snippet: str


def search(db: Database, query: str, *, lang: str | None = None, date_from: dt.date | None = None,
           date_to: dt.date | None = None, limit: int = 20, window: int = WINDOW) -> list[Hit]:
    """The `limit` best ranked among the `window` most recent matches (0: among all matches)."""
    rows = read(db, SEARCH_SQL, {"q": query, "lang": lang, "date_from": date_from, "date_to": date_to,
                                 "limit": limit, "window": window or None}).rows
    return [Hit(*r[:5], float(r[5]), " ".join(r[6].split())) for r in rows]
