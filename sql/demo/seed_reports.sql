-- Report data (seed 004): one weekly collection per demo workflow and $1
-- report weeks created over the 30 days before $2 (now). Each day has its own
-- population rate (the share of weeks whose execution_id was written back),
-- between 35% and 95%, with one bad day at 10%; an execution_id points at a
-- finished run of the same org, and about 1% of them at no run at all
-- (orphans). The first rows are placed on purpose: three orphans and three
-- without an execution_id, so even a small seed shows both.
WITH collections AS (
	INSERT INTO report_data_collections (organization_id, workflow_id, name, status, created_at, updated_at)
	SELECT w.organization_id, w.id, w.name || ' weekly report', 'active', $2::timestamptz - interval '45 days', $2::timestamptz - interval '1 day'
	FROM workflows w
	WHERE w.metadata ? 'demo' AND w.deleted_at IS NULL
	RETURNING id, organization_id, workflow_id
),
picks AS (
	SELECT array_agg(c.id ORDER BY c.id) AS ids, array_agg(c.organization_id ORDER BY c.id) AS orgs
	FROM collections c
),
days AS (
	SELECT d, CASE WHEN d = 11 THEN 0.10 ELSE 0.35 + 0.6 * random() END AS rate
	FROM generate_series(0, 30) AS d
),
candidates AS (
	SELECT r.id, r.organization_id, row_number() OVER (PARTITION BY r.organization_id ORDER BY r.id) AS n
	FROM workflow_runs r
	WHERE r.ended_at IS NOT NULL AND r.ended_at <= $2::timestamptz
),
totals AS (
	SELECT c.organization_id, max(c.n) AS total FROM candidates c GROUP BY c.organization_id
),
raw AS MATERIALIZED (
	SELECT g.i, 1 + floor(random() * cardinality(p.ids))::integer AS pick,
		$2::timestamptz - interval '30 days' * random() AS created_at,
		random() AS u_fill, random() AS u_orphan, random() AS u_run, random() AS u_status
	FROM generate_series(1, $1::integer) AS g (i)
	CROSS JOIN picks p
	WHERE cardinality(p.ids) > 0
),
drawn AS (
	SELECT r.*, p.ids[r.pick] AS collection_id, p.orgs[r.pick] AS organization_id,
		1 + floor(r.u_run * t.total)::integer AS run_n
	FROM raw r
	CROSS JOIN picks p
	LEFT JOIN totals t ON t.organization_id = p.orgs[r.pick]
),
weeks AS (
	INSERT INTO report_data_weeks (
		collection_id, organization_id, week_start_date, week_end_date, status, execution_id, data, error_message, created_at, updated_at
	)
	SELECT d.collection_id, d.organization_id, k.week_start, k.week_start + 6,
		CASE
			WHEN k.execution_id IS NOT NULL THEN 'completed'
			WHEN d.u_status < 0.5 THEN 'pending'
			WHEN d.u_status < 0.85 THEN 'collecting'
			ELSE 'failed'
		END,
		k.execution_id,
		CASE WHEN k.execution_id IS NOT NULL THEN jsonb_build_object('rows', floor(d.u_run * 5000)::integer, 'source', 'workflow_runs') END,
		CASE WHEN k.execution_id IS NULL AND d.u_status >= 0.85 THEN 'execution id was never written back' END,
		d.created_at, d.created_at
	FROM drawn d
	LEFT JOIN candidates c ON c.organization_id = d.organization_id AND c.n = d.run_n
	JOIN days y ON y.d = floor(extract(epoch FROM $2::timestamptz - d.created_at) / 86400)::integer
	CROSS JOIN LATERAL (
		SELECT (date_trunc('week', d.created_at) - interval '7 days')::date AS week_start,
			CASE
				WHEN d.i <= 3 THEN gen_random_uuid()
				WHEN d.i <= 6 THEN NULL
				WHEN d.u_fill >= y.rate THEN NULL
				WHEN d.u_orphan < 0.01 THEN gen_random_uuid()
				ELSE c.id
			END AS execution_id
	) k
	RETURNING execution_id
)
SELECT (SELECT count(*) FROM collections)::integer AS collections,
	count(*)::integer AS weeks,
	count(execution_id)::integer AS with_execution_id,
	count(*) FILTER (WHERE execution_id IS NOT NULL AND NOT EXISTS (
		SELECT 1 FROM workflow_runs r WHERE r.id = execution_id
	))::integer AS orphans
FROM weeks
