-- Simulator: move running and waiting runs along their plan. A run's planned
-- duration comes from a hash of its id and its workflow's log-normal (as in
-- the seed); its steps complete as their share of that duration passes. The
-- run waits while its current node waits for a human or a callback. Running
-- steps that do not change get a progress event now and then (browser steps a
-- screenshot too). Stuck runs make no progress. Runs that are due to finish
-- are left to sim_finish.
WITH flows AS MATERIALIZED (
	SELECT w.id, o.slug AS org_slug,
		ln((w.metadata->'demo'->>'median_ms')::float8) AS mu,
		(w.metadata->'demo'->>'sigma')::float8 AS sigma,
		(w.metadata->'demo'->>'timeout_ms')::float8 AS timeout_ms,
		n.node_ids, n.kinds, n.share_ends
	FROM workflows w
	JOIN organizations o ON o.id = w.organization_id
	CROSS JOIN LATERAL (
		SELECT array_agg(x.node->>'id' ORDER BY x.position) AS node_ids,
			array_agg(x.node->>'type' ORDER BY x.position) AS kinds,
			array_agg(x.running / x.total ORDER BY x.position) AS share_ends
		FROM (
			SELECT e.node, e.position,
				sum((e.node->>'weight')::float8) OVER (ORDER BY e.position) AS running,
				sum((e.node->>'weight')::float8) OVER () AS total
			FROM jsonb_array_elements(w.nodes) WITH ORDINALITY AS e (node, position)
		) x
	) n
	WHERE w.metadata ? 'demo' AND jsonb_array_length(w.nodes) > 0
),
active AS (
	SELECT r.id, r.steps_total, f.org_slug, f.node_ids, f.kinds, f.share_ends, f.timeout_ms,
		extract(epoch FROM now() - r.started_at) * 1000 AS elapsed_ms,
		greatest(250, exp(f.mu + f.sigma
			* sqrt(-2 * ln(((hashtext(right(r.id::text, 12)) & 2147483647) + 1)::float8 / 2147483648))
			* cos(2 * pi() * (hashtext(reverse(right(r.id::text, 12))) & 2147483647)::float8 / 2147483648))) AS planned_ms
	FROM workflow_runs r
	JOIN flows f ON f.id = r.workflow_id
	WHERE r.status IN ('running', 'waiting')
		AND r.started_at IS NOT NULL
		AND NOT (r.context ? 'stuck_reason')
	FOR UPDATE OF r SKIP LOCKED
),
targets AS (
	SELECT a.*, t.done, a.node_ids[t.done + 1] AS next_node,
		CASE WHEN a.kinds[t.done + 1] IN ('human', 'wait') THEN 'waiting' ELSE 'running' END AS next_status
	FROM active a
	CROSS JOIN LATERAL (
		SELECT least(a.steps_total - 1, (SELECT count(*) FROM unnest(a.share_ends) e WHERE e * a.planned_ms <= a.elapsed_ms))::integer AS done
	) t
	WHERE a.elapsed_ms < least(a.planned_ms, a.timeout_ms)
),
step_plan AS (
	SELECT s.id, t.kinds[s.step_number] AS kind, t.org_slug, s.run_id, s.node_id,
		s.started_at IS NULL AS fresh,
		CASE WHEN s.step_number <= t.done THEN 'completed' ELSE t.next_status END AS next_status,
		s.step_number <= t.done OR s.status = 'pending' OR s.status <> t.next_status AS changes
	FROM targets t
	JOIN workflow_run_steps s ON s.run_id = t.id
	WHERE s.step_number <= t.done + 1
		AND s.status IN ('pending', 'running', 'waiting')
),
moved_runs AS (
	UPDATE workflow_runs r
	SET steps_completed = t.done, current_step = t.next_node, status = t.next_status
	FROM targets t
	WHERE r.id = t.id AND (r.steps_completed <> t.done OR r.status <> t.next_status OR r.current_step IS DISTINCT FROM t.next_node)
	RETURNING r.id
),
moved_steps AS (
	UPDATE workflow_run_steps s
	SET status = p.next_status,
		started_at = coalesce(s.started_at, now()),
		ended_at = CASE WHEN p.next_status = 'completed' THEN now() END,
		events = s.events || CASE
			WHEN p.changes THEN
				CASE WHEN p.fresh THEN jsonb_build_array(jsonb_build_object('type', 'step.started', 'timestamp', x.at,
					'data', jsonb_build_object('node', p.node_id, 'attempt', 1))) ELSE '[]' END
				|| CASE p.next_status
					WHEN 'completed' THEN jsonb_build_array(jsonb_build_object('type', 'step.completed', 'timestamp', x.at,
						'data', jsonb_build_object('duration_ms', round(extract(epoch FROM now() - coalesce(s.started_at, now())) * 1000))))
					WHEN 'waiting' THEN jsonb_build_array(jsonb_build_object('type',
						CASE p.kind WHEN 'human' THEN 'approval.requested' ELSE 'callback.awaited' END, 'timestamp', x.at,
						'data', jsonb_build_object('node', p.node_id)))
					ELSE '[]'
				END
			ELSE jsonb_build_array(jsonb_build_object(
				'type', CASE p.kind WHEN 'http' THEN 'http.request' WHEN 'browser' THEN 'browser.click' WHEN 'llm' THEN 'llm.chunk'
					WHEN 'db' THEN 'db.query' ELSE 'log' END,
				'timestamp', x.at,
				'data', jsonb_build_object('message', 'working on ' || p.node_id,
					'elapsed_ms', round(extract(epoch FROM now() - s.started_at) * 1000))))
		END,
		screenshots = s.screenshots || CASE WHEN p.kind = 'browser' AND p.next_status <> 'completed' THEN jsonb_build_array(jsonb_build_object(
			'url', 'https://shop.' || p.org_slug || '.example/' || p.node_id,
			'thumbnail_url', 'https://screens.' || p.org_slug || '.example/' || p.run_id || '/' || s.step_number || '-'
				|| (jsonb_array_length(s.screenshots) + 1) || '-thumb.png',
			'timestamp', x.at,
			'action', CASE WHEN p.fresh THEN 'navigate' ELSE 'click' END,
			'selector', CASE WHEN p.fresh THEN NULL ELSE 'button[data-test="' || p.node_id || '"]' END
		)) ELSE '[]' END
	FROM step_plan p
	CROSS JOIN LATERAL (SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at) x
	WHERE s.id = p.id AND (p.changes OR random() < 0.3)
	RETURNING 1
)
SELECT (SELECT count(*) FROM moved_runs)::integer AS runs, (SELECT count(*) FROM moved_steps)::integer AS steps
