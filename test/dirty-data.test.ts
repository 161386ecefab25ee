import test from 'ava';
import type {Snapshot} from '../source/model/snapshot.js';
import {runCli} from './helpers/cli.js';
import {withClient, type TestDatabase} from './helpers/database.js';
import {databaseWithFixture} from './helpers/fixtures.js';

// test/fixtures/dirty.sql: 16 clean runs finished in the last hour (10 completed, 4 failed, 1 cancelled,
// 1 timeout) next to one row of each kind that breaks the model's invariants. Of those, only the run
// with a step timed outside it counts as finished (its own status and times are consistent).
let database: TestDatabase;
test.before(async () => {
	database = await databaseWithFixture('dirty');
});
test.after.always(async () => database?.drop());

const wfmon = async (...args: string[]) => runCli(args, {databaseUrl: database.url});
const snapshotOf = async (...args: string[]): Promise<Snapshot> => {
	const result = await wfmon('snapshot', ...args);
	if (result.code !== 0) {
		throw new Error(result.stderr);
	}

	return JSON.parse(result.stdout) as Snapshot;
};

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

// The truth, counted here in SQL of its own rather than through wfmon's queries.
const independentCount = async (window: string) => withClient(database.url, async client => {
	const {rows} = await client.query<{finished: number; failures: number}>(`
		SELECT count(*)::int AS finished, count(*) FILTER (WHERE status IN ('failed', 'timeout'))::int AS failures
		FROM workflow_runs
		WHERE status IN ('completed', 'failed', 'cancelled', 'timeout')
			AND ended_at > now() - $1::interval AND ended_at <= now()
			AND steps_completed <= steps_total`, [window]);
	return rows[0]!;
});

for (const window of ['1h', '7d']) {
	test(`${window}: finished, throughput, failure rate and top errors agree with each other and with an independent count`, async t => {
		const snapshot = await snapshotOf('--window', window);
		const truth = await independentCount(window === '1h' ? '1 hour' : '7 days');
		t.deepEqual(truth, {finished: 17, failures: 5});
		const finished = snapshot.status.finished.data!;
		const buckets = snapshot.status.throughput.data!.buckets;
		t.is(finished.total, truth.finished);
		t.is(sum(buckets.map(bucket => bucket.finished)), truth.finished);
		t.is(finished.failures, truth.failures);
		t.is(sum(buckets.map(bucket => bucket.failures)), truth.failures);
		t.is(finished.failure_rate, 5 / 17);
		const errors = snapshot.status.top_errors.data!;
		t.deepEqual(errors.map(error => [error.error_message, error.count]), [['boom', 4], ['slow', 1]]);
		t.true(errors.every(error => error.last_seen_at <= snapshot.generated_at));
	});
}

test('a run ended in the future is in data_quality and not in the 1h window; every finding has its count and samples', async t => {
	const snapshot = await snapshotOf('--window', '1h');
	const quality = snapshot.data_quality.data!;
	t.is(quality.future_tolerance_seconds, 60);
	const byFinding = Object.fromEntries(quality.findings.map(finding => [finding.finding, finding]));
	t.deepEqual(byFinding['ended_in_future']!.sample_ids.sort(),
		['dddddddd-0000-4000-8000-000000000001', 'dddddddd-0000-4000-8000-00000000000b']);
	t.deepEqual(quality.findings.map(finding => [finding.finding, finding.count]), [
		['ended_in_future', 2],
		['ended_but_not_final', 1],
		['final_without_ended_at', 1],
		['running_without_started_at', 1],
		['steps_completed_over_total', 1],
		['step_outside_run', 1],
		['cross_org_report', 1],
	]);
	t.is(quality.total, 8);
	t.deepEqual(byFinding['cross_org_report']!.sample_ids, ['eeeeeeee-0000-4000-8000-000000000003']);
	t.is(byFinding['cross_org_report']!.sample_kind, 'report_week');
	t.deepEqual(byFinding['step_outside_run']!.sample_ids, ['dddddddd-0000-4000-8000-000000000006']);
	t.false(snapshot.status.top_errors.data!.some(error => error.error_message === 'clock skew'));
});

test('durations leave out a workflow that has only dirty rows', async t => {
	const snapshot = await snapshotOf('--window', '7d');
	const workflows = snapshot.durations.data!.workflows;
	t.deepEqual(workflows.map(workflow => [workflow.workflow_name, workflow.count]), [['clean', 17]]);
	t.is(workflows[0]!.max_ms, 60_000);
});

test('a 5m window of an org whose only finished run ended in the future has no failure rate and breaches nothing', async t => {
	const snapshot = await snapshotOf('--org', 'globex', '--window', '5m');
	t.is(snapshot.status.finished.data!.total, 0);
	t.is(snapshot.status.finished.data!.failure_rate, null);
	// Storage is never scoped to an org, and says so.
	t.is(snapshot.storage.data!.scope, 'database');
	const check = await wfmon('check', '--org', 'globex', '--window', '5m', '--max-failure-rate', '10%', '--max-queue-age', '1h');
	t.is(check.code, 0, check.stdout);
	t.regex(check.stdout, /ok {7}failure_rate {5}no data/);
});

test('a cross-org reference is a data-quality finding, not an orphan', async t => {
	const population = (await snapshotOf('--org', 'acme')).population.data!;
	t.deepEqual([population.rows, population.with_execution_id, population.orphans], [4, 3, 1]);
});

test('check --max-anomalies holds the data-quality total; a value that is not a number is one line and exit 2', async t => {
	const relaxed = ['--max-failure-rate', '100%', '--max-stuck', '99', '--max-queue-age', '1d'];
	const breached = await wfmon('check', ...relaxed, '--max-anomalies', '7');
	t.is(breached.code, 1, breached.stdout);
	t.regex(breached.stdout, /^BREACHED anomalies {8}8 \(limit <= 7\)$/m);
	const held = await wfmon('check', ...relaxed, '--max-anomalies', '8', '--json');
	t.is(held.code, 0, held.stdout);
	t.like(JSON.parse(held.stdout), {status: 'ok'});
	const bad = await wfmon('check', '--max-anomalies', 'lots');
	t.is(bad.code, 2);
	t.is(bad.stderr, 'wfmon: --max-anomalies must be a whole number, 0 or more (got "lots")\n');
	t.is(bad.stdout, '');
});
