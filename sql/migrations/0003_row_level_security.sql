-- Row level security on every org-scoped table (seed 002), keyed on the
-- session setting app.current_org_id. An unscoped session (setting unset or
-- empty) sees every org: that is wfmon's all-orgs view. A scoped session sees
-- only its org. FORCE makes the table owner obey the policies too;
-- superusers and BYPASSRLS roles still bypass them, as PostgreSQL intends.

CREATE OR REPLACE FUNCTION wfmon_current_org() RETURNS uuid
LANGUAGE sql STABLE AS $$
	SELECT nullif(current_setting('app.current_org_id', true), '')::uuid
$$;

DO $$
DECLARE
	scoped record;
BEGIN
	FOR scoped IN
		SELECT * FROM (VALUES
			('organizations', 'id'),
			('users', 'organization_id'),
			('workflows', 'organization_id'),
			('workflow_runs', 'organization_id'),
			('workflow_run_steps', 'organization_id'),
			('report_data_collections', 'organization_id'),
			('report_data_weeks', 'organization_id'),
			('workflow_progress', 'organization_id'),
			('workflow_adaptations', 'organization_id'),
			('audit_log', 'organization_id')
		) AS t (table_name, org_column)
	LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', scoped.table_name);
		EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', scoped.table_name);
		EXECUTE format(
			'CREATE POLICY %I ON %I USING (wfmon_current_org() IS NULL OR %I = wfmon_current_org())',
			scoped.table_name || '_org_isolation', scoped.table_name, scoped.org_column
		);
	END LOOP;
END;
$$;
