-- The planner's estimate of a query's rows, for a list's "~N" before it is read to the end.
EXPLAIN (FORMAT JSON)
