-- "Does this org have a run with this id?" is asked once per report week by
-- the population panel (orphans and cross-org references). The primary key
-- answers only "does any run have this id", so each probe also read the run's
-- row for its org: 23k random heap reads per refresh at 1M runs. With both
-- columns in one index the probe never leaves it (BENCHMARKS.md, issue 10).
-- The same key is the one a table distributed by organization needs.
-- IF NOT EXISTS: on a large busy table an administrator builds it first with
-- CREATE INDEX CONCURRENTLY (README, Schema), and this then only records it.
CREATE INDEX IF NOT EXISTS workflow_runs_org_id ON workflow_runs (organization_id, id);
