-- Active runs per status with the age of the oldest; served by the partial
-- index on active statuses, so it stays cheap among millions of finished runs.
-- $1 org id or NULL for all orgs.
SELECT s.status,
	count(r.id)::bigint AS count,
	min(r.created_at) AS oldest_created_at,
	(extract(epoch FROM now() - min(r.created_at)) * 1000)::bigint AS oldest_age_ms
FROM unnest(ARRAY['queued', 'running', 'waiting']) WITH ORDINALITY AS s (status, position)
LEFT JOIN workflow_runs r
	ON r.status = s.status
	AND r.status IN ('queued', 'running', 'waiting')
	AND ($1::uuid IS NULL OR r.organization_id = $1::uuid)
GROUP BY s.status, s.position
ORDER BY s.position
