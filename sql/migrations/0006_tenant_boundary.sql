-- Row level security becomes a tenant boundary, and every panel gets one
-- definition of "finished in the window".
--
-- Who sees which orgs (wfmon_visible_orgs, NULL meaning every org):
-- 1. a role listed in wfmon_org_members sees only its orgs, whatever it sets
--    app.current_org_id to (setting one of them narrows to that one);
-- 2. any other role that sets app.current_org_id sees that org;
-- 3. unset, a member of wfmon_all_orgs (or the owner of the tables) sees every
--    org, and any other role sees none: the policies fail closed.
-- Superusers and BYPASSRLS roles bypass row level security, as PostgreSQL intends.

-- Roles are cluster-wide: another database may be creating it at this moment,
-- and a role that may not create roles leaves it to an administrator.
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wfmon_all_orgs')
		AND (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
		CREATE ROLE wfmon_all_orgs NOLOGIN;
	END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
	NULL;
END;
$$;

CREATE TABLE wfmon_org_members (
	role_name name NOT NULL,
	org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (role_name, org_id)
);
-- Every role may read its own pins (the policies need them), no one else's.
ALTER TABLE wfmon_org_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY wfmon_org_members_own ON wfmon_org_members USING (role_name = current_user);
GRANT SELECT ON wfmon_org_members TO PUBLIC;

CREATE OR REPLACE FUNCTION wfmon_visible_orgs() RETURNS uuid[]
LANGUAGE plpgsql STABLE SET search_path FROM CURRENT AS $$
DECLARE
	pinned uuid[];
	wanted uuid := wfmon_current_org();
BEGIN
	SELECT array_agg(m.org_id) INTO pinned FROM wfmon_org_members m WHERE m.role_name = current_user;
	IF pinned IS NOT NULL THEN
		IF wanted IS NULL THEN
			RETURN pinned;
		END IF;
		RETURN CASE WHEN wanted = ANY (pinned) THEN ARRAY[wanted] ELSE '{}'::uuid[] END;
	END IF;
	IF wanted IS NOT NULL THEN
		RETURN ARRAY[wanted];
	END IF;
	IF pg_has_role(current_user, (SELECT c.relowner FROM pg_class c WHERE c.oid = 'workflow_runs'::regclass), 'MEMBER') THEN
		RETURN NULL;
	END IF;
	IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wfmon_all_orgs') THEN
		IF pg_has_role(current_user, 'wfmon_all_orgs', 'MEMBER') THEN
			RETURN NULL;
		END IF;
	END IF;
	RETURN '{}'::uuid[];
END;
$$;

-- Each policy calls the function in a scalar subquery: an InitPlan, run once
-- per query instead of once per row.
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
		EXECUTE format('DROP POLICY IF EXISTS %I ON %I', scoped.table_name || '_org_isolation', scoped.table_name);
		EXECUTE format(
			'CREATE POLICY %I ON %I USING ((SELECT wfmon_visible_orgs()) IS NULL OR %I = ANY ((SELECT wfmon_visible_orgs())::uuid[]))',
			scoped.table_name || '_org_isolation', scoped.table_name, scoped.org_column
		);
	END LOOP;
END;
$$;

-- An organization by slug or id, for resolving --org before the session is
-- scoped to it (find_org.sql passes current_user as the caller). Roles that
-- are not pinned may scope themselves to any org, so they may look any up; a
-- pinned role finds only its own orgs. The caller must be a role the session
-- may act as, so a pinned role cannot look up orgs under another role's name.
CREATE OR REPLACE FUNCTION wfmon_lookup_org(wanted text, caller name)
RETURNS TABLE (id uuid, slug text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT SET app.current_org_id TO '' AS $$
	SELECT o.id, o.slug, o.name
	FROM organizations o
	WHERE (o.slug = wanted OR o.id::text = lower(wanted))
		AND pg_has_role(session_user, caller, 'MEMBER')
		AND (
			NOT EXISTS (SELECT 1 FROM wfmon_org_members m WHERE m.role_name = caller)
			OR o.id IN (SELECT m.org_id FROM wfmon_org_members m WHERE m.role_name = caller)
		)
$$;

-- Which of these ids name a run at all, in any org: a report week whose
-- execution_id names another org's run is a cross-org reference, not an
-- orphan, whoever asks. It reveals only whether ids the caller holds exist.
CREATE OR REPLACE FUNCTION wfmon_existing_runs(ids uuid[]) RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT SET app.current_org_id TO '' AS $$
	SELECT r.id FROM workflow_runs r WHERE r.id = ANY (ids)
$$;

-- The one definition of "finished in the window" every panel, check and the
-- JSON use: a final status and ended_at in (now - window, now], without the
-- rows that break the run's own invariants (data_quality counts those). A step
-- timed outside its run is counted by data_quality but not excluded here:
-- that would read every finished run's steps on every refresh (BENCHMARKS.md).
-- A plain SQL function, so the planner inlines it into each query.
CREATE OR REPLACE FUNCTION wfmon_finished_runs(org uuid, window_seconds double precision)
RETURNS SETOF workflow_runs
LANGUAGE sql STABLE AS $$
	SELECT r.*
	FROM workflow_runs r
	WHERE r.status IN ('completed', 'failed', 'cancelled', 'timeout')
		AND r.ended_at > now() - make_interval(secs => window_seconds)
		AND r.ended_at <= now()
		AND (org IS NULL OR r.organization_id = org)
		AND r.steps_completed <= r.steps_total
$$;

-- Data quality counts these over the whole table: partial indexes keep them cheap.
CREATE INDEX workflow_runs_final_unended ON workflow_runs (created_at DESC)
	WHERE ended_at IS NULL AND status IN ('completed', 'failed', 'cancelled', 'timeout');
CREATE INDEX workflow_runs_steps_over_total ON workflow_runs (created_at DESC)
	WHERE steps_completed > steps_total;
