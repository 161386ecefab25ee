-- The steps of one run, without their event payloads (counted instead).
-- $1 run id; $2 org id or NULL.
SELECT s.id AS step_id,
	s.step_number,
	s.node_id,
	s.name,
	s.status,
	s.retry_count,
	s.started_at,
	s.ended_at,
	s.duration_ms,
	jsonb_array_length(s.events)::bigint AS event_count,
	jsonb_array_length(s.screenshots)::bigint AS screenshot_count,
	s.error_message
FROM workflow_run_steps s
WHERE s.run_id = $1::uuid
	AND ($2::uuid IS NULL OR s.organization_id = $2::uuid)
ORDER BY s.step_number
