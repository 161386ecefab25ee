-- The first lane's snapshot, for the second lane to read the same moment.
SELECT pg_export_snapshot() AS snapshot
