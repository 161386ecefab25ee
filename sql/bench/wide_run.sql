-- A run of 400 steps (each with a few events), made for the drill-down
-- benchmark and dropped after it (drop_wide_run.sql): the first screen of the
-- widest runs an engine writes. Returns its id.
WITH workflow AS (
	SELECT id, organization_id FROM workflows ORDER BY id LIMIT 1
),
run AS (
	INSERT INTO workflow_runs (organization_id, workflow_id, status, created_at, started_at, ended_at,
		steps_total, steps_completed, trace_id)
	SELECT organization_id, id, 'completed', now() - interval '2 hours', now() - interval '2 hours',
		now() - interval '1 hour', 400, 400, 'bench-400-steps'
	FROM workflow
	RETURNING id, organization_id
)
INSERT INTO workflow_run_steps (run_id, organization_id, node_id, name, step_number, status, started_at, ended_at, events)
SELECT run.id, run.organization_id, format('node-%s', n), format('Step %s', n), n, 'completed',
	now() - interval '2 hours' + make_interval(secs => n * 9),
	now() - interval '2 hours' + make_interval(secs => n * 9 + 8),
	jsonb_build_array(jsonb_build_object('type', 'start'), jsonb_build_object('type', 'done', 'n', n))
FROM run, generate_series(1, 400) AS n
RETURNING run_id
