-- Sessions of other wfmon processes on the embedded server: while there are
-- any, it keeps running. $1: this process's own sessions, left out.
SELECT count(*)::integer AS clients
FROM pg_stat_activity
WHERE backend_type = 'client backend'
	AND application_name = 'wfmon'
	AND pid <> pg_backend_pid()
	AND pid <> ALL ($1::integer[])
