/** A read whose result is kept for a while. */
export type CachedRead<T> = () => Promise<T>;

/**
Wrap `read` so it runs at most once per `intervalMs`, however often the
result is asked for: in between, the last result (or the last failure) is
given again, and callers that arrive during a read share it.
*/
export function cacheFor<T>(read: () => Promise<T>, intervalMs: number, now = () => performance.now()): CachedRead<T> {
	let last: {at: number; result: Promise<T>} | undefined;
	return async () => {
		if (last === undefined || now() - last.at >= intervalMs) {
			// The interval counts from the start of a read: a slow read does not stretch it.
			last = {at: now(), result: read()};
			// A failure is kept for the interval too (not retried on every scrape), but never unhandled.
			last.result.catch(() => undefined);
		}

		return last.result;
	};
}
