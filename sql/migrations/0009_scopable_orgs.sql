-- The organizations a role may scope itself to, for the TUI's org switch (`o`),
-- by the rules of wfmon_lookup_org (migration 0006): a role pinned in
-- wfmon_org_members gets its own orgs, any other role every org (it may set
-- app.current_org_id to any; row level security still decides what it reads).
CREATE OR REPLACE FUNCTION wfmon_scopable_orgs(caller name)
RETURNS TABLE (id uuid, slug text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT SET app.current_org_id TO '' AS $$
	SELECT o.id, o.slug, o.name
	FROM organizations o
	WHERE pg_has_role(session_user, caller, 'MEMBER')
		AND (
			NOT EXISTS (SELECT 1 FROM wfmon_org_members m WHERE m.role_name = caller)
			OR o.id IN (SELECT m.org_id FROM wfmon_org_members m WHERE m.role_name = caller)
		)
$$;
