import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import test from 'ava';
import pg from 'pg';
import {UserError} from '../source/errors.js';
import {startEmbedded, temporaryDataDir, type EmbeddedServer} from '../source/embedded/embedded.js';
import {packageRoot} from '../source/paths.js';
import {parseWindow} from '../source/model/windows.js';
import {openSession} from '../source/session.js';
import {createSnapshotSampler} from '../source/ui/snapshot-sampler.js';
import {cliEnvironment} from './helpers/cli.js';

type Teardown = {teardown(run: () => Promise<void>): void};

// Each test makes its own cluster; one at a time keeps them from racing for ports.

function dataDirFor(t: Teardown, label: string): string {
	const dataDir = temporaryDataDir(label);
	t.teardown(async () => fs.rm(dataDir, {recursive: true, force: true}));
	return dataDir;
}

function stopLater(t: Teardown, server: EmbeddedServer): void {
	t.teardown(async () => server.stop());
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
	const client = new pg.Client({connectionString: url, connectionTimeoutMillis: 3000});
	client.on('error', () => undefined);
	await client.connect();
	try {
		return (await client.query<T>(sql)).rows;
	} finally {
		await client.end();
	}
}

async function accepts(url: string): Promise<boolean> {
	return query(url, 'SELECT 1').then(() => true, () => false);
}

test.serial('an embedded server starts in an empty data directory and can be queried', async t => {
	const dataDir = dataDirFor(t, 'embedded-start');
	const server = await startEmbedded(dataDir);
	stopLater(t, server);
	t.false(server.adopted);
	t.true(server.url.endsWith('/wfmon'));
	t.deepEqual(await query(server.url, 'SELECT current_database() AS name'), [{name: 'wfmon'}]);
	t.true(existsSync(path.join(server.clusterDir, 'PG_VERSION')));
	const settings = JSON.parse(await fs.readFile(path.join(dataDir, 'embedded.json'), 'utf8')) as {port: number};
	t.is(settings.port, server.port);
});

test.serial('a second start after a stop reuses the same cluster', async t => {
	const dataDir = dataDirFor(t, 'embedded-reuse');
	const first = await startEmbedded(dataDir);
	stopLater(t, first);
	await query(first.url, 'CREATE TABLE kept (note text); INSERT INTO kept VALUES (\'still here\')');
	await first.stop();
	t.false(await accepts(first.url));

	const second = await startEmbedded(dataDir);
	stopLater(t, second);
	t.false(second.adopted);
	t.is(second.clusterDir, first.clusterDir);
	// The port may have moved if something took it meanwhile; the credentials stay.
	t.is(new URL(second.url).password, new URL(first.url).password);
	t.deepEqual(await query(second.url, 'SELECT note FROM kept'), [{note: 'still here'}]);
});

/** Another wfmon: a process that starts the embedded server for `dataDir` and stays up until killed. */
async function startInChild(dataDir: string): Promise<{url: string; port: number; child: ReturnType<typeof spawn>}> {
	const module = path.join(packageRoot, 'dist', 'source', 'embedded', 'embedded.js');
	const child = spawn(process.execPath, [
		'--input-type=module',
		'-e',
		`const {startEmbedded} = await import(${JSON.stringify(module)});
		const server = await startEmbedded(${JSON.stringify(dataDir)});
		console.log(JSON.stringify({url: server.url, port: server.port}));
		setInterval(() => {}, 1000);`,
	], {stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', chunk => {
		stderr += String(chunk);
	});
	const started = await new Promise<{url: string; port: number}>((resolve, reject) => {
		let stdout = '';
		child.stdout.on('data', chunk => {
			stdout += String(chunk);
			if (stdout.includes('\n')) {
				resolve(JSON.parse(stdout) as {url: string; port: number});
			}
		});
		child.on('exit', code => reject(new Error(`the child exited (${code ?? 'signal'}) before starting: ${stderr}`)));
	});
	return {...started, child};
}

async function kill(child: ReturnType<typeof spawn>): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) {
		return;
	}

	const exited = new Promise(resolve => child.on('exit', resolve));
	child.kill('SIGKILL');
	await exited;
}

test.serial('a server left running by a killed wfmon is adopted and stopped', async t => {
	const dataDir = dataDirFor(t, 'embedded-orphan');
	const started = await startInChild(dataDir);
	await kill(started.child);
	// The postmaster outlives the process that started it.
	t.true(await accepts(started.url));

	const server = await startEmbedded(dataDir);
	stopLater(t, server);
	t.true(server.adopted);
	t.false(server.shared);
	t.is(server.port, started.port);
	t.deepEqual(await query(server.url, 'SELECT 1 AS one'), [{one: 1}]);
	await server.stop();
	t.false(await accepts(started.url));
	t.false(existsSync(path.join(server.clusterDir, 'postmaster.pid')));
});

test.serial('a killed owner whose pid now belongs to another process does not keep its server running forever', async t => {
	const dataDir = dataDirFor(t, 'embedded-pid-reuse');
	const started = await startInChild(dataDir);
	await kill(started.child);
	// As if the pid had been reused: a live process (pid 1), but not the one that was recorded.
	await fs.writeFile(path.join(dataDir, 'embedded.owner'), '1 not-its-start-time\n');

	const server = await startEmbedded(dataDir);
	stopLater(t, server);
	t.true(server.adopted);
	t.false(server.shared);
	await server.stop();
	t.false(await accepts(started.url));
});

test.serial('a server another running wfmon owns is shared and left running when this one stops', async t => {
	const dataDir = dataDirFor(t, 'embedded-shared');
	const owner = await startInChild(dataDir);
	t.teardown(async () => {
		// The owner is killed, so its server is an orphan: take it over to stop it.
		await kill(owner.child);
		await (await startEmbedded(dataDir)).stop();
	});

	const guest = await startEmbedded(dataDir);
	t.true(guest.adopted);
	t.true(guest.shared);
	t.deepEqual(await query(guest.url, 'SELECT 1 AS one'), [{one: 1}]);
	await guest.stop();
	t.true(await accepts(owner.url), 'the owner\'s server still runs');
});

test.serial('a saved port taken by something else moves the server to another port', async t => {
	const dataDir = dataDirFor(t, 'embedded-port');
	const first = await startEmbedded(dataDir);
	stopLater(t, first);
	await first.stop();

	// Something else on the port: it closes what connects, as a server of another protocol would
	// (a listener that never answers leaves any client probing the old port waiting forever).
	const squatter = net.createServer(socket => socket.destroy());
	await new Promise<void>(resolve => squatter.listen(first.port, '127.0.0.1', resolve));
	t.teardown(async () => new Promise(resolve => squatter.close(() => resolve())));

	const second = await startEmbedded(dataDir);
	stopLater(t, second);
	t.not(second.port, first.port);
	t.deepEqual(await query(second.url, 'SELECT current_database() AS name'), [{name: 'wfmon'}]);
	const settings = JSON.parse(await fs.readFile(path.join(dataDir, 'embedded.json'), 'utf8')) as {port: number};
	t.is(settings.port, second.port);
});

test.serial('two data directories starting at once end up on different ports', async t => {
	const [first, second] = await Promise.all([
		startEmbedded(dataDirFor(t, 'embedded-race-a')),
		startEmbedded(dataDirFor(t, 'embedded-race-b')),
	]);
	stopLater(t, first);
	stopLater(t, second);
	t.not(first.port, second.port);
	t.deepEqual(await query(first.url, 'SELECT 1 AS one'), [{one: 1}]);
	t.deepEqual(await query(second.url, 'SELECT 1 AS one'), [{one: 1}]);
});

test.serial('stopping a server that already died returns at once', async t => {
	const dataDir = dataDirFor(t, 'embedded-died');
	const server = await startEmbedded(dataDir);
	stopLater(t, server);
	const pid = Number((await fs.readFile(path.join(server.clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
	process.kill(pid, 'SIGKILL');
	while (await accepts(server.url)) {
		await new Promise(resolve => setTimeout(resolve, 50));
	}

	const stopped = await Promise.race([
		server.stop().then(() => true),
		new Promise<boolean>(resolve => setTimeout(() => resolve(false), 5000).unref()),
	]);
	t.true(stopped);
	// And the cluster starts again after the crash.
	const again = await startEmbedded(dataDir);
	stopLater(t, again);
	t.deepEqual(await query(again.url, 'SELECT 1 AS one'), [{one: 1}]);
});

async function childrenOf(pid: number): Promise<number[]> {
	const children: number[] = [];
	for (const entry of await fs.readdir('/proc')) {
		const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
		// The parent pid is the second field after the parenthesised command name.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[1]) === pid) {
			children.push(Number(entry));
		}
	}

	return children;
}

test.serial('after a crash, a start waits for the old server\'s lingering processes instead of failing', async t => {
	const dataDir = dataDirFor(t, 'embedded-crash');
	const server = await startEmbedded(dataDir);
	stopLater(t, server);
	const pid = Number((await fs.readFile(path.join(server.clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
	// A frozen child keeps the crashed server's shared memory in use, as a slow one does under load.
	// A short-lived child (an autovacuum worker) may be gone by the time it is stopped.
	const children = (await childrenOf(pid)).filter(child => {
		try {
			process.kill(child, 'SIGSTOP');
			return true;
		} catch {
			return false;
		}
	});
	t.true(children.length > 0);

	process.kill(pid, 'SIGKILL');
	let released = false;
	// Once only: a pid killed earlier may belong to someone else by teardown.
	const releaseChildren = () => {
		if (released) {
			return;
		}

		released = true;
		for (const child of children) {
			try {
				process.kill(child, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}
	};

	const release = setTimeout(releaseChildren, 1500);
	t.teardown(() => {
		clearTimeout(release);
		releaseChildren();
	});

	const again = await startEmbedded(dataDir);
	stopLater(t, again);
	t.deepEqual(await query(again.url, 'SELECT 1 AS one'), [{one: 1}]);
});

test('a data directory that cannot be written is one clear line', async t => {
	const parent = dataDirFor(t, 'embedded-unwritable');
	await fs.mkdir(parent, {recursive: true});
	const file = path.join(parent, 'a-file');
	await fs.writeFile(file, 'not a directory');
	const dataDir = path.join(file, 'wfmon');
	const error = await t.throwsAsync(startEmbedded(dataDir), {instanceOf: UserError});
	t.is(error?.message, `data directory ${dataDir} cannot be written (ENOTDIR); pass --data-dir with a writable folder or set DATABASE_URL`);
	t.false(error?.message.includes('\n'));
});

test.serial('a data directory inside a 0700 home still works (as root the cluster moves where postgres can reach it, and wfmon says so)', async t => {
	const home = temporaryDataDir('home');
	await fs.mkdir(home, {mode: 0o700});
	await fs.chmod(home, 0o700);
	const dataDir = path.join(home, '.local', 'share', 'wfmon');
	const notices: string[] = [];
	const server = await startEmbedded(dataDir, line => notices.push(line));
	t.teardown(async () => {
		await server.stop();
		await fs.rm(home, {recursive: true, force: true});
		if (server.clusterDir.startsWith('/var/lib/wfmon/')) {
			await fs.rm(server.clusterDir, {recursive: true, force: true});
		}
	});
	t.deepEqual(await query(server.url, 'SELECT 1 AS one'), [{one: 1}]);
	const homeMode = (await fs.stat(home)).mode & 0o777;
	t.is(homeMode, 0o700, 'the user\'s home keeps its mode');
	if (process.getuid?.() === 0) {
		t.true(server.clusterDir.startsWith('/var/lib/wfmon/'));
		t.deepEqual(notices.filter(line => line.includes('cluster')), [
			`the postgres user cannot enter ${home}, so the embedded cluster for ${dataDir} is kept in ${server.clusterDir} (remove it too if you remove the data directory)`,
		]);
	} else {
		t.is(server.clusterDir, path.join(dataDir, 'pgdata'));
		t.deepEqual(notices.filter(line => line.includes('cluster')), []);
	}
});

test.serial('the folders wfmon makes for its data directory let the server in, so the cluster stays inside it', async t => {
	// A home others may pass through (mode 755), with no ~/.local yet.
	const home = dataDirFor(t, 'home-open');
	await fs.mkdir(home, {mode: 0o755});
	await fs.chmod(home, 0o755);
	const dataDir = path.join(home, '.local', 'share', 'wfmon');
	const notices: string[] = [];
	const server = await startEmbedded(dataDir, line => notices.push(line));
	stopLater(t, server);
	t.is(server.clusterDir, path.join(dataDir, 'pgdata'));
	t.deepEqual(await query(server.url, 'SELECT 1 AS one'), [{one: 1}]);
	t.deepEqual(notices.filter(line => line.includes('cluster')), []);
	t.is((await fs.stat(home)).mode & 0o777, 0o755, 'the user\'s home keeps its mode');
	const saved = JSON.parse(await fs.readFile(path.join(dataDir, 'embedded.json'), 'utf8')) as {clusterDir: string};
	t.is(saved.clusterDir, server.clusterDir);
});

test.serial('a cluster whose saved password was deleted is one clear error, and no server is left running', async t => {
	const dataDir = dataDirFor(t, 'embedded-lost-settings');
	const first = await startEmbedded(dataDir);
	stopLater(t, first);
	await first.stop();
	await fs.rm(path.join(dataDir, 'embedded.json'));

	const error = await t.throwsAsync(startEmbedded(dataDir), {instanceOf: UserError});
	t.regex(error?.message ?? '', /refused wfmon .*password authentication failed.*remove that folder/);
	t.false(error?.message.includes(new URL(first.url).password));
	const pidFile = path.join(first.clusterDir, 'postmaster.pid');
	t.false(existsSync(pidFile), 'the server started for the attempt was stopped again');
});

test.serial('as root, a home\'s cluster under /var/lib/wfmon left by deleted settings is kept and a new one is made', async t => {
	if (process.getuid?.() !== 0) {
		t.pass('only root moves clusters to /var/lib/wfmon');
		return;
	}

	const home = temporaryDataDir('home-lost');
	await fs.mkdir(home, {mode: 0o700});
	const dataDir = path.join(home, 'wfmon');
	const quiet = () => undefined;
	const first = await startEmbedded(dataDir, quiet);
	await first.stop();
	await fs.rm(dataDir, {recursive: true});
	const second = await startEmbedded(dataDir, quiet);
	t.teardown(async () => {
		await second.stop();
		await fs.rm(home, {recursive: true, force: true});
		await fs.rm(first.clusterDir, {recursive: true, force: true});
		await fs.rm(second.clusterDir, {recursive: true, force: true});
	});
	t.not(second.clusterDir, first.clusterDir);
	t.true(existsSync(path.join(first.clusterDir, 'PG_VERSION')), 'the old cluster is left as it was');
	t.deepEqual(await query(second.url, 'SELECT 1 AS one'), [{one: 1}]);
});

test.serial('SIGTERM to a wfmon streaming from its embedded server stops the server', async t => {
	const dataDir = dataDirFor(t, 'embedded-sigterm');
	const bin = path.join(packageRoot, 'bin', 'wfmon.js');
	const seeded = spawn(process.execPath, [bin, 'demo', '--runs', '20000', '--rate', '0', '--data-dir', dataDir], {env: cliEnvironment(undefined), stdio: 'ignore'});
	t.is(await new Promise(resolve => seeded.on('close', resolve)), 0);
	const {clusterDir, password, port} = JSON.parse(await fs.readFile(path.join(dataDir, 'embedded.json'), 'utf8')) as {clusterDir: string; password: string; port: number};
	t.teardown(async () => {
		// Were the server left running, stop it for the next tests.
		if (existsSync(path.join(clusterDir, 'postmaster.pid'))) {
			await (await startEmbedded(dataDir)).stop();
		}
	});

	// A stream whose reader stops reading: its cursor's session stays open.
	const child = spawn(process.execPath, [bin, 'runs', '--data-dir', dataDir], {env: cliEnvironment(undefined), stdio: ['ignore', 'pipe', 'pipe']});
	t.teardown(async () => kill(child));
	await new Promise<void>(resolve => {
		child.stdout.once('data', () => {
			child.stdout.pause();
			resolve();
		});
	});
	child.kill('SIGTERM');
	child.stdout.resume();
	t.is(await new Promise(resolve => child.on('close', (_code, signal) => resolve(signal ?? _code))), 143);
	t.false(await accepts(`postgres://postgres:${password}@127.0.0.1:${port}/postgres`), 'the server is stopped');
	t.false(existsSync(path.join(clusterDir, 'postmaster.pid')));
});

test.serial('a TUI sharing the server another wfmon ran starts it again when that wfmon quits, and stops it on its own exit', async t => {
	const dataDir = dataDirFor(t, 'embedded-revive');
	const module = path.join(packageRoot, 'dist', 'source', 'embedded', 'embedded.js');
	// The first wfmon: runs the server and stops it when told to quit.
	const owner = spawn(process.execPath, ['--input-type=module', '-e', `
		const {startEmbedded} = await import(${JSON.stringify(module)});
		const server = await startEmbedded(${JSON.stringify(dataDir)});
		console.log('ready');
		process.once('SIGTERM', async () => {
			await server.stop();
			process.exit(0);
		});
		setInterval(() => {}, 1000);`], {stdio: ['ignore', 'pipe', 'inherit']});
	t.teardown(async () => kill(owner));
	await new Promise<void>(resolve => {
		owner.stdout.once('data', () => {
			resolve();
		});
	});

	const session = await openSession({source: {kind: 'embedded', dataDir}, noApply: false, connectTimeoutMs: 2000, statementTimeoutMs: 5000});
	t.teardown(async () => session.close());
	t.true(session.embedded?.shared);
	const sampler = createSnapshotSampler(session, {window: parseWindow('1h')}, 60_000);
	t.teardown(() => {
		sampler.stop();
	});
	t.true(await sampler.refresh());
	t.is(sampler.getState().connection, 'connected');

	owner.kill('SIGTERM');
	await new Promise(resolve => owner.on('close', resolve));
	t.false(await accepts(session.embedded!.url), 'the owner took its server down');

	// The refresh that finds the server gone starts it again; the next one reads.
	await sampler.refresh();
	t.true(await sampler.refresh());
	t.is(sampler.getState().connection, 'connected');
	t.false(session.embedded?.shared, 'this session owns the server now');

	const {url} = session.embedded!;
	await session.close();
	t.false(await accepts(url), 'and stops it on exit');
});
