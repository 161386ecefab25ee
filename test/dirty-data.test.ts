import test from 'ava';
import type {Snapshot} from '../source/model/snapshot.js';
import {runCli} from './helpers/cli.js';
import {withClient, type TestDatabase} from './helpers/database.js';
import {databaseWithFixture} from './helpers/fixtures.js';

// test/fixtures/dirty.sql: 16 clean runs finished in the last hour (10 completed, 4 failed, 1 cancelled,
// 1 timeout) next to one row of each kind that breaks the model's invariants; none of those counts as finished.
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
			AND steps_completed <= steps_total
			AND NOT EXISTS (
				SELECT FROM workflow_run_steps s
				WHERE s.run_id = workflow_runs.id AND (s.started_at < workflow_runs.started_at OR s.ended_at > workflow_runs.ended_at)
			)`, [window]);
	return rows[0]!;
});

for (const window of ['1h', '7d']) {
	test(`${window}: finished, throughput, failure rate and top errors agree with each other and with an independent count`, async t => {
		const snapshot = await snapshotOf('--window', window);
		const truth = await independentCount(window === '1h' ? '1 hour' : '7 days');
		t.deepEqual(truth, {finished: 16, failures: 5});
		const finished = snapshot.status.finished.data!;
		const buckets = snapshot.status.throughput.data!.buckets;
		t.is(finished.total, truth.finished);
		t.is(sum(buckets.map(bucket => bucket.finished)), truth.finished);
		t.is(finished.failures, truth.failures);
		t.is(sum(buckets.map(bucket => bucket.failures)), truth.failures);
		t.is(finished.failure_rate, 5 / 16);
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
	t.deepEqual(workflows.map(workflow => [workflow.workflow_name, workflow.count]), [['clean', 16]]);
	// The run with a step outside it (60 s) is left out; the clean runs last up to 16 s.
	t.is(workflows[0]!.max_ms, 16_000);
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

// Serial: it changes the shared rows (and puts them back) before the other tests read them.
test.serial('a step fixed, or a run ended before its step, is listed or not as soon as it is written', async t => {
	const stepOutside = async () => {
		const snapshot = await snapshotOf('--window', '1h');
		const finding = snapshot.data_quality.data!.findings.find(each => each.finding === 'step_outside_run')!;
		return {count: finding.count, samples: finding.sample_ids, finished: snapshot.status.finished.data!.total};
	};

	const dirtyRun = 'dddddddd-0000-4000-8000-000000000006';
	await withClient(database.url, async client => {
		const {rows: [clean]} = await client.query<{id: string; ended_at: Date}>(`
			SELECT id, ended_at FROM workflow_runs
			WHERE status = 'completed' AND started_at IS NOT NULL AND ended_at > now() - interval '1 hour' AND id <> $1
			ORDER BY id LIMIT 1`, [dirtyRun]);
		try {
			// The dirty run's step starts inside it now: the run is finished again.
			await client.query(`UPDATE workflow_run_steps SET started_at = now() - interval '8 minutes' WHERE run_id = $1`, [dirtyRun]);
			t.deepEqual(await stepOutside(), {count: 0, samples: [], finished: 17});
			// A clean run gets a step inside it, then ends a second before that step: listed, and not finished.
			await client.query(`
				INSERT INTO workflow_run_steps (run_id, organization_id, node_id, step_number, status, started_at, ended_at)
				SELECT id, organization_id, 'late', 1, 'completed', started_at, ended_at FROM workflow_runs WHERE id = $1`, [clean!.id]);
			t.deepEqual(await stepOutside(), {count: 0, samples: [], finished: 17});
			await client.query(`UPDATE workflow_runs SET ended_at = ended_at - interval '1 second' WHERE id = $1`, [clean!.id]);
			t.deepEqual(await stepOutside(), {count: 1, samples: [clean!.id], finished: 16});
		} finally {
			await client.query(`DELETE FROM workflow_run_steps WHERE run_id = $1`, [clean!.id]);
			await client.query(`UPDATE workflow_runs SET ended_at = $2 WHERE id = $1`, [clean!.id, clean!.ended_at]);
			await client.query(`UPDATE workflow_run_steps SET started_at = now() - interval '9 minutes' WHERE run_id = $1`, [dirtyRun]);
		}
	});
	t.deepEqual(await stepOutside(), {count: 1, samples: [dirtyRun], finished: 16});
});
