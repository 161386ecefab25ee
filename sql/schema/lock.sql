-- One wfmon at a time applies migrations; others wait here, then find nothing to do.
SELECT pg_advisory_lock(hashtext('wfmon.schema_migrations'))
