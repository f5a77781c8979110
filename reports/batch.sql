-- report: batch
-- title: Import batch
-- description: What one import batch added: documents imported, duplicate and rejected (with reasons),
--   new articles, new actors (first mentioned in this batch), new events (first reported in this batch).
-- params: batch_id (integer: the batch, resolved from --batch NAME; default the last one)

-- name: batch
-- One row: the batch and its counters.
SELECT name, status, started_at, finished_at, files_seen, files_imported, files_duplicate, files_rejected,
       articles_added
FROM import_batches WHERE id = :batch_id;

-- name: documents
-- One row per document stored by the batch (imported or rejected), by path.
SELECT d.path, d.status, d.error, d.encoding, d.byte_size, count(a.id) AS articles
FROM documents d LEFT JOIN articles a ON a.document_id = d.id
WHERE d.batch_id = :batch_id
GROUP BY d.id, d.path, d.status, d.error, d.encoding, d.byte_size
ORDER BY d.status DESC, d.path;

-- name: new_articles
-- One row per article of the batch's documents that is not a duplicate of an earlier one.
SELECT a.id AS article_id, a.title, a.published_on, coalesce(s.name, '') AS source, a.language
FROM articles a JOIN documents d ON d.id = a.document_id LEFT JOIN sources s ON s.id = a.source_id
WHERE d.batch_id = :batch_id AND a.duplicate_of_id IS NULL
ORDER BY d.path, a.segment_index;

-- name: new_actors
-- One row per actor whose first mention (lowest article id) is in this batch.
SELECT ac.canonical_name AS actor, ac.kind, f.articles
FROM (
  SELECT m.actor_id, min(m.article_id) AS first_article, count(DISTINCT m.article_id) AS articles
  FROM actor_mentions m GROUP BY m.actor_id
) f
JOIN actors ac ON ac.id = f.actor_id
JOIN articles a ON a.id = f.first_article JOIN documents d ON d.id = a.document_id
WHERE d.batch_id = :batch_id
ORDER BY f.articles DESC, ac.canonical_name;

-- name: new_events
-- One row per event whose first report is in this batch.
SELECT e.event_id, e.event_type, e.mode, e.event_date, e.sources, e.targets, e.participants, e.location,
       e.summary
FROM event_overview e
JOIN LATERAL (SELECT min(m.article_id) AS first_article FROM event_mentions m WHERE m.event_id = e.event_id) f ON true
JOIN articles a ON a.id = f.first_article JOIN documents d ON d.id = a.document_id
WHERE d.batch_id = :batch_id
ORDER BY e.event_date NULLS LAST, e.event_type, e.event_id;
