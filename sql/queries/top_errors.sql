-- The most frequent error messages of runs that failed in the window
-- (wfmon_finished_runs, migration 0006).
-- $1 org id or NULL; $2 window in seconds; $3 limit.
SELECT coalesce(r.error_message, '(no message)') AS error_message,
	count(*)::bigint AS count,
	max(r.ended_at) AS last_seen_at,
	count(DISTINCT r.workflow_id)::bigint AS workflows
FROM wfmon_finished_runs($1::uuid, $2::double precision) r
WHERE r.status IN ('failed', 'timeout')
GROUP BY 1
ORDER BY count DESC, error_message
LIMIT $3
