-- Runs a short id can stand for, as the screen shows them: the first
-- characters of the id (an index range on the primary key), or for
-- time-ordered ids (UUIDv7) the last ones. At most 6, so a caller can say
-- "ambiguous" and list 5.
-- $1 lowest id with the prefix; $2 highest; $3 the short id as a suffix, or
-- NULL when it is too short to be one; $4 org id or NULL.
(SELECT id FROM workflow_runs
	WHERE id BETWEEN $1::uuid AND $2::uuid
		AND ($4::uuid IS NULL OR organization_id = $4::uuid)
	ORDER BY id LIMIT 6)
UNION
(SELECT id FROM workflow_runs
	WHERE $3::text IS NOT NULL AND right(id::text, length($3::text)) = $3::text
		AND ($4::uuid IS NULL OR organization_id = $4::uuid)
	LIMIT 6)
LIMIT 6
