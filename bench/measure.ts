import {spawn} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';

/** What one run of a command produced, measured from outside. */
export type Measured = {
	/** Wall time from spawn to exit (or to the line limit), ms. */
	ms: number;
	code: number | null;
	bytes: number;
	lines: number;
	/** Peak resident set (Linux VmHWM), sampled every 10 ms. */
	peakRssKb: number;
	stderr: string;
};

/**
Run a command with its stdout on a pipe that is read and counted here (like
`| wc -l`). With `stopAfterLines`, the pipe is closed once that many lines
came (like `| head -n`) and the time is taken at that line.
*/
export async function measureCommand(command: string, args: string[], options: {env?: NodeJS.ProcessEnv; stopAfterLines?: number} = {}): Promise<Measured> {
	const started = performance.now();
	const child = spawn(command, args, {env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe']});
	let bytes = 0;
	let lines = 0;
	let stoppedAt: number | undefined;
	let peakRssKb = 0;
	const stderr: Buffer[] = [];
	const sample = () => {
		peakRssKb = Math.max(peakRssKb, readPeakRss(child.pid));
	};

	const sampler = setInterval(sample, 10);
	child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
	child.stdout.on('data', (chunk: Buffer) => {
		if (stoppedAt !== undefined) {
			return;
		}

		bytes += chunk.length;
		for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) {
			lines++;
			if (options.stopAfterLines !== undefined && lines >= options.stopAfterLines) {
				stoppedAt = performance.now();
				sample();
				child.stdout.destroy();
				break;
			}
		}
	});
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	clearInterval(sampler);
	return {
		ms: (stoppedAt ?? performance.now()) - started,
		code,
		bytes,
		lines,
		peakRssKb,
		stderr: Buffer.concat(stderr).toString('utf8'),
	};
}

/** A process's peak resident set so far, in kB; 0 once it is gone. */
export function readPeakRss(pid: number | undefined): number {
	try {
		const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) : 0;
	} catch {
		return 0;
	}
}

/** The CPU time (user + system) a process has used so far, in ms; undefined once it is gone. */
export function readCpuMs(pid: number | undefined): number | undefined {
	try {
		// Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ticks = Number(fields[11]) + Number(fields[12]);
		return ticks * 10; // USER_HZ is 100 on Linux.
	} catch {
		return undefined;
	}
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	if (sorted.length === 0) {
		return Number.NaN;
	}

	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Run `measure` `times` times after `warmup` unrecorded runs. */
export async function repeat<T>(times: number, warmup: number, measure: () => Promise<T>): Promise<T[]> {
	for (let index = 0; index < warmup; index++) {
		await measure();
	}

	const results: T[] = [];
	for (let index = 0; index < times; index++) {
		results.push(await measure());
	}

	return results;
}

/** A number with `digits` decimals, for tables. */
export function fixed(value: number, digits = 1): string {
	return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}
