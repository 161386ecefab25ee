import test from 'ava';
import {createPool} from '../source/db/connect.js';
import {parseWindow} from '../source/model/windows.js';
import {takeSnapshot} from '../source/snapshot.js';
import {databaseWithFixture, fixture} from './helpers/fixtures.js';

const database = {host: 'test', port: 5432, database: 'test', user: 'test', server_version: 'test'};
const acme = {id: fixture.orgA, slug: 'acme', name: 'Acme'};

async function snapshotOf(t: {teardown(fn: () => Promise<void>): void}, options: {org?: typeof acme; statementTimeoutMs?: number} = {}) {
	const db = await databaseWithFixture();
	t.teardown(db.drop);
	const pool = createPool({url: db.url, connectTimeoutMs: 5000, statementTimeoutMs: options.statementTimeoutMs ?? 10_000, orgId: options.org?.id});
	t.teardown(async () => pool.end());
	return {pool, url: db.url, snapshot: await takeSnapshot(pool, {database, org: options.org ?? null, window: parseWindow('1h')})};
}

test('every panel of a snapshot of the hand-made dataset has the figures the dataset implies', async t => {
	const {snapshot} = await snapshotOf(t);
	const {active, finished, stuck, top_errors: topErrors} = snapshot.status;

	t.deepEqual(active.data?.map(row => [row.status, row.count]), [['queued', 7], ['running', 2], ['waiting', 1]]);
	const oldestQueued = active.data?.[0]?.oldest_age_ms ?? 0;
	t.true(oldestQueued >= 3_600_000 && oldestQueued < 3_660_000, `oldest queued is an hour old, got ${oldestQueued}`);

	t.deepEqual(finished.data?.by_status, [
		{status: 'completed', count: 160},
		{status: 'failed', count: 10},
		{status: 'cancelled', count: 0},
		{status: 'timeout', count: 0},
	]);
	t.is(finished.data?.failure_rate, 10 / 170);
	t.is(finished.data?.failures, 10);

	const ingest = snapshot.durations.data?.workflows.find(row => row.workflow_name === 'ingest');
	t.like(ingest, {count: 100, p50_ms: 50_000, p90_ms: 90_000, p95_ms: 95_000, p99_ms: 99_000, max_ms: 100_000});
	const report = snapshot.durations.data?.workflows.find(row => row.workflow_name === 'report');
	t.like(report, {count: 20, p50_ms: 1000, p90_ms: 2000, max_ms: 2000});
	t.deepEqual(snapshot.durations.data?.workflows.map(row => row.workflow_name), ['ingest', 'billing', 'report']);
	t.is(snapshot.durations.data?.trend?.workflow_name, 'ingest');
	t.is(snapshot.durations.data?.trend?.buckets.reduce((sum, bucket) => sum + bucket.count, 0), 100);

	t.deepEqual(stuck.data?.map(row => [row.run_id, row.reason]), [[fixture.stuckRun, 'over_p99']]);
	t.deepEqual(topErrors.data?.map(row => [row.error_message, row.count]), [['boom', 6], ['upstream 503', 4]]);

	const finishedInBuckets = snapshot.status.throughput.data?.buckets.reduce((sum, bucket) => sum + bucket.finished, 0);
	t.is(finishedInBuckets, 170);

	const population = snapshot.population.data;
	t.like(population, {rows: 14, with_execution_id: 7, orphans: 2, population_rate: 0.5});
	t.is(population?.days.at(-1)?.rows, 14);
	t.is(population?.days.length, 30);

	const runs = snapshot.storage.data?.tables.find(table => table.table_name === 'workflow_runs');
	t.truthy(runs);
	t.true((runs?.total_bytes ?? 0) >= (runs?.heap_bytes ?? 0) + (runs?.index_bytes ?? 0));
	t.is(runs?.growth_bytes_per_minute, null);
});

test('an org-scoped snapshot counts only that org', async t => {
	const {snapshot} = await snapshotOf(t, {org: acme});
	t.deepEqual(snapshot.org, acme);
	t.deepEqual(snapshot.status.active.data?.map(row => row.count), [3, 2, 1]);
	t.is(snapshot.status.finished.data?.total, 120);
	t.is(snapshot.status.finished.data?.failure_rate, 10 / 120);
	t.false(snapshot.durations.data?.workflows.some(row => row.workflow_name === 'billing'));
	t.like(snapshot.population.data, {rows: 10, with_execution_id: 7, orphans: 2, population_rate: 0.7});
});

test('storage growth is measured against the previous snapshot', async t => {
	const {pool, snapshot} = await snapshotOf(t);
	const later = await takeSnapshot(pool, {database, org: null, window: parseWindow('1h')}, snapshot);
	const runs = later.storage.data?.tables.find(table => table.table_name === 'workflow_runs');
	t.is(typeof runs?.growth_bytes_per_minute, 'number');
});

test('a panel whose query exceeds the statement timeout carries the error and the other panels still have data', async t => {
	const {pool, url} = await snapshotOf(t);
	const slowPool = createPool({
		url,
		connectTimeoutMs: 5000,
		statementTimeoutMs: 200,
	});
	t.teardown(async () => slowPool.end());
	const admin = await pool.connect();
	// A lock on report_data_weeks makes the population query wait past the timeout.
	await admin.query('BEGIN');
	await admin.query('LOCK TABLE report_data_weeks IN ACCESS EXCLUSIVE MODE');
	try {
		const snapshot = await takeSnapshot(slowPool, {database, org: null, window: parseWindow('1h')});
		t.regex(snapshot.population.error ?? '', /statement timeout|canceling statement/);
		t.is(snapshot.population.data, null);
		t.is(snapshot.status.finished.data?.total, 170);
		t.is(snapshot.status.active.error, null);
	} finally {
		await admin.query('ROLLBACK');
		admin.release();
	}
});

test('storage estimates the rows of a table never analyzed from its live-tuple count, not as 0', async t => {
	const {pool} = await snapshotOf(t);
	const counted = async (sql: string) => Number((await pool.query<{n: string}>(sql)).rows[0]?.n);
	const runs = await counted('SELECT count(*) AS n FROM workflow_runs');
	if (await counted('SELECT reltuples AS n FROM pg_class WHERE oid = \'workflow_runs\'::regclass') !== -1) {
		// Autovacuum got there first: the estimate then comes from the analyze, which must agree.
		t.log('workflow_runs was analyzed before the test looked');
	}

	// The statistics take the inserts in once the loading session is idle.
	const deadline = Date.now() + 10_000;
	while (await counted('SELECT coalesce(sum(n_live_tup), 0) AS n FROM pg_stat_user_tables WHERE relname = \'workflow_runs\'') < runs && Date.now() < deadline) {
		await new Promise(resolve => {
			setTimeout(resolve, 100);
		});
	}

	const snapshot = await takeSnapshot(pool, {database, org: null, window: parseWindow('1h')});
	t.is(snapshot.storage.data?.tables.find(table => table.table_name === 'workflow_runs')?.estimated_rows, runs);
});
