-- report: actor
-- title: Actor dossier
-- description: Everything about one actor: kind, aliases, roles held over time, mentions per month,
--   co-mentioned actors, events as source and as target, latest articles.
-- params: actor_id (integer: the actor, resolved from --actor NAME through names and aliases)

-- name: profile
-- One row: the actor and its totals (over original articles; actor_totals is kept by the import).
SELECT ac.id, ac.canonical_name, ac.kind, ac.country_code, ac.description, ac.key,
       coalesce(t.mentions, 0) AS mentions, coalesce(t.articles, 0) AS articles, t.first_seen, t.last_seen
FROM actors ac LEFT JOIN actor_totals t ON t.actor_id = ac.id
WHERE ac.id = :actor_id;

-- name: aliases
-- One row per surface form of the actor.
SELECT alias, origin, language FROM actor_aliases WHERE actor_id = :actor_id ORDER BY origin, alias;

-- name: roles
-- One row per title seen next to the actor's name, first and last article dates.
SELECT role, min(observed_on) AS first_seen, max(observed_on) AS last_seen, count(*) AS articles
FROM actor_roles WHERE actor_id = :actor_id
GROUP BY role ORDER BY min(observed_on) NULLS LAST, role;

-- name: mentions_per_month
-- One row per month with mentions in original articles (by article date), oldest first.
SELECT date_trunc('month', c.day)::date AS month, sum(c.mentions) AS mentions, sum(c.articles) AS articles
FROM actor_daily_counts c WHERE c.actor_id = :actor_id
GROUP BY 1 ORDER BY 1;

-- name: co_mentioned
-- One row per other actor mentioned in the same original articles, the 15 sharing the most articles,
-- over the actor's 5,000 latest stored articles (all of them for most actors; a bound for the busiest).
WITH mine AS (
  SELECT m.article_id FROM actor_mentions m WHERE m.actor_id = :actor_id
  GROUP BY m.article_id ORDER BY m.article_id DESC LIMIT 5000
)
SELECT o.canonical_name AS actor, o.kind, count(DISTINCT m2.article_id) AS articles
FROM mine JOIN articles a ON a.id = mine.article_id AND a.duplicate_of_id IS NULL
JOIN actor_mentions m2 ON m2.article_id = mine.article_id AND m2.actor_id <> :actor_id
JOIN actors o ON o.id = m2.actor_id
GROUP BY o.canonical_name, o.kind ORDER BY articles DESC, actor LIMIT 15;

-- name: events
-- One row per event the actor took part in, with its role, most recent first.
SELECT e.event_id, ea.role, e.event_type, e.mode, e.event_date, e.sources, e.targets, e.participants,
       e.location, e.mentions, e.summary
FROM event_actors ea JOIN event_overview e ON e.event_id = ea.event_id
WHERE ea.actor_id = :actor_id
ORDER BY e.event_date DESC NULLS LAST, e.event_type, e.event_id
LIMIT 100;

-- name: latest_articles
-- One row per original article mentioning the actor, the 15 most recent (undated last).
-- The dated and the undated are taken apart so each walks an index in order and stops at 15,
-- instead of sorting every article of a frequent actor.
WITH latest AS (
  (SELECT a.id, a.published_on FROM articles a
   WHERE a.published_on IS NOT NULL AND a.duplicate_of_id IS NULL
     AND EXISTS (SELECT 1 FROM actor_mentions m WHERE m.article_id = a.id AND m.actor_id = :actor_id)
   ORDER BY a.published_on DESC, a.id DESC LIMIT 15)
  UNION ALL
  (SELECT a.id, a.published_on FROM articles a
   WHERE a.published_on IS NULL AND a.duplicate_of_id IS NULL
     AND EXISTS (SELECT 1 FROM actor_mentions m WHERE m.article_id = a.id AND m.actor_id = :actor_id)
   ORDER BY a.id DESC LIMIT 15)
)
SELECT a.id AS article_id, a.title, a.published_on, coalesce(s.name, '') AS source, a.language,
       (SELECT count(*) FROM actor_mentions m WHERE m.article_id = a.id AND m.actor_id = :actor_id) AS mentions
FROM latest l JOIN articles a ON a.id = l.id LEFT JOIN sources s ON s.id = a.source_id
ORDER BY a.published_on DESC NULLS LAST, a.id DESC LIMIT 15;
