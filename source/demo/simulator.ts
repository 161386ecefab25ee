import type {ClientBase, Pool, PoolClient, QueryResultRow} from '../db/connect.js';
import {loadSql} from '../db/sql.js';

/** Options of `startSimulator`. */
export type SimulatorOptions = {
	/** New runs per second (fractions carry over from tick to tick). */
	ratePerSecond: number;
	/** Called with any error of a tick; the simulator keeps ticking. */
	onError?: (error: unknown) => void;
	/** Time between the end of one tick and the start of the next (default 1 s). */
	tickMs?: number;
	/** At most this many runs stuck on purpose at once (default 3). */
	maxStuck?: number;
};

/** What the simulator has done since it started. */
export type SimulatorStats = {
	ticks: number;
	failedTicks: number;
	inserted: number;
	started: number;
	finished: number;
	/** Finished as failed or timeout. */
	failed: number;
	reportWeeks: number;
};

/** A running simulator. */
export type Simulator = {
	/** Stop ticking; resolves once the tick in flight (if any) has ended. */
	stop(): Promise<void>;
	/** Totals so far. */
	stats(): SimulatorStats;
};

// A tick that could not run for a while (the database was down) must not
// come back with a burst of thousands of runs.
const maxCatchUpSeconds = 5;

/**
Keep the demo workload moving: every tick, in one short transaction, finish
the runs whose planned duration has passed, advance the others step by step
(appending events), start queued runs, insert about `ratePerSecond` new
queued runs per second, and add report weeks (some without an
execution_id) and learning progress. A few runs get stuck on purpose. A
failing tick (the database restarting, a timeout) is reported to `onError`
and the next one tries again.
*/
export function startSimulator(pool: Pool, options: SimulatorOptions): Simulator {
	const tickMs = options.tickMs ?? 1000;
	const totals: SimulatorStats = {ticks: 0, failedTicks: 0, inserted: 0, started: 0, finished: 0, failed: 0, reportWeeks: 0};
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	let inFlight: Promise<void> | undefined;
	let last = performance.now();
	// Fractions of a run (or a report week) owed to the next tick.
	let owedRuns = 0;
	let owedWeeks = 0;

	const tick = async () => {
		const now = performance.now();
		const seconds = Math.min(maxCatchUpSeconds, (now - last) / 1000);
		last = now;
		owedRuns += Math.max(0, options.ratePerSecond) * seconds;
		owedWeeks += Math.max(0, options.ratePerSecond) * seconds / 4;
		const runs = Math.floor(owedRuns);
		const weeks = Math.floor(owedWeeks);
		try {
			const done = await runTick(pool, {runs, weeks, maxStuck: options.maxStuck ?? 3});
			owedRuns -= runs;
			owedWeeks -= weeks;
			totals.ticks++;
			totals.inserted += done.inserted;
			totals.started += done.started;
			totals.finished += done.finished;
			totals.failed += done.failed;
			totals.reportWeeks += done.weeks;
		} catch (error) {
			totals.failedTicks++;
			owedRuns = Math.min(owedRuns, options.ratePerSecond * maxCatchUpSeconds);
			owedWeeks = Math.min(owedWeeks, options.ratePerSecond * maxCatchUpSeconds);
			if (!stopped) {
				options.onError?.(error);
			}
		}
	};

	const schedule = () => {
		if (stopped) {
			return;
		}

		timer = setTimeout(() => {
			inFlight = tick().finally(() => {
				inFlight = undefined;
				schedule();
			});
		}, tickMs);
	};

	schedule();
	return {
		async stop() {
			stopped = true;
			clearTimeout(timer);
			await inFlight;
		},
		stats: () => ({...totals}),
	};
}

type TickResult = {inserted: number; started: number; finished: number; failed: number; weeks: number};

async function runTick(pool: Pool, amounts: {runs: number; weeks: number; maxStuck: number}): Promise<TickResult> {
	const client = await pool.connect();
	let broken: Error | undefined;
	try {
		await client.query('BEGIN');
		try {
			await client.query(loadSql('demo/tick_settings'));
			const finished = await first<{finished: number; failed: number}>(client, 'demo/sim_finish', []);
			await client.query(loadSql('demo/sim_advance'));
			const started = await first<{started: number}>(client, 'demo/sim_start', [amounts.maxStuck]);
			const inserted = amounts.runs > 0 ? await first<{inserted: number}>(client, 'demo/sim_insert', [amounts.runs]) : {inserted: 0};
			const weeks = amounts.weeks > 0 ? await first<{weeks: number}>(client, 'demo/sim_reports', [amounts.weeks]) : {weeks: 0};
			if (amounts.runs > 0) {
				await client.query(loadSql('demo/sim_activity'), [Math.max(1, Math.round(amounts.runs / 5))]);
			}

			await client.query('COMMIT');
			return {inserted: inserted.inserted, started: started.started, finished: finished.finished, failed: finished.failed, weeks: weeks.weeks};
		} catch (error) {
			await client.query('ROLLBACK').catch((rollbackError: unknown) => {
				// The connection itself is gone: do not hand it back to the pool.
				broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
			});
			throw error;
		}
	} finally {
		client.release(broken);
	}
}

async function first<T extends QueryResultRow>(client: PoolClient, name: string, values: unknown[]): Promise<T> {
	const result = await client.query<T>(loadSql(name), values);
	const row = result.rows[0];
	if (row === undefined) {
		throw new Error(`sql/${name}.sql returned no row`);
	}

	return row;
}

/** Active runs by status, for status lines. */
export type ActiveCounts = {queued: number; running: number; waiting: number; stuck: number};

/** How many runs are queued, running (stuck among them) and waiting now. */
export async function activeCounts(pool: Pool | ClientBase): Promise<ActiveCounts> {
	const result = await pool.query<ActiveCounts>(loadSql('demo/sim_counts'));
	return result.rows[0] ?? {queued: 0, running: 0, waiting: 0, stuck: 0};
}

/** The slowest default pace: six new runs a minute still make the views move. */
const minimumDefaultRate = 0.1;

/**
The simulator's default rate: the pace at which the data already there was
created over the last hour, at least 0.1 runs per second, rounded to 0.1.
*/
export async function defaultSimulatorRate(pool: Pool | ClientBase): Promise<number> {
	const result = await pool.query<{per_second: number}>(loadSql('demo/recent_rate'));
	const recent = result.rows[0]?.per_second ?? 0;
	return Math.max(minimumDefaultRate, Math.round(recent * 10) / 10);
}
