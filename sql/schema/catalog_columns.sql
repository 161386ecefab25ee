-- Every column of wfmon's tables as verify compares them with the manifest.
SELECT c.relname AS table_name,
	a.attname AS column_name,
	format_type(a.atttypid, a.atttypmod) AS data_type,
	NOT a.attnotnull AS nullable
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = current_schema()
	AND c.relkind IN ('r', 'p')
	AND c.relname = ANY ($1::text[])
ORDER BY c.relname, a.attnum
