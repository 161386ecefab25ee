import test from 'ava';
import {runCli} from './helpers/cli.js';
import {serverUrl, type TestDatabase} from './helpers/database.js';
import {databaseWithFixture} from './helpers/fixtures.js';
import {createTestRole, urlAs} from './helpers/roles.js';
import {worstState} from '../source/model/nagios.js';

let database: TestDatabase;
test.before(async () => {
	database = await databaseWithFixture();
});
test.after.always(async () => database?.drop());

const wfmon = async (...args: string[]) => runCli(args, {databaseUrl: database.url});

type Perfdata = {label: string; value: number | 'U'; uom: string; warn: string; crit: string; min: string; max: string};

/**
Parse a plugin output line as the monitoring-plugins guidelines define it:
`TEXT | 'label'=value[UOM];[warn];[crit];[min];[max] ...`, space separated,
labels in optional single quotes ('' is a quote), value/min/max in [-0-9.]
(or U for undetermined), warn and crit in the range format, trailing empty
fields droppable. Throws on anything else.
*/
function parsePluginLine(line: string): {state: string; summary: string; perfdata: Perfdata[]} {
	const head = /^WFMON (OK|WARNING|CRITICAL|UNKNOWN) - ([^|\n]*?)(?: \| (.*))?$/.exec(line);
	if (head === null) {
		throw new Error(`not a plugin status line: ${line}`);
	}

	const perfdata: Perfdata[] = [];
	let rest = head[3] ?? '';
	const number = '-?[\\d.]+';
	const range = `@?(?:~|${number})?:?(?:${number})?`;
	const item = new RegExp(`^('(?:[^']|'')+'|[^\\s'=]+)=(${number}|U)([a-zA-Z%]*)(?:;(${range})?(?:;(${range})?(?:;(${number})?(?:;(${number})?)?)?)?)?(?: |$)`);
	while (rest !== '') {
		const match = item.exec(rest);
		if (match === null) {
			throw new Error(`bad perfdata at: ${rest}`);
		}

		const quoted = match[1]!.startsWith('\'');
		perfdata.push({
			label: quoted ? match[1]!.slice(1, -1).replaceAll('\'\'', '\'') : match[1]!,
			value: match[2] === 'U' ? 'U' : Number(match[2]),
			uom: match[3]!,
			warn: match[4] ?? '',
			crit: match[5] ?? '',
			min: match[6] ?? '',
			max: match[7] ?? '',
		});
		rest = rest.slice(match[0].length);
	}

	return {state: head[1]!, summary: head[2]!, perfdata};
}

type SnapshotFigures = {
	status: {
		finished: {data: {failure_rate: number}};
		stuck: {data: unknown[]};
		active: {data: Array<{status: string; oldest_age_ms: number}>};
	};
	population: {data: {population_rate: number}};
	data_quality: {data: {total: number}};
};

async function snapshotOf(...args: string[]): Promise<SnapshotFigures> {
	const result = await wfmon('snapshot', ...args);
	return JSON.parse(result.stdout) as SnapshotFigures;
}

/** The perfdata a snapshot should give, in the units the line uses. */
function expectedFigures(snapshot: SnapshotFigures) {
	return {
		failure_rate: Number((snapshot.status.finished.data.failure_rate * 100).toFixed(3)),
		stuck_runs: snapshot.status.stuck.data.length,
		queue_age: (snapshot.status.active.data.find(row => row.status === 'queued')?.oldest_age_ms ?? 0) / 1000,
		population_rate: Number((snapshot.population.data.population_rate * 100).toFixed(3)),
		anomalies: snapshot.data_quality.data.total,
	};
}

/** Snapshots taken before and after the check: the queue age, which grows meanwhile, lies between theirs. */
function assertFigures(
	t: import('ava').ExecutionContext,
	perfdata: Perfdata[],
	[before, after]: [SnapshotFigures, SnapshotFigures],
	prefix = '',
) {
	const [low, high] = [expectedFigures(before), expectedFigures(after)];
	for (const [name, value] of Object.entries(low)) {
		const item = perfdata.find(entry => entry.label === `${prefix}${name}`);
		t.truthy(item, `${prefix}${name} in the perfdata`);
		if (name === 'queue_age') {
			const age = item!.value as number;
			t.true(age >= Math.floor(value) && age <= high.queue_age, `${prefix}${name}: ${age} in [${value}, ${high.queue_age}]`);
		} else {
			t.is(item!.value, value, `${prefix}${name}`);
		}
	}
}

/** A command run between two snapshots of the same scope. */
async function between<T>(scope: string[], run: () => Promise<T>): Promise<[T, [SnapshotFigures, SnapshotFigures]]> {
	const before = await snapshotOf(...scope);
	const result = await run();
	return [result, [before, await snapshotOf(...scope)]];
}

test('--output nagios: OK, exit 0, and the perfdata parses to the snapshot\'s figures', async t => {
	const [result, snapshots] = await between([], async () => wfmon('check', '--output', 'nagios', '--max-stuck', '1', '--max-queue-age', '2h'));
	t.is(result.code, 0, result.stdout + result.stderr);
	t.is(result.stdout.split('\n').length, 2, 'one line');
	const parsed = parsePluginLine(result.stdout.trimEnd());
	t.is(parsed.state, 'OK');
	t.regex(parsed.summary, /^all 3 checks hold \(window 1h\): failure_rate 5\.9%, stuck_runs 1, queue_age \d+s$/);
	assertFigures(t, parsed.perfdata, snapshots);
	t.like(parsed.perfdata.find(item => item.label === 'failure_rate'), {uom: '%', warn: '', crit: '10', min: '0', max: '100'});
	t.like(parsed.perfdata.find(item => item.label === 'queue_age'), {uom: 's', crit: '7200', min: '0'});
	t.like(parsed.perfdata.find(item => item.label === 'stuck_runs'), {uom: '', crit: '1', min: '0'});
});

test('--output nagios: WARNING, exit 1, when only a warning limit is passed', async t => {
	const result = await wfmon('check', '--output', 'nagios', '--warn-failure-rate', '5%', '--crit-failure-rate', '10%',
		'--max-stuck', '1', '--max-queue-age', '2h');
	t.is(result.code, 1, result.stdout);
	const parsed = parsePluginLine(result.stdout.trimEnd());
	t.is(parsed.state, 'WARNING');
	t.is(parsed.summary, 'failure_rate 5.9% > 5% (warning)');
	t.like(parsed.perfdata.find(item => item.label === 'failure_rate'), {value: 5.882, warn: '5', crit: '10'});
});

test('--output nagios: CRITICAL, exit 2, a lower bound in range format, and the critical listed first', async t => {
	const [result, snapshots] = await between([], async () => wfmon('check', '--output', 'nagios', '--warn-failure-rate', '5%',
		'--max-queue-age', '2h', '--warn-population', '60%', '--crit-population', '55%'));
	t.is(result.code, 2, result.stdout);
	const parsed = parsePluginLine(result.stdout.trimEnd());
	t.is(parsed.state, 'CRITICAL');
	t.is(parsed.summary, 'stuck_runs 1 > 0 (critical), population_rate 50% < 55% (critical), failure_rate 5.9% > 5% (warning)');
	// "60:" alerts below 60, as the guidelines' range format says.
	t.like(parsed.perfdata.find(item => item.label === 'population_rate'), {value: 50, warn: '60:', crit: '55:'});
	assertFigures(t, parsed.perfdata, snapshots);
});

test('--output nagios: UNKNOWN, exit 3, when the database cannot be reached', async t => {
	const result = await runCli(['check', '--output', 'nagios'], {databaseUrl: 'postgres://postgres@127.0.0.1:1/postgres'});
	t.is(result.code, 3);
	t.regex(result.stdout, /^WFMON UNKNOWN - cannot connect to 127\.0\.0\.1:1[^\n|]*\n$/);
	t.deepEqual(parsePluginLine(result.stdout.trimEnd()).perfdata, []);
});

test('--output nagios: UNKNOWN, exit 3, when a checked panel cannot be read; its perfdata is U', async t => {
	const role = await createTestRole(serverUrl());
	t.teardown(role.drop);
	const result = await runCli(['check', '--output', 'nagios', '--no-apply'], {databaseUrl: urlAs(database.url, role.name, role.password)});
	t.is(result.code, 3, result.stdout + result.stderr);
	const parsed = parsePluginLine(result.stdout.trimEnd());
	t.is(parsed.state, 'UNKNOWN');
	t.regex(parsed.summary, /^failure_rate could not be read: permission denied/);
	t.like(parsed.perfdata.find(item => item.label === 'failure_rate'), {value: 'U', crit: '10'});
});

test('--all-orgs: one label per org, each org\'s own figures, and the worst status', async t => {
	const before = await Promise.all([snapshotOf('--org', 'acme'), snapshotOf('--org', 'globex')]);
	const result = await wfmon('check', '--output', 'nagios', '--all-orgs', '--max-queue-age', '2h');
	const after = await Promise.all([snapshotOf('--org', 'acme'), snapshotOf('--org', 'globex')]);
	t.is(result.code, 2, result.stdout);
	const parsed = parsePluginLine(result.stdout.trimEnd());
	t.is(parsed.state, 'CRITICAL');
	t.is(parsed.summary, 'acme stuck_runs 1 > 0 (critical)');
	t.deepEqual(parsed.perfdata.map(item => item.label).filter(label => label.endsWith('stuck_runs')), ['acme stuck_runs', 'globex stuck_runs']);
	assertFigures(t, parsed.perfdata, [before[0], after[0]], 'acme ');
	assertFigures(t, parsed.perfdata, [before[1], after[1]], 'globex ');

	const held = await wfmon('check', '--output', 'nagios', '--all-orgs', '--max-stuck', '1', '--max-queue-age', '2h');
	t.is(held.code, 0, held.stdout);
	t.regex(held.stdout, /^WFMON OK - all 6 checks hold in 2 orgs \(window 1h\) \| 'acme failure_rate'=8\.333%;;10;0;100 /);
});

test('the default output keeps exit 1 for a breach, says WARNING for a warning, and refuses a warning past the critical', async t => {
	const warned = await wfmon('check', '--warn-failure-rate', '5%', '--max-stuck', '1', '--max-queue-age', '2h', '--json');
	t.is(warned.code, 1);
	const report = JSON.parse(warned.stdout) as {status: string; checks: Array<Record<string, unknown>>};
	t.is(report.status, 'warning');
	t.deepEqual(report.checks[0], {name: 'failure_rate', state: 'warning', value: 10 / 170, limit: 0.1, warn: 0.05});
	const text = await wfmon('check', '--warn-failure-rate', '5%', '--max-stuck', '1', '--max-queue-age', '2h');
	t.regex(text.stdout, /^WARNING {2}failure_rate {5}5\.9% \(warn <= 5\.0%, limit <= 10\.0%\)$/m);

	const past = await wfmon('check', '--warn-failure-rate', '20%');
	t.is(past.code, 2);
	t.is(past.stderr, 'wfmon: --warn-failure-rate 20% is past the critical limit 10% (the default), so it could never warn\n');
	const twice = await wfmon('check', '--crit-stuck', '1', '--max-stuck', '2');
	t.is(twice.code, 2);
	t.is(twice.stderr, 'wfmon: --crit-stuck and --max-stuck give different limits; give one\n');
	const output = await wfmon('check', '--output', 'xml');
	t.is(output.stderr, 'wfmon: --output takes text, json or nagios (got "xml")\n');
});

test('the worst state ranks as monitoring-plugins\' max_state_alt: OK < UNKNOWN < WARNING < CRITICAL', t => {
	t.is(worstState([]), 0);
	t.is(worstState([0, 3]), 3);
	t.is(worstState([3, 1]), 1);
	t.is(worstState([1, 3, 2, 0]), 2);
});

test('--all-orgs text output names each org, aligned', async t => {
	const result = await wfmon('check', '--all-orgs', '--max-stuck', '1', '--max-queue-age', '2h');
	t.is(result.code, 0, result.stdout);
	t.regex(result.stdout, /^acme {3}ok {7}stuck_runs {7}1 \(limit <= 1\)$/m);
	t.regex(result.stdout, /^globex ok {7}stuck_runs {7}0 \(limit <= 1\)$/m);
});
