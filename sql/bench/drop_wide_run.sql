-- The run wide_run.sql made (its steps go with it). $1 its id.
DELETE FROM workflow_runs WHERE id = $1::uuid
