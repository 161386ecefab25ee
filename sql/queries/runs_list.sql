-- The runs list, newest first (or, $8 true, oldest first: `G` in the TUI reads
-- from the end), read through a cursor. The way is a parameter the planner
-- folds away, so either way is a scan of workflow_runs_created.
-- $1 org id or NULL; $2 status or NULL; $3 workflow (name or id) or NULL;
-- $4 text to find in the run id, workflow name or error, or NULL;
-- $5 only runs created in the last $5 seconds, or NULL;
-- $6 a run id: only runs after it in this order (the next page), or NULL;
-- $7 only these run ids (the data-quality samples), or NULL;
-- $8 true for oldest first.
SELECT r.id AS run_id,
	o.slug AS org_slug,
	w.name AS workflow_name,
	r.status,
	r.channel,
	r.created_at,
	r.started_at,
	r.ended_at,
	r.duration_ms,
	r.steps_completed,
	r.steps_total,
	r.error_message
FROM workflow_runs r
JOIN workflows w ON w.id = r.workflow_id
JOIN organizations o ON o.id = r.organization_id
WHERE ($1::uuid IS NULL OR r.organization_id = $1::uuid)
	AND ($2::text IS NULL OR r.status = $2::text)
	-- The workflow is looked up first, so its runs come from the
	-- (workflow_id, created_at) index instead of a scan of every run.
	AND ($3::text IS NULL OR r.workflow_id = ANY (ARRAY(
		SELECT wf.id FROM workflows wf WHERE wf.name = $3::text OR wf.id::text = lower($3::text)
	)))
	AND ($4::text IS NULL
		OR strpos(r.id::text, lower($4::text)) > 0
		OR strpos(lower(w.name), lower($4::text)) > 0
		OR strpos(lower(coalesce(r.error_message, '')), lower($4::text)) > 0)
	AND ($5::double precision IS NULL OR r.created_at >= now() - make_interval(secs => $5::double precision))
	-- Keyset paging: the anchor's exact key is read here, as a JavaScript Date
	-- would lose its microseconds. The row comparison is an index condition.
	AND ($6::uuid IS NULL
		OR (NOT $8::boolean AND (r.created_at, r.id) < (
			SELECT anchor.created_at, anchor.id FROM workflow_runs anchor WHERE anchor.id = $6::uuid
		))
		OR ($8::boolean AND (r.created_at, r.id) > (
			SELECT anchor.created_at, anchor.id FROM workflow_runs anchor WHERE anchor.id = $6::uuid
		)))
	AND ($7::uuid[] IS NULL OR r.id = ANY ($7::uuid[]))
ORDER BY CASE WHEN $8::boolean THEN r.created_at END, CASE WHEN $8::boolean THEN r.id END,
	CASE WHEN NOT $8::boolean THEN r.created_at END DESC, CASE WHEN NOT $8::boolean THEN r.id END DESC
