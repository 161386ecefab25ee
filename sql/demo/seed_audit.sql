-- Record the seed in the audit log. $1 what was seeded (jsonb).
INSERT INTO audit_log (action, entity_type, details)
VALUES ('demo.seed', 'database', $1::jsonb)
