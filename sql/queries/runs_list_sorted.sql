-- The runs list of the TUI in another order than newest first (runs_list.sql,
-- which the index serves): by duration, status or workflow, or any of them
-- reversed, read through a cursor a page at a time. Every matching run is
-- sorted, so a window scope (`w`) keeps it quick on a large table.
-- $1-$5 and $7 as in runs_list.sql; $6 the last run of the page before, or NULL;
-- $8 sort: created, duration, status or workflow; $9 true for ascending; $10 the page size
-- (a top-N sort instead of sorting every run).
-- Ties go by creation time and id, so pages never skip or repeat a run.
WITH listed AS (
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
		r.error_message,
		-- One text key per sort; durations zero-padded so they sort as numbers, none below 0 ms.
		CASE $8::text
			WHEN 'duration' THEN to_char(coalesce(r.duration_ms, -1) + 1, 'FM00000000000000000000')
			WHEN 'status' THEN r.status
			WHEN 'workflow' THEN w.name
			ELSE ''
		END AS sort_key
	FROM workflow_runs r
	JOIN workflows w ON w.id = r.workflow_id
	JOIN organizations o ON o.id = r.organization_id
	WHERE ($1::uuid IS NULL OR r.organization_id = $1::uuid)
		AND ($2::text IS NULL OR r.status = $2::text)
		AND ($3::text IS NULL OR r.workflow_id = ANY (ARRAY(
			SELECT wf.id FROM workflows wf WHERE wf.name = $3::text OR wf.id::text = lower($3::text)
		)))
		AND ($4::text IS NULL
			OR strpos(r.id::text, lower($4::text)) > 0
			OR strpos(lower(w.name), lower($4::text)) > 0
			OR strpos(lower(coalesce(r.error_message, '')), lower($4::text)) > 0)
		AND ($5::double precision IS NULL OR r.created_at >= now() - make_interval(secs => $5::double precision))
		AND ($7::uuid[] IS NULL OR r.id = ANY ($7::uuid[]))
),
-- The last run of the page before, as it is now (a run that left the filter still anchors).
anchor AS (
	SELECT CASE $8::text
			WHEN 'duration' THEN to_char(coalesce(a.duration_ms, -1) + 1, 'FM00000000000000000000')
			WHEN 'status' THEN a.status
			WHEN 'workflow' THEN aw.name
			ELSE ''
		END AS sort_key,
		a.created_at, a.id AS run_id
	FROM workflow_runs a JOIN workflows aw ON aw.id = a.workflow_id
	WHERE a.id = $6::uuid
)
SELECT run_id, org_slug, workflow_name, status, channel, created_at, started_at, ended_at, duration_ms,
	steps_completed, steps_total, error_message
FROM listed
WHERE $6::uuid IS NULL
	OR ($9::boolean AND (sort_key, created_at, run_id) > (SELECT sort_key, created_at, run_id FROM anchor))
	OR (NOT $9::boolean AND (sort_key, created_at, run_id) < (SELECT sort_key, created_at, run_id FROM anchor))
ORDER BY
	CASE WHEN $9::boolean THEN sort_key END, CASE WHEN $9::boolean THEN created_at END, CASE WHEN $9::boolean THEN run_id END,
	CASE WHEN NOT $9::boolean THEN sort_key END DESC, CASE WHEN NOT $9::boolean THEN created_at END DESC,
	CASE WHEN NOT $9::boolean THEN run_id END DESC
LIMIT $10::integer
