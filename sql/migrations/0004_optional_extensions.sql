-- Use TimescaleDB or Citus where the database already has them; never
-- require them. Without either this migration changes nothing.

DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
		PERFORM create_hypertable('workflow_progress', 'recorded_at', if_not_exists => true, migrate_data => true);
		PERFORM create_hypertable('workflow_adaptations', 'created_at', if_not_exists => true, migrate_data => true);
		INSERT INTO audit_log (action, details)
		VALUES ('schema.extension', '{"extension": "timescaledb", "hypertables": ["workflow_progress", "workflow_adaptations"]}');
	END IF;

	IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') THEN
		-- Tenancy key: organizations is the reference table every org-scoped table joins.
		PERFORM create_reference_table('organizations');
		INSERT INTO audit_log (action, details)
		VALUES ('schema.extension', '{"extension": "citus", "reference_tables": ["organizations"]}');
	END IF;
END;
$$;
