-- Runs that finished inside the window, per final status.
-- $1 org id or NULL; $2 window in seconds.
SELECT s.status, count(r.id)::bigint AS count
FROM unnest(ARRAY['completed', 'failed', 'cancelled', 'timeout']) WITH ORDINALITY AS s (status, position)
LEFT JOIN workflow_runs r
	ON r.status = s.status
	AND r.ended_at >= now() - make_interval(secs => $2::double precision)
	AND ($1::uuid IS NULL OR r.organization_id = $1::uuid)
GROUP BY s.status, s.position
ORDER BY s.position
