-- Running runs that are stuck: running longer than $3 times their workflow's
-- p99 over the last day, or with no step progress for $4 seconds.
-- $1 org id or NULL; $2 limit; $3 p99 multiple; $4 no-progress seconds.
WITH running AS (
	SELECT r.id, r.workflow_id, r.organization_id, r.started_at, r.updated_at, r.current_step
	FROM workflow_runs r
	-- One status condition only: a second, redundant one (status IN the active
	-- statuses) made the planner expect a single running run and pick
	-- nested loops that re-sorted the steps once per run.
	WHERE r.status = 'running'
		AND r.started_at IS NOT NULL
		AND ($1::uuid IS NULL OR r.organization_id = $1::uuid)
),
usual AS (
	SELECT workflow_id, percentile_disc(0.99) WITHIN GROUP (ORDER BY duration_ms)::bigint AS p99_ms
	FROM wfmon_finished_runs(NULL, 86400)
	WHERE status = 'completed'
		AND duration_ms IS NOT NULL
		AND workflow_id IN (SELECT workflow_id FROM running)
	GROUP BY workflow_id
),
progress AS (
	SELECT s.run_id, max(greatest(s.updated_at, s.started_at, s.ended_at)) AS last_progress_at
	FROM workflow_run_steps s
	WHERE s.run_id IN (SELECT id FROM running)
	GROUP BY s.run_id
)
SELECT run.id AS run_id,
	w.name AS workflow_name,
	o.slug AS org_slug,
	run.started_at,
	run.current_step,
	(extract(epoch FROM now() - run.started_at) * 1000)::bigint AS running_ms,
	u.p99_ms,
	coalesce(p.last_progress_at, run.started_at) AS last_progress_at,
	CASE
		WHEN u.p99_ms IS NOT NULL AND extract(epoch FROM now() - run.started_at) * 1000 > u.p99_ms * $3::double precision THEN 'over_p99'
		ELSE 'no_progress'
	END AS reason
FROM running run
JOIN workflows w ON w.id = run.workflow_id
JOIN organizations o ON o.id = run.organization_id
LEFT JOIN usual u ON u.workflow_id = run.workflow_id
LEFT JOIN progress p ON p.run_id = run.id
WHERE (u.p99_ms IS NOT NULL AND extract(epoch FROM now() - run.started_at) * 1000 > u.p99_ms * $3::double precision)
	OR coalesce(p.last_progress_at, run.started_at) < now() - make_interval(secs => $4::double precision)
ORDER BY run.started_at
LIMIT $2
