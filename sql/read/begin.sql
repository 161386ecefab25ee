-- Every panel of one refresh reads the same moment, and never writes.
BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY
