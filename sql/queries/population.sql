-- Seed 004's metric per day: report weeks created, how many carry an
-- execution_id, and how many of those are orphans: no run of the week's own
-- org has that id, and no run of another org either (that is a cross-org
-- reference, a data-quality finding). Every role gets the same figure: the
-- other orgs are asked through wfmon_existing_runs (migration 0006).
-- $1 org id or NULL; $2 days back.
WITH days AS (
	SELECT generate_series(current_date - ($2::integer - 1), current_date, interval '1 day')::date AS day
),
recent AS (
	SELECT w.created_at::date AS day,
		w.execution_id,
		-- One primary-key probe per week, never a scan of every run.
		w.execution_id IS NOT NULL AND (
			SELECT true FROM workflow_runs r WHERE r.id = w.execution_id AND r.organization_id = w.organization_id
		) IS NULL AS unmatched
	FROM report_data_weeks w
	WHERE w.created_at >= current_date - ($2::integer - 1)
		AND ($1::uuid IS NULL OR w.organization_id = $1::uuid)
),
elsewhere AS (
	SELECT e.id FROM wfmon_existing_runs(ARRAY(SELECT execution_id FROM recent WHERE unmatched)) AS e (id)
),
weeks AS (
	SELECT day,
		count(*)::bigint AS rows,
		count(execution_id)::bigint AS with_execution_id,
		count(*) FILTER (WHERE unmatched AND execution_id NOT IN (SELECT id FROM elsewhere))::bigint AS orphans
	FROM recent
	GROUP BY 1
)
SELECT d.day::text AS day,
	coalesce(w.rows, 0)::bigint AS rows,
	coalesce(w.with_execution_id, 0)::bigint AS with_execution_id,
	coalesce(w.orphans, 0)::bigint AS orphans
FROM days d
LEFT JOIN weeks w USING (day)
ORDER BY d.day
