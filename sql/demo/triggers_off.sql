-- For the bulk insert of runs and steps only, and only where the role may:
-- skip the row triggers (foreign key checks, duration) that cost about a
-- third of the load. seed_runs.sql builds only valid references and writes
-- duration_ms itself, exactly as the trigger computes it.
SET LOCAL session_replication_role = replica;
