-- The step numbers of one run; cheap, unlike run_steps, which measures each
-- step's events array. $1 run id; $2 org id or NULL.
SELECT s.step_number
FROM workflow_run_steps s
WHERE s.run_id = $1::uuid
	AND ($2::uuid IS NULL OR s.organization_id = $2::uuid)
ORDER BY s.step_number
