import type {Snapshot} from './snapshot.js';

/** Limits `wfmon check` holds the database to; undefined ones are not checked. */
export type Thresholds = {
	maxFailureRate?: number;
	maxStuck?: number;
	maxQueueAgeMs?: number;
	minPopulation?: number;
	/** Most data-quality findings (data_quality.total) allowed. */
	maxAnomalies?: number;
};

/** The verdict on one threshold. */
export type CheckResult = {
	name: 'failure_rate' | 'stuck_runs' | 'queue_age' | 'population_rate' | 'anomalies';
	state: 'ok' | 'breached' | 'unknown';
	value: number | null;
	limit: number;
	/** Why the value could not be read, for state unknown. */
	error?: string;
};

/** Overall outcome: 0 ok, 1 breached, 2 could not check. */
export function exitCodeOf(results: CheckResult[]): 0 | 1 | 2 {
	if (results.some(result => result.state === 'unknown')) {
		return 2;
	}

	return results.some(result => result.state === 'breached') ? 1 : 0;
}

/** Hold a snapshot against the thresholds. */
export function evaluateChecks(snapshot: Snapshot, thresholds: Thresholds): CheckResult[] {
	const results: CheckResult[] = [];
	const judge = (name: CheckResult['name'], limit: number, panelError: string | null, value: number | null, over: (value: number) => boolean) => {
		if (panelError !== null) {
			results.push({name, state: 'unknown', value: null, limit, error: panelError});
		} else {
			// No data (nothing finished, no report rows) breaches nothing.
			results.push({name, state: value !== null && over(value) ? 'breached' : 'ok', value, limit});
		}
	};

	const {finished, stuck, active} = snapshot.status;
	if (thresholds.maxFailureRate !== undefined) {
		const limit = thresholds.maxFailureRate;
		judge('failure_rate', limit, finished.error, finished.data?.failure_rate ?? null, value => value > limit);
	}

	if (thresholds.maxStuck !== undefined) {
		const limit = thresholds.maxStuck;
		judge('stuck_runs', limit, stuck.error, stuck.data?.length ?? null, value => value > limit);
	}

	if (thresholds.maxQueueAgeMs !== undefined) {
		const limit = thresholds.maxQueueAgeMs;
		const queued = active.data?.find(row => row.status === 'queued');
		judge('queue_age', limit, active.error, queued?.oldest_age_ms ?? 0, value => value > limit);
	}

	if (thresholds.minPopulation !== undefined) {
		const limit = thresholds.minPopulation;
		const {population} = snapshot;
		judge('population_rate', limit, population.error, population.data?.population_rate ?? null, value => value < limit);
	}

	if (thresholds.maxAnomalies !== undefined) {
		const limit = thresholds.maxAnomalies;
		const quality = snapshot.data_quality;
		judge('anomalies', limit, quality.error, quality.data?.total ?? null, value => value > limit);
	}

	return results;
}
