import type {RunDetailRow, RunRow, StepRow} from '../../../db/queries.js';
import {eventFields, type EventFields} from '../../event-fields.js';
import {compactJson, formatAge, formatCount, formatMs, shortRunId, truncate} from '../../format.js';
import {clip, seg, wrap, type Line} from '../../lines.js';
import type {ListState} from '../../list-state.js';
import {errorLine, tableLines, type Column, type ViewSize} from '../../table.js';
import {color, statusColor} from '../../theme.js';
import {runsOrder, type RunsSort} from './runs-order.js';

/** Rows read so far through a cursor, and where the reading stands. */
export type LoadedRows<Row> = {rows: Row[]; done: boolean; loading: boolean; error: string | null};

/**
The runs-list filter a drill-down carries with it: `ids` only the data-quality
samples, `sinceSeconds` created this recently (`w`), `workflow` a name (`W`),
the sort (`<` `>`) and its way (`I`).
*/
export type RunsFilter = {
	status: string | null;
	text: string | null;
	ids?: string[] | null;
	sinceSeconds?: number | null;
	workflow?: string | null;
	sort?: RunsSort;
	reverse?: boolean;
};

/** The line that keeps the filter (and the drill-down path) in sight. */
export function breadcrumb(filter: RunsFilter, path: string[], editing: string | null): Line {
	const parts: Line = [seg('Runs', {bold: true, color: color('cyan')})];
	parts.push(seg('  status '), seg(filter.status ?? 'any', {bold: true, color: filter.status === null ? undefined : statusColor(filter.status)}));
	if (filter.workflow) {
		parts.push(seg('  workflow '), seg(filter.workflow, {bold: true, color: color('cyan')}));
	}

	if (editing === null) {
		parts.push(seg('  filter '), seg(filter.text === null ? '-' : `"${filter.text}"`, {bold: true}));
	} else {
		parts.push(seg('  filter '), seg(`/${editing}`, {bold: true, inverse: true}), seg(' (Enter apply, Esc cancel)', {dim: true}));
	}

	if (filter.sinceSeconds) {
		parts.push(seg('  since '), seg(formatMs(filter.sinceSeconds * 1000), {bold: true}));
	}

	const order = runsOrder(filter.sort, filter.reverse);
	if (order.sort !== 'created' || order.ascending) {
		parts.push(seg('  sort '), seg(`${order.sort} ${order.ascending ? '↑' : '↓'}`, {bold: true}));
	}

	if (filter.ids) {
		parts.push(seg('  only '), seg(`${filter.ids.length} data-quality samples`, {bold: true, color: color('yellow')}));
	}

	for (const step of path) {
		parts.push(seg(' › '), seg(step, {bold: true}));
	}

	return parts;
}

const stepsText = (row: RunRow) => `${row.steps_completed}/${row.steps_total}`;

// STEPS is as wide as its widest loaded value ("399/400"), so counts are never cut.
const runColumns = (now: number, rows: readonly RunRow[]): Array<Column<RunRow>> => [
	{title: 'RUN', width: 8, value: row => shortRunId(row.run_id)},
	{title: 'WORKFLOW', width: 'flex', value: row => row.workflow_name},
	{title: 'STATUS', width: 9, value: row => row.status, color: row => statusColor(row.status)},
	{title: 'AGE', width: 4, align: 'right', value: row => formatAge(now - row.created_at.getTime())},
	{title: 'DURATION', width: 8, align: 'right', optional: true, value: row => formatMs(row.duration_ms)},
	{title: 'STEPS', width: Math.max(5, ...rows.map(row => stepsText(row).length)), align: 'right', optional: true, value: stepsText},
	{title: 'ORG', width: 8, optional: true, value: row => row.org_slug},
	{title: 'ERROR', width: 'flex', optional: true, value: row => row.error_message ?? '', color: () => color('red')},
];

/** How many runs: all of them once read; else what is read, of the planner's estimate. */
function runsCount(data: LoadedRows<RunRow>, estimate: number | null | undefined, fromEnd: boolean): string {
	const read = data.rows.length;
	const noun = read === 1 && data.done ? 'run' : 'runs';
	const loading = data.loading ? ' (loading…)' : '';
	if (data.done) {
		return `${read} ${noun}${loading}`;
	}

	// An estimate at or below what is read already says nothing (stale statistics): only "more".
	const of = estimate === null || estimate === undefined || estimate <= read ? '+' : ` of ~${formatCount(estimate)}`;
	return `${fromEnd ? 'last ' : ''}${read}${of} ${noun}${loading}`;
}

/** The runs list: only the visible rows of what the cursor has read so far. */
export function runsView(data: LoadedRows<RunRow>, state: {
	list: ListState;
	filter: RunsFilter;
	editing: string | null;
	estimate?: number | null;
	fromEnd?: boolean;
}, size: ViewSize, now: number): Line[] {
	const status = data.error === null ? seg(`  ${runsCount(data, state.estimate, state.fromEnd ?? false)}`, {dim: true}) : seg('');
	const out: Line[] = [[...breadcrumb(state.filter, [], state.editing), status]];
	if (data.error !== null) {
		out.push(errorLine(data.error), [seg('r retries', {dim: true})]);
	}

	if (data.rows.length === 0 && data.error === null) {
		out.push([seg(data.loading ? 'loading…' : 'no runs match', {dim: true})]);
		return clip(out, size.height);
	}

	out.push(...tableLines(runColumns(now, data.rows), data.rows, {width: size.width, height: size.height - out.length, list: state.list, page: size.page}));
	return clip(out, size.height);
}

/** A run and its steps as loaded for the drill-down. */
export type RunData = {run: RunDetailRow | null; steps: StepRow[]; loading: boolean; error: string | null};

/** Where a step sits in the run's time: a bar of `width` with its start offset and length. */
export function timelineBar(step: StepRow, run: {started: number; span: number}, width: number): string {
	if (step.started_at === null || run.span <= 0 || width <= 0) {
		return ''.padEnd(width, '·');
	}

	const start = Math.round(((step.started_at.getTime() - run.started) / run.span) * width);
	const end = step.ended_at === null ? width : Math.round(((step.ended_at.getTime() - run.started) / run.span) * width);
	const from = Math.min(width - 1, Math.max(0, start));
	const length = Math.max(1, Math.min(width - from, end - from));
	return '·'.repeat(from) + '█'.repeat(length) + '·'.repeat(Math.max(0, width - from - length));
}

function runSpan(run: RunDetailRow, steps: StepRow[], now: number): {started: number; span: number} {
	const starts = steps.flatMap(step => (step.started_at === null ? [] : [step.started_at.getTime()]));
	const started = run.started_at?.getTime() ?? Math.min(...starts, now);
	const ends = steps.map(step => step.ended_at?.getTime() ?? now);
	const ended = run.ended_at?.getTime() ?? Math.max(...ends, started);
	return {started, span: Math.max(1, ended - started)};
}

/** One run: what it is, its error and context, then its steps with a timeline bar each. */
export function runView(data: RunData, state: {list: ListState; filter: RunsFilter; runId: string}, size: ViewSize, now: number): Line[] {
	const {width, height} = size;
	const out: Line[] = [breadcrumb(state.filter, [`run ${shortRunId(state.runId)}`], null)];
	if (data.error !== null) {
		return clip([...out, errorLine(data.error)], height);
	}

	const {run} = data;
	if (run === null) {
		return clip([...out, [seg(data.loading ? 'loading…' : 'no such run in scope', {dim: true})]], height);
	}

	out.push(
		[seg(run.run_id, {bold: true}), seg(`  ${run.workflow_name}  `), seg(run.status, {bold: true, color: statusColor(run.status)}), seg(`  org ${run.org_slug}  via ${run.channel}`)],
		[seg(`created ${formatAge(now - run.created_at.getTime())} ago · took ${formatMs(run.duration_ms)} · steps ${run.steps_completed}/${run.steps_total}${run.current_step === null ? '' : ` · at ${run.current_step}`}${run.trace_id === null ? '' : ` · trace ${run.trace_id}`}`, {dim: true})],
	);
	if (run.error_message !== null) {
		const details = run.error_details === null ? '' : `  ${compactJson(run.error_details)}`;
		for (const [index, text] of wrap(`error: ${run.error_message}${details}`, width, 2).entries()) {
			out.push([seg(text, {color: color('red'), bold: index === 0})]);
		}
	}

	out.push([seg('context ', {bold: true}), seg(truncate(compactJson(run.context), Math.max(0, width - 8)))]);
	const steps = data.steps;
	if (steps.length === 0) {
		out.push([seg('no steps', {dim: true})]);
		return clip(out, height);
	}

	const span = runSpan(run, steps, now);
	const barWidth = Math.max(6, Math.min(30, width - 60));
	const columns: Array<Column<StepRow>> = [
		{title: '#', width: 3, align: 'right', value: row => String(row.step_number)},
		{title: 'NODE', width: 'flex', value: row => row.name ?? row.node_id},
		{title: 'STATUS', width: 9, value: row => row.status, color: row => statusColor(row.status)},
		{title: 'TOOK', width: 7, align: 'right', value: row => formatMs(row.duration_ms)},
		{title: 'TIMELINE', width: barWidth, value: row => timelineBar(row, span, barWidth), color: row => statusColor(row.status)},
		{title: 'EVENTS', width: 6, align: 'right', optional: true, value: row => String(row.event_count)},
		{title: 'SHOTS', width: 5, align: 'right', optional: true, value: row => String(row.screenshot_count)},
		{title: 'RETRY', width: 5, align: 'right', optional: true, value: row => String(row.retry_count)},
	];
	out.push(...tableLines(columns, steps, {width, height: height - out.length, list: state.list, page: size.page}));
	return clip(out, height);
}

/** What the events view shows of a step: its events (as read so far) and screenshots. */
export type EventsData = LoadedRows<{event: unknown}> & {screenshots: unknown[] | null};

/** A step's events, one line each, with the selected one in full below. */
export function eventsView(data: EventsData, state: {
	list: ListState;
	filter: RunsFilter;
	runId: string;
	step: StepRow | null;
	stepNumber: number;
	following?: boolean;
	/** The position the list starts at: after `G` on a long step, its last page. */
	from?: number;
}, size: ViewSize): Line[] {
	const from = state.from ?? 0;
	const {width, height} = size;
	const label = state.step === null ? `step ${state.stepNumber}` : `step ${state.stepNumber} ${state.step.name ?? state.step.node_id}`;
	const out: Line[] = [breadcrumb(state.filter, [`run ${shortRunId(state.runId)}`, label], null)];
	const shots = data.screenshots ?? [];
	out.push([
		// Read apart from the events: "…" until they are, not a count of 0.
		seg(`screenshots ${data.screenshots === null ? '…' : shots.length}`, {bold: true}),
		seg(shots.length === 0 ? '' : `  ${truncate(shots.map(shot => screenshotName(shot)).join('  '), Math.max(0, width - 16))}`),
	]);
	if (data.error !== null) {
		return clip([...out, errorLine(data.error)], height);
	}

	// The step's own count when known (the list reads a page at a time).
	const total = state.step?.event_count;
	const count = total !== undefined && total >= data.rows.length + from ? String(total) : `${data.rows.length + from}${data.done ? '' : '+'}`;
	out.push([
		seg(`events ${count}${data.loading ? ' (loading…)' : ''}`, {bold: true}),
		seg(from > 0 ? `  from #${from + 1}, the last page (g: the first)` : '', {dim: true}),
		seg(state.following ? '  following' : '', {color: color('green')}),
	]);
	if (data.rows.length === 0) {
		out.push([seg(data.loading ? 'loading…' : 'no events', {dim: true})]);
		return clip(out, height);
	}

	const detailHeight = height - out.length >= 10 ? 3 : 0;
	// Split per row on demand: only the visible rows of a long list are drawn.
	const columns: Array<Column<{event: unknown}>> = [
		{title: '#', width: Math.max(5, String(from + data.rows.length).length), align: 'right', value: (_row, index) => String(from + index + 1)},
		{title: 'TIME', width: 12, value: row => fieldsOf(row).time},
		{title: 'TYPE', width: 20, value: row => fieldsOf(row).type},
		{title: 'DATA', width: 'flex', value: row => compactJson(fieldsOf(row).rest)},
	];
	out.push(...tableLines(columns, data.rows, {width, height: height - out.length - detailHeight, list: state.list, page: size.page}));
	const selected = data.rows[Math.min(state.list.selected, data.rows.length - 1)];
	if (detailHeight > 0 && selected !== undefined) {
		out.push(...wrap(compactJson(selected.event), width, detailHeight).map(text => [seg(text, {dim: true})]));
	}

	return clip(out, height);
}

const splitEvents = new WeakMap<{event: unknown}, EventFields>();

function fieldsOf(row: {event: unknown}): EventFields {
	let fields = splitEvents.get(row);
	if (fields === undefined) {
		fields = eventFields(row.event);
		splitEvents.set(row, fields);
	}

	return fields;
}

function screenshotName(shot: unknown): string {
	if (typeof shot === 'string') {
		return shot;
	}

	if (shot !== null && typeof shot === 'object') {
		const record = shot as Record<string, unknown>;
		for (const key of ['url', 'path', 'name', 'id']) {
			if (typeof record[key] === 'string') {
				return record[key];
			}
		}
	}

	return compactJson(shot);
}
