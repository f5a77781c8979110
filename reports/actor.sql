-- report: actor
-- title: Actor dossier
-- description: Everything about one actor: kind, aliases, roles held over time, mentions per month,
--   co-mentioned actors, events as source and as target, latest articles.
-- params: actor_id (integer: the actor, resolved from --actor NAME through names and aliases)

-- name: profile
-- One row: the actor and its totals.
SELECT ac.id, ac.canonical_name, ac.kind, ac.country_code, ac.description, ac.key,
       c.mentions, c.articles, c.first_seen, c.last_seen
FROM actors ac JOIN actor_mention_counts c ON c.actor_id = ac.id
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
-- One row per month with mentions (by article date), oldest first.
SELECT date_trunc('month', a.published_on)::date AS month, count(*) AS mentions,
       count(DISTINCT a.id) AS articles
FROM actor_mentions m JOIN articles a ON a.id = m.article_id
WHERE m.actor_id = :actor_id AND a.published_on IS NOT NULL
GROUP BY 1 ORDER BY 1;

-- name: co_mentioned
-- One row per other actor mentioned in the same articles, the 15 sharing the most articles.
SELECT o.canonical_name AS actor, o.kind, count(DISTINCT m2.article_id) AS articles
FROM actor_mentions m1
JOIN actor_mentions m2 ON m2.article_id = m1.article_id AND m2.actor_id <> m1.actor_id
JOIN actors o ON o.id = m2.actor_id
WHERE m1.actor_id = :actor_id
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
-- One row per article mentioning the actor, the 15 most recent (undated last).
SELECT a.id AS article_id, a.title, a.published_on, coalesce(s.name, '') AS source, a.language,
       count(*) AS mentions
FROM actor_mentions m JOIN articles a ON a.id = m.article_id LEFT JOIN sources s ON s.id = a.source_id
WHERE m.actor_id = :actor_id AND a.duplicate_of_id IS NULL
GROUP BY a.id, a.title, a.published_on, s.name, a.language
ORDER BY a.published_on DESC NULLS LAST, a.id DESC LIMIT 15;
