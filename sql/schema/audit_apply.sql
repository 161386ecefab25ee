INSERT INTO audit_log (action, entity_type, entity_id, details)
VALUES ('schema.apply', 'migration', $1, jsonb_build_object('name', $2::text, 'checksum', $3::text))
