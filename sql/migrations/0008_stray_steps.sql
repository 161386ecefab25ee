-- Runs with a step timed outside them (started before the run started, or
-- ended after it ended) break the model's invariants: data_quality counts them
-- and no time-window metric counts them as finished (issue 10). Finding them
-- on read would mean probing the steps of every finished run in the window on
-- every refresh, so triggers keep the list as steps and runs are written. A
-- write checks one run: a pkey probe, and its steps only when its times could
-- have changed the answer.
CREATE TABLE wfmon_runs_with_stray_steps (
	run_id uuid PRIMARY KEY REFERENCES workflow_runs (id) ON DELETE CASCADE,
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	found_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE wfmon_runs_with_stray_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE wfmon_runs_with_stray_steps FORCE ROW LEVEL SECURITY;
CREATE POLICY wfmon_runs_with_stray_steps_org_isolation ON wfmon_runs_with_stray_steps
	USING ((SELECT wfmon_visible_orgs()) IS NULL OR organization_id = ANY ((SELECT wfmon_visible_orgs())::uuid[]));
-- Every monitoring role reads it through wfmon_finished_runs; the policy keeps each to its orgs.
GRANT SELECT ON wfmon_runs_with_stray_steps TO PUBLIC;

-- Whether a run has a step outside it, made true or false in the list. As the
-- owner, so every writer's row level security sees the whole run.
CREATE FUNCTION wfmon_recheck_run_steps(run uuid) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT SET app.current_org_id TO '' AS $$
BEGIN
	IF EXISTS (
		SELECT FROM workflow_run_steps s JOIN workflow_runs r ON r.id = s.run_id
		WHERE s.run_id = run AND (s.started_at < r.started_at OR s.ended_at > r.ended_at)
	) THEN
		INSERT INTO wfmon_runs_with_stray_steps (run_id, organization_id)
		SELECT r.id, r.organization_id FROM workflow_runs r WHERE r.id = run
		ON CONFLICT (run_id) DO NOTHING;
	ELSE
		DELETE FROM wfmon_runs_with_stray_steps WHERE run_id = run;
	END IF;
END;
$$;

-- A step written: only its own run can change. A step inside its run needs the
-- full check only when the run is listed (another step may have been fixed).
CREATE FUNCTION wfmon_step_times_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT SET app.current_org_id TO '' AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN
		IF TG_OP = 'DELETE' OR OLD.run_id IS DISTINCT FROM NEW.run_id THEN
			IF EXISTS (SELECT FROM wfmon_runs_with_stray_steps x WHERE x.run_id = OLD.run_id) THEN
				PERFORM wfmon_recheck_run_steps(OLD.run_id);
			END IF;
		END IF;
	END IF;
	IF TG_OP = 'DELETE' THEN
		RETURN NULL;
	END IF;
	IF EXISTS (
		SELECT FROM workflow_runs r
		WHERE r.id = NEW.run_id AND (NEW.started_at < r.started_at OR NEW.ended_at > r.ended_at)
	) THEN
		PERFORM wfmon_recheck_run_steps(NEW.run_id);
	ELSIF TG_OP = 'UPDATE' AND EXISTS (SELECT FROM wfmon_runs_with_stray_steps x WHERE x.run_id = NEW.run_id) THEN
		PERFORM wfmon_recheck_run_steps(NEW.run_id);
	END IF;
	RETURN NULL;
END;
$$;

CREATE FUNCTION wfmon_run_times_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT SET app.current_org_id TO '' AS $$
BEGIN
	PERFORM wfmon_recheck_run_steps(NEW.id);
	RETURN NULL;
END;
$$;

CREATE TRIGGER workflow_run_steps_stray_check
	AFTER INSERT OR DELETE OR UPDATE OF run_id, started_at, ended_at ON workflow_run_steps
	FOR EACH ROW EXECUTE FUNCTION wfmon_step_times_changed();
CREATE TRIGGER workflow_runs_stray_check
	AFTER UPDATE OF started_at, ended_at ON workflow_runs
	FOR EACH ROW WHEN (OLD.started_at IS DISTINCT FROM NEW.started_at OR OLD.ended_at IS DISTINCT FROM NEW.ended_at)
	EXECUTE FUNCTION wfmon_run_times_changed();

-- The runs that are already there: one pass over the steps.
INSERT INTO wfmon_runs_with_stray_steps (run_id, organization_id)
SELECT DISTINCT r.id, r.organization_id
FROM workflow_run_steps s JOIN workflow_runs r ON r.id = s.run_id
WHERE s.started_at < r.started_at OR s.ended_at > r.ended_at;

-- Finished in the window, now without the runs listed above either.
CREATE OR REPLACE FUNCTION wfmon_finished_runs(org uuid, window_seconds double precision)
RETURNS SETOF workflow_runs
LANGUAGE sql STABLE AS $$
	SELECT r.*
	FROM workflow_runs r
	WHERE r.status IN ('completed', 'failed', 'cancelled', 'timeout')
		AND r.ended_at > now() - make_interval(secs => window_seconds)
		AND r.ended_at <= now()
		AND (org IS NULL OR r.organization_id = org)
		AND r.steps_completed <= r.steps_total
		AND NOT EXISTS (SELECT FROM wfmon_runs_with_stray_steps x WHERE x.run_id = r.id)
$$;
