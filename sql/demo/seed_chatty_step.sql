-- Give one step of the newest finished browser run $1 extra console events,
-- so that streaming a long events array can be tried on demo data. $2 now.
UPDATE workflow_run_steps s
SET events = s.events || (
	SELECT jsonb_agg(jsonb_build_object(
		'type', 'browser.console',
		'timestamp', to_char((s.started_at + (coalesce(s.ended_at, $2::timestamptz) - s.started_at) * (g.n::float8 / $1::integer)) AT TIME ZONE 'UTC',
			'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
		'data', jsonb_build_object('level', CASE WHEN g.n % 50 = 0 THEN 'warning' ELSE 'debug' END, 'message', 'console message ' || g.n)
	) ORDER BY g.n)
	FROM generate_series(1, $1::integer) AS g (n)
)
WHERE s.id = (
	-- The run first (one index walk back from the newest end), then its step:
	-- joining all steps before sorting reads every step of every run.
	SELECT s2.id
	FROM workflow_run_steps s2
	WHERE s2.status = 'completed' AND s2.run_id = (
		SELECT r.id
		FROM workflow_runs r
		JOIN workflows w ON w.id = r.workflow_id
		WHERE r.status = 'completed' AND r.ended_at IS NOT NULL
			AND w.workflow_type = 'browser' AND w.metadata ? 'demo'
		ORDER BY r.ended_at DESC
		LIMIT 1
	)
	ORDER BY s2.step_number
	LIMIT 1
)
RETURNING jsonb_array_length(s.events) AS events
