-- For one simulator tick: never merge the GIN pending lists the seed left
-- behind inside a tick (that could take seconds); autovacuum merges them.
SET LOCAL gin_pending_list_limit = 2097151;
