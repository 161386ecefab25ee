-- The canonical wfmon schema, consolidated from the five reference designs:
-- tenants, users and workflow definitions (seed 003), the execution record
-- (seed 002 user_workflow_run + seed 003 executions + seeds 000/001
-- workflow_executions) and its steps with events and screenshots as JSONB
-- arrays (seed 002).

CREATE OR REPLACE FUNCTION wfmon_touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	NEW.updated_at = clock_timestamp();
	RETURN NEW;
END;
$$;

-- Seed 003 calculate_duration, in milliseconds and on insert as well as update,
-- so that a run written in one go (started and ended) has its duration too.
CREATE OR REPLACE FUNCTION wfmon_calculate_duration() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.started_at IS NOT NULL AND NEW.ended_at IS NOT NULL THEN
		NEW.duration_ms = round(extract(epoch FROM (NEW.ended_at - NEW.started_at)) * 1000)::bigint;
	ELSE
		NEW.duration_ms = NULL;
	END IF;
	RETURN NEW;
END;
$$;

CREATE TABLE organizations (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
	name text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);

-- The audit log (seed 003), where wfmon records its own writes; first, so
-- that every later migration can be recorded in it.
CREATE TABLE audit_log (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	-- NULL for actions on the database as a whole (schema applies).
	organization_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
	actor text NOT NULL DEFAULT current_user,
	action text NOT NULL,
	entity_type text,
	entity_id text,
	details jsonb NOT NULL DEFAULT '{}',
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_created ON audit_log USING brin (created_at);
CREATE INDEX audit_log_action ON audit_log (action, created_at DESC);

CREATE TABLE users (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	username text NOT NULL,
	email text NOT NULL,
	full_name text,
	is_active boolean NOT NULL DEFAULT true,
	is_admin boolean NOT NULL DEFAULT false,
	scopes jsonb NOT NULL DEFAULT '["workflow:read", "workflow:execute"]'
		CONSTRAINT users_scopes_is_array CHECK (jsonb_typeof(scopes) = 'array'),
	last_login timestamptz,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	deleted_at timestamptz,
	UNIQUE (organization_id, username)
);
CREATE UNIQUE INDEX users_email_live ON users (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX users_organization ON users (organization_id) WHERE deleted_at IS NULL;
CREATE TRIGGER users_touch_updated_at BEFORE UPDATE ON users
	FOR EACH ROW EXECUTE FUNCTION wfmon_touch_updated_at();

CREATE TABLE workflows (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	name text NOT NULL,
	description text,
	version integer NOT NULL DEFAULT 1 CHECK (version > 0),
	workflow_type text,
	nodes jsonb NOT NULL DEFAULT '[]'
		CONSTRAINT workflows_nodes_is_array CHECK (jsonb_typeof(nodes) = 'array'),
	edges jsonb NOT NULL DEFAULT '[]'
		CONSTRAINT workflows_edges_is_array CHECK (jsonb_typeof(edges) = 'array'),
	metadata jsonb NOT NULL DEFAULT '{}'
		CONSTRAINT workflows_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object'),
	tags text[] NOT NULL DEFAULT '{}',
	status text NOT NULL DEFAULT 'draft'
		CONSTRAINT workflows_status_known CHECK (status IN ('draft', 'active', 'archived')),
	is_public boolean NOT NULL DEFAULT false,
	created_by uuid REFERENCES users (id) ON DELETE SET NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	deleted_at timestamptz,
	UNIQUE (organization_id, name)
);
CREATE INDEX workflows_organization ON workflows (organization_id) WHERE deleted_at IS NULL;
CREATE INDEX workflows_tags ON workflows USING gin (tags);
CREATE INDEX workflows_search ON workflows
	USING gin (to_tsvector('english', name || ' ' || coalesce(description, '')))
	WHERE deleted_at IS NULL;
CREATE TRIGGER workflows_touch_updated_at BEFORE UPDATE ON workflows
	FOR EACH ROW EXECUTE FUNCTION wfmon_touch_updated_at();

CREATE TABLE workflow_runs (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	workflow_id uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
	status text NOT NULL DEFAULT 'queued'
		CONSTRAINT workflow_runs_status_known CHECK (
			status IN ('queued', 'running', 'waiting', 'completed', 'failed', 'cancelled', 'timeout')
		),
	channel text NOT NULL DEFAULT 'api',
	external_id text,
	trigger_data jsonb,
	parameters jsonb NOT NULL DEFAULT '{}'
		CONSTRAINT workflow_runs_parameters_is_object CHECK (jsonb_typeof(parameters) = 'object'),
	result jsonb,
	context jsonb NOT NULL DEFAULT '{}'
		CONSTRAINT workflow_runs_context_is_object CHECK (jsonb_typeof(context) = 'object'),
	endpoints_used jsonb NOT NULL DEFAULT '[]'
		CONSTRAINT workflow_runs_endpoints_is_array CHECK (jsonb_typeof(endpoints_used) = 'array'),
	config_snapshot jsonb,
	error_message text,
	error_details jsonb,
	started_at timestamptz,
	ended_at timestamptz,
	duration_ms bigint CHECK (duration_ms IS NULL OR duration_ms >= 0),
	current_step text,
	steps_total integer NOT NULL DEFAULT 0 CHECK (steps_total >= 0),
	steps_completed integer NOT NULL DEFAULT 0 CHECK (steps_completed >= 0),
	trace_id text,
	llm_model text,
	llm_prompt text,
	llm_response text,
	llm_tokens_used integer CHECK (llm_tokens_used IS NULL OR llm_tokens_used >= 0),
	tier smallint,
	tier_reason text,
	created_by uuid REFERENCES users (id) ON DELETE SET NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT workflow_runs_ends_after_start CHECK (ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at)
);
-- Runs list, newest first, per org and overall.
CREATE INDEX workflow_runs_created ON workflow_runs (created_at DESC, id DESC);
CREATE INDEX workflow_runs_org_created ON workflow_runs (organization_id, created_at DESC, id DESC);
CREATE INDEX workflow_runs_workflow_created ON workflow_runs (workflow_id, created_at DESC);
-- Active runs are few among millions: a partial index keeps the status view cheap.
CREATE INDEX workflow_runs_active ON workflow_runs (status, created_at)
	WHERE status IN ('queued', 'running', 'waiting');
-- Finished runs by end time feed durations, throughput and failure rates.
CREATE INDEX workflow_runs_ended ON workflow_runs (ended_at, workflow_id)
	INCLUDE (status, duration_ms, organization_id)
	WHERE ended_at IS NOT NULL;
CREATE INDEX workflow_runs_trace ON workflow_runs (trace_id) WHERE trace_id IS NOT NULL;
CREATE INDEX workflow_runs_context ON workflow_runs USING gin (context jsonb_path_ops);
CREATE TRIGGER workflow_runs_touch_updated_at BEFORE UPDATE ON workflow_runs
	FOR EACH ROW EXECUTE FUNCTION wfmon_touch_updated_at();
CREATE TRIGGER workflow_runs_duration BEFORE INSERT OR UPDATE OF started_at, ended_at ON workflow_runs
	FOR EACH ROW EXECUTE FUNCTION wfmon_calculate_duration();

CREATE TABLE workflow_run_steps (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	run_id uuid NOT NULL REFERENCES workflow_runs (id) ON DELETE CASCADE,
	-- Carried on the step so row level security needs no join.
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	node_id text NOT NULL,
	name text,
	step_number integer NOT NULL CHECK (step_number >= 0),
	status text NOT NULL DEFAULT 'pending'
		CONSTRAINT workflow_run_steps_status_known CHECK (
			status IN ('pending', 'running', 'waiting', 'completed', 'failed', 'skipped', 'cancelled')
		),
	retry_count integer NOT NULL DEFAULT 0 CHECK (retry_count >= 0),
	started_at timestamptz,
	ended_at timestamptz,
	duration_ms bigint CHECK (duration_ms IS NULL OR duration_ms >= 0),
	input_data jsonb,
	output_data jsonb,
	screenshots jsonb NOT NULL DEFAULT '[]'
		CONSTRAINT workflow_run_steps_screenshots_is_array CHECK (jsonb_typeof(screenshots) = 'array'),
	events jsonb NOT NULL DEFAULT '[]'
		CONSTRAINT workflow_run_steps_events_is_array CHECK (jsonb_typeof(events) = 'array'),
	error_message text,
	error_details jsonb,
	metadata jsonb NOT NULL DEFAULT '{}',
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT workflow_run_steps_number_unique UNIQUE (run_id, step_number),
	CONSTRAINT workflow_run_steps_ends_after_start CHECK (ended_at IS NULL OR started_at IS NULL OR ended_at >= started_at)
);
CREATE INDEX workflow_run_steps_organization ON workflow_run_steps (organization_id);
CREATE INDEX workflow_run_steps_events ON workflow_run_steps USING gin (events jsonb_path_ops);
CREATE TRIGGER workflow_run_steps_touch_updated_at BEFORE UPDATE ON workflow_run_steps
	FOR EACH ROW EXECUTE FUNCTION wfmon_touch_updated_at();
CREATE TRIGGER workflow_run_steps_duration BEFORE INSERT OR UPDATE OF started_at, ended_at ON workflow_run_steps
	FOR EACH ROW EXECUTE FUNCTION wfmon_calculate_duration();
