-- An organization by slug or by id, among those this role may scope itself
-- to (see wfmon_lookup_org in migration 0006). $1 what the user typed.
SELECT id, slug, name
FROM wfmon_lookup_org($1::text, current_user)
