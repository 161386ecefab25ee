-- A hot standby or a read-only default transaction: nothing can be applied.
SELECT pg_is_in_recovery() OR current_setting('default_transaction_read_only') = 'on' AS read_only,
	current_user AS role
