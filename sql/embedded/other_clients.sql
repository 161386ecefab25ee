-- Sessions of other wfmon processes on the embedded server (this process has
-- closed its own pool before asking): while there are any, it keeps running.
SELECT count(*)::integer AS clients
FROM pg_stat_activity
WHERE backend_type = 'client backend'
	AND application_name = 'wfmon'
	AND pid <> pg_backend_pid()
