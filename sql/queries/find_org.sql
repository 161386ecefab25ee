-- An organization by slug or by id. $1 what the user typed.
SELECT id, slug, name
FROM organizations
WHERE slug = $1::text OR id::text = lower($1::text)
