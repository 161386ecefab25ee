-- Rows that break the model's invariants, one row per finding with its count
-- and the newest few ids. They are kept out of every time-window metric
-- (wfmon_finished_runs, migrations 0006 and 0008). Every finding covers the
-- whole table, served by the ended_at index, the partial index on active
-- statuses, the partial indexes of migration 0006 and the list of runs with
-- stray steps that migration 0008's triggers keep. The seventh finding, report weeks naming a run of another org,
-- comes from sql/queries/population.sql, which probes every week anyway.
-- $1 org id or NULL; $2 future tolerance in seconds; $3 how many sample ids per finding.
WITH runs AS (
	SELECT 'ended_in_future' AS finding, r.id, r.created_at
	FROM workflow_runs r
	WHERE r.ended_at > now() + make_interval(secs => $2::double precision)
		AND ($1::uuid IS NULL OR r.organization_id = $1::uuid)
	UNION ALL
	SELECT 'ended_but_not_final', r.id, r.created_at
	FROM workflow_runs r
	WHERE r.status IN ('queued', 'running', 'waiting') AND r.ended_at IS NOT NULL
		AND ($1::uuid IS NULL OR r.organization_id = $1::uuid)
	UNION ALL
	SELECT 'final_without_ended_at', r.id, r.created_at
	FROM workflow_runs r
	WHERE r.status IN ('completed', 'failed', 'cancelled', 'timeout') AND r.ended_at IS NULL
		AND ($1::uuid IS NULL OR r.organization_id = $1::uuid)
	UNION ALL
	SELECT 'running_without_started_at', r.id, r.created_at
	FROM workflow_runs r
	WHERE r.status IN ('queued', 'running', 'waiting') AND r.status = 'running' AND r.started_at IS NULL
		AND ($1::uuid IS NULL OR r.organization_id = $1::uuid)
	UNION ALL
	SELECT 'steps_completed_over_total', r.id, r.created_at
	FROM workflow_runs r
	WHERE r.steps_completed > r.steps_total
		AND ($1::uuid IS NULL OR r.organization_id = $1::uuid)
	UNION ALL
	-- Kept by triggers as steps and runs are written (migration 0008).
	SELECT 'step_outside_run', r.id, r.created_at
	FROM wfmon_runs_with_stray_steps x JOIN workflow_runs r ON r.id = x.run_id
	WHERE ($1::uuid IS NULL OR x.organization_id = $1::uuid)
),
found AS (
	SELECT finding, count(*)::bigint AS count,
		(array_agg(id ORDER BY created_at DESC, id DESC))[1:$3::integer] AS sample_ids
	FROM runs
	GROUP BY finding
)
SELECT f.finding, f.kind AS sample_kind, coalesce(found.count, 0)::bigint AS count,
	coalesce(found.sample_ids, '{}')::text[] AS sample_ids
FROM (VALUES
	(1, 'ended_in_future', 'run'),
	(2, 'ended_but_not_final', 'run'),
	(3, 'final_without_ended_at', 'run'),
	(4, 'running_without_started_at', 'run'),
	(5, 'steps_completed_over_total', 'run'),
	(6, 'step_outside_run', 'run')
) AS f (position, finding, kind)
LEFT JOIN found USING (finding)
ORDER BY f.position
