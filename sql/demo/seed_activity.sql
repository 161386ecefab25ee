-- Learning progress and adaptations (seed 000) as time series over the 7 days
-- before $2 (now): $1 progress samples spread over 40 learning plans whose
-- progress grows with time, and one adaptation per 20 samples.
WITH flows AS (
	SELECT array_agg(w.id ORDER BY w.id) AS ids, array_agg(w.organization_id ORDER BY w.id) AS orgs
	FROM workflows w
	WHERE w.metadata ? 'demo' AND w.deleted_at IS NULL
),
people AS (
	SELECT u.organization_id, array_agg(u.id ORDER BY u.username) AS ids
	FROM users u
	GROUP BY u.organization_id
),
samples AS MATERIALIZED (
	SELECT g.i, g.i % 40 AS plan, random() AS u_time, random() AS u_noise
	FROM generate_series(1, $1::integer) AS g (i)
),
placed AS (
	SELECT s.*, f.ids[1 + s.plan % cardinality(f.ids)] AS workflow_id, f.orgs[1 + s.plan % cardinality(f.orgs)] AS organization_id,
		$2::timestamptz - interval '7 days' * s.u_time AS recorded_at
	FROM samples s
	CROSS JOIN flows f
	WHERE cardinality(f.ids) > 0
),
progress AS (
	INSERT INTO workflow_progress (
		organization_id, workflow_id, user_id, learning_plan_id, progress_percentage, comprehension, target_comprehension,
		activities_completed, total_activities, efficiency_score, recorded_at
	)
	SELECT p.organization_id, p.workflow_id, u.ids[1 + p.plan % cardinality(u.ids)], 'plan-' || lpad(p.plan::text, 3, '0'),
		least(100, greatest(0, 100 * (1 - p.u_time) * (0.6 + 0.4 * (p.plan % 5) / 4.0) + 5 * (p.u_noise - 0.5))),
		round((0.4 + 0.5 * (1 - p.u_time) + 0.1 * p.u_noise)::numeric, 3)::float8,
		0.85,
		floor(40 * (1 - p.u_time))::integer, 40,
		round((0.5 + 0.5 * p.u_noise)::numeric, 3)::float8,
		p.recorded_at
	FROM placed p
	LEFT JOIN people u ON u.organization_id = p.organization_id
	RETURNING workflow_id, organization_id, user_id, learning_plan_id, progress_percentage, recorded_at
),
adaptations AS (
	INSERT INTO workflow_adaptations (organization_id, workflow_id, user_id, learning_plan_id, adaptation_type, reason, changes, progress_data, created_at)
	SELECT p.organization_id, p.workflow_id, p.user_id, p.learning_plan_id, a.adaptation_type, a.reason,
		jsonb_build_object('difficulty', a.delta), jsonb_build_object('progress_percentage', round(p.progress_percentage::numeric, 1)),
		p.recorded_at
	FROM (SELECT *, row_number() OVER (ORDER BY recorded_at) AS n FROM progress) p
	CROSS JOIN LATERAL (
		SELECT (ARRAY['difficulty_increase', 'difficulty_decrease', 'pace_change', 'content_swap'])[1 + p.n % 4] AS adaptation_type,
			(ARRAY['comprehension above target', 'comprehension below target', 'falling behind schedule', 'low engagement'])[1 + p.n % 4] AS reason,
			(ARRAY[1, -1, 0, 0])[1 + p.n % 4] AS delta
	) a
	WHERE p.n % 20 = 0
	RETURNING 1
)
SELECT (SELECT count(*) FROM progress)::integer AS progress, (SELECT count(*) FROM adaptations)::integer AS adaptations
