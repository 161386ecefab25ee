-- Duration percentiles per workflow over runs that finished in the window
-- (wfmon_finished_runs, migration 0006); nearest-rank (percentile_disc).
-- $1 org id or NULL; $2 window in seconds.
SELECT w.id AS workflow_id,
	w.name AS workflow_name,
	o.slug AS org_slug,
	d.count,
	d.p50_ms, d.p90_ms, d.p95_ms, d.p99_ms, d.max_ms
FROM (
	SELECT workflow_id,
		count(*)::bigint AS count,
		percentile_disc(0.50) WITHIN GROUP (ORDER BY duration_ms)::bigint AS p50_ms,
		percentile_disc(0.90) WITHIN GROUP (ORDER BY duration_ms)::bigint AS p90_ms,
		percentile_disc(0.95) WITHIN GROUP (ORDER BY duration_ms)::bigint AS p95_ms,
		percentile_disc(0.99) WITHIN GROUP (ORDER BY duration_ms)::bigint AS p99_ms,
		max(duration_ms)::bigint AS max_ms
	FROM wfmon_finished_runs($1::uuid, $2::double precision)
	WHERE duration_ms IS NOT NULL
	GROUP BY workflow_id
) d
JOIN workflows w ON w.id = d.workflow_id
JOIN organizations o ON o.id = w.organization_id
ORDER BY d.count DESC, w.name
