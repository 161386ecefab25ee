import type {RunJson} from '../db/queries.js';
import {visible} from '../terminal-text.js';
import {fit, formatAge, formatMs, shortRunId, truncate} from '../ui/format.js';

const statusWidth = 'cancelled'.length;
const workflowWidth = {min: 'WORKFLOW'.length, max: 32};

/** How long a run took, or for one still going, how long it has been going. */
function durationOf(run: RunJson, now: number): string {
	if (run.duration_ms !== null) {
		return formatMs(run.duration_ms);
	}

	return run.started_at !== null && run.ended_at === null ? formatMs(now - Date.parse(run.started_at)) : '-';
}

/**
The runs as an aligned table for a terminal `width` columns wide: short id,
workflow, status, age, duration and the error, cut to the line. Rows come in
batches; the workflow column is sized on the first batch, with a header above it.
Text from the database is made visible, so an error message cannot drive the terminal.
*/
export function runsTableFormatter(width: number, now: number): (runs: readonly RunJson[]) => string[] {
	let workflow: number | undefined;
	const line = (cells: string[], error: string) => {
		const start = cells.join(' ');
		const room = width - start.length - 1;
		return room > 0 && error !== '' ? `${start} ${visible(truncate(error, room))}` : start.trimEnd();
	};

	return runs => {
		const header = workflow === undefined;
		workflow ??= Math.min(workflowWidth.max, Math.max(workflowWidth.min, ...runs.map(run => run.workflow_name.length)));
		const rows = runs.map(run => line([
			fit(shortRunId(run.run_id), 8),
			fit(visible(run.workflow_name), workflow!),
			fit(run.status, statusWidth),
			fit(formatAge(now - Date.parse(run.created_at)), 4, 'right'),
			fit(durationOf(run, now), 8, 'right'),
		], run.error_message ?? ''));
		const top = line(['ID'.padEnd(8), 'WORKFLOW'.padEnd(workflow), 'STATUS'.padEnd(statusWidth), ' AGE', 'DURATION'], 'ERROR');
		return header ? [top, ...rows] : rows;
	};
}
