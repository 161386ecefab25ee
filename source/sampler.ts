import {redactSecrets} from './errors.js';

/** Where the refresh loop stands, as the header shows it. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** Everything a listener learns about the loop; a new object on every change. */
export type SamplerState<T> = {
	/** The last good sample; kept while later refreshes fail. */
	value: T | null;
	connection: ConnectionState;
	/** Failed refreshes in a row (the reconnect attempt number). */
	attempt: number;
	/** The last failure as one line, or null after a success. */
	error: string | null;
	lastRefreshAt: Date | null;
	/** Wall time of the last successful refresh. */
	lastDurationMs: number | null;
	refreshing: boolean;
	paused: boolean;
	intervalMs: number;
	/** When the next refresh is due (epoch ms), or null when none is scheduled. */
	nextAt: number | null;
	/** When the lost server was last probed (epoch ms): each probe is a new state, so a countdown redraws. */
	probedAt: number | null;
};

export type SamplerOptions<T> = {
	/** Take one sample; gets the last good one (for rates). */
	fetch: (previous: T | null) => Promise<T>;
	intervalMs: number;
	/** Whether a failure means the server went away (the header then says reconnecting). */
	isConnectionLost?: (error: unknown) => boolean;
	/** Wait after the first failure, doubled on each further one up to maxMs (default 1 s up to 10 s). */
	backoff?: {initialMs: number; maxMs: number};
	/**
	While reconnecting, asked every `everyMs` (default 1 s) whether the server
	answers again; when it does, the refresh runs then instead of at the end of the backoff.
	*/
	probe?: {answers: () => Promise<boolean>; everyMs?: number};
	now?: () => number;
};

/** A refresh loop with listeners. */
export type Sampler<T> = {
	/** Take the first sample now and keep going every interval. */
	start(): void;
	/** Stop for good: no more refreshes; a running one's result is ignored. */
	stop(): void;
	/** Refresh now. Resolves false when dropped because one is already running. */
	refresh(): Promise<boolean>;
	/**
	Refresh because what to sample changed: now, or right after the running
	refresh when there is one (never overlapping it; several requests meanwhile make one).
	*/
	request(): void;
	setPaused(paused: boolean): void;
	setIntervalMs(ms: number): void;
	getState(): SamplerState<T>;
	subscribe(listener: (state: SamplerState<T>) => void): () => void;
};

/**
The refresh loop behind every live view, kept free of React so it can be
tested on its own. Only one refresh runs at a time: one that would overlap a
running refresh is dropped. Failures back off exponentially and the loop keeps
trying until the source is back; pausing stops the timer but `refresh()` still
works.
*/
export function createSampler<T>(options: SamplerOptions<T>): Sampler<T> {
	const now = options.now ?? Date.now;
	const backoff = options.backoff ?? defaultBackoff;
	const probeEveryMs = options.probe?.everyMs ?? 1000;
	const listeners = new Set<(state: SamplerState<T>) => void>();
	let state: SamplerState<T> = {
		value: null,
		connection: 'connecting',
		attempt: 0,
		error: null,
		lastRefreshAt: null,
		lastDurationMs: null,
		refreshing: false,
		paused: false,
		intervalMs: options.intervalMs,
		nextAt: null,
		probedAt: null,
	};
	let timer: NodeJS.Timeout | undefined;
	let prober: NodeJS.Timeout | undefined;
	let probing = false;
	let started = false;
	let stopped = false;
	let requested = false;

	const update = (change: Partial<SamplerState<T>>) => {
		state = {...state, ...change};
		for (const listener of listeners) {
			listener(state);
		}
	};

	const stopProbing = () => {
		clearInterval(prober);
		prober = undefined;
	};

	// Between retries, ask the lost server every second whether it is back.
	const startProbing = () => {
		stopProbing();
		prober = setInterval(() => {
			if (probing || state.refreshing || stopped) {
				return;
			}

			probing = true;
			void (options.probe?.answers() ?? Promise.resolve(false)).catch(() => false).then(answers => {
				probing = false;
				if (prober === undefined || stopped || state.refreshing) {
					return;
				}

				update({probedAt: now()});
				if (answers) {
					void refresh();
				}
			});
		}, probeEveryMs);
	};

	const schedule = () => {
		clearTimeout(timer);
		timer = undefined;
		stopProbing();
		if (stopped || !started) {
			return;
		}

		// Failures retry even when paused: paused means "hold the picture", not "stay broken".
		const failing = state.attempt > 0;
		if (state.paused && !failing) {
			update({nextAt: null});
			return;
		}

		const delay = failing ? backoffDelay(state.attempt, backoff) : state.intervalMs;
		timer = setTimeout(() => {
			void refresh();
		}, delay);
		update({nextAt: now() + delay});
		if (failing && state.connection === 'reconnecting') {
			startProbing();
		}
	};

	const refresh = async (): Promise<boolean> => {
		if (stopped || state.refreshing) {
			return false;
		}

		clearTimeout(timer);
		stopProbing();
		update({refreshing: true, nextAt: null});
		const startedAt = now();
		try {
			const value = await options.fetch(state.value);
			if (stopped) {
				return true;
			}

			update({
				value,
				connection: 'connected',
				attempt: 0,
				error: null,
				lastRefreshAt: new Date(now()),
				lastDurationMs: now() - startedAt,
				refreshing: false,
			});
		} catch (error) {
			if (stopped) {
				return true;
			}

			const lost = options.isConnectionLost?.(error) ?? false;
			update({
				connection: lost || state.connection !== 'connected' ? 'reconnecting' : 'connected',
				attempt: state.attempt + 1,
				error: describeError(error),
				refreshing: false,
			});
		}

		if (requested) {
			requested = false;
			void refresh();
		} else {
			schedule();
		}

		return true;
	};

	return {
		start() {
			if (started || stopped) {
				return;
			}

			started = true;
			void refresh();
		},
		stop() {
			stopped = true;
			clearTimeout(timer);
			timer = undefined;
			stopProbing();
			listeners.clear();
		},
		refresh,
		request() {
			if (state.refreshing) {
				requested = true;
			} else {
				void refresh();
			}
		},
		setPaused(paused) {
			update({paused});
			if (!state.refreshing) {
				schedule();
			}
		},
		setIntervalMs(ms) {
			update({intervalMs: ms});
			if (!state.refreshing) {
				schedule();
			}
		},
		getState: () => state,
		subscribe(listener) {
			listeners.add(listener);
			return () => {
				listeners.delete(listener);
			};
		},
	};
}

const defaultBackoff = {initialMs: 1000, maxMs: 10_000};

/** The wait before retry `attempt` (1 after the first failure): 1, 2, 4, 8, then 10 s with the defaults. */
export function backoffDelay(attempt: number, backoff: {initialMs: number; maxMs: number} = defaultBackoff): number {
	return Math.min(backoff.maxMs, backoff.initialMs * (2 ** Math.max(0, attempt - 1)));
}

/** One line for the screen: the message's first line, no stack, no password. */
export function describeError(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error);
	const line = (message.split('\n')[0] ?? '').trim();
	return redactSecrets(line === '' ? 'unknown error' : line);
}
