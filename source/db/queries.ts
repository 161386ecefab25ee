import type pg from 'pg';
import {loadSql} from './sql.js';
import {readPage} from './page.js';
import {streamBatches} from './stream.js';
import {jsonOutputTypes} from './types.js';

// One typed function per file in sql/queries. Only this module (and the
// schema code) talks to PostgreSQL; everything above it gets plain rows.

/** A pool or one client: either can run a single query. */
export type Queryable = pg.ClientBase | pg.Pool;

/** Org id to filter by, or null for every org. */
export type OrgFilter = string | null;

export type ActiveRow = {status: string; count: number; oldest_created_at: Date | null; oldest_age_ms: number | null};
export type FinishedRow = {status: string; count: number};
export type ThroughputRow = {bucket_start: Date; finished: number; failed: number};
export type PercentileRow = {
	workflow_id: string;
	workflow_name: string;
	org_slug: string;
	count: number;
	p50_ms: number;
	p90_ms: number;
	p95_ms: number;
	p99_ms: number;
	max_ms: number;
};
export type TrendRow = {bucket_start: Date; p95_ms: number | null; count: number};
export type StuckRow = {
	run_id: string;
	workflow_name: string;
	org_slug: string;
	started_at: Date;
	current_step: string | null;
	running_ms: number;
	p99_ms: number | null;
	last_progress_at: Date;
	reason: 'over_p99' | 'no_progress';
};
export type ErrorRow = {error_message: string; count: number; last_seen_at: Date; workflows: number};
export type StorageRow = {
	table_name: string;
	total_bytes: number;
	heap_bytes: number;
	index_bytes: number;
	toast_bytes: number;
	estimated_rows: number;
	dead_tuples: number;
	last_vacuum: Date | null;
	last_analyze: Date | null;
};
export type PopulationRow = {
	day: string;
	rows: number;
	with_execution_id: number;
	orphans: number;
	/** Weeks naming a run of another org (a data-quality finding), and the newest of their ids. */
	cross_org: number;
	cross_org_samples: string[];
};
export type RunRow = {
	run_id: string;
	org_slug: string;
	workflow_name: string;
	status: string;
	channel: string;
	created_at: Date;
	started_at: Date | null;
	ended_at: Date | null;
	duration_ms: number | null;
	steps_completed: number;
	steps_total: number;
	error_message: string | null;
};
export type RunDetailRow = RunRow & {
	trace_id: string | null;
	external_id: string | null;
	current_step: string | null;
	context: unknown;
	parameters: unknown;
	result: unknown;
	error_details: unknown;
	llm_model: string | null;
	llm_tokens_used: number | null;
	tier: number | null;
};
export type StepRow = {
	step_id: string;
	step_number: number;
	node_id: string;
	name: string | null;
	status: string;
	retry_count: number;
	started_at: Date | null;
	ended_at: Date | null;
	duration_ms: number | null;
	event_count: number;
	screenshot_count: number;
	error_message: string | null;
};
export type OrgRow = {id: string; slug: string; name: string};
export type ServerInfoRow = {database: string; server_version: string; user_name: string};

/** Filters of the runs list; null means "any". */
export type RunFilter = {
	status: string | null;
	workflow: string | null;
	text: string | null;
	sinceSeconds: number | null;
	/** Only these runs (the data-quality samples), or null/absent for any. */
	ids?: string[] | null;
	/** The TUI's order: newest first unless told (runs_list_sorted.sql). */
	order?: RunsOrder;
};

/** What the runs list is sorted by, and which way. */
export type RunsOrder = {sort: 'created' | 'duration' | 'status' | 'workflow'; ascending: boolean};

async function rows<Row extends pg.QueryResultRow>(client: Queryable, name: string, parameters: unknown[]): Promise<Row[]> {
	const result = await client.query<Row>(loadSql(`queries/${name}`), parameters);
	return result.rows;
}

export const activeByStatus = async (client: Queryable, org: OrgFilter) =>
	rows<ActiveRow>(client, 'active_by_status', [org]);

export const finishedByStatus = async (client: Queryable, org: OrgFilter, windowSeconds: number) =>
	rows<FinishedRow>(client, 'finished_by_status', [org, windowSeconds]);

export const throughput = async (client: Queryable, org: OrgFilter, windowSeconds: number, bucketSeconds: number) =>
	rows<ThroughputRow>(client, 'throughput', [org, windowSeconds, bucketSeconds]);

export const durationPercentiles = async (client: Queryable, org: OrgFilter, windowSeconds: number) =>
	rows<PercentileRow>(client, 'duration_percentiles', [org, windowSeconds]);

export const durationTrend = async (client: Queryable, org: OrgFilter, windowSeconds: number, bucketSeconds: number, workflowId: string) =>
	rows<TrendRow>(client, 'duration_trend', [org, windowSeconds, bucketSeconds, workflowId]);

/** Stuck: running over `p99Multiple` times the workflow's p99, or no step progress for `noProgressSeconds`. */
export const stuckRuns = async (client: Queryable, org: OrgFilter, limit: number, p99Multiple: number, noProgressSeconds: number) =>
	rows<StuckRow>(client, 'stuck_runs', [org, limit, p99Multiple, noProgressSeconds]);

export const topErrors = async (client: Queryable, org: OrgFilter, windowSeconds: number, limit: number) =>
	rows<ErrorRow>(client, 'top_errors', [org, windowSeconds, limit]);

export const storage = async (client: Queryable) =>
	rows<StorageRow>(client, 'storage', []);

export const population = async (client: Queryable, org: OrgFilter, days: number, samples: number) =>
	rows<PopulationRow>(client, 'population', [org, days, samples]);

export const findOrg = async (client: Queryable, slugOrId: string) =>
	rows<OrgRow>(client, 'find_org', [slugOrId]);

/** The orgs this role may scope itself to. */
export const scopableOrgs = async (client: Queryable) =>
	rows<OrgRow>(client, 'scopable_orgs', []);

/** Workflow names in scope, each once. */
export const workflowNames = async (client: Queryable, org: OrgFilter) =>
	rows<{name: string; workflows: number}>(client, 'workflow_names', [org]);

export const serverInfo = async (client: Queryable) =>
	rows<ServerInfoRow>(client, 'server_info', []);

/** Up to 6 ids of runs between `low` and `high` (a prefix's range), or ending in `suffix`. */
export const findRunsByShortId = async (client: Queryable, range: {low: string; high: string}, suffix: string | null, org: OrgFilter) =>
	rows<{id: string}>(client, 'find_runs_by_short_id', [range.low, range.high, suffix, org]);

export const runDetail = async (client: Queryable, runId: string, org: OrgFilter) =>
	rows<RunDetailRow>(client, 'run_detail', [runId, org]);

export const runSteps = async (client: Queryable, runId: string, org: OrgFilter) =>
	rows<StepRow>(client, 'run_steps', [runId, org]);

export const stepScreenshots = async (client: Queryable, runId: string, stepNumber: number, org: OrgFilter) =>
	rows<{screenshots: unknown[]}>(client, 'step_screenshots', [runId, stepNumber, org]);

/** The runs list's parameters; `anchor` is the run the page starts after. */
const runsListParameters = (org: OrgFilter, filter: RunFilter, anchor: string | null) => [
	org, filter.status, filter.workflow, filter.text, filter.sinceSeconds, anchor, filter.ids ?? null,
	filter.order?.sort === 'created' && filter.order.ascending,
];

/** One page of the runs list in its order: the runs after `afterRunId` (from the top when null). */
export async function runsPage(pool: pg.Pool, org: OrgFilter, filter: RunFilter, afterRunId: string | null, count: number) {
	const parameters = runsListParameters(org, filter, afterRunId);
	const {order} = filter;
	// By creation time, either way, is what the index serves; any other order sorts the matching runs.
	if (order === undefined || order.sort === 'created') {
		return readPage<RunRow>(pool, loadSql('queries/runs_list'), parameters, count);
	}

	return readPage<RunRow>(pool, loadSql('queries/runs_list_sorted'), [...parameters.slice(0, 7), order.sort, order.ascending, count],
		count);
}

/** How many runs the list holds, as the planner estimates it (row level security included): no count(*) of 1M rows. */
export async function runsCountEstimate(pool: pg.Pool, org: OrgFilter, filter: RunFilter): Promise<number> {
	const sql = `${loadSql('read/explain_json')} ${loadSql('queries/runs_list')}`;
	const result = await pool.query<{'QUERY PLAN': Array<{Plan: {'Plan Rows': number}}>}>(sql, runsListParameters(org, filter, null));
	return Math.round(result.rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0);
}

/** One page of a step's events, in array order, after the first `skip`. */
export const stepEventsPage = async (pool: pg.Pool, runId: string, stepNumber: number, org: OrgFilter, skip: number, count: number) =>
	readPage<{event: unknown}>(pool, loadSql('queries/step_events'), [runId, stepNumber, org, skip], count);

/** A runs-list row as JSON output prints it: times as ISO strings. */
export type RunJson = Omit<RunRow, 'created_at' | 'started_at' | 'ended_at'> & {created_at: string; started_at: string | null; ended_at: string | null};

/** The runs list in batches for NDJSON output (no Date objects made on the way). */
export const streamRunBatchesForJson = (client: pg.PoolClient, org: OrgFilter, filter: RunFilter) =>
	streamBatches<RunJson>(client, loadSql('queries/runs_list'), runsListParameters(org, filter, null), {
		types: jsonOutputTypes,
		batchSize: 1000,
	});

/** One step's events in batches for NDJSON output. */
export const streamStepEventBatches = (client: pg.PoolClient, runId: string, stepNumber: number, org: OrgFilter) =>
	streamBatches<{event: unknown}>(client, loadSql('queries/step_events'), [runId, stepNumber, org, null]);

/** All of a run's events in batches for NDJSON output. */
export const streamRunEventBatches = (client: pg.PoolClient, runId: string, org: OrgFilter) =>
	streamBatches<{step_number: number; event: unknown}>(client, loadSql('queries/run_events'), [runId, org]);

/** The step numbers of one run, without touching their payloads. */
export const stepNumbers = async (client: Queryable, runId: string, org: OrgFilter) =>
	rows<{step_number: number}>(client, 'step_numbers', [runId, org]);
