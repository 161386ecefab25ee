import type pg from 'pg';
import {
	runDetail,
	runSteps,
	stepScreenshots,
	runsPage,
	stepEventsPage,
	type OrgFilter,
	type RunDetailRow,
	type RunFilter,
	type RunRow,
	type StepRow,
} from './queries.js';

// What the TUI reads beyond the snapshot: long lists read page by page, each
// page in a short transaction of its own, and a run's detail.

/** Rows of a list, read a page at a time; nothing is held open between pages. */
export type PagedReader<Row> = {
	/** Up to `count` more rows; `done` once the list has no more. */
	read(count: number): Promise<{rows: Row[]; done: boolean}>;
	/** Stop reading (idempotent; a read still running finishes first). */
	close(): Promise<void>;
};

/**
A reader that asks `readAfter` for the page that follows the rows read so far
(`readAfter(lastRow, count)`; the first page gets undefined). Pages are read
one at a time, in order.
*/
export function openKeysetReader<Row>(readAfter: (last: Row | undefined, read: number, count: number) => Promise<Row[]>): PagedReader<Row> {
	let last: Row | undefined;
	let read = 0;
	let finished = false;
	let queue: Promise<unknown> = Promise.resolve();

	const readNow = async (count: number) => {
		if (finished) {
			return {rows: [], done: true};
		}

		const rows = await readAfter(last, read, count);
		last = rows.at(-1) ?? last;
		read += rows.length;
		finished = rows.length < count;
		return {rows, done: finished};
	};

	return {
		read(count) {
			const result = queue.then(async () => readNow(count));
			queue = result.catch(() => undefined);
			return result;
		},
		async close() {
			finished = true;
			await queue;
		},
	};
}

/** The runs list, newest first, page by page. */
export const openRunsReader = (pool: pg.Pool, org: OrgFilter, filter: RunFilter): PagedReader<RunRow> =>
	openKeysetReader(async (last, _read, count) => runsPage(pool, org, filter, last?.run_id ?? null, count));

/** One step's events, in array order, page by page. */
export const openStepEventsReader = (pool: pg.Pool, runId: string, stepNumber: number, org: OrgFilter, from = 0): PagedReader<{event: unknown}> =>
	openKeysetReader(async (_last, read, count) => stepEventsPage(pool, runId, stepNumber, org, from + read, count));

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
