import {writeSync} from 'node:fs';

// The terminal as htop and less leave it: the TUI draws on the alternate
// screen, so the user's scrollback and shell lines survive, rewrites only the
// lines that changed, and every way out (q, Ctrl-C, SIGTERM, SIGHUP, a crash)
// puts the normal screen back with the cursor shown.

const escape = '\u001B';
// Autowrap off while wfmon draws: a line wider than the terminal (a frame drawn at the old width
// just after it shrank) is cut at the edge instead of spilling onto the rows below, where the
// line diffing would never rewrite it (seen as a garbled Status view after a resize).
const enter = `${escape}[?1049h${escape}[?2004h${escape}[?7l`;
// Autowrap back on, bracketed paste off, the normal screen back (with its cursor position), the cursor shown.
const leave = `${escape}[?7h${escape}[?2004l${escape}[?1049l${escape}[?25h`;
// What Ink writes before each frame to erase the last one: erase line, cursor up, column 1.
const erasePrefix = new RegExp(String.raw`^(?:${escape}\[2K|${escape}\[1A|${escape}\[G)+`);
// What Ink writes instead before a frame as tall as the terminal (the frame of the old size, just
// after the terminal shrank): clear the screen and the scrollback, cursor home.
const clearPrefix = new RegExp(String.raw`^(?:${escape}\[2J|${escape}\[3J|${escape}\[H)+`);

/**
Switch a terminal to the alternate screen with bracketed paste on. Returns
the function that switches back; it runs once, also from the process's
'exit' event, and writes synchronously so it is done before the process ends.
*/
export function enterAlternateScreen(stdout: NodeJS.WriteStream & {fd?: number}): () => void {
	if (!stdout.isTTY) {
		return () => undefined;
	}

	let active = true;
	const restore = () => {
		if (!active) {
			return;
		}

		active = false;
		process.off('exit', restore);
		try {
			writeSync(stdout.fd ?? 1, leave);
		} catch {
			// The terminal is gone (SIGHUP): nothing to restore.
		}
	};

	writeSync(stdout.fd ?? 1, enter);
	process.on('exit', restore);
	return restore;
}

/**
The terminal as Ink should see it: the same stream, except that each frame
Ink writes (an erase of the last frame, then the whole new one) reaches the
terminal as only the lines that differ from the last frame, each written in
place at its row. Ink 6's own incremental mode is one row off after frames
that end in a newline, which is every frame shorter than the terminal.
*/
export function lineDiffingStdout(stdout: NodeJS.WriteStream & {fd?: number}): NodeJS.WriteStream {
	let shown: string[] = [];
	// While another program has the terminal (a pager), frames are kept, not written.
	let suspended = false;
	const control: TerminalControl = {
		suspend() {
			suspended = true;
			writeSync(stdout.fd ?? 1, leave);
			setRawMode(false);
		},
		resume() {
			setRawMode(true);
			// The alternate screen comes back blank: draw the last frame whole, the cursor hidden as Ink keeps it.
			writeSync(stdout.fd ?? 1, `${enter}${escape}[?25l${escape}[2J${changedLines([], shown)}${escape}[${shown.length + 1};1H`);
			suspended = false;
		},
	};
	stdout.on('resize', () => {
		// The terminal may have rewrapped what it showed: draw the next frame whole.
		shown = [];
		stdout.write(`${escape}[2J`);
	});
	const write = (chunk: unknown, ...rest: unknown[]): boolean => {
		const text = typeof chunk === 'string' ? chunk : String(chunk);
		const erased = text.replace(erasePrefix, '');
		// A clear inside the first line would blank the lines the diff leaves alone: the frame is drawn whole instead.
		const frame = erased.replace(clearPrefix, '');
		const cleared = frame.length !== erased.length;
		if (!frame.includes('\n')) {
			// Cursor visibility, synchronized-update markers as they are; an erase alone is dropped
			// (rows are rewritten in place). Still written, so a callback passed along is called.
			return stdout.write(frame, ...rest as []);
		}

		const lines = frame.endsWith('\n') ? frame.slice(0, -1).split('\n') : frame.split('\n');
		if (suspended) {
			shown = lines;
			return stdout.write('', ...rest as []);
		}

		const changes = cleared ? `${escape}[2J${changedLines([], lines)}` : changedLines(shown, lines);
		shown = lines;
		return stdout.write(`${changes}${escape}[${lines.length + 1};1H`, ...rest as []);
	};

	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') {
				return write;
			}

			if (property === terminalControlKey) {
				return control;
			}

			const value: unknown = Reflect.get(target, property, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}

/** Escape sequences that rewrite, at their rows, the lines of `next` that differ from `shown`, and clear rows no longer used. */
export function changedLines(shown: string[], next: string[]): string {
	let out = '';
	for (let row = 0; row < Math.max(shown.length, next.length); row++) {
		const line = next[row];
		if (line !== shown[row]) {
			out += `${escape}[${row + 1};1H${line ?? ''}${escape}[K`;
		}
	}

	return out;
}

/** Hand the terminal to another program and take it back (see terminalControl). */
export type TerminalControl = {
	/** Leave the alternate screen, bracketed paste off, the cursor shown, raw mode off; frames are held back. */
	suspend(): void;
	/** Back to the alternate screen, raw mode on, and the last frame drawn whole. */
	resume(): void;
};

const terminalControlKey = Symbol('wfmon terminal control');

/** The control of a terminal `lineDiffingStdout` draws on; undefined for any other stream (not a terminal, tests). */
export function terminalControl(stdout: NodeJS.WriteStream): TerminalControl | undefined {
	return (stdout as unknown as Record<symbol, TerminalControl | undefined>)[terminalControlKey];
}

function setRawMode(on: boolean): void {
	// Straight on the stream: Ink's own switch counts its listeners, and they stay subscribed.
	if (process.stdin.isTTY) {
		process.stdin.setRawMode(on);
	}
}
