-- For the seed's transaction, a bulk load: no statement timeout, no JIT
-- (compiling the seed's large expressions costs more than it saves), no wait
-- for the WAL flush on commit, and a large GIN pending list so the events
-- index takes the rows in a few big batches (autovacuum merges it later).
SET LOCAL statement_timeout = 0;
SET LOCAL jit = off;
SET LOCAL synchronous_commit = off;
SET LOCAL gin_pending_list_limit = 2097151;
