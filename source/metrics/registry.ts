// The snapshot as Prometheus metrics, built with prom-client on a registry of
// its own (no default process metrics: in the one-shot and textfile modes they
// would describe a process that has already exited). A fresh registry per read,
// so a workflow or org that is gone leaves no stale series behind.
import {Counter, Gauge, Registry} from 'prom-client';
import type {Snapshot} from '../model/snapshot.js';
import type {ScopedSnapshot} from '../scopes.js';

/** What one read produced, and how many reads this process made (the counter). */
export type MetricsInput = {scopes: ScopedSnapshot[]; reads: number};

/** The exposition format's content type, for the HTTP response. */
export const metricsContentType = new Registry().contentType;

type Labels = Record<string, string>;
type Family = {gauge: Gauge; set(labels: Labels, value: number | null | undefined): void};

/** The Prometheus text of one read: every scope's figures, the database-wide storage once. */
export async function metricsText(input: MetricsInput): Promise<string> {
	const registry = new Registry();
	const family = (name: string, help: string, labelNames: string[]): Family => {
		const gauge = new Gauge({name, help, labelNames, registers: [registry]});
		// A figure with no data (a failure rate with nothing finished) is left out, not a 0.
		return {gauge, set: (labels, value) => value === null || value === undefined ? undefined : gauge.set(labels, value)};
	};

	const scopeFigures = scopeFamilies(family);
	for (const {org, snapshot} of input.scopes) {
		scopeFigures(snapshot, org === null ? {} : {org: org.slug});
	}

	const first = input.scopes[0]?.snapshot;
	if (first !== undefined) {
		storageFamilies(family)(first);
		family('wfmon_window_seconds', 'Length of the window that finished-run figures cover (--window).', [])
			.set({}, first.window.seconds);
	}

	const reads = new Counter({
		name: 'wfmon_snapshot_reads_total',
		help: 'Snapshots this wfmon process has read from the database.',
		registers: [registry],
	});
	reads.inc(input.reads);
	return registry.metrics();
}

// Not `quantile`: that label belongs to summaries, and these are gauges of percentiles wfmon computed.
const percentiles = [['50', 'p50_ms'], ['90', 'p90_ms'], ['95', 'p95_ms'], ['99', 'p99_ms'], ['100', 'max_ms']] as const;

function scopeFamilies(family: (name: string, help: string, labels: string[]) => Family) {
	const active = family('wfmon_active_runs', 'Runs queued, running or waiting now.', ['org', 'status']);
	const oldest = family('wfmon_active_oldest_age_seconds',
		'Now minus created_at of the oldest active run in that status.', ['org', 'status']);
	const finished = family('wfmon_finished_runs',
		'Runs finished in the window (wfmon_window_seconds), by final status (see README, Definitions).', ['org', 'status']);
	const failure = family('wfmon_failure_ratio',
		'(failed + timeout) / all finished in the window, 0 to 1; absent when nothing finished.', ['org']);
	const stuck = family('wfmon_stuck_runs',
		'Running runs over 3x their workflow\'s p99 or without step progress for 15 minutes (at most 20 listed).',
		['org', 'workflow']);
	const durations = family('wfmon_run_duration_seconds',
		'Duration of runs finished in the window, nearest-rank percentile per workflow (100 is the longest).',
		['org', 'workflow', 'percentile']);
	const reportRows = family('wfmon_report_rows', 'Report weeks (report_data_weeks rows) created in the last 30 days.', ['org']);
	const populated = family('wfmon_report_rows_with_execution_id',
		'Report weeks created in the last 30 days that carry an execution_id.', ['org']);
	const population = family('wfmon_population_ratio',
		'Report weeks with an execution_id / all report weeks, last 30 days; absent without rows.', ['org']);
	const orphans = family('wfmon_report_orphan_rows',
		'Report weeks whose execution_id names no run in any org, last 30 days.', ['org']);
	const quality = family('wfmon_data_quality_rows',
		'Rows breaking the model\'s invariants, by finding (see README, Definitions).', ['org', 'finding']);
	const panelUp = family('wfmon_panel_up', '1 when the panel was read, 0 when its query failed.', ['org', 'panel']);
	const readSeconds = family('wfmon_snapshot_read_seconds', 'Wall time of reading every panel of the snapshot.', ['org']);
	const takenAt = family('wfmon_snapshot_timestamp_seconds', 'When the snapshot was read, in Unix seconds.', ['org']);

	return (snapshot: Snapshot, scope: Labels) => {
		const {status} = snapshot;
		for (const row of status.active.data ?? []) {
			active.set({...scope, status: row.status}, row.count);
			oldest.set({...scope, status: row.status}, row.oldest_age_ms === null ? null : row.oldest_age_ms / 1000);
		}

		for (const row of status.finished.data?.by_status ?? []) {
			finished.set({...scope, status: row.status}, row.count);
		}

		failure.set(scope, status.finished.data?.failure_rate);
		// Rows name their own org even in an unscoped snapshot.
		const stuckCounts = new Map<string, {org: string; workflow: string; count: number}>();
		for (const run of status.stuck.data ?? []) {
			const key = JSON.stringify([run.org_slug, run.workflow_name]);
			const entry = stuckCounts.get(key) ?? {org: run.org_slug, workflow: run.workflow_name, count: 0};
			stuckCounts.set(key, {...entry, count: entry.count + 1});
		}

		for (const {org, workflow, count} of stuckCounts.values()) {
			stuck.set({org, workflow}, count);
		}

		for (const row of snapshot.durations.data?.workflows ?? []) {
			for (const [percentile, key] of percentiles) {
				durations.set({org: row.org_slug, workflow: row.workflow_name, percentile}, row[key] / 1000);
			}
		}

		const days = snapshot.population.data;
		reportRows.set(scope, days?.rows);
		populated.set(scope, days?.with_execution_id);
		population.set(scope, days?.population_rate);
		orphans.set(scope, days?.orphans);
		for (const finding of snapshot.data_quality.data?.findings ?? []) {
			quality.set({...scope, finding: finding.finding}, finding.count);
		}

		for (const [panel, {error}] of panelsOf(snapshot)) {
			panelUp.set({...scope, panel}, error === null ? 1 : 0);
		}

		readSeconds.set(scope, snapshot.query_ms / 1000);
		takenAt.set(scope, Date.parse(snapshot.generated_at) / 1000);
	};
}

function storageFamilies(family: (name: string, help: string, labels: string[]) => Family) {
	const bytes = family('wfmon_table_bytes',
		'Table size by part (heap, index, toast; partitions folded in); database-wide, never scoped to an org.',
		['table', 'part']);
	const rows = family('wfmon_table_estimated_rows', 'The planner\'s estimate of a table\'s rows (reltuples).', ['table']);
	const dead = family('wfmon_table_dead_tuples', 'Dead tuples of a table, from pg_stat_user_tables.', ['table']);
	return (snapshot: Snapshot) => {
		for (const table of snapshot.storage.data?.tables ?? []) {
			const labels = {table: table.table_name};
			bytes.set({...labels, part: 'heap'}, table.heap_bytes);
			bytes.set({...labels, part: 'index'}, table.index_bytes);
			bytes.set({...labels, part: 'toast'}, table.toast_bytes);
			rows.set(labels, table.estimated_rows);
			dead.set(labels, table.dead_tuples);
		}
	};
}

function panelsOf(snapshot: Snapshot): Array<[string, {error: string | null}]> {
	const {status} = snapshot;
	return [
		['active', status.active], ['finished', status.finished], ['throughput', status.throughput],
		['stuck', status.stuck], ['top_errors', status.top_errors], ['durations', snapshot.durations],
		['storage', snapshot.storage], ['population', snapshot.population], ['data_quality', snapshot.data_quality],
	];
}
