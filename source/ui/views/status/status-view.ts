import {chartLines} from '../../chart.js';
import {wholeBuckets} from '../../chart-buckets.js';
import {formatAge, formatCount, formatMs, formatRate, shortRunId, truncate} from '../../format.js';
import {clip, seg, type Line} from '../../lines.js';
import type {Panel, Snapshot, StuckRun, TopError} from '../../../model/snapshot.js';
import {errorLine, tableLines, titleLine, type Column, type ViewSize} from '../../table.js';
import {color, statusColor} from '../../theme.js';
import {sampleRunIds} from '../../../model/quality.js';
import type {Flagged} from '../../navigation.js';

const activeStatuses = ['queued', 'running', 'waiting'];

/** What Enter can open on the Status view, in screen order: data quality (when it found rows), stuck runs, top errors. */
export function flaggedItems(snapshot: Snapshot): Flagged[] {
	const quality = snapshot.data_quality.data;
	const ids = quality === null ? [] : sampleRunIds(quality);
	return [
		...(ids.length > 0 ? [{kind: 'quality' as const, ids}] : []),
		...(snapshot.status.stuck.data ?? []).map(row => ({kind: 'stuck' as const, runId: row.run_id})),
		...(snapshot.status.top_errors.data ?? []).map(row => ({kind: 'error' as const, message: row.error_message})),
	];
}

/**
The status view: active and finished runs, data quality, throughput and
failure charts, stuck runs, top errors; `selected` is the flagged row j/k chose.
*/
export function statusView(snapshot: Snapshot, size: ViewSize, selected = 0): Line[] {
	const {width, height} = size;
	const {status} = snapshot;
	const items = flaggedItems(snapshot);
	const chosen = items.length === 0 ? -1 : Math.min(selected, items.length - 1);
	const qualityCount = items[0]?.kind === 'quality' ? 1 : 0;
	const stuckCount = status.stuck.data?.length ?? 0;
	// The selection within one table, or none there.
	const within = (first: number, count: number) => (chosen >= first && chosen < first + count ? chosen - first : undefined);
	const out: Line[] = [
		activeLine(status.active),
		finishedLine(status.finished, snapshot.window.name),
		qualityLine(snapshot.data_quality, chosen === 0 && qualityCount === 1),
	];
	let left = height - out.length;

	// Charts side by side when there is room, else one above the other.
	const sideBySide = width >= 60;
	const chartBudget = Math.floor(left * (sideBySide ? 0.4 : 0.5));
	const chartHeight = Math.min(9, sideBySide ? chartBudget : Math.floor(chartBudget / 2));
	if (chartHeight >= 3) {
		const charts = throughputCharts(status.throughput, snapshot.generated_at, sideBySide ? Math.floor((width - 2) / 2) : width, chartHeight);
		if (sideBySide) {
			const [a, b] = charts;
			const leftWidth = Math.floor((width - 2) / 2);
			for (let row = 0; row < chartHeight; row++) {
				const first = a[row] ?? [];
				const pad = leftWidth - first.reduce((sum, part) => sum + part.text.length, 0);
				out.push([...first, seg(' '.repeat(Math.max(0, pad) + 2)), ...(b[row] ?? [])]);
			}
		} else {
			out.push(...charts[0], ...charts[1]);
		}

		left = height - out.length;
	}

	const stuckShare = Math.ceil(left / 2);
	out.push(
		...stuckLines(status.stuck, width, stuckShare, within(qualityCount, stuckCount)),
		...errorLines(status.top_errors, Date.parse(snapshot.generated_at), width, left - stuckShare, within(qualityCount + stuckCount, Infinity)),
	);
	return clip(out, height);
}

/** Rows breaking the model's invariants: the total, then each finding that has any; Enter lists their runs. */
export function qualityLine(panel: Snapshot['data_quality'], selected = false): Line {
	const head = seg(`${selected ? '›' : ''}Data quality  `, {bold: true, inverse: selected});
	if (panel.error !== null || panel.data === null) {
		return [head, ...errorLine(panel.error ?? 'no data')];
	}

	const found = panel.data.findings.filter(finding => finding.count > 0);
	if (found.length === 0) {
		return [head, seg('no rows break the model\'s invariants', {dim: true})];
	}

	const parts: Line = [
		head,
		seg(formatCount(panel.data.total), {bold: true, color: color('yellow')}),
		seg(' (Enter lists them)', {dim: true}),
	];
	for (const finding of found) {
		parts.push(seg(`  ${finding.finding} `), seg(formatCount(finding.count), {bold: true}));
	}

	return parts;
}

function activeLine(panel: Panel<Array<{status: string; count: number; oldest_age_ms: number | null}>>): Line {
	if (panel.error !== null) {
		return [seg('Active  ', {bold: true}), ...errorLine(panel.error)];
	}

	const byStatus = new Map((panel.data ?? []).map(row => [row.status, row]));
	const parts: Line = [seg('Active  ', {bold: true})];
	for (const name of activeStatuses) {
		const row = byStatus.get(name);
		parts.push(
			seg(`${name} `, {color: statusColor(name)}),
			seg(formatCount(row?.count ?? 0), {bold: true}),
			seg(row && row.count > 0 ? ` (oldest ${formatAge(row.oldest_age_ms)})  ` : '  '),
		);
	}

	return parts;
}

function finishedLine(panel: Snapshot['status']['finished'], windowName: string): Line {
	const head = seg(`Finished ${windowName}  `, {bold: true});
	if (panel.error !== null || panel.data === null) {
		return [head, ...errorLine(panel.error ?? 'no data')];
	}

	// The failure rate before the breakdown: a narrow terminal cuts the end of the line.
	const rate = panel.data.failure_rate;
	const parts: Line = [
		head,
		seg(`${formatCount(panel.data.total)}  `, {bold: true}),
		seg('failure '),
		seg(formatRate(rate), {bold: true, color: rate !== null && rate > 0.1 ? color('red') : undefined}),
	];
	for (const row of panel.data.by_status) {
		parts.push(seg('  '), seg(`${row.status} `, {color: statusColor(row.status)}), seg(formatCount(row.count)));
	}

	return parts;
}

function throughputCharts(panel: Snapshot['status']['throughput'], generatedAt: string, width: number, height: number): [Line[], Line[]] {
	if (panel.error !== null || panel.data === null) {
		const lines = [titleLine('Throughput'), errorLine(panel.error ?? 'no data')];
		return [lines, [titleLine('Failure rate')]];
	}

	const {bucket_seconds: bucket} = panel.data;
	const per = formatMs(bucket * 1000);
	const {whole, current, currentSeconds} = wholeBuckets(panel.data.buckets, bucket, generatedAt);
	const soFar = `now ${formatMs(currentSeconds * 1000)} in`;
	const rate = current?.failure_rate;
	return [
		chartLines(`Throughput (finished per ${per})`, whole.map(row => row.finished), {
			width, height, tint: 'green', format: value => (value < 10 ? value.toFixed(1) : formatCount(value)),
			note: `whole buckets · ${soFar}: ${formatCount(current?.finished ?? 0)}`,
		}),
		chartLines(`Failure rate (per ${per})`, whole.map(row => row.failure_rate === null ? null : row.failure_rate * 100), {
			width, height, tint: 'red', format: value => `${value.toFixed(0)}%`,
			note: `whole buckets · ${soFar}: ${rate === null || rate === undefined ? '-' : `${(rate * 100).toFixed(0)}% of ${formatCount(current!.finished)}`}`,
		}),
	];
}

const stuckColumns: Array<Column<StuckRun>> = [
	{title: 'RUN', width: 8, value: row => shortRunId(row.run_id)},
	{title: 'WORKFLOW', width: 'flex', value: row => row.workflow_name},
	{title: 'ORG', width: 10, optional: true, value: row => row.org_slug},
	{title: 'RUNNING', width: 8, align: 'right', value: row => formatMs(row.running_ms)},
	{title: 'P99', width: 8, align: 'right', optional: true, value: row => formatMs(row.p99_ms)},
	{title: 'STEP', width: 12, optional: true, value: row => row.current_step ?? '-'},
	{title: 'REASON', width: 11, value: row => row.reason, color: () => color('yellow')},
];

function stuckLines(panel: Panel<StuckRun[]>, width: number, height: number, selected: number | undefined): Line[] {
	if (height <= 0) {
		return [];
	}

	const rows = panel.data ?? [];
	const head = titleLine('Stuck runs', panel.error === null ? String(rows.length) : '');
	if (panel.error !== null) {
		return clip([head, errorLine(panel.error)], height);
	}

	if (rows.length === 0) {
		return clip([head, [seg('none', {dim: true})]], height);
	}

	return flaggedTable('Stuck runs', stuckColumns, rows, width, height, selected);
}

const errorColumns = (now: number): Array<Column<TopError>> => [
	{title: 'COUNT', width: 6, align: 'right', value: row => formatCount(row.count)},
	{title: 'AGO', width: 4, align: 'right', optional: true, value: row => formatAge(now - Date.parse(row.last_seen_at))},
	{title: 'WFS', width: 3, align: 'right', optional: true, value: row => String(row.workflows)},
	{title: 'MESSAGE', width: 'flex', value: row => truncate(row.error_message, 200), color: () => color('red')},
];

function errorLines(panel: Panel<TopError[]>, now: number, width: number, height: number, selected: number | undefined): Line[] {
	if (height <= 0) {
		return [];
	}

	const rows = panel.data ?? [];
	const head = titleLine('Top errors', panel.error === null ? String(rows.length) : '');
	if (panel.error !== null) {
		return clip([head, errorLine(panel.error)], height);
	}

	if (rows.length === 0) {
		return clip([head, [seg('none', {dim: true})]], height);
	}

	return flaggedTable('Top errors', errorColumns(now), rows, width, height, selected);
}

/**
A flagged table under its title. With no room for the header and a row (a
small terminal), the title says how many rows are not shown, and a row the
selection is on takes the header's place, so j/k always shows what Enter opens.
*/
function flaggedTable<Row>(title: string, columns: Array<Column<Row>>, rows: Row[], width: number, height: number,
	selected: number | undefined): Line[] {
	if (height >= 3) {
		return [titleLine(title, String(rows.length)), ...tableLines(columns, rows, {width, height: height - 1, ...selection(selected)})];
	}

	const shown = selected === undefined || height < 2 ? 0 : 1;
	const hidden = rows.length - shown;
	const head = titleLine(title, hidden > 0 ? `${rows.length}  ↓ ${hidden} not shown` : String(rows.length));
	if (shown === 0) {
		return [head];
	}

	// Just the selected row: a two-line table whose header is dropped.
	const [, row] = tableLines(columns, rows, {width, height: 2, list: {selected: selected!, offset: selected!}});
	return row === undefined ? [head] : [head, row];
}

/** A flagged table's selection: its row, or only the gutter so its columns do not move. */
function selection(selected: number | undefined) {
	return selected === undefined ? {gutter: true} : {list: {selected, offset: 0}};
}
