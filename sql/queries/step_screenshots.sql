-- The screenshots of one step. $1 run id; $2 step number; $3 org id or NULL.
SELECT s.screenshots
FROM workflow_run_steps s
WHERE s.run_id = $1::uuid
	AND s.step_number = $2::integer
	AND ($3::uuid IS NULL OR s.organization_id = $3::uuid)
