-- The demo's tenants, their users and workflows. Each workflow carries the
-- parameters of its simulated workload in metadata.demo: the log-normal
-- duration (median_ms, sigma), failure and cancel rates, the timeout, its
-- share of the traffic (weight) and the errors it fails with, most common
-- first. Nodes carry a weight: their share of the run's duration.
-- Idempotent: existing rows are updated, never duplicated.
WITH orgs AS (
	INSERT INTO organizations (slug, name, created_at)
	VALUES
		('acme', 'Acme Corporation', now() - interval '400 days'),
		('globex', 'Globex Inc.', now() - interval '300 days'),
		('initech', 'Initech', now() - interval '200 days'),
		('umbrella', 'Umbrella Labs', now() - interval '90 days')
	ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name
	RETURNING id, slug
),
people AS (
	INSERT INTO users (organization_id, username, email, full_name, is_admin, scopes, last_login)
	SELECT o.id, p.username, p.username || '@' || o.slug || '.example', p.full_name, p.is_admin,
		CASE WHEN p.is_admin THEN '["workflow:read", "workflow:execute", "workflow:admin"]'::jsonb
			ELSE '["workflow:read", "workflow:execute"]'::jsonb END,
		now() - make_interval(hours => p.hours_ago)
	FROM orgs o
	CROSS JOIN (VALUES
		('ops', 'Operations Bot', true, 1),
		('alice', 'Alice Moreau', false, 3),
		('bob', 'Bob Nakamura', false, 26),
		('carol', 'Carol Okafor', false, 70)
	) AS p (username, full_name, is_admin, hours_ago)
	ON CONFLICT DO NOTHING
	RETURNING id
),
definitions (org_slug, name, description, workflow_type, tags, nodes, demo) AS (
	VALUES
		('acme', 'invoice-sync', 'Pull new invoices from Stripe and post them to the ledger', 'integration', ARRAY['finance', 'stripe'],
			'[{"id": "fetch-invoices", "name": "Fetch invoices", "type": "http", "weight": 4},
			  {"id": "upsert-ledger", "name": "Upsert ledger entries", "type": "db", "weight": 3},
			  {"id": "notify-finance", "name": "Notify #finance", "type": "notify", "weight": 1}]',
			'{"median_ms": 8000, "sigma": 0.5, "failure_rate": 0.03, "cancel_rate": 0.005, "weight": 20, "channel": "schedule",
			  "errors": ["upstream returned HTTP 503 Service Unavailable", "duplicate key value violates unique constraint \"ledger_entries_pkey\"", "rate limited by upstream (HTTP 429), retries exhausted"]}'),
		('acme', 'lead-enrichment', 'Enrich new CRM leads with company data and an LLM summary', 'llm', ARRAY['sales', 'llm'],
			'[{"id": "load-lead", "name": "Load lead", "type": "db", "weight": 1},
			  {"id": "company-lookup", "name": "Company lookup", "type": "http", "weight": 3},
			  {"id": "summarize", "name": "Summarize with LLM", "type": "llm", "weight": 6},
			  {"id": "score", "name": "Score lead", "type": "code", "weight": 1},
			  {"id": "update-crm", "name": "Update Salesforce", "type": "http", "weight": 2}]',
			'{"median_ms": 25000, "sigma": 0.7, "failure_rate": 0.05, "cancel_rate": 0.01, "weight": 10, "channel": "webhook", "llm_model": "gpt-4o-mini",
			  "errors": ["LLM response was not valid JSON", "OAuth token expired for connection \"salesforce\"", "rate limited by upstream (HTTP 429), retries exhausted"]}'),
		('acme', 'nightly-report', 'Build the nightly revenue report', 'batch', ARRAY['finance', 'report'],
			'[{"id": "extract", "name": "Extract orders", "type": "db", "weight": 5},
			  {"id": "aggregate", "name": "Aggregate", "type": "code", "weight": 3},
			  {"id": "publish", "name": "Publish PDF", "type": "http", "weight": 1}]',
			'{"median_ms": 240000, "sigma": 0.4, "failure_rate": 0.02, "cancel_rate": 0.01, "weight": 1, "channel": "schedule",
			  "errors": ["canceling statement due to statement timeout", "could not obtain lock on row in relation \"orders\""]}'),
		('globex', 'checkout-scraper', 'Walk partner checkouts in a headless browser and record prices', 'browser', ARRAY['browser', 'pricing'],
			'[{"id": "open-browser", "name": "Open browser", "type": "code", "weight": 1},
			  {"id": "navigate", "name": "Navigate to shop", "type": "browser", "weight": 3},
			  {"id": "add-to-cart", "name": "Add to cart", "type": "browser", "weight": 3},
			  {"id": "checkout", "name": "Open checkout", "type": "browser", "weight": 4},
			  {"id": "extract-prices", "name": "Extract prices", "type": "code", "weight": 1},
			  {"id": "store", "name": "Store results", "type": "db", "weight": 1}]',
			'{"median_ms": 45000, "sigma": 0.8, "failure_rate": 0.12, "cancel_rate": 0.01, "weight": 8, "channel": "schedule", "incident": true,
			  "errors": ["element not found: button[data-test=\"checkout\"]", "navigation timeout of 30000 ms exceeded", "net::ERR_CONNECTION_RESET"]}'),
		('globex', 'price-monitor', 'Check competitor prices every few minutes', 'browser', ARRAY['browser', 'pricing'],
			'[{"id": "navigate", "name": "Navigate to product", "type": "browser", "weight": 3},
			  {"id": "read-price", "name": "Read and compare price", "type": "browser", "weight": 2},
			  {"id": "alert", "name": "Alert on change", "type": "notify", "weight": 1}]',
			'{"median_ms": 20000, "sigma": 0.6, "failure_rate": 0.08, "cancel_rate": 0.005, "weight": 15, "channel": "schedule", "incident": true,
			  "errors": ["navigation timeout of 30000 ms exceeded", "element not found: span.price", "net::ERR_CONNECTION_RESET"]}'),
		('globex', 'support-triage', 'Classify incoming support tickets and route them', 'llm', ARRAY['support', 'llm'],
			'[{"id": "load-ticket", "name": "Load ticket", "type": "http", "weight": 1},
			  {"id": "classify", "name": "Classify with LLM", "type": "llm", "weight": 5},
			  {"id": "route", "name": "Route to queue", "type": "http", "weight": 1}]',
			'{"median_ms": 12000, "sigma": 0.9, "failure_rate": 0.04, "cancel_rate": 0.005, "weight": 12, "channel": "webhook", "llm_model": "claude-3-5-haiku",
			  "errors": ["LLM response was not valid JSON", "context length exceeded: 131072 tokens", "upstream returned HTTP 503 Service Unavailable"]}'),
		('initech', 'tps-report-builder', 'Assemble TPS reports and collect the sign-off', 'batch', ARRAY['reports'],
			'[{"id": "collect", "name": "Collect sheets", "type": "db", "weight": 3},
			  {"id": "cover-sheet", "name": "Add cover sheet", "type": "code", "weight": 1},
			  {"id": "render", "name": "Render PDF", "type": "code", "weight": 2},
			  {"id": "await-signoff", "name": "Await sign-off", "type": "human", "weight": 4},
			  {"id": "file", "name": "File report", "type": "http", "weight": 1}]',
			'{"median_ms": 90000, "sigma": 0.5, "failure_rate": 0.03, "cancel_rate": 0.02, "weight": 3, "channel": "manual",
			  "errors": ["approval request expired", "invalid input: missing field \"cost_center\"", "upstream returned HTTP 503 Service Unavailable"]}'),
		('initech', 'expense-approval', 'Route expense claims to a manager for approval', 'approval', ARRAY['finance', 'approval'],
			'[{"id": "validate", "name": "Validate claim", "type": "code", "weight": 1},
			  {"id": "manager-approval", "name": "Manager approval", "type": "human", "weight": 12},
			  {"id": "post-payment", "name": "Post payment", "type": "http", "weight": 1}]',
			'{"median_ms": 180000, "sigma": 1.0, "failure_rate": 0.02, "cancel_rate": 0.04, "weight": 4, "channel": "api",
			  "errors": ["approval request expired", "invalid input: missing field \"cost_center\""]}'),
		('initech', 'user-onboarding', 'Provision accounts for new employees', 'integration', ARRAY['it', 'onboarding'],
			'[{"id": "create-account", "name": "Create account", "type": "http", "weight": 2},
			  {"id": "assign-groups", "name": "Assign groups", "type": "http", "weight": 1},
			  {"id": "send-welcome", "name": "Send welcome mail", "type": "notify", "weight": 1}]',
			'{"median_ms": 15000, "sigma": 0.4, "failure_rate": 0.01, "cancel_rate": 0.005, "weight": 9, "channel": "api",
			  "errors": ["OAuth token expired for connection \"okta\"", "upstream returned HTTP 503 Service Unavailable"]}'),
		('umbrella', 'lab-results-ingest', 'Ingest lab results and wait for the lab''s confirmation callback', 'integration', ARRAY['lab', 'ingest'],
			'[{"id": "download", "name": "Download results", "type": "http", "weight": 2},
			  {"id": "validate", "name": "Validate schema", "type": "code", "weight": 1},
			  {"id": "wait-callback", "name": "Wait for lab callback", "type": "wait", "weight": 4},
			  {"id": "store", "name": "Store results", "type": "db", "weight": 2}]',
			'{"median_ms": 35000, "sigma": 0.6, "failure_rate": 0.06, "cancel_rate": 0.005, "weight": 7, "channel": "webhook",
			  "errors": ["invalid input: missing field \"specimen_id\"", "could not obtain lock on row in relation \"results\"", "upstream returned HTTP 503 Service Unavailable"]}'),
		('umbrella', 'compliance-audit', 'Weekly compliance audit across all systems', 'batch', ARRAY['compliance'],
			'[{"id": "inventory", "name": "Inventory systems", "type": "http", "weight": 2},
			  {"id": "scan", "name": "Scan configurations", "type": "code", "weight": 6},
			  {"id": "summarize", "name": "Summarize findings", "type": "llm", "weight": 2},
			  {"id": "file-report", "name": "File report", "type": "db", "weight": 1}]',
			'{"median_ms": 360000, "sigma": 0.5, "failure_rate": 0.04, "cancel_rate": 0.01, "weight": 1, "channel": "schedule", "llm_model": "gpt-4o",
			  "errors": ["canceling statement due to statement timeout", "context length exceeded: 131072 tokens"]}'),
		('umbrella', 'shipment-tracker', 'Track courier shipments on the carriers'' web sites', 'browser', ARRAY['browser', 'logistics'],
			'[{"id": "navigate", "name": "Open carrier site", "type": "browser", "weight": 2},
			  {"id": "search", "name": "Search tracking number", "type": "browser", "weight": 2},
			  {"id": "parse", "name": "Parse status", "type": "code", "weight": 1},
			  {"id": "update", "name": "Update shipment", "type": "db", "weight": 1}]',
			'{"median_ms": 10000, "sigma": 0.7, "failure_rate": 0.07, "cancel_rate": 0.005, "weight": 10, "channel": "schedule",
			  "errors": ["element not found: input#tracking-number", "net::ERR_CONNECTION_RESET", "rate limited by upstream (HTTP 429), retries exhausted"]}')
),
flows AS (
	INSERT INTO workflows (organization_id, name, description, workflow_type, nodes, edges, metadata, tags, status, created_at)
	SELECT o.id, d.name, d.description, d.workflow_type, d.nodes::jsonb,
		coalesce((
			SELECT jsonb_agg(jsonb_build_object('source', a.node->>'id', 'target', b.node->>'id') ORDER BY a.position)
			FROM jsonb_array_elements(d.nodes::jsonb) WITH ORDINALITY AS a (node, position)
			JOIN jsonb_array_elements(d.nodes::jsonb) WITH ORDINALITY AS b (node, position) ON b.position = a.position + 1
		), '[]'),
		-- A timeout of e^(2.3 sigma) medians: about 1% of runs hit it.
		jsonb_build_object('demo', d.demo::jsonb || jsonb_build_object(
			'timeout_ms', round((d.demo::jsonb->>'median_ms')::float8 * exp(2.3 * (d.demo::jsonb->>'sigma')::float8))
		)),
		d.tags, 'active', now() - interval '60 days'
	FROM definitions d
	JOIN orgs o ON o.slug = d.org_slug
	ON CONFLICT (organization_id, name) DO UPDATE
		SET nodes = EXCLUDED.nodes, edges = EXCLUDED.edges, metadata = workflows.metadata || EXCLUDED.metadata,
			status = 'active', deleted_at = NULL
	RETURNING id
)
SELECT (SELECT count(*) FROM orgs)::integer AS organizations,
	(SELECT count(*) FROM people)::integer AS users,
	(SELECT count(*) FROM flows)::integer AS workflows
