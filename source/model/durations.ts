import type {PercentileRow, TrendRow} from '../db/queries.js';
import type {DurationTrend, Durations} from './snapshot.js';

/** The durations view: percentiles per workflow and, when one is chosen, its p95 over time. */
export function toDurations(
	rows: PercentileRow[],
	trend: {workflowId: string; rows: TrendRow[]; bucketSeconds: number} | undefined,
): Durations {
	let trendModel: DurationTrend | null = null;
	if (trend !== undefined) {
		trendModel = {
			workflow_id: trend.workflowId,
			workflow_name: rows.find(row => row.workflow_id === trend.workflowId)?.workflow_name ?? trend.workflowId,
			bucket_seconds: trend.bucketSeconds,
			buckets: trend.rows.map(row => ({start: row.bucket_start.toISOString(), p95_ms: row.p95_ms, count: row.count})),
		};
	}

	return {workflows: rows.map(row => ({...row})), trend: trendModel};
}
