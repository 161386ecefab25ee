-- Seed 004's metric per day: report weeks created, how many carry an
-- execution_id, and what became of those ids. Each week is probed once:
-- - matched: a run of the week's own org has that id;
-- - cross_org: only a run of another org has it (a data-quality finding,
--   with the newest sample ids; the data_quality panel takes them from here);
-- - orphan: no run has it at all.
-- Every role gets the same figures: other orgs are asked through
-- wfmon_existing_runs (migration 0006).
-- $1 org id or NULL; $2 days back; $3 how many cross-org sample ids per day.
WITH days AS (
	SELECT generate_series(current_date - ($2::integer - 1), current_date, interval '1 day')::date AS day
),
recent AS (
	SELECT w.id, w.created_at, w.execution_id,
		-- One probe of workflow_runs_org_id per week (migration 0007), never a scan of every run.
		w.execution_id IS NOT NULL AND NOT EXISTS (
			SELECT FROM workflow_runs r WHERE r.organization_id = w.organization_id AND r.id = w.execution_id
		) AS unmatched
	FROM report_data_weeks w
	WHERE w.created_at >= current_date - ($2::integer - 1)
		AND ($1::uuid IS NULL OR w.organization_id = $1::uuid)
),
elsewhere AS (
	SELECT DISTINCT e.id FROM wfmon_existing_runs(ARRAY(SELECT execution_id FROM recent WHERE unmatched)) AS e (id)
),
classified AS (
	SELECT recent.*, recent.unmatched AND elsewhere.id IS NOT NULL AS cross_org
	FROM recent LEFT JOIN elsewhere ON recent.unmatched AND elsewhere.id = recent.execution_id
),
weeks AS (
	SELECT created_at::date AS day,
		count(*)::bigint AS rows,
		count(execution_id)::bigint AS with_execution_id,
		count(*) FILTER (WHERE unmatched AND NOT cross_org)::bigint AS orphans,
		count(*) FILTER (WHERE cross_org)::bigint AS cross_org,
		(array_agg(id::text ORDER BY created_at DESC, id DESC) FILTER (WHERE cross_org))[1:$3::integer] AS cross_org_samples
	FROM classified
	GROUP BY 1
)
SELECT d.day::text AS day,
	coalesce(w.rows, 0)::bigint AS rows,
	coalesce(w.with_execution_id, 0)::bigint AS with_execution_id,
	coalesce(w.orphans, 0)::bigint AS orphans,
	coalesce(w.cross_org, 0)::bigint AS cross_org,
	coalesce(w.cross_org_samples, '{}')::text[] AS cross_org_samples
FROM days d
LEFT JOIN weeks w USING (day)
ORDER BY d.day
