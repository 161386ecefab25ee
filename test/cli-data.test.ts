import test from 'ava';
import {databaseWithFixture, fixture} from './helpers/fixtures.js';
import {ndjson, runCli} from './helpers/cli.js';
import type {TestDatabase} from './helpers/database.js';

let database: TestDatabase;
test.before(async () => {
	database = await databaseWithFixture();
});
test.after.always(async () => database?.drop());

const wfmon = async (...args: string[]) => runCli(args, {databaseUrl: database.url});

test('wfmon snapshot prints the versioned JSON document', async t => {
	const result = await wfmon('snapshot');
	t.is(result.code, 0, result.stderr);
	const snapshot = JSON.parse(result.stdout) as {version: number; window: {name: string}; status: {finished: {data: {total: number}}}; generated_at: string};
	t.is(snapshot.version, 3);
	t.is(snapshot.window.name, '1h');
	t.is(snapshot.status.finished.data.total, 170);
	t.regex(snapshot.generated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('wfmon with stdout not a terminal prints the same snapshot', async t => {
	const result = await wfmon('--window', '24h');
	t.is(result.code, 0, result.stderr);
	t.is((JSON.parse(result.stdout) as {window: {name: string}}).window.name, '24h');
});

test('wfmon runs streams every run newest first as NDJSON, and filters', async t => {
	const all = ndjson((await wfmon('runs')).stdout);
	t.is(all.length, 185);
	const created = all.map(run => Date.parse(String(run['created_at'])));
	t.deepEqual(created, [...created].sort((a, b) => b - a));

	const failed = ndjson((await wfmon('runs', '--status', 'failed')).stdout);
	t.is(failed.length, 10);
	t.true(failed.every(run => run['status'] === 'failed'));

	t.is(ndjson((await wfmon('runs', '--workflow', 'billing')).stdout).length, 54);
	t.is(ndjson((await wfmon('runs', '--text', 'upstream')).stdout).length, 4);
	// All but the 5 two-hour-old runs and org B's 4 hour-old queued ones.
	t.is(ndjson((await wfmon('runs', '--since', '1h')).stdout).length, 176);
	t.is(ndjson((await wfmon('runs', '--limit', '3')).stdout).length, 3);
});

test('wfmon events streams a run\'s events, or one step\'s', async t => {
	const all = ndjson((await wfmon('events', fixture.stuckRun)).stdout);
	t.deepEqual(all.map(line => [line['step_number'], line['index'], (line['event'] as {type: string}).type]), [
		[1, 0, 'page_loaded'],
		[1, 1, 'element_clicked'],
		[2, 0, 'parse_started'],
	]);
	const second = ndjson((await wfmon('events', fixture.stuckRun, '2')).stdout);
	t.is(second.length, 1);
});

test('wfmon events rejects a run id that is not a UUID, an unknown run and an unknown step', async t => {
	const notUuid = await wfmon('events', 'not-a-run');
	t.is(notUuid.code, 2);
	t.regex(notUuid.stderr, /^wfmon: "not-a-run" is not a run id/);
	const unknown = await wfmon('events', '00000000-0000-4000-8000-000000000000');
	t.is(unknown.code, 2);
	t.regex(unknown.stderr, /not found/);
	const noStep = await wfmon('events', fixture.stuckRun, '9');
	t.is(noStep.code, 2);
	t.regex(noStep.stderr, /has no step 9/);
});

test('wfmon check exits 0 when thresholds hold and 1 when one is breached', async t => {
	const ok = await wfmon('check', '--max-failure-rate', '10%', '--max-stuck', '1', '--max-queue-age', '2h');
	t.is(ok.code, 0, ok.stdout + ok.stderr);
	t.regex(ok.stdout, /ok\s+failure_rate\s+5\.9%/);

	const breached = await wfmon('check', '--max-stuck', '0', '--max-queue-age', '2h', '--json');
	t.is(breached.code, 1);
	const report = JSON.parse(breached.stdout) as {status: string; checks: Array<{name: string; state: string; value: number}>};
	t.is(report.status, 'breached');
	t.deepEqual(report.checks.find(check => check.name === 'stuck_runs'), {name: 'stuck_runs', state: 'breached', value: 1, limit: 0});

	const population = await wfmon('check', '--max-stuck', '1', '--max-queue-age', '2h', '--min-population', '60%');
	t.is(population.code, 1);
	t.regex(population.stdout, /BREACHED population_rate\s+50\.0%/);
});

test('wfmon check exits 2 when it cannot reach the database', async t => {
	const result = await runCli(['check'], {databaseUrl: 'postgres://postgres@127.0.0.1:1/postgres'});
	t.is(result.code, 2);
	t.regex(result.stderr, /^wfmon: cannot connect to 127\.0\.0\.1:1/);
});

test('wfmon check rejects a malformed threshold', async t => {
	const result = await wfmon('check', '--max-failure-rate', 'lots');
	t.is(result.code, 2);
	t.is(result.stderr, 'wfmon: --max-failure-rate must be a rate like 5% or 0.05 (got "lots")\n');
});

test('an unknown org is an error, not an empty screen', async t => {
	const result = await wfmon('snapshot', '--org', 'nope');
	t.is(result.code, 2);
	t.regex(result.stderr, /^wfmon: unknown organization "nope", or not one role "[^"\n]+" may see \(wfmon_org_members\); --org takes an organization's slug or id\n$/);
});

test('user input reaches SQL as data: injection strings find nothing and break nothing', async t => {
	const injections = ['\' OR 1=1 --', '"; DROP TABLE workflow_runs; --', '%', '_', 'x\'); SELECT pg_sleep(5); --', 'é'.repeat(20_000)];
	for (const text of injections) {
		const byText = await wfmon('runs', '--text', text);
		t.is(byText.code, 0, byText.stderr);
		t.is(byText.stdout, '', `--text ${text.slice(0, 30)}`);
		const byWorkflow = await wfmon('runs', '--workflow', text);
		t.is(byWorkflow.stdout, '');
		const byOrg = await wfmon('runs', '--org', text);
		t.is(byOrg.code, 2);
		t.regex(byOrg.stderr, /^wfmon: unknown organization/);
		t.true(byOrg.stderr.length < 200, 'a long input is shortened in the message');
	}

	const badStatus = await wfmon('runs', '--status', '\' OR 1=1 --');
	t.is(badStatus.code, 2);
	t.is(ndjson((await wfmon('runs')).stdout).length, 185, 'the runs are all still there');
});
