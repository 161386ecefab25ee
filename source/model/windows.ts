import {UserError} from '../errors.js';

/** A time window the views aggregate over, with the chart bucket that suits it. */
export type TimeWindow = {name: string; seconds: number; bucketSeconds: number};

/** The windows wfmon offers, in the order `w` cycles through them. */
export const windows: readonly TimeWindow[] = [
	{name: '5m', seconds: 300, bucketSeconds: 10},
	{name: '1h', seconds: 3600, bucketSeconds: 120},
	{name: '24h', seconds: 86_400, bucketSeconds: 3600},
	{name: '7d', seconds: 604_800, bucketSeconds: 21_600},
];

/** The window named by --window. */
export function parseWindow(name: string): TimeWindow {
	const found = windows.find(window => window.name === name.trim());
	if (found === undefined) {
		throw new UserError(`--window must be one of ${windows.map(window => window.name).join(', ')} (got "${name.slice(0, 20)}")`);
	}

	return found;
}

/** The window after this one, wrapping around. */
export function nextWindow(current: TimeWindow): TimeWindow {
	const index = windows.findIndex(window => window.name === current.name);
	return windows[(index + 1) % windows.length] ?? windows[0]!;
}
