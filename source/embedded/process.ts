import {spawn, type ChildProcess} from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type {ServerUser} from './user.js';

/** The PostgreSQL programs wfmon runs, and the user they run as. */
export type Binaries = {binDir: string; user: ServerUser};

/** A postmaster this process started. */
export type Postmaster = {
	pid: number;
	/** Ask it to stop (fast shutdown) and wait until it has; at once if it already died. */
	stop(): Promise<void>;
};

/**
Run one of the programs as the server user. Its output goes to `onLog`; a
failure to start it (EACCES, ENOENT) is an error event, handled by the caller.
*/
export function spawnProgram(binaries: Binaries, program: string, arguments_: string[], onLog: (text: string) => void): ChildProcess {
	const child = spawn(path.join(binaries.binDir, program), arguments_, {
		...binaries.user,
		// The caller's working directory may be one the server user cannot enter.
		cwd: '/',
		env: {...process.env, LC_MESSAGES: 'C'},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	child.stdout?.on('data', chunk => {
		onLog(String(chunk));
	});
	child.stderr?.on('data', chunk => {
		onLog(String(chunk));
	});
	return child;
}

/** "could not run …/initdb (EACCES)": one line for a program that did not start or failed. */
export function describeRunFailure(binaries: Binaries, program: string, failure: unknown): string {
	const {code} = failure as {code?: unknown};
	const why = typeof code === 'string' ? code : (failure instanceof Error ? failure.message.split('\n')[0] : String(failure));
	return `could not run ${path.join(binaries.binDir, program)} (${why})`;
}

/** Resolves when the program exits with 0; rejects with one line otherwise. */
async function exitOf(binaries: Binaries, program: string, child: ChildProcess): Promise<void> {
	return new Promise((resolve, reject) => {
		child.once('error', error => {
			reject(new Error(describeRunFailure(binaries, program, error)));
		});
		child.once('close', (code, signal) => {
			if (code === 0) {
				resolve();
			} else {
				reject(new Error(`${program} failed (${code === null ? `signal ${signal ?? '?'}` : `exit ${code}`})`));
			}
		});
	});
}

/**
Create a cluster with initdb, owned by the server user. The password reaches
initdb through a file only that user can read, removed again afterwards.
*/
export async function initCluster(binaries: Binaries, clusterDir: string, password: string, onLog: (text: string) => void): Promise<void> {
	const {user} = binaries;
	await fs.mkdir(clusterDir, {recursive: true, mode: 0o700});
	const secrets = await fs.mkdtemp(path.join(path.dirname(clusterDir), '.initdb-'));
	try {
		const passwordFile = path.join(secrets, 'password');
		await fs.writeFile(passwordFile, `${password}\n`, {mode: 0o600});
		if (user !== undefined) {
			await Promise.all([clusterDir, secrets, passwordFile].map(async file => fs.chown(file, user.uid, user.gid)));
		}

		await exitOf(binaries, 'initdb', spawnProgram(binaries, 'initdb', [
			`--pgdata=${clusterDir}`,
			'--auth=scram-sha-256',
			'--username=postgres',
			`--pwfile=${passwordFile}`,
			'--lc-messages=C',
		], onLog));
	} finally {
		await fs.rm(secrets, {recursive: true, force: true});
	}
}

const readyLine = 'database system is ready to accept connections';

/** Start postgres on a cluster; resolves once it accepts connections, rejects when it exits first. */
export async function startPostmaster(
	binaries: Binaries,
	options: {clusterDir: string; port: number; flags: string[]; onLog: (text: string) => void},
): Promise<Postmaster> {
	let recent = '';
	let ready: () => void = () => undefined;
	const child = spawnProgram(binaries, 'postgres', ['-D', options.clusterDir, '-p', String(options.port), ...options.flags], text => {
		options.onLog(text);
		// The line may arrive split over two chunks.
		recent = (recent + text).slice(-2 * readyLine.length);
		if (recent.includes(readyLine)) {
			ready();
		}
	});
	await new Promise<void>((resolve, reject) => {
		ready = resolve;
		child.once('error', error => {
			reject(new Error(describeRunFailure(binaries, 'postgres', error)));
		});
		child.once('close', (code, signal) => {
			reject(new Error(`postgres exited before accepting connections (${code ?? signal ?? '?'})`));
		});
	});
	return {
		pid: child.pid!,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) {
				return;
			}

			const exited = new Promise(resolve => child.once('exit', resolve));
			child.kill('SIGINT');
			await exited;
		},
	};
}
