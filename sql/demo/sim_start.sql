-- Simulator: start queued runs once they have waited their queue delay (0.3
-- to 3 s, from a hash of the id): status running, started_at set, first step
-- running with a step.started event. While fewer than $1 runs are stuck, one
-- in 500 starts gets stuck on purpose (it will make no progress and outlive
-- its workflow's usual duration by far).
WITH stuck AS (
	SELECT count(*) AS n
	FROM workflow_runs r
	WHERE r.status = 'running' AND r.status IN ('queued', 'running', 'waiting') AND r.context ? 'stuck_reason'
),
due AS (
	SELECT r.id, random() < 0.002 AND (SELECT n FROM stuck) < $1::integer AS gets_stuck
	FROM workflow_runs r
	WHERE r.status = 'queued' AND r.status IN ('queued', 'running', 'waiting')
		AND r.created_at <= now() - make_interval(secs => 0.3 + 2.7 * (hashtext(r.id::text || 'q') & 1023)::float8 / 1023)
	ORDER BY r.created_at
	LIMIT 1000
	FOR UPDATE OF r SKIP LOCKED
),
started AS (
	UPDATE workflow_runs r
	SET status = 'running', started_at = now(),
		current_step = (SELECT s.node_id FROM workflow_run_steps s WHERE s.run_id = r.id AND s.step_number = 1),
		context = CASE WHEN d.gets_stuck THEN r.context || '{"stuck_reason": "waiting on a lock held by another run"}' ELSE r.context END
	FROM due d
	WHERE r.id = d.id
	RETURNING r.id
),
first_steps AS (
	UPDATE workflow_run_steps s
	SET status = 'running', started_at = now(),
		events = s.events || jsonb_build_array(jsonb_build_object(
			'type', 'step.started',
			'timestamp', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
			'data', jsonb_build_object('node', s.node_id, 'attempt', 1)
		))
	FROM started r
	WHERE s.run_id = r.id AND s.step_number = 1
	RETURNING 1
)
SELECT (SELECT count(*) FROM started)::integer AS started
