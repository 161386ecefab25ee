-- The workflows to pick from (`W` on the runs list): each name once, with how
-- many workflows of the scope carry it. $1 org id or NULL.
SELECT w.name, count(*)::integer AS workflows
FROM workflows w
WHERE $1::uuid IS NULL OR w.organization_id = $1::uuid
GROUP BY w.name
ORDER BY w.name
