import {existsSync} from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import {cliEnvironment} from './helpers/cli.js';
import {checkoutBinDir, makeCheckout, runCheckout} from './helpers/checkout.js';

type Teardown = {teardown(run: () => Promise<void>): void};

/** A fresh folder of the given mode, removed after the test. */
async function folder(t: Teardown, parent: string, mode: number): Promise<string> {
	const directory = await fs.mkdtemp(path.join(parent, 'wfmon-checkout-'));
	await fs.chmod(directory, mode);
	t.teardown(async () => fs.rm(directory, {recursive: true, force: true}));
	return directory;
}

function modeOf(file: string): Promise<number> {
	return fs.stat(file).then(stat => stat.mode & 0o777);
}

function linesOf(text: string): string[] {
	return text.split('\n').filter(line => line !== '');
}

// Each run starts and stops an embedded server: one at a time keeps them from racing for ports.

test.serial('as root, a checkout inside a 0700 folder opens a snapshot on the embedded default', async t => {
	if (process.getuid?.() !== 0) {
		t.log('skipped: only root runs the server as another user (postgres), who may not reach a 0700 folder');
		t.pass();
		return;
	}

	// As `cd /root && git clone … && npm start`: the checkout and HOME in a 0700 folder.
	const home = await folder(t, os.tmpdir(), 0o700);
	const checkout = await makeCheckout(path.join(home, 'wfmon'));
	const system = await folder(t, '/var/tmp', 0o755);
	const env = cliEnvironment(undefined, {HOME: home, WFMON_SYSTEM_DIR: system});
	delete env['XDG_DATA_HOME'];
	const modesBefore = await Promise.all([home, checkout, checkoutBinDir(checkout)].map(modeOf));

	// A second wfmon starting at the same time, on another data directory, wants the same copy.
	const [first, beside] = await Promise.all([
		runCheckout(checkout, ['snapshot'], env),
		runCheckout(checkout, ['snapshot', '--data-dir', path.join(home, 'other')], env),
	]);
	t.is(first.code, 0, first.stderr);
	t.is(beside.code, 0, beside.stderr);
	const snapshot = JSON.parse(first.stdout) as {database: {server_version: string}};
	t.regex(snapshot.database.server_version, /^18\./);

	// One copy of the binaries, root's, that the postgres user can reach; no half copy left.
	const entries = await fs.readdir(system);
	const copies = entries.filter(name => name.startsWith('pg-'));
	t.is(copies.length, 1);
	t.deepEqual(entries.filter(name => name.startsWith('.')), []);
	const copy = path.join(system, copies[0]!);
	t.is((await fs.stat(copy)).uid, 0);
	t.is(await modeOf(copy), 0o755);
	t.true(existsSync(path.join(copy, 'native', 'bin', 'postgres')));
	t.deepEqual(await Promise.all([home, checkout, checkoutBinDir(checkout)].map(modeOf)), modesBefore, 'the user\'s folders keep their modes');

	// HOME itself stops the postgres user, so the cluster goes outside, and wfmon says where, once.
	const dataDir = path.join(home, '.local', 'share', 'wfmon');
	const {clusterDir} = JSON.parse(await fs.readFile(path.join(dataDir, 'embedded.json'), 'utf8')) as {clusterDir: string};
	t.is(path.dirname(clusterDir), system);
	t.true(existsSync(path.join(clusterDir, 'PG_VERSION')));
	const notices = linesOf(first.stderr).filter(line => line.includes('cluster'));
	t.deepEqual(notices, [`wfmon: the postgres user cannot enter ${home}, so the embedded cluster for ${dataDir} is kept in ${clusterDir} (remove it too if you remove the data directory)`]);

	const again = await runCheckout(checkout, ['snapshot'], env);
	t.is(again.code, 0, again.stderr);
	t.is(again.stderr, '', 'nothing more to say on later starts');
	t.deepEqual(await fs.readdir(system), entries);
});

test.serial('a PostgreSQL program that cannot be started is one wfmon: line, exit 2', async t => {
	const parent = await folder(t, process.getuid?.() === 0 ? '/var/tmp' : os.tmpdir(), 0o755);
	const checkout = await makeCheckout(path.join(parent, 'wfmon'));
	// Not a program at all: in the place of initdb and postgres, a folder (removed first: it may be a hard link).
	for (const program of ['initdb', 'postgres']) {
		await fs.rm(path.join(checkoutBinDir(checkout), program));
		await fs.mkdir(path.join(checkoutBinDir(checkout), program));
	}

	const result = await runCheckout(checkout, ['snapshot', '--data-dir', path.join(parent, 'data')], cliEnvironment(undefined, {WFMON_SYSTEM_DIR: parent}));
	t.is(result.code, 2);
	t.is(result.stdout, '');
	const lines = linesOf(result.stderr);
	t.is(lines.length, 1, result.stderr);
	t.regex(lines[0] ?? '', /^wfmon: .*could not run .*\/bin\/(initdb|postgres) \(EACCES\)/);
});
