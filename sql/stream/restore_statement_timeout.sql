-- Back to the session's own limit (set when it connected).
RESET statement_timeout
