-- A cursor counts as one statement for as long as it is read: no time limit.
SET statement_timeout = 0
