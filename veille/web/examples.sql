-- Everything about Stoltenberg in January 2022, with the sentence behind each mention
SELECT a.published_on, a.title, substr(d.raw_text, m.char_start + 1, 120) AS context
FROM actor_mentions m JOIN actors ac ON ac.id = m.actor_id
JOIN articles a ON a.id = m.article_id JOIN documents d ON d.id = a.document_id
WHERE ac.canonical_name = 'Jens Stoltenberg' AND a.published_on BETWEEN '2022-01-01' AND '2022-01-31'
ORDER BY a.published_on;

-- Every CONSULT between NATO and the United States, with its first evidence sentence
SELECT e.event_date, e.mode, e.location, e.participants, m.sentence
FROM event_overview e JOIN LATERAL (SELECT sentence FROM event_mentions WHERE event_id = e.event_id
                                    ORDER BY id LIMIT 1) m ON true
WHERE e.event_type = 'CONSULT'
  AND e.participants @> ARRAY['NATO', 'United States'] ORDER BY e.event_date NULLS LAST;

-- Every SANCTION whose target is Turkey
SELECT event_date, sources, summary FROM event_overview
WHERE event_type = 'SANCTION' AND 'Turkey' = ANY(targets);

-- Who held which post, and when it was last seen
SELECT ac.canonical_name, r.role, min(r.observed_on) AS first_seen, max(r.observed_on) AS last_seen
FROM actor_roles r JOIN actors ac ON ac.id = r.actor_id
GROUP BY 1, 2 ORDER BY 1, 3 NULLS LAST;
