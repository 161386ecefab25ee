import type {RunsOrder} from '../../../db/queries.js';

/** The columns the runs list sorts by, in the order `>` steps through them. */
export const runsSorts = ['created', 'duration', 'status', 'workflow'] as const;
export type RunsSort = typeof runsSorts[number];

/** Each sort's natural way, before `I` reverses it: newest and longest first, status and workflow A to Z. */
const ascendingByDefault: Record<RunsSort, boolean> = {created: false, duration: false, status: true, workflow: true};

/** The order the runs list is read in. */
export function runsOrder(sort: RunsSort = 'created', reverse = false): RunsOrder {
	return {sort, ascending: ascendingByDefault[sort] !== reverse};
}

/** The sort `delta` steps from `sort`. */
export function stepSort(sort: RunsSort = 'created', delta: 1 | -1 = 1): RunsSort {
	const index = runsSorts.indexOf(sort);
	return runsSorts[(index + delta + runsSorts.length) % runsSorts.length]!;
}

/** How far back `w` scopes the runs list: no limit (the default), then 5m, 1h, 24h and 7d. */
export const runsScopes: Array<number | null> = [null, 300, 3600, 86_400, 604_800];

/** The scope after `seconds` (one not on the list, from an error opened on Status, goes to the next longer). */
export function nextScope(seconds: number | null | undefined): number | null {
	if (seconds === null || seconds === undefined) {
		return runsScopes[1]!;
	}

	const next = runsScopes.find(scope => scope !== null && scope > seconds);
	return next ?? null;
}
