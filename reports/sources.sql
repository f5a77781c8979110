-- report: sources
-- title: Sources
-- description: Per source: articles, languages, first and last article dates, share of articles with a
--   date, duplicates (articles also found elsewhere).
-- params: (none)

-- name: sources
-- One row per source (articles without a known source grouped as "(unknown source)"), most articles first.
SELECT coalesce(s.name, '(unknown source)') AS source, coalesce(s.kind, '') AS kind, count(*) AS articles,
       string_agg(DISTINCT coalesce(a.language, '?'), ', ' ORDER BY coalesce(a.language, '?')) AS languages,
       min(a.published_on) AS first_date, max(a.published_on) AS last_date,
       round(100.0 * count(a.published_on) / count(*), 1) AS dated_percent,
       count(*) FILTER (WHERE a.duplicate_of_id IS NOT NULL) AS duplicates
FROM articles a LEFT JOIN sources s ON s.id = a.source_id
GROUP BY s.name, s.kind
ORDER BY articles DESC, source;

-- name: totals
-- One row: all articles, dated ones, duplicates, sources.
SELECT count(*) AS articles, count(published_on) AS dated, count(duplicate_of_id) AS duplicates,
       (SELECT count(*) FROM sources) AS sources
FROM articles;
