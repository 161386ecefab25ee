-- Bulk-seed $1 runs and their steps in one statement, relative to $2 (now).
-- Runs are spread over the last 7 days with density rising linearly towards
-- now; each run's duration is drawn from its workflow's log-normal, from a
-- hash of the random part of the run id so the simulator derives the same
-- plan later. A run whose planned end lies in the future is still active
-- (queued, running, or waiting when its current node waits for a human or a
-- callback). The first
-- rows are placed on purpose: 1-3 stuck running for hours, then one or two of
-- every status, so even a small seed shows them all. Browser workflows have a
-- burst of navigation failures 27-30 hours ago. Steps of the last day carry
-- detailed events and screenshots; older ones their start and end events.
WITH flows AS MATERIALIZED (
	SELECT w.id, w.organization_id, o.slug AS org_slug, w.version,
		w.metadata->'demo' AS demo,
		ln((w.metadata->'demo'->>'median_ms')::float8) AS mu,
		(w.metadata->'demo'->>'sigma')::float8 AS sigma,
		(w.metadata->'demo'->>'timeout_ms')::float8 AS timeout_ms,
		(w.metadata->'demo'->>'failure_rate')::float8 AS failure_rate,
		(w.metadata->'demo'->>'cancel_rate')::float8 AS cancel_rate,
		(w.metadata->'demo'->>'weight')::integer AS weight,
		coalesce((w.metadata->'demo'->>'incident')::boolean, false) AS incident,
		n.node_ids, n.node_names, n.kinds, n.share_starts, n.share_ends,
		cardinality(n.node_ids) AS steps_total,
		(SELECT array_agg(u.id ORDER BY u.username) FROM users u WHERE u.organization_id = w.organization_id) AS user_ids
	FROM workflows w
	JOIN organizations o ON o.id = w.organization_id
	CROSS JOIN LATERAL (
		SELECT array_agg(x.node->>'id' ORDER BY x.position) AS node_ids,
			array_agg(x.node->>'name' ORDER BY x.position) AS node_names,
			array_agg(x.node->>'type' ORDER BY x.position) AS kinds,
			array_agg((x.running - x.weight) / x.total ORDER BY x.position) AS share_starts,
			array_agg(x.running / x.total ORDER BY x.position) AS share_ends
		FROM (
			SELECT e.node, e.position, (e.node->>'weight')::float8 AS weight,
				sum((e.node->>'weight')::float8) OVER (ORDER BY e.position) AS running,
				sum((e.node->>'weight')::float8) OVER () AS total
			FROM jsonb_array_elements(w.nodes) WITH ORDINALITY AS e (node, position)
		) x
	) n
	WHERE w.metadata ? 'demo' AND w.deleted_at IS NULL AND jsonb_array_length(w.nodes) > 0
),
lottery AS (
	SELECT array_agg(f.id ORDER BY f.id, g) AS ids
	FROM flows f
	CROSS JOIN LATERAL generate_series(1, f.weight) AS g
),
drawn AS MATERIALIZED (
	SELECT g.i, gen_random_uuid()::text AS random_id,
		CASE WHEN g.i IN (6, 7)
			THEN (SELECT f.id FROM flows f WHERE f.kinds && ARRAY['human', 'wait'] ORDER BY f.id LIMIT 1)
			ELSE l.ids[1 + floor(random() * cardinality(l.ids))::integer]
		END AS workflow_id,
		CASE
			WHEN g.i <= 3 THEN 'stuck'
			WHEN g.i <= 5 THEN 'queued'
			WHEN g.i <= 7 THEN 'waiting'
			WHEN g.i <= 10 THEN 'running'
			WHEN g.i = 11 THEN 'failed'
			WHEN g.i = 12 THEN 'cancelled'
			WHEN g.i = 13 THEN 'timeout'
			WHEN g.i = 14 THEN 'completed'
			ELSE 'natural'
		END AS plan,
		-- Rising with i, so runs come out in time order (see final).
		(g.i - 1 + random()) / $1::integer AS u_age, random() AS u_queue, random() AS u_outcome,
		random() AS u_error, random() AS u_step, random() AS u_misc
	FROM generate_series(1, $1::integer) AS g (i)
	CROSS JOIN lottery l
),
-- The CTEs below are fenced with OFFSET 0 so each expression is computed once
-- per run, not once per reference; they pass flows' arrays along by reference,
-- and only scalars are materialized in final.
timed AS (
	SELECT d.*, f.timeout_ms, f.failure_rate, f.cancel_rate, f.incident, f.steps_total,
		f.kinds, f.share_starts, f.share_ends, f.demo,
		greatest(250, exp(f.mu + f.sigma
			* sqrt(-2 * ln(((hashtext(right(d.random_id, 12)) & 2147483647) + 1)::float8 / 2147483648))
			* cos(2 * pi() * (hashtext(reverse(right(d.random_id, 12))) & 2147483647)::float8 / 2147483648))) AS planned_ms,
		coalesce(array_position(f.kinds, 'human'), array_position(f.kinds, 'wait'), 1) AS hold,
		CASE d.plan
			WHEN 'natural' THEN $2::timestamptz - interval '7 days' * (1 - sqrt(d.u_age))
			WHEN 'stuck' THEN $2::timestamptz - make_interval(mins => 80 + 55 * d.i)
			WHEN 'queued' THEN $2::timestamptz - CASE WHEN d.i = 4 THEN interval '3 seconds' ELSE interval '4 minutes' END
		END AS queued_at
	FROM drawn d
	JOIN flows f ON f.id = d.workflow_id
	OFFSET 0
),
placed AS (
	SELECT t.*, s.started_at, coalesce(t.queued_at, s.started_at - interval '1 second') AS created_at
	FROM timed t
	CROSS JOIN LATERAL (
		SELECT CASE t.plan
			WHEN 'natural' THEN t.queued_at + make_interval(secs => 0.3 + 1.5 * -ln(1 - t.u_queue))
			WHEN 'stuck' THEN t.queued_at + interval '2 seconds'
			WHEN 'queued' THEN NULL
			WHEN 'waiting' THEN $2::timestamptz - make_interval(secs => t.planned_ms / 1000
				* (t.share_starts[t.hold] + 0.3 * (t.share_ends[t.hold] - t.share_starts[t.hold])))
			WHEN 'running' THEN $2::timestamptz - make_interval(secs => t.planned_ms / 1000 * 0.05)
			-- Forced finished runs end a few minutes before now.
			ELSE $2::timestamptz - make_interval(secs => greatest(t.planned_ms, t.timeout_ms) / 1000, mins => t.i - 10)
		END AS started_at
	) s
	OFFSET 0
),
fated AS (
	SELECT p.*, x.in_incident,
		CASE
			WHEN p.plan = 'stuck' THEN 'running'
			WHEN p.plan IN ('failed', 'cancelled', 'timeout', 'completed') THEN p.plan
			WHEN p.started_at IS NULL OR p.started_at > $2::timestamptz THEN 'queued'
			WHEN p.started_at + make_interval(secs => least(p.planned_ms, p.timeout_ms) / 1000) > $2::timestamptz THEN 'active'
			WHEN p.planned_ms > p.timeout_ms THEN 'timeout'
			WHEN p.u_outcome < CASE WHEN x.in_incident THEN 0.45 ELSE p.failure_rate END THEN 'failed'
			WHEN p.u_outcome < p.failure_rate + p.cancel_rate THEN 'cancelled'
			ELSE 'completed'
		END AS fate
	FROM placed p
	CROSS JOIN LATERAL (
		SELECT p.incident
			AND p.created_at BETWEEN $2::timestamptz - interval '30 hours' AND $2::timestamptz - interval '27 hours' AS in_incident
	) x
	OFFSET 0
),
counted AS (
	SELECT t.*,
		CASE
			WHEN t.fate = 'completed' THEN t.steps_total
			WHEN t.fate = 'queued' THEN 0
			WHEN t.fate IN ('failed', 'cancelled') THEN floor(t.u_step * t.steps_total)::integer
			WHEN t.fate = 'timeout' THEN least(t.steps_total - 1,
				(SELECT count(*) FROM unnest(t.share_ends) e WHERE e * t.planned_ms <= t.timeout_ms))::integer
			WHEN t.plan = 'stuck' THEN least(1, t.steps_total - 1)
			ELSE least(t.steps_total - 1, (SELECT count(*) FROM unnest(t.share_ends) e
				WHERE e * t.planned_ms <= extract(epoch FROM $2::timestamptz - t.started_at) * 1000))::integer
		END AS done
	FROM fated t
	OFFSET 0
),
final AS MATERIALIZED (
	-- Time-ordered ids (UUIDv7 layout: creation time in ms, then the random
	-- bits): in order of creation, every index on the runs and steps grows at
	-- its right edge instead of at random places, which makes the load fast.
	SELECT (substr(x.ms, 1, 8) || '-' || substr(x.ms, 9, 4) || '-7' || substr(c.random_id, 16))::uuid AS id, c.workflow_id, c.plan, c.u_age, c.u_queue, c.u_error, c.u_step, c.u_misc,
		c.planned_ms, c.timeout_ms, c.created_at, c.started_at, c.done,
		CASE
			WHEN c.fate = 'active' AND c.kinds[c.done + 1] IN ('human', 'wait') THEN 'waiting'
			WHEN c.fate = 'active' THEN 'running'
			ELSE c.fate
		END AS status,
		CASE c.fate
			WHEN 'completed' THEN c.started_at + make_interval(secs => c.planned_ms / 1000)
			WHEN 'timeout' THEN c.started_at + make_interval(secs => c.timeout_ms / 1000)
			WHEN 'failed' THEN c.started_at + make_interval(secs => c.planned_ms / 1000
				* (c.share_starts[c.done + 1] + c.u_misc * (c.share_ends[c.done + 1] - c.share_starts[c.done + 1])))
			WHEN 'cancelled' THEN c.started_at + make_interval(secs => c.planned_ms / 1000
				* (c.share_starts[c.done + 1] + c.u_misc * (c.share_ends[c.done + 1] - c.share_starts[c.done + 1])))
		END AS ended_at,
		CASE WHEN c.u_misc < 0.08 THEN 'manual' ELSE c.demo->>'channel' END AS channel,
		CASE c.fate
			WHEN 'failed' THEN CASE WHEN c.in_incident THEN 'navigation timeout of 30000 ms exceeded'
				ELSE c.demo->'errors'->>floor(c.u_error * c.u_error * jsonb_array_length(c.demo->'errors'))::integer END
			WHEN 'timeout' THEN 'workflow exceeded its timeout of ' || round(c.timeout_ms / 1000) || ' s'
			WHEN 'cancelled' THEN 'cancelled by user'
		END AS error_message
	FROM counted c
	CROSS JOIN LATERAL (SELECT lpad(to_hex((extract(epoch FROM c.created_at) * 1000)::bigint), 12, '0') AS ms) x
),
runs AS (
	INSERT INTO workflow_runs (
		id, organization_id, workflow_id, status, channel, external_id, trigger_data, parameters, result, context,
		config_snapshot, error_message, error_details, started_at, ended_at, current_step, steps_total, steps_completed,
		trace_id, llm_model, llm_tokens_used, tier, tier_reason, created_by, created_at, updated_at, duration_ms
	)
	SELECT r.id, f.organization_id, r.workflow_id, r.status, r.channel,
		CASE WHEN r.channel = 'webhook' THEN 'evt_' || left(md5(r.id::text), 20) END,
		('{"source": "' || r.channel || '"}')::jsonb,
		('{"customer_id": "cus_' || (1000 + floor(r.u_queue * 9000))::integer || '", "dry_run": ' || (r.u_error < 0.05) || '}')::jsonb,
		CASE WHEN r.status = 'completed' THEN ('{"ok": true, "records": ' || floor(r.u_step * 500)::integer || '}')::jsonb END,
		('{"region": "' || (ARRAY['eu-west-1', 'us-east-1', 'ap-southeast-2'])[1 + floor(r.u_misc * 3)::integer]
			|| '", "customer_id": "cus_' || (1000 + floor(r.u_queue * 9000))::integer || '", "attempt": 1'
			|| CASE WHEN r.plan = 'stuck' THEN ', "stuck_reason": "waiting on a lock held by another run"' ELSE '' END || '}')::jsonb,
		('{"version": ' || f.version || ', "timeout_ms": ' || r.timeout_ms || '}')::jsonb,
		r.error_message,
		CASE WHEN r.status IN ('failed', 'timeout') THEN jsonb_build_object(
			'node', f.node_ids[r.done + 1], 'retryable', r.status = 'timeout' OR r.u_error < 0.5
		) END,
		CASE WHEN r.status <> 'queued' THEN r.started_at END,
		r.ended_at,
		CASE WHEN r.status <> 'completed' THEN f.node_ids[r.done + 1] END,
		f.steps_total, r.done,
		replace(r.id::text, '-', ''),
		f.demo->>'llm_model',
		CASE WHEN f.demo ? 'llm_model' AND r.status <> 'queued' THEN 200 + floor(r.u_step * 4000)::integer END,
		CASE WHEN f.demo ? 'llm_model' THEN 1 + floor(r.u_error * 3)::smallint END,
		CASE WHEN f.demo ? 'llm_model' THEN (ARRAY['default', 'long context', 'priority customer'])[1 + floor(r.u_error * 3)::integer] END,
		CASE WHEN r.channel = 'manual' THEN f.user_ids[1 + floor(r.u_age * cardinality(f.user_ids))::integer] END,
		r.created_at,
		coalesce(r.ended_at, CASE WHEN r.status <> 'queued' THEN r.started_at END, r.created_at),
		-- As the duration trigger computes it (the trigger may be skipped here).
		CASE WHEN r.status <> 'queued' THEN round(extract(epoch FROM r.ended_at - r.started_at) * 1000)::bigint END
	FROM final r
	JOIN flows f ON f.id = r.workflow_id
	RETURNING status
),
steps AS (
	INSERT INTO workflow_run_steps (
		id, run_id, organization_id, node_id, name, step_number, status, retry_count, started_at, ended_at,
		output_data, screenshots, events, error_message, created_at, updated_at, duration_ms
	)
	-- The run's id with the step number in it: in order as well.
	SELECT (left(r.id::text, 24) || lpad(to_hex(k), 2, '0') || substr(r.id::text, 27))::uuid,
		r.id, f.organization_id, f.node_ids[k], f.node_names[k], k, s.status, s.retries, t.started, t.ended,
		CASE WHEN s.status = 'completed' THEN jsonb_build_object('records', floor(r.u_step * 400)::integer) END,
		-- Built as text and parsed once: several times cheaper than nested jsonb_build_object.
		CASE WHEN f.kinds[k] = 'browser' AND t.started IS NOT NULL AND ts.detailed THEN (
			'[{"url": "https://shop.' || f.org_slug || '.example/' || f.node_ids[k]
			|| '", "thumbnail_url": "https://screens.' || f.org_slug || '.example/' || r.id || '/' || k || '-1-thumb.png'
			|| '", "timestamp": "' || ts.s_at || '", "action": "navigate", "selector": null}'
			|| CASE WHEN t.ended IS NOT NULL THEN
				', {"url": "https://shop.' || f.org_slug || '.example/' || f.node_ids[k]
				|| '", "thumbnail_url": "https://screens.' || f.org_slug || '.example/' || r.id || '/' || k || '-2-thumb.png'
				|| '", "timestamp": "' || ts.m_at || '", "action": "click", "selector": "button[data-test=\"' || f.node_ids[k] || '\"]"}'
			ELSE '' END
			|| ']')::jsonb
			ELSE '[]'
		END,
		CASE WHEN t.started IS NULL THEN '[]'::jsonb ELSE (
			'[{"type": "step.started", "timestamp": "' || ts.s_at || '", "data": {"node": "' || f.node_ids[k] || '", "attempt": 1}}'
			|| CASE WHEN NOT ts.detailed THEN '' ELSE CASE WHEN s.retries > 0 THEN ', {"type": "step.retry", "timestamp": "' || ts.m_at
				|| '", "data": {"attempt": 2, "reason": "upstream returned HTTP 503 Service Unavailable"}}' ELSE '' END
			|| CASE f.kinds[k]
				WHEN 'http' THEN ', {"type": "http.request", "timestamp": "' || ts.m_at || '", "data": {"method": "POST", "url": "https://api.'
					|| f.org_slug || '.example/v1/' || f.node_ids[k] || '", "status": ' || CASE WHEN s.status = 'failed' THEN '503' ELSE '200' END || '}}'
				WHEN 'browser' THEN ', {"type": "browser.navigate", "timestamp": "' || ts.s_at || '", "data": {"url": "https://shop.'
					|| f.org_slug || '.example/' || f.node_ids[k] || '"}}, {"type": "browser.click", "timestamp": "' || ts.m_at
					|| '", "data": {"selector": "button[data-test=\"' || f.node_ids[k] || '\"]"}}'
				WHEN 'llm' THEN ', {"type": "llm.completion", "timestamp": "' || ts.m_at || '", "data": {"model": "' || (f.demo->>'llm_model')
					|| '", "prompt_tokens": ' || (150 + floor(r.u_step * 3000)::integer) || ', "completion_tokens": ' || (50 + floor(r.u_queue * 800)::integer) || '}}'
				WHEN 'db' THEN ', {"type": "db.query", "timestamp": "' || ts.m_at || '", "data": {"statement": "' || f.node_ids[k]
					|| '", "rows": ' || floor(r.u_step * 400)::integer || '}}'
				WHEN 'human' THEN ', {"type": "approval.requested", "timestamp": "' || ts.s_at || '", "data": {"approver": "alice", "channel": "email"}}'
				WHEN 'wait' THEN ', {"type": "callback.awaited", "timestamp": "' || ts.s_at || '", "data": {"timeout_s": 3600}}'
				WHEN 'notify' THEN ', {"type": "notification.sent", "timestamp": "' || ts.m_at || '", "data": {"channel": "#ops"}}'
				ELSE ', {"type": "log", "timestamp": "' || ts.m_at || '", "data": {"level": "info", "message": "processed '
					|| floor(r.u_step * 400)::integer || ' records"}}'
			END END
			|| CASE s.status
				WHEN 'completed' THEN ', {"type": "step.completed", "timestamp": "' || ts.e_at || '", "data": {"duration_ms": '
					|| round(extract(epoch FROM t.ended - t.started) * 1000) || '}}'
				WHEN 'failed' THEN ', {"type": "step.failed", "timestamp": "' || ts.e_at || '", "data": {"error": '
					|| to_json(coalesce(r.error_message, 'failed'))::text || '}}'
				WHEN 'cancelled' THEN ', {"type": "step.cancelled", "timestamp": "' || ts.e_at || '", "data": {"by": "user"}}'
				ELSE ''
			END
			|| ']')::jsonb
		END,
		CASE WHEN s.status = 'failed' THEN r.error_message END,
		r.created_at,
		coalesce(t.ended, t.started, r.created_at),
		round(extract(epoch FROM t.ended - t.started) * 1000)::bigint
	FROM final r
	JOIN flows f ON f.id = r.workflow_id
	CROSS JOIN LATERAL generate_series(1, f.steps_total) AS k
	CROSS JOIN LATERAL (
		SELECT CASE
				WHEN r.status = 'queued' THEN 'pending'
				WHEN k <= r.done THEN 'completed'
				WHEN k = r.done + 1 THEN CASE WHEN r.status IN ('running', 'waiting', 'cancelled') THEN r.status ELSE 'failed' END
				WHEN r.status IN ('running', 'waiting') THEN 'pending'
				ELSE 'skipped'
			END AS status,
			CASE WHEN k <= r.done + 1 AND random() < 0.04 THEN 1 ELSE 0 END AS retries
	) s
	CROSS JOIN LATERAL (
		SELECT CASE WHEN s.status NOT IN ('pending', 'skipped')
				THEN r.started_at + make_interval(secs => r.planned_ms / 1000 * f.share_starts[k]) END AS started,
			CASE WHEN s.status IN ('completed', 'failed', 'cancelled')
				THEN least(r.started_at + make_interval(secs => r.planned_ms / 1000 * f.share_ends[k]), r.ended_at) END AS ended
	) t
	CROSS JOIN LATERAL (
		SELECT to_char(t.started AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS s_at,
			CASE WHEN r.created_at > $2::timestamptz - interval '1 day' THEN to_char((t.started
				+ (coalesce(t.ended, $2::timestamptz) - t.started) * 0.4) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END AS m_at,
			to_char(t.ended AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS e_at,
			-- Like many engines, keep the detailed events and the screenshots of
			-- the last day only; older steps keep their start and end events.
			r.created_at > $2::timestamptz - interval '1 day' AS detailed
	) ts
	RETURNING 1
)
SELECT coalesce((SELECT jsonb_object_agg(status, count) FROM (SELECT status, count(*) FROM runs GROUP BY status) s), '{}') AS by_status,
	(SELECT count(*) FROM steps)::bigint AS steps
