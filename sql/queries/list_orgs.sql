-- Every organization this role may see (row level security on organizations
-- applies), for --all-orgs: each is then read as --org reads it.
SELECT id::text AS id, slug, name
FROM organizations
ORDER BY slug
