SELECT pg_advisory_unlock(hashtext('wfmon.schema_migrations'))
