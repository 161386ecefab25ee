-- After the seed: statistics for the tables it filled, so the planner's first
-- plans (and the runs list's estimate of its length) fit the data rather than
-- an empty table's defaults. A role that does not own a table is skipped with
-- a warning, never an error.
ANALYZE organizations, workflows, workflow_runs, workflow_run_steps, report_data_collections, report_data_weeks
