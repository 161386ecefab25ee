-- Every event of every step of one run, in step order, through a cursor.
-- $1 run id; $2 org id or NULL.
SELECT step_number, jsonb_array_elements(events) AS event
FROM (
	SELECT s.step_number, s.events
	FROM workflow_run_steps s
	WHERE s.run_id = $1::uuid
		AND ($2::uuid IS NULL OR s.organization_id = $2::uuid)
	ORDER BY s.step_number
	OFFSET 0
) steps
