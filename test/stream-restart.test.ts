import {spawn} from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import {startEmbedded, temporaryDataDir} from '../source/embedded/embedded.js';
import {packageRoot} from '../source/paths.js';
import {cliEnvironment, runCli} from './helpers/cli.js';
import {withClient} from './helpers/database.js';

// Runs against a server of its own so it can stop it under a running stream.
test('a stream that loses its server ends with one clear line, exit 2 and only whole lines; after a restart it works again', async t => {
	const dataDir = temporaryDataDir('restart');
	t.teardown(async () => fs.rm(dataDir, {recursive: true, force: true}));
	let server = await startEmbedded(dataDir);
	t.teardown(async () => server.stop());
	const fixture = await fs.readFile(path.join(packageRoot, 'test', 'fixtures', 'many-runs.sql'), 'utf8');
	const seeded = await runCli(['schema', 'apply'], {databaseUrl: server.url});
	t.is(seeded.code, 0, seeded.stderr);
	await withClient(server.url, async client => client.query(fixture));

	const child = spawn(process.execPath, [path.join(packageRoot, 'bin', 'wfmon.js'), 'runs'], {
		env: cliEnvironment(server.url),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => {
		stderr += chunk.toString();
	});
	// Read the first chunk, then stop reading so wfmon waits mid-stream.
	await new Promise<void>((resolve, reject) => {
		child.stdout.once('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			child.stdout.pause();
			resolve();
		});
		child.once('exit', code => {
			reject(new Error(`wfmon runs exited (${code}) before streaming: ${stderr}`));
		});
	});
	await server.stop();
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
	});
	child.stdout.resume();
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));

	t.is(code, 2);
	t.regex(stderr, /^wfmon: lost the connection to 127\.0\.0\.1:\d+ during the stream after \d+ rows; the output is incomplete\n$/);
	t.true(stdout.endsWith('\n'), 'the last line written is whole');
	const lines = stdout.split('\n').filter(Boolean);
	t.true(lines.length > 0 && lines.length < 200_000);
	for (const line of lines) {
		JSON.parse(line);
	}

	server = await startEmbedded(dataDir);
	const again = await runCli(['runs', '--limit', '5'], {databaseUrl: server.url});
	t.is(again.code, 0, again.stderr);
	t.is(again.stdout.split('\n').filter(Boolean).length, 5);
});
