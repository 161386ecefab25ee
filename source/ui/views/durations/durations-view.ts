import {chartLines} from '../../chart.js';
import {formatCount, formatMs} from '../../format.js';
import {clip, seg, type Line} from '../../lines.js';
import type {ListState} from '../../list-state.js';
import type {Snapshot, WorkflowDurations} from '../../../model/snapshot.js';
import {errorLine, tableLines, titleLine, type Column} from '../../table.js';

/** Columns the durations table can be sorted by, in the order `s` cycles them. */
export const durationSorts = ['count', 'p50_ms', 'p90_ms', 'p95_ms', 'p99_ms', 'max_ms', 'workflow_name'] as const;
export type DurationSort = typeof durationSorts[number];

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
	return [
		{title: title('WORKFLOW', 'workflow_name'), width: 'flex', value: row => row.workflow_name},
		{title: 'ORG', width: 10, optional: true, value: row => row.org_slug},
		{title: title('COUNT', 'count'), width: 7, align: 'right', value: row => formatCount(row.count)},
		{title: title('P50', 'p50_ms'), width: 7, align: 'right', optional: true, value: row => formatMs(row.p50_ms)},
		{title: title('P90', 'p90_ms'), width: 7, align: 'right', optional: true, value: row => formatMs(row.p90_ms)},
		{title: title('P95', 'p95_ms'), width: 7, align: 'right', value: row => formatMs(row.p95_ms)},
		{title: title('P99', 'p99_ms'), width: 7, align: 'right', optional: true, value: row => formatMs(row.p99_ms)},
		{title: title('MAX', 'max_ms'), width: 7, align: 'right', optional: true, value: row => formatMs(row.max_ms)},
	];
};

/** The durations view: percentiles per workflow and the selected one's p95 over time. */
export function durationsView(snapshot: Snapshot, state: {sort: DurationSort; list: ListState}, size: {width: number; height: number}): Line[] {
	const {width, height} = size;
	const panel = snapshot.durations;
	const head = titleLine(`Durations over ${snapshot.window.name}`, `sorted by ${state.sort.replace('_ms', '')} (s) · window (w)`);
	if (panel.error !== null || panel.data === null) {
		return clip([head, errorLine(panel.error ?? 'no data')], height);
	}

	const rows = sortDurations(panel.data.workflows, state.sort);
	if (rows.length === 0) {
		return clip([head, [seg(`no finished runs in the last ${snapshot.window.name}`, {dim: true})]], height);
	}

	const chartHeight = height >= 14 ? Math.min(10, Math.floor(height * 0.4)) : 0;
	const table = tableLines(columns(state.sort), rows, {width, height: height - 1 - chartHeight, list: state.list});
	const trend = panel.data.trend;
	const chart = chartHeight === 0
		? []
		: (trend === null
			? [titleLine('p95 over time'), [seg('no trend', {dim: true})]]
			: chartLines(`p95 of ${trend.workflow_name} per ${formatMs(trend.bucket_seconds * 1000)}`, trend.buckets.map(bucket => bucket.p95_ms), {width, height: chartHeight, format: value => formatMs(value), tint: 'yellow'}));
	return clip([head, ...table, ...chart], height);
}
