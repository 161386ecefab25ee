SELECT current_database() AS database,
	current_setting('server_version') AS server_version,
	current_user AS user_name
