-- Simulator: finish running and waiting runs whose planned duration (as in
-- sim_advance) has passed: timeout when the plan overran the workflow's
-- timeout, else failed, cancelled or completed by the workflow's rates. The
-- current step fails or is cancelled with the run, the rest are skipped; a
-- completed run completes all its steps. Stuck runs are killed as timeouts
-- after 6 hours.
WITH flows AS MATERIALIZED (
	SELECT w.id, w.metadata->'demo' AS demo,
		ln((w.metadata->'demo'->>'median_ms')::float8) AS mu,
		(w.metadata->'demo'->>'sigma')::float8 AS sigma,
		(w.metadata->'demo'->>'timeout_ms')::float8 AS timeout_ms,
		(w.metadata->'demo'->>'failure_rate')::float8 AS failure_rate,
		(w.metadata->'demo'->>'cancel_rate')::float8 AS cancel_rate
	FROM workflows w
	WHERE w.metadata ? 'demo'
),
due AS (
	SELECT r.id, r.context ? 'stuck_reason' AS stuck, x.planned_ms, f.timeout_ms, f.failure_rate, f.cancel_rate, f.demo
	FROM workflow_runs r
	JOIN flows f ON f.id = r.workflow_id
	CROSS JOIN LATERAL (
		SELECT greatest(250, exp(f.mu + f.sigma
			* sqrt(-2 * ln(((hashtext(right(r.id::text, 12)) & 2147483647) + 1)::float8 / 2147483648))
			* cos(2 * pi() * (hashtext(reverse(right(r.id::text, 12))) & 2147483647)::float8 / 2147483648))) AS planned_ms
		OFFSET 0
	) x
	WHERE r.status IN ('running', 'waiting')
		AND r.started_at IS NOT NULL
		AND CASE WHEN r.context ? 'stuck_reason' THEN r.started_at < now() - interval '6 hours'
			ELSE r.started_at <= now() - make_interval(secs => least(x.planned_ms, f.timeout_ms) / 1000) END
	FOR UPDATE OF r SKIP LOCKED
),
decided AS (
	SELECT d.*, random() AS u_error,
		CASE
			WHEN d.stuck OR d.planned_ms > d.timeout_ms THEN 'timeout'
			WHEN u.u < d.failure_rate THEN 'failed'
			WHEN u.u < d.failure_rate + d.cancel_rate THEN 'cancelled'
			ELSE 'completed'
		END AS outcome
	FROM due d
	CROSS JOIN LATERAL (SELECT random() AS u OFFSET 0) u
),
finished AS (
	UPDATE workflow_runs r
	SET status = d.outcome,
		-- When wfmon was not running, due runs end when their plan said, not
		-- all at once now: durations stay true to each workflow's shape.
		ended_at = CASE WHEN d.stuck THEN now()
			ELSE least(now(), r.started_at + make_interval(secs => least(d.planned_ms, d.timeout_ms) / 1000)) END,
		steps_completed = CASE WHEN d.outcome = 'completed' THEN r.steps_total ELSE r.steps_completed END,
		current_step = CASE WHEN d.outcome = 'completed' THEN NULL ELSE r.current_step END,
		error_message = CASE d.outcome
			WHEN 'failed' THEN d.demo->'errors'->>floor(d.u_error * d.u_error * jsonb_array_length(d.demo->'errors'))::integer
			WHEN 'timeout' THEN CASE WHEN d.stuck THEN 'killed by the watchdog: no progress for 6 hours'
				ELSE 'workflow exceeded its timeout of ' || round(d.timeout_ms / 1000) || ' s' END
			WHEN 'cancelled' THEN 'cancelled by user'
		END,
		error_details = CASE WHEN d.outcome IN ('failed', 'timeout') THEN
			jsonb_build_object('node', r.current_step, 'retryable', d.outcome = 'timeout' OR d.u_error < 0.5) END,
		result = CASE WHEN d.outcome = 'completed' THEN jsonb_build_object('ok', true, 'records', floor(d.u_error * 500)::integer) END,
		llm_tokens_used = CASE WHEN r.llm_model IS NOT NULL THEN 200 + floor(d.u_error * 4000)::integer END
	FROM decided d
	WHERE r.id = d.id
	RETURNING r.id, r.status, r.steps_completed, r.error_message, r.ended_at
),
step_plan AS (
	SELECT s.id, s.node_id, s.started_at IS NULL AS fresh, f.error_message, f.ended_at AS run_ended_at,
		CASE
			WHEN f.status = 'completed' OR s.step_number <= f.steps_completed THEN 'completed'
			WHEN s.step_number = f.steps_completed + 1 THEN CASE WHEN f.status = 'cancelled' THEN 'cancelled' ELSE 'failed' END
			ELSE 'skipped'
		END AS next_status
	FROM finished f
	JOIN workflow_run_steps s ON s.run_id = f.id
	WHERE s.status IN ('pending', 'running', 'waiting')
),
closed_steps AS (
	UPDATE workflow_run_steps s
	SET status = p.next_status,
		-- Within the run: a run that ended when its plan said (before now) has its steps end then too,
		-- or each of them would be a step timed outside its run (a data-quality finding).
		started_at = CASE WHEN p.next_status <> 'skipped' THEN least(coalesce(s.started_at, now()), p.run_ended_at) END,
		ended_at = CASE WHEN p.next_status <> 'skipped' THEN least(now(), p.run_ended_at) END,
		error_message = CASE WHEN p.next_status = 'failed' THEN p.error_message END,
		events = s.events || CASE WHEN p.next_status = 'skipped' THEN '[]' ELSE
			CASE WHEN p.fresh THEN jsonb_build_array(jsonb_build_object('type', 'step.started', 'timestamp', x.at,
				'data', jsonb_build_object('node', p.node_id, 'attempt', 1))) ELSE '[]' END
			|| jsonb_build_array(jsonb_build_object('type', 'step.' || p.next_status, 'timestamp', x.at,
				'data', CASE p.next_status
					WHEN 'failed' THEN jsonb_build_object('error', p.error_message)
					WHEN 'cancelled' THEN jsonb_build_object('by', 'user')
					ELSE jsonb_build_object('duration_ms', round(extract(epoch FROM now() - coalesce(s.started_at, now())) * 1000))
				END))
		END
	FROM step_plan p
	CROSS JOIN LATERAL (SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at) x
	WHERE s.id = p.id
	RETURNING 1
)
SELECT count(*)::integer AS finished,
	count(*) FILTER (WHERE status IN ('failed', 'timeout'))::integer AS failed,
	(SELECT count(*) FROM closed_steps)::integer AS steps
FROM finished
