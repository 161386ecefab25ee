-- The most frequent error messages of runs that failed in the window.
-- $1 org id or NULL; $2 window in seconds; $3 limit.
SELECT coalesce(r.error_message, '(no message)') AS error_message,
	count(*)::bigint AS count,
	max(r.ended_at) AS last_seen_at,
	count(DISTINCT r.workflow_id)::bigint AS workflows
FROM workflow_runs r
WHERE r.ended_at >= now() - make_interval(secs => $2::double precision)
	AND r.status IN ('failed', 'timeout')
	AND ($1::uuid IS NULL OR r.organization_id = $1::uuid)
GROUP BY 1
ORDER BY count DESC, error_message
LIMIT $3
