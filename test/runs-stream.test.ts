import {spawn} from 'node:child_process';
import path from 'node:path';
import test from 'ava';
import {packageRoot} from '../source/paths.js';
import {cliEnvironment, runCli} from './helpers/cli.js';
import type {TestDatabase} from './helpers/database.js';
import {databaseWithFixture} from './helpers/fixtures.js';

let database: TestDatabase;
test.before(async () => {
	database = await databaseWithFixture('many-runs');
});
test.after.always(async () => database?.drop());

test('wfmon runs streams 200k rows with memory that does not grow with them', async t => {
	// No statement timeout: on a loaded machine 200k rows can take longer than the default 10 s.
	// 50k, not fewer: Node 22+ sizes its young generation larger, and a short run ends before filling it.
	const few = await runCli(['runs', '--limit', '50000', '--statement-timeout', '0'], {databaseUrl: database.url});
	const all = await runCli(['runs', '--statement-timeout', '0'], {databaseUrl: database.url});
	t.is(all.code, 0, all.stderr);
	t.is(all.stdout.split('\n').filter(Boolean).length, 200_000);
	t.is(few.stdout.split('\n').filter(Boolean).length, 50_000);
	// 4x the rows, about the same peak: the rows are never all held at once.
	t.true(all.peakRssKb > 0, 'peak memory was sampled');
	t.true(all.peakRssKb < few.peakRssKb * 1.5, `peak ${all.peakRssKb} kB for 200k rows vs ${few.peakRssKb} kB for 50k`);
});

test('a stream is one statement: --statement-timeout bounds it with one clear line, 0 lifts the bound', async t => {
	const bounded = await runCli(['runs', '--statement-timeout', '100ms'], {databaseUrl: database.url});
	t.is(bounded.code, 2);
	t.regex(bounded.stderr, /^wfmon: the stream ran past --statement-timeout after \d+ rows/);
	t.is(bounded.stderr.trim().split('\n').length, 1);
	t.true(bounded.stdout === '' || bounded.stdout.endsWith('\n'), 'only whole lines are written');
	const unbounded = await runCli(['runs', '--statement-timeout', '0'], {databaseUrl: database.url});
	t.is(unbounded.code, 0, unbounded.stderr);
	t.is(unbounded.stdout.split('\n').filter(Boolean).length, 200_000);
});

test('wfmon runs | head -1 exits quietly when the reader goes away', async t => {
	const script = `node ${JSON.stringify(path.join(packageRoot, 'bin', 'wfmon.js'))} runs | head -1; echo "status=\${PIPESTATUS[0]}" >&2`;
	const child = spawn('bash', ['-c', script], {env: cliEnvironment(database.url), stdio: ['ignore', 'pipe', 'pipe']});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	await new Promise(resolve => child.on('close', resolve));
	t.is(stdout.split('\n').filter(Boolean).length, 1);
	t.is(stderr, 'status=0\n');
});
