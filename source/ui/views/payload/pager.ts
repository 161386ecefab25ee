// `v`: the payload in the user's pager, as `git log` does. The TUI gives the
// terminal up while the pager runs and takes it back as it was.
import {spawnSync} from 'node:child_process';
import type {TerminalControl} from '../../screen.js';

/** The pager when $PAGER is unset or empty, as git and man use it. */
export const defaultPager = 'less -R';

/**
Show `text` in `command` (run by the shell, as git runs $PAGER) on the
terminal `terminal` controls, and wait for it to exit. Synchronous on
purpose: the event loop stands still, so no refresh draws over the pager and
no key it is typed reaches the TUI. Returns a line for the footer when the
pager could not run, undefined when it did.
*/
export function runPager(text: string, command: string, terminal: TerminalControl | undefined): string | undefined {
	terminal?.suspend();
	let result;
	try {
		result = spawnSync('/bin/sh', ['-c', command], {input: text, stdio: ['pipe', 'inherit', 'inherit']});
	} finally {
		terminal?.resume();
	}

	// The shell's "command not found".
	if (result.status === 127) {
		return `pager not found: ${command} (set $PAGER)`;
	}

	// A pager that quits before reading everything closes the pipe: that is not a failure.
	const error = result.error as NodeJS.ErrnoException | undefined;
	if (error !== undefined && error.code !== 'EPIPE') {
		return `pager ${command} failed: ${error.message}`;
	}

	return result.status === 0 || result.status === null ? undefined : `pager ${command} exited with ${result.status}`;
}

/** The pager command from the environment. */
export function pagerCommand(environment: NodeJS.ProcessEnv = process.env): string {
	const pager = environment.PAGER?.trim();
	return pager === undefined || pager === '' ? defaultPager : pager;
}
