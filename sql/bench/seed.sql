-- The benchmark data set, built in SQL with generate_series (never row by row).
-- Run with psql against a database that has wfmon's schema applied:
--   psql "$URL" -v ON_ERROR_STOP=1 -v runs=1000000 -f sql/bench/seed.sql
-- runs: how many workflow runs (default 100000); every run has 5 steps.
-- It REPLACES every row in the database's wfmon tables: use a database of its own.
--
-- Shape: 20 organizations, 50 workflows (busy ones run far more often), runs
-- spread evenly over the last 30 days; 90% completed, 5% failed, 3% cancelled,
-- 2% timeout, with durations per workflow and a long tail; the newest 300 runs
-- are still active (queued / running / waiting) plus a few long-stuck running
-- ones; errors from a small set of messages. Report weeks (one per 33 runs)
-- whose execution_id population rises from 60% to 95% over the month, 3% of
-- the populated ones orphans. One step carries 200,000 events (trace_id
-- 'bench-200k-events' marks its run).
\if :{?runs}
\else
\set runs 100000
\endif
\if :{?big_events}
\else
\set big_events 200000
\endif

BEGIN;
SET LOCAL synchronous_commit = off;
SET LOCAL work_mem = '512MB';
SET LOCAL maintenance_work_mem = '1GB';
-- Skips foreign-key checks and the duration triggers: every key is made
-- consistent here and duration_ms is computed the way the trigger would.
SET LOCAL session_replication_role = replica;

TRUNCATE organizations, users, workflows, workflow_runs, workflow_run_steps,
	report_data_collections, report_data_weeks, workflow_progress, workflow_adaptations CASCADE;

-- Loading into unindexed tables and indexing afterwards is several times
-- faster than maintaining the indexes row by row. The secondary indexes of the
-- two big tables are dropped here and recreated from their own definitions
-- below, so whatever the migrations define is what gets benchmarked.
CREATE TEMP TABLE bench_indexes ON COMMIT DROP AS
SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
FROM pg_index i
WHERE i.indrelid IN ('workflow_runs'::regclass, 'workflow_run_steps'::regclass)
	AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid);

DO $$
DECLARE
	dropped record;
BEGIN
	FOR dropped IN SELECT name FROM bench_indexes LOOP
		EXECUTE 'DROP INDEX ' || dropped.name;
	END LOOP;
END;
$$;

INSERT INTO organizations (slug, name, created_at)
SELECT format('org-%s', lpad(o::text, 2, '0')), format('Organization %s', o), now() - interval '400 days'
FROM generate_series(0, 19) o;

CREATE TEMP TABLE bench_orgs ON COMMIT DROP AS
SELECT array_agg(id ORDER BY slug) AS ids FROM organizations;

-- Workflow w belongs to org w % 20; typical duration grows with w % 13.
INSERT INTO workflows (organization_id, name, description, status, tags, created_at)
SELECT (SELECT ids FROM bench_orgs)[w % 20 + 1],
	format('workflow-%s', lpad(w::text, 2, '0')),
	format('Benchmark workflow %s', w),
	'active',
	ARRAY['bench'],
	now() - interval '200 days'
FROM generate_series(0, 49) w;

CREATE TEMP TABLE bench_workflows ON COMMIT DROP AS
SELECT array_agg(id ORDER BY name) AS ids, array_agg(organization_id ORDER BY name) AS orgs FROM workflows;

-- One row per run with everything drawn once, so runs, steps and report
-- weeks agree with each other.
CREATE TEMP TABLE bench_runs ON COMMIT DROP AS
WITH drawn AS (
	SELECT n,
		now() - interval '30 days' * (1 - n::double precision / :runs) - random() * interval '2 seconds' AS created_at,
		floor(50 * power(random(), 1.6))::int AS w,
		random() AS outcome,
		random() AS spread,
		random() AS tail,
		random() AS pick,
		n > :runs - 300 OR n % 50021 = 7 AS active
	FROM generate_series(1, :runs) n
),
shaped AS (
	SELECT d.*,
		CASE
			WHEN NOT d.active THEN CASE
				WHEN d.outcome < 0.90 THEN 'completed'
				WHEN d.outcome < 0.95 THEN 'failed'
				WHEN d.outcome < 0.98 THEN 'cancelled'
				ELSE 'timeout'
			END
			WHEN d.n % 50021 = 7 THEN 'running'
			WHEN d.outcome < 0.3 THEN 'queued'
			WHEN d.outcome < 0.8 THEN 'running'
			ELSE 'waiting'
		END AS status,
		-- Log-normal-ish around the workflow's typical duration, 1% ten times longer.
		(400 * (1 + d.w % 13) * exp((d.spread - 0.5) * 2) * CASE WHEN d.tail < 0.01 THEN 10 ELSE 1 END)::bigint AS planned_ms,
		interval '1 millisecond' * (50 + floor(d.spread * 2000)) AS queued_for
	FROM drawn d
)
SELECT s.n,
	gen_random_uuid() AS id,
	(SELECT ids FROM bench_workflows)[s.w + 1] AS workflow_id,
	(SELECT orgs FROM bench_workflows)[s.w + 1] AS organization_id,
	s.w, s.status, s.created_at, s.pick,
	CASE WHEN s.status <> 'queued' THEN s.created_at + s.queued_for END AS started_at,
	CASE WHEN NOT s.active THEN least(s.created_at + s.queued_for + s.planned_ms * interval '1 millisecond', now()) END AS ended_at
FROM shaped s;

INSERT INTO workflow_runs (
	id, organization_id, workflow_id, status, channel, parameters, context,
	error_message, started_at, ended_at, duration_ms, current_step,
	steps_total, steps_completed, trace_id, llm_model, llm_tokens_used, tier,
	created_at, updated_at
)
SELECT r.id, r.organization_id, r.workflow_id, r.status,
	(ARRAY['api', 'api', 'schedule', 'webhook', 'manual'])[1 + r.n % 5],
	jsonb_build_object('batch', r.n % 97),
	jsonb_build_object('region', (ARRAY['eu-west', 'us-east', 'ap-south'])[1 + r.n % 3], 'attempt', 1 + (r.n % 7 = 0)::int),
	CASE
		WHEN r.status = 'failed' THEN (ARRAY[
			'upstream returned 502 Bad Gateway',
			'upstream returned 502 Bad Gateway',
			'upstream returned 502 Bad Gateway',
			'connection reset by peer',
			'connection reset by peer',
			'rate limited: 429 Too Many Requests',
			'invalid input: missing field "customer_id"',
			'LLM response did not match the output schema'
		])[1 + floor(r.pick * 8)::int]
		WHEN r.status = 'timeout' THEN (ARRAY['step exceeded its deadline of 300s', 'run exceeded its deadline of 1h'])[1 + (r.pick < 0.8)::int]
		WHEN r.status = 'cancelled' THEN 'cancelled by user'
	END,
	r.started_at, r.ended_at,
	round(extract(epoch FROM (r.ended_at - r.started_at)) * 1000)::bigint,
	CASE WHEN r.status IN ('running', 'waiting') THEN 'step-2' END,
	5,
	CASE WHEN r.status = 'completed' THEN 5 WHEN r.status IN ('queued') THEN 0 ELSE 2 END,
	CASE WHEN r.n % 3 = 0 THEN md5(r.id::text) END,
	CASE WHEN r.w % 4 = 0 THEN 'gpt-4o-mini' END,
	CASE WHEN r.w % 4 = 0 AND r.ended_at IS NOT NULL THEN 200 + r.n % 3000 END,
	(r.w % 3)::smallint,
	r.created_at,
	coalesce(r.ended_at, r.started_at, r.created_at)
FROM bench_runs r
ORDER BY r.n;

-- Five steps per run, each a fifth of the run; finished runs' steps are done
-- (the last one failed or cancelled as the run was), active runs are at step 2.
-- In run id order, so the (run_id, step_number) index is filled front to back;
-- a step id is its run's id with the last digit replaced by the step number.
INSERT INTO workflow_run_steps (
	id, run_id, organization_id, node_id, name, step_number, status, retry_count,
	started_at, ended_at, duration_ms, events, error_message, created_at, updated_at
)
SELECT (left(r.id::text, 35) || k)::uuid,
	r.id, r.organization_id,
	format('node-%s', k), (ARRAY['fetch', 'transform', 'call-llm', 'validate', 'store'])[k + 1],
	k, t.status,
	CASE WHEN k = 2 AND r.n % 11 = 0 THEN 1 ELSE 0 END,
	t.started_at, t.ended_at,
	round(extract(epoch FROM (t.ended_at - t.started_at)) * 1000)::bigint,
	CASE WHEN k = 0 THEN '[{"type": "log", "message": "started"}]'::jsonb ELSE '[]'::jsonb END,
	CASE WHEN t.status = 'failed' THEN 'step failed' END,
	r.created_at,
	coalesce(t.ended_at, t.started_at, r.created_at)
FROM (SELECT * FROM bench_runs ORDER BY id) r
CROSS JOIN LATERAL generate_series(0, 4) k
CROSS JOIN LATERAL (
	SELECT CASE
			WHEN r.status = 'queued' THEN 'pending'
			WHEN r.status IN ('running', 'waiting') THEN CASE WHEN k < 2 THEN 'completed' WHEN k = 2 THEN r.status ELSE 'pending' END
			WHEN k < 4 OR r.status = 'completed' THEN 'completed'
			WHEN r.status = 'cancelled' THEN 'cancelled'
			ELSE 'failed'
		END AS status,
		CASE
			WHEN r.ended_at IS NOT NULL THEN r.started_at + (r.ended_at - r.started_at) * k / 5
			WHEN r.started_at IS NOT NULL AND k <= 2 THEN r.started_at + interval '1 second' * k
		END AS started_at,
		CASE
			WHEN r.ended_at IS NOT NULL THEN r.started_at + (r.ended_at - r.started_at) * (k + 1) / 5
			WHEN r.started_at IS NOT NULL AND k < 2 THEN r.started_at + interval '1 second' * (k + 1)
		END AS ended_at
) t;

-- The step with 200,000 events: step 2 of a completed run from an hour ago.
WITH chosen AS (
	SELECT id FROM bench_runs
	WHERE status = 'completed' AND n <= :runs - 1500
	ORDER BY n DESC
	LIMIT 1
),
marked AS (
	UPDATE workflow_runs r SET trace_id = 'bench-200k-events'
	FROM chosen WHERE r.id = chosen.id
	RETURNING r.id, r.started_at
)
UPDATE workflow_run_steps s
SET events = (
	SELECT jsonb_agg(jsonb_build_object(
		'seq', g,
		'at', marked.started_at + g * interval '1 millisecond',
		'type', (ARRAY['log', 'log', 'log', 'http', 'llm.token'])[1 + g % 5],
		'message', format('event %s of the long step', g)
	) ORDER BY g)
	FROM generate_series(1, :big_events) g
)
FROM marked
WHERE s.run_id = marked.id AND s.step_number = 2;

-- Report collections (5 per org) and report weeks, one per 33 runs, created
-- over the same 30 days; population rate rising from 60% to 95%.
INSERT INTO report_data_collections (organization_id, workflow_id, name, created_at)
SELECT (SELECT ids FROM bench_orgs)[c % 20 + 1],
	(SELECT ids FROM bench_workflows)[c % 50 + 1],
	format('collection-%s', c),
	now() - interval '60 days'
FROM generate_series(0, 99) c;

CREATE TEMP TABLE bench_collections ON COMMIT DROP AS
SELECT array_agg(id ORDER BY name) AS ids, array_agg(organization_id ORDER BY name) AS orgs FROM report_data_collections;

INSERT INTO report_data_weeks (collection_id, organization_id, week_start_date, week_end_date, status, execution_id, created_at)
SELECT (SELECT ids FROM bench_collections)[1 + x.c],
	(SELECT orgs FROM bench_collections)[1 + x.c],
	x.created_at::date - 7,
	x.created_at::date - 1,
	CASE WHEN x.populated THEN 'completed' ELSE 'collecting' END,
	CASE
		WHEN NOT x.populated THEN NULL
		WHEN x.orphan THEN gen_random_uuid()
		ELSE r.id
	END,
	x.created_at
FROM (
	SELECT m, m % 100 AS c,
		now() - interval '30 days' * (1 - m::double precision / (:runs / 33)) AS created_at,
		random() < 0.60 + 0.35 * m::double precision / (:runs / 33) AS populated,
		random() < 0.03 AS orphan,
		1 + floor(random() * :runs)::int AS run_n
	FROM generate_series(1, :runs / 33) m
) x
LEFT JOIN bench_runs r ON r.n = x.run_n;

DO $$
DECLARE
	created record;
BEGIN
	FOR created IN SELECT definition FROM bench_indexes LOOP
		EXECUTE created.definition;
	END LOOP;
END;
$$;

COMMIT;

-- Statistics and the visibility map (index-only scans), as a live database
-- would have them; autovacuum may be off on the benchmark server.
VACUUM (ANALYZE) organizations, workflows, workflow_runs, workflow_run_steps, report_data_collections, report_data_weeks;
