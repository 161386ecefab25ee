-- Back to normal trigger firing for the rest of the seed's transaction.
SET LOCAL session_replication_role = origin;
