-- The elements of one step's events array, read through a cursor. The set
-- function sits in the select list so rows stream instead of being
-- materialised first. $1 run id; $2 step number; $3 org id or NULL;
-- $4 how many elements to skip (the next page starts after them), or NULL.
SELECT jsonb_array_elements(s.events) AS event
FROM workflow_run_steps s
WHERE s.run_id = $1::uuid
	AND s.step_number = $2::integer
	AND ($3::uuid IS NULL OR s.organization_id = $3::uuid)
OFFSET coalesce($4::bigint, 0)
