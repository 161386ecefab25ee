import {loadSql} from '../source/db/sql.js';

/** One query file with the parameters wfmon passes it. */
export type QueryCall = {name: string; parameters: Array<string | number | boolean | null>};

/** What the parameters of the calls depend on. */
export type CallContext = {
	org: string | null;
	windowSeconds: number;
	bucketSeconds: number;
	trendWorkflowId: string;
	runId: string;
	stepNumber: number;
};

/**
Every query of a full refresh, with the parameters takeSnapshot passes by
default (stuck: 20 runs, 3× p99, 15 minutes without progress; 10 top errors;
30 days of population; data quality with 60 s of future tolerance and 5
samples), in takeSnapshot's order.
*/
export function refreshCalls(context: CallContext): QueryCall[] {
	const {org, windowSeconds, bucketSeconds} = context;
	return [
		{name: 'active_by_status', parameters: [org]},
		{name: 'finished_by_status', parameters: [org, windowSeconds]},
		{name: 'throughput', parameters: [org, windowSeconds, bucketSeconds]},
		{name: 'stuck_runs', parameters: [org, 20, 3, 900]},
		{name: 'top_errors', parameters: [org, windowSeconds, 10]},
		{name: 'duration_percentiles', parameters: [org, windowSeconds]},
		{name: 'duration_trend', parameters: [org, windowSeconds, bucketSeconds, context.trendWorkflowId]},
		{name: 'storage', parameters: []},
		{name: 'population', parameters: [org, 30, 5]},
		{name: 'data_quality', parameters: [org, 60, 5]},
	];
}

/** The drill-down queries: runs list (unfiltered and filtered), one run, its steps and events. */
export function drillDownCalls(context: CallContext): QueryCall[] {
	const {org, runId, stepNumber} = context;
	return [
		{name: 'runs_list', parameters: [org, null, null, null, null, null, null, false]},
		{name: 'runs_list', parameters: [org, 'failed', null, null, null, null, null, false]},
		{name: 'runs_list', parameters: [org, null, 'workflow-07', null, null, null, null, false]},
		{name: 'runs_list', parameters: [org, null, null, null, 3600, null, null, false]},
		{name: 'run_detail', parameters: [runId, org]},
		{name: 'run_steps', parameters: [runId, org]},
		{name: 'step_events', parameters: [runId, stepNumber, org, null]},
		{name: 'step_screenshots', parameters: [runId, stepNumber, org]},
		{name: 'run_events', parameters: [runId, org]},
	];
}

/** The text of a query file. */
export function querySql(name: string): string {
	return loadSql(`queries/${name}`);
}

/** A parameter as an SQL literal, for psql scripts (the values are ours, not a user's). */
export function literal(value: string | number | boolean | null): string {
	if (value === null) {
		return 'NULL';
	}

	return typeof value === 'string' ? `'${value.replaceAll('\'', '\'\'')}'` : String(value);
}

/** A query file with its $n parameters replaced by literals (for COPY, which takes no parameters). */
export function inlineParameters(sql: string, parameters: Array<string | number | boolean | null>): string {
	return sql.replaceAll(/\$(\d+)/g, (_match, digits: string) => literal(parameters[Number(digits) - 1] ?? null));
}

/**
A psql script that runs the refresh the way takeSnapshot does: one read-only,
repeatable-read transaction, every file prepared and executed with the same
parameters.
*/
export function psqlRefreshScript(calls: QueryCall[]): string {
	// The session settings wfmon connects with (source/db/connect.ts), so both run the same plans.
	const lines = ['SET jit = off;', 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;'];
	for (const [index, call] of calls.entries()) {
		const statement = `q${index}_${call.name}`;
		lines.push(`PREPARE ${statement} AS ${querySql(call.name).trimEnd()};`);
		lines.push(`EXECUTE ${statement}${call.parameters.length > 0 ? `(${call.parameters.map(literal).join(', ')})` : ''};`);
	}

	lines.push('COMMIT;');
	return lines.join('\n') + '\n';
}
