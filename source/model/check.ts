import type {Snapshot} from './snapshot.js';

/** The figures `wfmon check` holds to limits, by the name its output uses. */
export type MetricName = 'failure_rate' | 'stuck_runs' | 'queue_age' | 'population_rate' | 'anomalies';

/** A warning and a critical limit; an unset one is not checked. */
export type Limits = {warn?: number; crit?: number};

/** Limits per metric; a metric without any is not checked. */
export type Thresholds = Partial<Record<MetricName, Limits>>;

/** One metric as read from a snapshot: its value (null: no data), or why its panel could not be read. */
export type Reading = {name: MetricName; value: number | null; error: string | null};

/** The verdict on one metric. `breached` is the critical limit, `warning` the warning one. */
export type CheckResult = {
	name: MetricName;
	state: 'ok' | 'warning' | 'breached' | 'unknown';
	value: number | null;
	/** The critical limit, when one is set. */
	limit?: number;
	/** The warning limit, when one is set. */
	warn?: number;
	/** Why the value could not be read, for state unknown. */
	error?: string;
};

type Metric = {
	name: MetricName;
	/** `max`: a value above the limit breaches it; `min`: a value below it does. */
	bound: 'max' | 'min';
	read(snapshot: Snapshot): {value: number | null; error: string | null};
};

/** Every metric, in the order the output lists them; each reads its figure from the snapshot's panels. */
export const metrics: readonly Metric[] = [
	{
		name: 'failure_rate',
		bound: 'max',
		read: ({status: {finished}}) => ({value: finished.data?.failure_rate ?? null, error: finished.error}),
	},
	{
		// The stuck panel lists at most 20 runs (takeSnapshot's limit), so the count stops there.
		name: 'stuck_runs',
		bound: 'max',
		read: ({status: {stuck}}) => ({value: stuck.data?.length ?? null, error: stuck.error}),
	},
	{
		// No queued run: nothing waits, an age of 0.
		name: 'queue_age',
		bound: 'max',
		read: ({status: {active}}) => ({
			value: active.data?.find(row => row.status === 'queued')?.oldest_age_ms ?? 0,
			error: active.error,
		}),
	},
	{
		name: 'population_rate',
		bound: 'min',
		read: ({population}) => ({value: population.data?.population_rate ?? null, error: population.error}),
	},
	{
		name: 'anomalies',
		bound: 'max',
		read: ({data_quality: quality}) => ({value: quality.data?.total ?? null, error: quality.error}),
	},
];

/** Whether a metric's limits are lower bounds (population) or upper bounds (the rest). */
export const boundOf = (name: MetricName): 'max' | 'min' => metrics.find(metric => metric.name === name)!.bound;

/** Every metric's figure in the snapshot, checked or not. */
export function readMetrics(snapshot: Snapshot): Reading[] {
	return metrics.map(metric => ({name: metric.name, ...metric.read(snapshot)}));
}

/** Overall outcome of the default output: 0 ok, 1 a limit (warning or critical) breached, 2 could not check. */
export function exitCodeOf(results: CheckResult[]): 0 | 1 | 2 {
	if (results.some(result => result.state === 'unknown')) {
		return 2;
	}

	return results.some(result => result.state === 'breached' || result.state === 'warning') ? 1 : 0;
}

/** Hold a snapshot against the thresholds; metrics without limits are left out. */
export function evaluateChecks(snapshot: Snapshot, thresholds: Thresholds): CheckResult[] {
	return readMetrics(snapshot).flatMap(reading => {
		const limits = thresholds[reading.name];
		return limits === undefined || (limits.warn === undefined && limits.crit === undefined)
			? []
			: [judge(reading, limits)];
	});
}

function judge(reading: Reading, limits: Limits): CheckResult {
	const shown = {
		...(limits.crit === undefined ? {} : {limit: limits.crit}),
		...(limits.warn === undefined ? {} : {warn: limits.warn}),
	};
	if (reading.error !== null) {
		return {name: reading.name, state: 'unknown', value: null, ...shown, error: reading.error};
	}

	const past = (limit: number | undefined) => limit !== undefined && reading.value !== null
		&& (boundOf(reading.name) === 'max' ? reading.value > limit : reading.value < limit);
	// No data (nothing finished, no report rows) breaches nothing.
	const state = past(limits.crit) ? 'breached' : (past(limits.warn) ? 'warning' : 'ok');
	return {name: reading.name, state, value: reading.value, ...shown};
}
