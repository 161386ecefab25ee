import type {ConnectionConfig} from '../config.js';
import {UserError} from '../errors.js';
import {openSession} from '../session.js';
import {onShutdown} from '../shutdown.js';
import {databaseHasRuns, describeSeed, seedDemo} from '../demo/seed.js';
import {activeCounts, defaultSimulatorRate, startSimulator, type SimulatorStats} from '../demo/simulator.js';

const statusEveryMs = 10_000;

/**
`wfmon demo`: seed a demo workload when the database has no runs, then (with
a rate above 0) keep the simulator writing until SIGINT or SIGTERM, printing
a status line about every 10 s.
*/
export async function runDemoCommand(config: ConnectionConfig, options: {runs: number; rate: number | undefined}): Promise<number> {
	if (!Number.isSafeInteger(options.runs) || options.runs < 0) {
		throw new UserError(`--runs takes a whole number of zero or more, not ${String(options.runs)}`);
	}

	if (options.rate !== undefined && (!Number.isFinite(options.rate) || options.rate < 0)) {
		throw new UserError(`--rate takes a number of runs per second of zero or more, not ${String(options.rate)}`);
	}

	const session = await openSession(config);
	try {
		const client = await session.pool.connect();
		try {
			if (await databaseHasRuns(client)) {
				console.log('the database already has runs: not seeding');
			} else {
				console.log(`seeding ${options.runs.toLocaleString('en-US')} runs…`);
				console.log(describeSeed(await seedDemo(client, {runs: options.runs})));
			}
		} finally {
			client.release();
		}

		const rate = options.rate ?? await defaultSimulatorRate(session.pool);
		if (rate > 0) {
			await simulateUntilSignal(session.pool, rate);
		}
	} finally {
		await session.close();
	}

	return 0;
}

async function simulateUntilSignal(pool: Parameters<typeof startSimulator>[0], rate: number): Promise<void> {
	let lastError = '';
	const simulator = startSimulator(pool, {
		ratePerSecond: rate,
		onError(error) {
			// Say it once per kind of failure, not once per tick.
			const message = error instanceof Error ? error.message : String(error);
			if (message !== lastError) {
				lastError = message;
				console.error(`simulator: ${message} (retrying every second)`);
			}
		},
	});
	// With the embedded server, the shutdown handlers stop it on a signal;
	// let them wait for the tick in flight too.
	const forget = onShutdown(async () => simulator.stop());
	console.log(`simulating ${rate} new runs per second; Ctrl-C to stop`);
	let previous = simulator.stats();
	const report = async () => {
		const now = simulator.stats();
		const counts = await activeCounts(pool).catch(() => undefined);
		console.log(describeTicks(previous, now, counts));
		previous = now;
	};

	const interval = setInterval(() => {
		void report();
	}, statusEveryMs);
	try {
		await new Promise<void>(resolve => {
			const stop = () => {
				process.off('SIGINT', stop);
				process.off('SIGTERM', stop);
				resolve();
			};

			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
		});
	} finally {
		clearInterval(interval);
		await simulator.stop();
		forget();
		if (lastError !== '' && simulator.stats().ticks === 0) {
			console.error('simulator: no tick succeeded');
		}
	}
}

function describeTicks(before: SimulatorStats, after: SimulatorStats, counts: Awaited<ReturnType<typeof activeCounts>> | undefined): string {
	const seconds = Math.round(statusEveryMs / 1000);
	const parts = [
		`+${after.inserted - before.inserted} runs`,
		`${after.started - before.started} started`,
		`${after.finished - before.finished} finished (${after.failed - before.failed} failed)`,
		`${after.reportWeeks - before.reportWeeks} report weeks`,
	];
	const failedTicks = after.failedTicks - before.failedTicks;
	const active = counts === undefined
		? 'active runs unknown'
		: `now ${counts.queued} queued, ${counts.running} running (${counts.stuck} stuck), ${counts.waiting} waiting`;
	return `simulator: ${parts.join(', ')} in the last ${seconds} s; ${active}${failedTicks > 0 ? `; ${failedTicks} ticks failed` : ''}`;
}
