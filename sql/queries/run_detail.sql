-- One run with what the drill-down shows of it. $1 run id; $2 org id or NULL.
SELECT r.id AS run_id,
	o.slug AS org_slug,
	w.name AS workflow_name,
	r.status, r.channel, r.trace_id, r.external_id,
	r.created_at, r.started_at, r.ended_at, r.duration_ms,
	r.steps_completed, r.steps_total, r.current_step,
	r.context, r.parameters, r.result,
	r.error_message, r.error_details,
	r.llm_model, r.llm_tokens_used, r.tier
FROM workflow_runs r
JOIN workflows w ON w.id = r.workflow_id
JOIN organizations o ON o.id = r.organization_id
WHERE r.id = $1::uuid
	AND ($2::uuid IS NULL OR r.organization_id = $2::uuid)
