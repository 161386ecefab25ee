import {spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {packageRoot} from '../source/paths.js';
import {readCpuMs} from './measure.js';

/** The TUI's idle CPU, or why it was not measured. */
export type TuiCpu = {kind: 'measured'; percent: number; seconds: number} | {kind: 'skipped'; reason: string};

/**
Open the TUI on a pseudo-terminal (util-linux `script`, 100×30) with the
default 2 s refresh, leave it idle for a warm-up, then take the wfmon
process's user + system CPU over `seconds`.
*/
export async function measureTuiCpu(wfmon: string, env: NodeJS.ProcessEnv, seconds = 30): Promise<TuiCpu> {
	if (!existsSync(path.join(packageRoot, 'source', 'ui', 'start.tsx'))) {
		return {kind: 'skipped', reason: 'source/ui/start.tsx does not exist'};
	}

	const command = `stty cols 100 rows 30; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(wfmon)} --interval 2s`;
	const terminal = spawn('script', ['-qfec', command, '/dev/null'], {env: {...env, TERM: 'xterm-256color'}, stdio: ['pipe', 'pipe', 'pipe']});
	let screen = '';
	terminal.stdout.on('data', (chunk: Buffer) => {
		screen = (screen + chunk.toString('utf8')).slice(-20_000);
	});
	let exited = false;
	terminal.on('close', () => {
		exited = true;
	});
	try {
		await sleep(8000);
		const pid = findDescendant(terminal.pid, 'wfmon');
		if (exited || pid === undefined) {
			const said = screen.replaceAll(new RegExp(String.raw`${String.fromCodePoint(27)}\[[\d;?]*[A-Za-z]`, 'g'), '').trim().split('\n').at(-1)?.slice(0, 120) ?? '';
			return {kind: 'skipped', reason: `node bin/wfmon.js did not stay open as a TUI${said ? ` ("${said}")` : ''}`};
		}

		const before = readCpuMs(pid);
		await sleep(seconds * 1000);
		const after = readCpuMs(pid);
		if (before === undefined || after === undefined) {
			return {kind: 'skipped', reason: 'the TUI exited while being measured'};
		}

		return {kind: 'measured', percent: (after - before) / (seconds * 1000) * 100, seconds};
	} finally {
		terminal.stdin.write('q');
		await sleep(1000);
		if (!exited) {
			const pid = findDescendant(terminal.pid, 'wfmon');
			if (pid !== undefined) {
				process.kill(pid, 'SIGTERM');
			}

			terminal.kill('SIGTERM');
		}
	}
}

/** The first process under `root` whose command line mentions `needle` (wfmon sets its process title to "wfmon"). */
function findDescendant(root: number | undefined, needle: string): number | undefined {
	if (root === undefined) {
		return undefined;
	}

	const queue = [root];
	while (queue.length > 0) {
		const pid = queue.shift()!;
		try {
			if (pid !== root && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(needle)) {
				return pid;
			}

			for (const task of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
				queue.push(Number(task));
			}
		} catch {
			// Gone already.
		}
	}

	return undefined;
}
