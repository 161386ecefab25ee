// What must happen before the process goes: above all, stopping the embedded
// PostgreSQL wfmon started, also when the user presses Ctrl-C or the process
// gets SIGTERM.

type Cleanup = () => Promise<void>;

const cleanups = new Set<Cleanup>();
const signalExitCodes = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129} as const;
let installed = false;

/** Run `cleanup` if the process is told to stop; call the returned function once it ran normally. */
export function onShutdown(cleanup: Cleanup): () => void {
	cleanups.add(cleanup);
	return () => cleanups.delete(cleanup);
}

/** Run every registered cleanup (at most `timeoutMs`), for signal handlers and fatal paths. */
export async function runCleanups(timeoutMs = 10_000): Promise<void> {
	const pending = [...cleanups].map(async cleanup => cleanup().catch(() => undefined));
	cleanups.clear();
	await Promise.race([Promise.all(pending), new Promise(resolve => setTimeout(resolve, timeoutMs).unref())]);
}

/** On SIGINT, SIGTERM or SIGHUP: clean up, then exit with the conventional 128+signal code. */
export function installSignalHandlers(): void {
	if (installed) {
		return;
	}

	installed = true;
	let stopping = false;
	for (const [signal, code] of Object.entries(signalExitCodes)) {
		// `on`, not `once`: while our listener is attached, signal-exit (Ink's) sees another
		// listener and lets us exit through process.exit, whose 'exit' hooks restore the terminal;
		// alone, it would re-raise the signal and the process would die without them.
		process.on(signal, () => {
			if (stopping) {
				return;
			}

			stopping = true;
			void runCleanups().finally(() => process.exit(code));
		});
	}
}
