import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {packageRoot} from '../source/paths.js';
import {cliEnvironment, runCli} from './helpers/cli.js';
import {withClient, type TestDatabase} from './helpers/database.js';
import {databaseWithFixture, fixture} from './helpers/fixtures.js';

let database: TestDatabase;
test.before(async () => {
	database = await databaseWithFixture();
});
test.after.always(async () => database?.drop());

const wfmon = async (...args: string[]) => runCli(args, {databaseUrl: database.url});

const promtool = spawnSync('promtool', ['--version']).status === 0;
if (!promtool) {
	console.log('promtool not installed (Debian: apt-get install prometheus): the promtool test is skipped');
}

/** The value of one series, by its name and labels as printed (`name{a="b"}`). */
function sample(text: string, series: string): number | undefined {
	const line = text.split('\n').find(candidate => candidate.startsWith(`${series} `));
	return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

(promtool ? test : test.skip)('wfmon metrics passes promtool check metrics, also with --all-orgs', async t => {
	for (const args of [[], ['--org', 'acme'], ['--all-orgs']]) {
		const result = await wfmon('metrics', ...args);
		t.is(result.code, 0, result.stderr);
		const check = spawnSync('promtool', ['check', 'metrics'], {input: result.stdout, encoding: 'utf8'});
		t.is(check.status, 0, `${args.join(' ')}: ${check.stdout}${check.stderr}`);
		t.is(check.stdout + check.stderr, '');
	}
});

test('wfmon metrics gives the snapshot\'s figures with org, workflow and status labels', async t => {
	const result = await wfmon('metrics', '--all-orgs');
	t.is(result.code, 0, result.stderr);
	const text = result.stdout;
	t.is(sample(text, 'wfmon_active_runs{org="acme",status="queued"}'), 3);
	t.is(sample(text, 'wfmon_active_runs{org="globex",status="queued"}'), 4);
	t.is(sample(text, 'wfmon_finished_runs{org="acme",status="failed"}'), 10);
	t.is(sample(text, 'wfmon_failure_ratio{org="acme"}'), 10 / 120);
	t.is(sample(text, 'wfmon_stuck_runs{org="acme",workflow="ingest"}'), 1);
	t.is(sample(text, 'wfmon_run_duration_seconds{org="acme",workflow="ingest",percentile="95"}'), 95);
	t.is(sample(text, 'wfmon_population_ratio{org="acme"}'), 0.7);
	t.is(sample(text, 'wfmon_panel_up{org="globex",panel="durations"}'), 1);
	t.is(sample(text, 'wfmon_snapshot_reads_total'), 1);
	t.regex(text, /^# TYPE wfmon_table_bytes gauge$/m);
	t.regex(text, /^wfmon_table_bytes\{table="workflow_runs",part="index"\} \d+$/m);
	// Every org-scoped figure of the unscoped read is the sum over the orgs.
	const all = (await wfmon('metrics')).stdout;
	t.is(sample(all, 'wfmon_active_runs{status="queued"}'), 7);
});

test('--output-file writes the whole text atomically and leaves no temporary file', async t => {
	const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'wfmon-metrics-'));
	t.teardown(async () => fs.rm(folder, {recursive: true, force: true}));
	const file = path.join(folder, 'wfmon.prom');
	await fs.writeFile(file, 'old contents\n');
	const result = await wfmon('metrics', '--output-file', file);
	t.is(result.code, 0, result.stderr);
	t.is(result.stdout, '');
	t.deepEqual(await fs.readdir(folder), ['wfmon.prom']);
	const written = await fs.readFile(file, 'utf8');
	t.true(written.startsWith('# HELP wfmon_active_runs '));
	t.regex(written, /\nwfmon_snapshot_reads_total 1\n$/);

	const missing = await wfmon('metrics', '--output-file', path.join(folder, 'no', 'such', 'x.prom'));
	t.is(missing.code, 2);
	t.regex(missing.stderr, /^wfmon: cannot write [^\n]*x\.prom: ENOENT[^\n]*\n$/);
	t.deepEqual(await fs.readdir(folder), ['wfmon.prom']);
});

/** Start `wfmon metrics --listen` and wait for the line that says where it serves. */
async function listen(databaseUrl: string, ...args: string[]): Promise<{child: ChildProcess; url: string; exited: Promise<number | null>}> {
	const child = spawn(process.execPath, [path.join(packageRoot, 'bin', 'wfmon.js'), 'metrics', '--listen', '127.0.0.1:0', ...args], {
		env: cliEnvironment(databaseUrl),
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	const exited = new Promise<number | null>(resolve => child.on('close', resolve));
	let stderr = '';
	const url = await new Promise<string>((resolve, reject) => {
		child.stderr!.on('data', (chunk: Buffer) => {
			stderr += chunk.toString('utf8');
			const match = /serving (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(stderr);
			if (match) {
				resolve(match[1]!);
			}
		});
		void exited.then(code => reject(new Error(`exited ${code}: ${stderr}`)));
	});
	return {child, url, exited};
}

/** Series whose value moves by itself between two reads (ages, timings, the read count). */
const moving = /^wfmon_(active_oldest_age_seconds|snapshot_read_seconds|snapshot_timestamp_seconds|snapshot_reads_total|table_\w+)[{ ]/;
const steady = (text: string) => text.split('\n').filter(line => !moving.test(line)).join('\n');

test('--listen serves the same text as wfmon metrics, reads the database at most once per interval, and stops on SIGTERM', async t => {
	// A database of its own: this test adds a run.
	const own = await databaseWithFixture();
	const server = await listen(own.url, '--interval', '6s');
	t.teardown(async () => {
		server.child.kill('SIGKILL');
		await own.drop();
	});
	const started = Date.now();
	const first = await fetch(`${server.url}/metrics`);
	t.is(first.status, 200);
	t.regex(first.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
	const firstText = await first.text();
	// The cached read is stamped no later than its answer: the interval is counted from here.
	const readBy = Date.now();

	// A run queued between two scrapes within the interval is not seen: the second scrape is the cached read.
	await withClient(own.url, async client => client.query(
		'INSERT INTO workflow_runs (organization_id, workflow_id, status) VALUES ($1, $2, \'queued\')',
		[fixture.orgA, fixture.ingest],
	));
	const second = await (await fetch(`${server.url}/metrics`)).text();
	t.true(Date.now() - started < 6000, 'the second scrape came within the interval');
	t.is(second, firstText, 'byte-identical within the interval');
	t.is(sample(second, 'wfmon_snapshot_reads_total'), 1);
	t.is((await fetch(`${server.url}/other`)).status, 404);

	// The same text as the one-shot command, but for the queued run added since and what moves by itself.
	const oneShot = (await runCli(['metrics'], {databaseUrl: own.url})).stdout;
	const queued = 'wfmon_active_runs{status="queued"}';
	t.is(sample(oneShot, queued), sample(firstText, queued)! + 1);
	const withoutQueued = (text: string) => steady(text).split('\n').filter(line => !line.startsWith(queued)).join('\n');
	t.is(withoutQueued(firstText), withoutQueued(oneShot));

	await new Promise(resolve => setTimeout(resolve, Math.max(0, readBy + 6200 - Date.now())));
	const third = await (await fetch(`${server.url}/metrics`)).text();
	t.is(sample(third, queued), sample(firstText, queued)! + 1, 'read again once the interval passed');
	t.is(sample(third, 'wfmon_snapshot_reads_total'), 2);

	server.child.kill('SIGTERM');
	t.is(await server.exited, 143);
	await t.throwsAsync(fetch(`${server.url}/metrics`), undefined, 'the port is closed');
});

test('--listen refuses a malformed address, and --listen with --output-file, before connecting', async t => {
	const bad = await wfmon('metrics', '--listen', 'localhost:http');
	t.is(bad.code, 2);
	t.is(bad.stderr, 'wfmon: --listen takes HOST:PORT or PORT, such as 127.0.0.1:9464 (got "localhost:http")\n');
	const both = await wfmon('metrics', '--listen', '9464', '--output-file', 'x.prom');
	t.is(both.code, 2);
	t.is(both.stderr, 'wfmon: --listen serves the metrics and --output-file writes them; give one\n');
});
