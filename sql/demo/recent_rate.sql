-- Runs created per second over the last hour: the pace the simulator keeps
-- by default, so its runs continue the seeded history instead of dwarfing it.
SELECT count(*)::float8 / 3600 AS per_second
FROM workflow_runs
WHERE created_at > now() - interval '1 hour'
