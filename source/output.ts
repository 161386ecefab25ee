import type {Writable} from 'node:stream';

/** Writes whole lines to a stream, waiting when it is full, noticing when its reader left. */
export type LineWriter = {
	/** Write lines in one go; false once the reader has gone away (e.g. `| head -1` exited). */
	writeLines(lines: string[]): Promise<boolean>;
	readonly closed: boolean;
};

/** A line writer over stdout or any writable stream. */
export function createLineWriter(stream: Writable): LineWriter {
	let closed = false;
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

					stream.once('drain', done);
					stream.once('close', done);
				});
			}

			return !closed;
		},
	};
}
