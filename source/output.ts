import type {Writable} from 'node:stream';

/**
Where streams write: stdout, made asynchronous when it is a pipe. Node writes
to pipes synchronously on Linux, so a reader that stops reading would freeze
the whole process, timers included; asynchronous, only the write waits (for
'drain'), and wfmon can still keep its time limits.
*/
export function streamOutput(): Writable {
	const handle = (process.stdout as {_handle?: {setBlocking?: (blocking: boolean) => number}})._handle;
	handle?.setBlocking?.(false);
	return process.stdout;
}

/** Writes whole lines to a stream, waiting when it is full, noticing when its reader left. */
export type LineWriter = {
	/** Write lines in one go; false once the reader has gone away (e.g. `| head -1` exited). */
	writeLines(lines: string[]): Promise<boolean>;
	/** Stop waiting for the reader: a pending write resolves false, and nothing more is written. */
	abort(): void;
	readonly closed: boolean;
};

/** A line writer over stdout or any writable stream. */
export function createLineWriter(stream: Writable): LineWriter {
	let closed = false;
	let stopWaiting = () => undefined as void;
	stream.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
			closed = true;
			return;
		}

		throw error;
	});
	return {
		get closed() {
			return closed;
		},
		abort() {
			closed = true;
			stopWaiting();
		},
		async writeLines(lines: string[]) {
			if (closed) {
				return false;
			}

			if (lines.length === 0) {
				return true;
			}

			// One write of whole lines: a line is never left half written by us.
			if (!stream.write(lines.join('\n') + '\n')) {
				await new Promise<void>(resolve => {
					const done = () => {
						stream.off('drain', done);
						stream.off('close', done);
						resolve();
					};

					stopWaiting = done;
					stream.once('drain', done);
					stream.once('close', done);
				});
			}

			return !closed;
		},
	};
}
