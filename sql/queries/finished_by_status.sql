-- Runs that finished inside the window, per final status (the window rule is
-- wfmon_finished_runs, migration 0006). $1 org id or NULL; $2 window in seconds.
SELECT s.status, count(r.id)::bigint AS count
FROM unnest(ARRAY['completed', 'failed', 'cancelled', 'timeout']) WITH ORDINALITY AS s (status, position)
LEFT JOIN wfmon_finished_runs($1::uuid, $2::double precision) r ON r.status = s.status
GROUP BY s.status, s.position
ORDER BY s.position
