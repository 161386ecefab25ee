-- Run right after begin.sql on the second lane. SET TRANSACTION SNAPSHOT
-- takes no parameters: the placeholder below is replaced by the id that
-- pg_export_snapshot() returned, checked and quoted (it never comes from a user).
SET TRANSACTION SNAPSHOT :snapshot
