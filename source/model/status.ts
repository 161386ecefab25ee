import type {ActiveRow, ErrorRow, FinishedRow, StuckRow, ThroughputRow} from '../db/queries.js';
import {iso, ratio} from './rates.js';
import type {ActiveStatus, FinishedSummary, StuckRun, Throughput, TopError} from './snapshot.js';

const failedStatuses = new Set(['failed', 'timeout']);

/** Active runs per status. */
export function toActive(rows: ActiveRow[]): ActiveStatus[] {
	return rows.map(row => ({
		status: row.status,
		count: row.count,
		oldest_created_at: iso(row.oldest_created_at),
		oldest_age_ms: row.oldest_age_ms,
	}));
}

/** Finished runs per status with the failure rate (failed and timed out among all finished). */
export function toFinished(rows: FinishedRow[]): FinishedSummary {
	const total = rows.reduce((sum, row) => sum + row.count, 0);
	const failed = rows.filter(row => failedStatuses.has(row.status)).reduce((sum, row) => sum + row.count, 0);
	return {
		by_status: rows.map(row => ({status: row.status, count: row.count})),
		total,
		failures: failed,
		failure_rate: ratio(failed, total),
	};
}

/** Throughput and failure rate per bucket. */
export function toThroughput(rows: ThroughputRow[], bucketSeconds: number): Throughput {
	return {
		bucket_seconds: bucketSeconds,
		buckets: rows.map(row => ({
			start: row.bucket_start.toISOString(),
			finished: row.finished,
			failures: row.failed,
			failure_rate: ratio(row.failed, row.finished),
		})),
	};
}

/** Stuck runs, oldest first. */
export function toStuck(rows: StuckRow[]): StuckRun[] {
	return rows.map(row => ({
		...row,
		started_at: row.started_at.toISOString(),
		last_progress_at: row.last_progress_at.toISOString(),
	}));
}

/** The most frequent errors. */
export function toTopErrors(rows: ErrorRow[]): TopError[] {
	return rows.map(row => ({...row, last_seen_at: row.last_seen_at.toISOString()}));
}
