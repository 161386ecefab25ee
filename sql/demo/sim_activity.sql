-- Simulator: $1 new learning-progress samples, each a little ahead of its
-- plan's last one, and now and then an adaptation.
WITH flows AS (
	SELECT array_agg(w.id ORDER BY w.id) AS ids, array_agg(w.organization_id ORDER BY w.id) AS orgs
	FROM workflows w
	WHERE w.metadata ? 'demo' AND w.deleted_at IS NULL
),
raw AS MATERIALIZED (
	SELECT g.i, floor(random() * 40)::integer AS plan, random() AS u
	FROM generate_series(1, $1::integer) AS g (i)
),
placed AS (
	SELECT r.*, f.ids[1 + r.plan % cardinality(f.ids)] AS workflow_id, f.orgs[1 + r.plan % cardinality(f.orgs)] AS organization_id,
		'plan-' || lpad(r.plan::text, 3, '0') AS learning_plan_id
	FROM raw r
	CROSS JOIN flows f
	WHERE cardinality(f.ids) > 0
),
progress AS (
	INSERT INTO workflow_progress (
		organization_id, workflow_id, user_id, learning_plan_id, progress_percentage, comprehension, target_comprehension,
		activities_completed, total_activities, efficiency_score, recorded_at
	)
	SELECT p.organization_id, p.workflow_id, l.user_id, p.learning_plan_id,
		least(100, coalesce(l.progress_percentage, 0) + 2 * p.u),
		least(1, coalesce(l.comprehension, 0.4) + 0.01 * p.u), 0.85,
		least(40, coalesce(l.activities_completed, 0) + CASE WHEN p.u < 0.3 THEN 1 ELSE 0 END), 40,
		round((0.5 + 0.5 * p.u)::numeric, 3)::float8,
		now()
	FROM placed p
	LEFT JOIN LATERAL (
		SELECT g.user_id, g.progress_percentage, g.comprehension, g.activities_completed
		FROM workflow_progress g
		WHERE g.workflow_id = p.workflow_id AND g.learning_plan_id = p.learning_plan_id
		ORDER BY g.recorded_at DESC
		LIMIT 1
	) l ON true
	RETURNING organization_id, workflow_id, user_id, learning_plan_id, progress_percentage, comprehension
),
adaptations AS (
	INSERT INTO workflow_adaptations (organization_id, workflow_id, user_id, learning_plan_id, adaptation_type, reason, changes, progress_data)
	SELECT p.organization_id, p.workflow_id, p.user_id, p.learning_plan_id,
		CASE WHEN p.comprehension >= 0.85 THEN 'difficulty_increase' ELSE 'pace_change' END,
		CASE WHEN p.comprehension >= 0.85 THEN 'comprehension above target' ELSE 'falling behind schedule' END,
		jsonb_build_object('difficulty', CASE WHEN p.comprehension >= 0.85 THEN 1 ELSE 0 END),
		jsonb_build_object('progress_percentage', round(p.progress_percentage::numeric, 1))
	FROM progress p
	WHERE random() < 0.05
	RETURNING 1
)
SELECT (SELECT count(*) FROM progress)::integer AS progress, (SELECT count(*) FROM adaptations)::integer AS adaptations
