-- Seed 004's metric per day: report weeks created, how many carry an
-- execution_id, and how many of those point at no run (orphans).
-- $1 org id or NULL; $2 days back.
WITH days AS (
	SELECT generate_series(current_date - ($2::integer - 1), current_date, interval '1 day')::date AS day
),
weeks AS (
	SELECT w.created_at::date AS day,
		count(*)::bigint AS rows,
		count(w.execution_id)::bigint AS with_execution_id,
		count(*) FILTER (
			WHERE w.execution_id IS NOT NULL
				AND NOT EXISTS (SELECT 1 FROM workflow_runs r WHERE r.id = w.execution_id)
		)::bigint AS orphans
	FROM report_data_weeks w
	WHERE w.created_at >= current_date - ($2::integer - 1)
		AND ($1::uuid IS NULL OR w.organization_id = $1::uuid)
	GROUP BY 1
)
SELECT d.day::text AS day,
	coalesce(w.rows, 0)::bigint AS rows,
	coalesce(w.with_execution_id, 0)::bigint AS with_execution_id,
	coalesce(w.orphans, 0)::bigint AS orphans
FROM days d
LEFT JOIN weeks w USING (day)
ORDER BY d.day
