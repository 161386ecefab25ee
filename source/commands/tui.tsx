import type {ConnectionConfig} from '../config.js';
import {databaseHasRuns, describeSeed, seedDemo} from '../demo/seed.js';
import {defaultSimulatorRate, startSimulator, type Simulator} from '../demo/simulator.js';
import type {TimeWindow} from '../model/windows.js';
import {openSession, type Session} from '../session.js';
import {startTui} from '../ui/start.js';

/** How the embedded default fills itself: demo size and simulator rate. */
export type DemoOptions = {runs: number; rate: number | undefined};

/**
`wfmon` with no command: the live TUI, until the user quits. On wfmon's own
embedded server an empty database gets the demo workload and a simulator, so
a newcomer sees live views with one command.
*/
export async function runTuiCommand(
	config: ConnectionConfig,
	options: {org?: string; window: TimeWindow; intervalMs: number; demo: DemoOptions},
): Promise<number> {
	const notices: string[] = [];
	const session = await openSession(config, {org: options.org, notice: line => notices.push(line)});
	let simulator: Simulator | undefined;
	try {
		if (session.embedded?.shared) {
			// The wfmon that runs the server runs its simulator too.
			notices.push('demo server shared with another wfmon');
		} else if (session.embedded !== undefined) {
			const demo = await prepareDemo(session, options.demo);
			simulator = demo.simulator;
			if (simulator !== undefined) {
				notices.push(`demo: simulator adds ${demo.rate} runs/s`);
			}
		}

		await startTui({session, window: options.window, intervalMs: options.intervalMs, footerNote: notices.join(' ') || undefined});
		return 0;
	} finally {
		await simulator?.stop();
		await session.close();
	}
}

async function prepareDemo(session: Session, demo: DemoOptions): Promise<{simulator?: Simulator; rate: number}> {
	const client = await session.pool.connect();
	try {
		if (!(await databaseHasRuns(client))) {
			process.stderr.write(`wfmon: first start on the embedded server: seeding a demo workload of ${demo.runs} runs…\n`);
			process.stderr.write(`wfmon: ${describeSeed(await seedDemo(client, {runs: demo.runs}))}\n`);
		}
	} finally {
		client.release();
	}

	const rate = demo.rate ?? await defaultSimulatorRate(session.pool);
	return {rate, simulator: rate > 0 ? startSimulator(session.pool, {ratePerSecond: rate}) : undefined};
}
