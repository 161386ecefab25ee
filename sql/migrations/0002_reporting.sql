-- Report data (seed 004), whose execution_id population rate is a
-- first-class metric; learning progress and adaptations (seed 000) as
-- time series.

CREATE TABLE report_data_collections (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	workflow_id uuid REFERENCES workflows (id) ON DELETE SET NULL,
	name text NOT NULL,
	status text NOT NULL DEFAULT 'active'
		CONSTRAINT report_data_collections_status_known CHECK (status IN ('active', 'paused', 'completed', 'failed')),
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX report_data_collections_organization ON report_data_collections (organization_id);
CREATE TRIGGER report_data_collections_touch_updated_at BEFORE UPDATE ON report_data_collections
	FOR EACH ROW EXECUTE FUNCTION wfmon_touch_updated_at();

CREATE TABLE report_data_weeks (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	collection_id uuid NOT NULL REFERENCES report_data_collections (id) ON DELETE CASCADE,
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	week_start_date date NOT NULL,
	week_end_date date NOT NULL,
	status text NOT NULL DEFAULT 'pending'
		CONSTRAINT report_data_weeks_status_known CHECK (status IN ('pending', 'collecting', 'completed', 'failed')),
	-- Deliberately no foreign key: seed 004 tracks ids that point at no run
	-- (orphans) as a data-quality signal, so they must be storable.
	execution_id uuid,
	data jsonb,
	error_message text,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	CONSTRAINT report_data_weeks_week_order CHECK (week_end_date >= week_start_date)
);
CREATE INDEX report_data_weeks_created ON report_data_weeks (created_at);
CREATE INDEX report_data_weeks_org_created ON report_data_weeks (organization_id, created_at);
CREATE INDEX report_data_weeks_execution ON report_data_weeks (execution_id) WHERE execution_id IS NOT NULL;
CREATE INDEX report_data_weeks_collection_execution ON report_data_weeks (collection_id, execution_id)
	WHERE execution_id IS NOT NULL;
CREATE TRIGGER report_data_weeks_touch_updated_at BEFORE UPDATE ON report_data_weeks
	FOR EACH ROW EXECUTE FUNCTION wfmon_touch_updated_at();

-- The time column is part of the primary key so TimescaleDB can turn these
-- into hypertables where it is installed (0003).
CREATE TABLE workflow_progress (
	id uuid NOT NULL DEFAULT gen_random_uuid(),
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	workflow_id uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
	run_id uuid,
	user_id uuid,
	learning_plan_id text,
	progress_percentage double precision NOT NULL CHECK (progress_percentage BETWEEN 0 AND 100),
	comprehension double precision,
	target_comprehension double precision,
	activities_completed integer NOT NULL DEFAULT 0 CHECK (activities_completed >= 0),
	total_activities integer NOT NULL DEFAULT 0 CHECK (total_activities >= 0),
	efficiency_score double precision,
	recorded_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (id, recorded_at)
);
CREATE INDEX workflow_progress_workflow ON workflow_progress (workflow_id, recorded_at DESC);
CREATE INDEX workflow_progress_org_recorded ON workflow_progress (organization_id, recorded_at DESC);

CREATE TABLE workflow_adaptations (
	id uuid NOT NULL DEFAULT gen_random_uuid(),
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	workflow_id uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
	user_id uuid,
	learning_plan_id text,
	adaptation_type text NOT NULL,
	reason text,
	changes jsonb NOT NULL DEFAULT '{}',
	progress_data jsonb,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (id, created_at)
);
CREATE INDEX workflow_adaptations_workflow ON workflow_adaptations (workflow_id, created_at DESC);
CREATE INDEX workflow_adaptations_org_created ON workflow_adaptations (organization_id, created_at DESC);
