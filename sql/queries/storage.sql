-- Size and health per table of the current schema, with partitions, TOAST and
-- indexes folded into their parent table. Sizes are database-wide: row level
-- security cannot scope them.
WITH tables AS (
	SELECT c.oid, c.relname
	FROM pg_class c
	WHERE c.relnamespace = current_schema()::regnamespace
		AND c.relkind IN ('r', 'p')
		AND NOT c.relispartition
),
members AS (
	SELECT t.relname AS table_name, t.oid AS relid FROM tables t
	UNION ALL
	SELECT t.relname, p.relid
	FROM tables t
	CROSS JOIN LATERAL pg_partition_tree(t.oid) p
	WHERE p.level > 0
)
SELECT m.table_name,
	sum(pg_total_relation_size(m.relid))::bigint AS total_bytes,
	sum(pg_relation_size(m.relid))::bigint AS heap_bytes,
	sum(pg_indexes_size(m.relid))::bigint AS index_bytes,
	sum(coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0))::bigint AS toast_bytes,
	-- Never analyzed (reltuples -1, as after a bulk load): the live-tuple count the
	-- statistics keep on every write instead of 0.
	sum(CASE WHEN c.reltuples >= 0 THEN c.reltuples ELSE coalesce(st.n_live_tup, 0) END)::bigint AS estimated_rows,
	sum(coalesce(st.n_dead_tup, 0))::bigint AS dead_tuples,
	max(greatest(st.last_vacuum, st.last_autovacuum)) AS last_vacuum,
	max(greatest(st.last_analyze, st.last_autoanalyze)) AS last_analyze
FROM members m
JOIN pg_class c ON c.oid = m.relid
LEFT JOIN pg_stat_user_tables st ON st.relid = m.relid
GROUP BY m.table_name
ORDER BY total_bytes DESC, m.table_name
