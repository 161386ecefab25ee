-- Active runs per status and how many of the running ones are stuck on
-- purpose, for the demo's status line (served by the partial index on active
-- statuses).
SELECT count(*) FILTER (WHERE status = 'queued')::integer AS queued,
	count(*) FILTER (WHERE status = 'running')::integer AS running,
	count(*) FILTER (WHERE status = 'waiting')::integer AS waiting,
	count(*) FILTER (WHERE status = 'running' AND context ? 'stuck_reason')::integer AS stuck
FROM workflow_runs
WHERE status IN ('queued', 'running', 'waiting')
