import {chartLines} from '../../chart.js';
import {wholeBuckets} from '../../chart-buckets.js';
import {formatCount, formatMs} from '../../format.js';
import {clip, seg, type Line} from '../../lines.js';
import type {ListState} from '../../list-state.js';
import type {Durations, Snapshot, WorkflowDurations} from '../../../model/snapshot.js';
import {errorLine, tableLines, titleLine, type Column, type ViewSize} from '../../table.js';

/** Columns the durations table can be sorted by, in the order `s` cycles them. */
export const durationSorts = ['count', 'p50_ms', 'p90_ms', 'p95_ms', 'p99_ms', 'max_ms', 'workflow_name'] as const;
export type DurationSort = typeof durationSorts[number];

const sortLabels: Record<DurationSort, string> = {
	count: 'count', p50_ms: 'p50', p90_ms: 'p90', p95_ms: 'p95', p99_ms: 'p99', max_ms: 'max', workflow_name: 'name',
};

/** The workflows in display order: by the sort column, largest first (names A→Z). */
export function sortDurations(rows: readonly WorkflowDurations[], sort: DurationSort): WorkflowDurations[] {
	return [...rows].sort((a, b) => {
		if (sort === 'workflow_name') {
			return a.workflow_name.localeCompare(b.workflow_name);
		}

		return (b[sort] - a[sort]) || a.workflow_name.localeCompare(b.workflow_name);
	});
}

const columns = (sort: DurationSort): Array<Column<WorkflowDurations>> => {
	const title = (name: string, key: DurationSort) => (key === sort ? `${name}▼` : name);
	// The sort column is never dropped on a narrow terminal.
	const optional = (key: DurationSort) => key !== sort;
	const percentile = (name: string, key: 'p50_ms' | 'p90_ms' | 'p95_ms' | 'p99_ms' | 'max_ms', dropped = true) => ({
		title: title(name, key), width: 7, align: 'right' as const, optional: dropped && optional(key), value: (row: WorkflowDurations) => formatMs(row[key]),
	});
	return [
		{title: title('WORKFLOW', 'workflow_name'), width: 'flex', value: row => row.workflow_name},
		{title: 'ORG', width: 10, optional: true, value: row => row.org_slug},
		{title: title('COUNT', 'count'), width: 7, align: 'right', value: row => formatCount(row.count)},
		percentile('P50', 'p50_ms'),
		percentile('P90', 'p90_ms'),
		percentile('P95', 'p95_ms', sort !== 'count' && sort !== 'workflow_name' && sort !== 'p95_ms'),
		percentile('P99', 'p99_ms'),
		percentile('MAX', 'max_ms'),
	];
};

/** The durations view: percentiles per workflow and the selected one's p95 over time. */
export function durationsView(snapshot: Snapshot, state: {sort: DurationSort; list: ListState}, size: ViewSize): Line[] {
	const {width, height} = size;
	const panel = snapshot.durations;
	const head = titleLine(`Durations over ${snapshot.window.name}`, `sorted by ${sortLabels[state.sort]} (s) · window (w)`);
	if (panel.error !== null || panel.data === null) {
		return clip([head, errorLine(panel.error ?? 'no data')], height);
	}

	const rows = sortDurations(panel.data.workflows, state.sort);
	if (rows.length === 0) {
		return clip([head, [seg(`no finished runs in the last ${snapshot.window.name}`, {dim: true})]], height);
	}

	const chartHeight = height >= 14 ? Math.min(10, Math.floor(height * 0.4)) : 0;
	const table = tableLines(columns(state.sort), rows, {width, height: height - 1 - chartHeight, list: state.list, page: size.page});
	const trend = panel.data.trend;
	const chart = chartHeight === 0
		? []
		: (trend === null
			? [titleLine('p95 over time'), [seg('no trend', {dim: true})]]
			: trendChart(trend, snapshot.generated_at, width, chartHeight));
	return clip([head, ...table, ...chart], height);
}

function trendChart(trend: NonNullable<Durations['trend']>, generatedAt: string, width: number, height: number): Line[] {
	const {whole, current, currentSeconds} = wholeBuckets(trend.buckets, trend.bucket_seconds, generatedAt);
	const now = current?.p95_ms === null || current === undefined ? '-' : `${formatMs(current.p95_ms)} of ${formatCount(current.count)}`;
	return chartLines(`p95 of ${trend.workflow_name} per ${formatMs(trend.bucket_seconds * 1000)}`, whole.map(bucket => bucket.p95_ms), {
		width, height, format: value => formatMs(value), tint: 'yellow',
		note: `whole buckets · now ${formatMs(currentSeconds * 1000)} in: ${now}`,
	});
}
