-- Whether the database holds any run at all (the demo seeds only an empty one).
SELECT EXISTS (SELECT 1 FROM workflow_runs) AS has_runs
