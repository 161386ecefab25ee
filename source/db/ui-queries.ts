import type pg from 'pg';
import {
	runDetail,
	runSteps,
	stepScreenshots,
	streamRuns,
	streamStepEvents,
	type OrgFilter,
	type RunDetailRow,
	type RunFilter,
	type RunRow,
	type StepRow,
} from './queries.js';

// What the TUI reads beyond the snapshot: long lists read page by page through
// a cursor held open on a dedicated pool client, and a run's detail.

/** Rows of a cursor, read a page at a time while the cursor stays open. */
export type PagedReader<Row> = {
	/** Up to `count` more rows; `done` once the cursor has no more. */
	read(count: number): Promise<{rows: Row[]; done: boolean}>;
	/** Close the cursor and give the client back (idempotent; safe while a read runs). */
	close(): Promise<void>;
};

/**
Open a cursor lazily on a client of its own. The client goes back to the
pool when the rows run out, on close, or (discarded) when the connection fails.
*/
export function openPagedReader<Row>(pool: pg.Pool, open: (client: pg.PoolClient) => AsyncGenerator<Row>): PagedReader<Row> {
	let client: pg.PoolClient | undefined;
	let rows: AsyncGenerator<Row> | undefined;
	let connecting: Promise<void> | undefined;
	let finished = false;
	let queue: Promise<unknown> = Promise.resolve();

	const finish = async (broken: boolean) => {
		if (finished) {
			return;
		}

		finished = true;
		await connecting?.catch(() => undefined);
		if (rows !== undefined && !broken) {
			// Runs the generator's finally: the cursor is closed before the client goes back.
			await rows.return(undefined).catch(() => undefined);
		}

		client?.release(broken);
		client = undefined;
	};

	const readNow = async (count: number) => {
		if (finished) {
			return {rows: [], done: true};
		}

		try {
			if (rows === undefined) {
				connecting ??= pool.connect().then(connected => {
					client = connected;
				});
				await connecting;
				if (finished) {
					// Closed while connecting.
					client?.release();
					client = undefined;
					return {rows: [], done: true};
				}

				rows = open(client!);
			}

			const page: Row[] = [];
			while (page.length < count) {
				const next = await rows.next();
				if (next.done) {
					await finish(false);
					return {rows: page, done: true};
				}

				page.push(next.value);
			}

			return {rows: page, done: false};
		} catch (error) {
			await finish(true);
			throw error;
		}
	};

	return {
		read(count) {
			// Reads are serialised: the cursor serves one request at a time.
			const result = queue.then(async () => readNow(count));
			queue = result.catch(() => undefined);
			return result;
		},
		async close() {
			await queue;
			await finish(false);
		},
	};
}

/** The runs list, newest first, page by page. */
export const openRunsReader = (pool: pg.Pool, org: OrgFilter, filter: RunFilter): PagedReader<RunRow> =>
	openPagedReader(pool, client => streamRuns(client, org, filter));

/** One step's events, in array order, page by page. */
export const openStepEventsReader = (pool: pg.Pool, runId: string, stepNumber: number, org: OrgFilter): PagedReader<{event: unknown}> =>
	openPagedReader(pool, client => streamStepEvents(client, runId, stepNumber, org));

/** A run and its steps, or null when there is no such run in scope. */
export type RunWithSteps = {run: RunDetailRow | null; steps: StepRow[]};

/** A run and its steps, for the drill-down. */
export async function loadRun(pool: pg.Pool, runId: string, org: OrgFilter): Promise<RunWithSteps> {
	const [run] = await runDetail(pool, runId, org);
	if (run === undefined) {
		return {run: null, steps: []};
	}

	return {run, steps: await runSteps(pool, runId, org)};
}

/** A step's screenshots (whatever the array holds). */
export async function loadScreenshots(pool: pg.Pool, runId: string, stepNumber: number, org: OrgFilter): Promise<unknown[]> {
	const [row] = await stepScreenshots(pool, runId, stepNumber, org);
	return Array.isArray(row?.screenshots) ? row.screenshots : [];
}
