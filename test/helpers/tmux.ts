import {execFile} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import path from 'node:path';
import {promisify} from 'node:util';
import test from 'ava';
import {packageRoot} from '../../source/paths.js';

const run = promisify(execFile);

/**
Run tmux on a server of the session's own (socket named after it): no user
configuration, no sessions of anyone else, no race with a server shutting down.
*/
export async function tmux(session: string, ...args: string[]): Promise<string> {
	const {stdout} = await run('tmux', ['-L', session, '-f', '/dev/null', ...args]);
	return stdout;
}

async function hasTmux(): Promise<boolean> {
	try {
		await run('tmux', ['-V']);
		return true;
	} catch {
		return false;
	}
}

/** Ava's `test`, or `test.skip` (reported as skipped) on a machine with only Node and no tmux. */
export const tmuxTest = await hasTmux() ? test : test.skip;

/** A fresh session name. */
export const sessionName = () => `wfmon-e2e-${randomBytes(3).toString('hex')}`;

/** The command that runs the real binary: `node bin/wfmon.js`, quoted for a shell. */
export const wfmonCommand = (nodeOptions = '') =>
	`'${process.execPath}' ${nodeOptions} '${path.join(packageRoot, 'bin', 'wfmon.js')}'`;

/** The screen, once `ok` holds for it. */
export async function screenUntil(session: string, ok: (screen: string) => boolean, what: string, timeoutMs = 15_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const screen = await tmux(session, 'capture-pane', '-p', '-t', session);
		if (ok(screen)) {
			return screen;
		}

		if (Date.now() > deadline) {
			throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
		}

		await new Promise(resolve => {
			setTimeout(resolve, 100);
		});
	}
}
