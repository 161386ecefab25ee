-- Indexes found missing by the benchmarks at 1M runs (BENCHMARKS.md).
-- The runs list filtered by status ("what failed?") read the whole table and
-- sorted it; this index gives those rows newest first directly.
CREATE INDEX workflow_runs_status_created ON workflow_runs (status, created_at DESC, id DESC);
-- One workflow's finished runs by end time: the durations chart of the
-- selected workflow and the stuck view's per-workflow p99 read only that
-- workflow's runs instead of every run that ended in the window.
CREATE INDEX workflow_runs_workflow_ended ON workflow_runs (workflow_id, ended_at)
	INCLUDE (status, duration_ms, organization_id)
	WHERE ended_at IS NOT NULL;
