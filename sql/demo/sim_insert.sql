-- Simulator: $1 new queued runs of the demo workflows (picked by their
-- traffic weight), each with its steps pending.
WITH flows AS MATERIALIZED (
	SELECT w.id, w.organization_id, w.version, w.metadata->'demo' AS demo, w.nodes,
		(w.metadata->'demo'->>'weight')::integer AS weight
	FROM workflows w
	WHERE w.metadata ? 'demo' AND w.deleted_at IS NULL AND jsonb_array_length(w.nodes) > 0
),
lottery AS (
	SELECT array_agg(f.id ORDER BY f.id, g) AS ids
	FROM flows f
	CROSS JOIN LATERAL generate_series(1, f.weight) AS g
),
drawn AS MATERIALIZED (
	SELECT gen_random_uuid() AS id, l.ids[1 + floor(random() * cardinality(l.ids))::integer] AS workflow_id,
		random() AS u_channel, random() AS u_customer
	FROM generate_series(1, $1::integer) AS g (i)
	CROSS JOIN lottery l
	WHERE cardinality(l.ids) > 0
),
runs AS (
	INSERT INTO workflow_runs (
		id, organization_id, workflow_id, status, channel, trigger_data, parameters, context, config_snapshot,
		steps_total, steps_completed, trace_id, llm_model, tier, created_at, updated_at
	)
	SELECT d.id, f.organization_id, f.id, 'queued', c.channel,
		jsonb_build_object('source', c.channel),
		jsonb_build_object('customer_id', 'cus_' || (1000 + floor(d.u_customer * 9000))::integer, 'dry_run', false),
		jsonb_build_object(
			'region', (ARRAY['eu-west-1', 'us-east-1', 'ap-southeast-2'])[1 + floor(d.u_channel * 3)::integer],
			'customer_id', 'cus_' || (1000 + floor(d.u_customer * 9000))::integer,
			'attempt', 1
		),
		jsonb_build_object('version', f.version, 'timeout_ms', (f.demo->>'timeout_ms')::float8),
		jsonb_array_length(f.nodes), 0, replace(d.id::text, '-', ''), f.demo->>'llm_model',
		CASE WHEN f.demo ? 'llm_model' THEN 1 + floor(d.u_customer * 3)::smallint END,
		now(), now()
	FROM drawn d
	JOIN flows f ON f.id = d.workflow_id
	CROSS JOIN LATERAL (SELECT CASE WHEN d.u_channel < 0.08 THEN 'manual' ELSE f.demo->>'channel' END AS channel) c
	RETURNING id, organization_id, workflow_id
),
steps AS (
	INSERT INTO workflow_run_steps (run_id, organization_id, node_id, name, step_number, status, created_at, updated_at)
	SELECT r.id, r.organization_id, n.node->>'id', n.node->>'name', n.position, 'pending', now(), now()
	FROM runs r
	JOIN flows f ON f.id = r.workflow_id
	CROSS JOIN LATERAL jsonb_array_elements(f.nodes) WITH ORDINALITY AS n (node, position)
	RETURNING 1
)
SELECT (SELECT count(*) FROM runs)::integer AS inserted
