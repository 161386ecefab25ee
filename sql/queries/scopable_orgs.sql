-- The organizations this role may scope itself to (`o` in the TUI): a pinned
-- role's own, any other role's every org (migration 0009).
SELECT id, slug, name FROM wfmon_scopable_orgs(current_user) ORDER BY slug
