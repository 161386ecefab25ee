import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {packageRoot} from '../../source/paths.js';

/** What a run of the real binary produced. */
export type CliResult = {code: number | null; stdout: string; stderr: string; peakRssKb: number};

/** Environment for the binary: the test's database only, no PG* leaking in from outside. */
export function cliEnvironment(databaseUrl: string | undefined, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const environment: NodeJS.ProcessEnv = {...process.env, ...extra};
	for (const name of ['DATABASE_URL', 'PGHOST', 'PGPORT', 'PGUSER', 'PGDATABASE', 'PGPASSWORD', 'PGSERVICE']) {
		delete environment[name];
	}

	if (databaseUrl !== undefined) {
		environment['DATABASE_URL'] = databaseUrl;
	}

	return environment;
}

/** Run `node bin/wfmon.js ...args` to the end, tracking its peak memory (Linux VmHWM). */
export async function runCli(
	args: string[],
	options: {databaseUrl?: string; env?: NodeJS.ProcessEnv; stallReaderMs?: number} = {},
): Promise<CliResult> {
	const child = spawn(process.execPath, [path.join(packageRoot, 'bin', 'wfmon.js'), ...args], {
		env: options.env ?? cliEnvironment(options.databaseUrl),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const stdout: Buffer[] = [];
	const stderr: Buffer[] = [];
	child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
	child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
	if (options.stallReaderMs !== undefined) {
		// A reader that stops after the first output for a while: the pipe fills and the writer waits.
		child.stdout.once('data', () => {
			child.stdout.pause();
			setTimeout(() => child.stdout.resume(), options.stallReaderMs);
		});
	}

	let peakRssKb = 0;
	const sampler = setInterval(() => {
		peakRssKb = Math.max(peakRssKb, readPeakRss(child.pid));
	}, 25);
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	clearInterval(sampler);
	return {code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8'), peakRssKb};
}

/** The process's peak resident set so far, in kB; 0 once it is gone. */
export function readPeakRss(pid: number | undefined): number {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /VmHWM:\s+(\d+)/.exec(status);
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/** Parse NDJSON output into objects. */
export function ndjson(text: string): Array<Record<string, unknown>> {
	return text.split('\n').filter(line => line !== '').map(line => JSON.parse(line) as Record<string, unknown>);
}
