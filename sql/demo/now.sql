-- The database's clock, which the demo's times are relative to.
SELECT now() AS now
