-- Simulator: $1 new report weeks for the demo collections. Three in four get
-- the execution_id of a run of their org that finished in the last 10
-- minutes, and 2% of those an id that matches no run (an orphan).
WITH picks AS (
	SELECT array_agg(c.id ORDER BY c.id) AS ids, array_agg(c.organization_id ORDER BY c.id) AS orgs
	FROM report_data_collections c
	JOIN workflows w ON w.id = c.workflow_id
	WHERE w.metadata ? 'demo'
),
raw AS MATERIALIZED (
	SELECT g.i, 1 + floor(random() * cardinality(p.ids))::integer AS pick, random() AS u_fill, random() AS u_orphan
	FROM generate_series(1, $1::integer) AS g (i)
	CROSS JOIN picks p
	WHERE cardinality(p.ids) > 0
),
drawn AS (
	SELECT r.*, p.ids[r.pick] AS collection_id, p.orgs[r.pick] AS organization_id
	FROM raw r
	CROSS JOIN picks p
),
weeks AS (
	INSERT INTO report_data_weeks (collection_id, organization_id, week_start_date, week_end_date, status, execution_id, data, created_at, updated_at)
	SELECT d.collection_id, d.organization_id, k.week_start, k.week_start + 6,
		CASE WHEN k.execution_id IS NULL THEN 'collecting' ELSE 'completed' END,
		k.execution_id,
		CASE WHEN k.execution_id IS NOT NULL THEN jsonb_build_object('rows', floor(d.u_fill * 5000)::integer, 'source', 'workflow_runs') END,
		now(), now()
	FROM drawn d
	CROSS JOIN LATERAL (
		SELECT (date_trunc('week', now()) - interval '7 days')::date AS week_start,
			CASE
				WHEN d.u_fill >= 0.75 THEN NULL
				WHEN d.u_orphan < 0.02 THEN gen_random_uuid()
				ELSE (
					SELECT r.id FROM workflow_runs r
					WHERE r.ended_at >= now() - interval '10 minutes'
						AND r.organization_id = d.organization_id
					ORDER BY r.ended_at DESC
					OFFSET floor(d.u_orphan * 5)::integer
					LIMIT 1
				)
			END AS execution_id
	) k
	RETURNING 1
)
SELECT count(*)::integer AS weeks FROM weeks
