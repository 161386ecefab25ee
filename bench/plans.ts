import type pg from 'pg';
import {querySql, type QueryCall} from './views.js';

/** The tables a view must never read from end to end when an index can serve. */
export const bigTables = ['workflow_runs', 'workflow_run_steps'];

type PlanNode = {
	'Node Type': string;
	'Relation Name'?: string;
	'Index Name'?: string;
	'Actual Rows'?: number;
	'Actual Loops'?: number;
	'Shared Hit Blocks'?: number;
	'Shared Read Blocks'?: number;
	Plans?: PlanNode[];
};

/** What EXPLAIN (ANALYZE, BUFFERS) said about one call. */
export type PlanReport = {
	call: QueryCall;
	scoped: boolean;
	executionMs: number;
	planningMs: number;
	/** Blocks touched (shared hit + read) by the whole plan. */
	blocks: number;
	/** The scans, e.g. "Index Only Scan workflow_runs_ended on workflow_runs ×1 (1,412 rows)". */
	scans: string[];
	/** Seq Scans of the big tables; a view must have none. */
	bigSeqScans: string[];
};

/** EXPLAIN (ANALYZE, BUFFERS) one call with its real parameters (a custom plan, as pg-cursor and pg get). */
export async function explainCall(client: pg.ClientBase, call: QueryCall, scoped: boolean): Promise<PlanReport> {
	const {rows} = await client.query<{'QUERY PLAN': Array<{Plan: PlanNode; 'Execution Time': number; 'Planning Time': number}>}>(
		`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${querySql(call.name)}`,
		call.parameters,
	);
	const top = rows[0]!['QUERY PLAN'][0]!;
	const scans: string[] = [];
	const bigSeqScans: string[] = [];
	const visit = (node: PlanNode) => {
		const relation = node['Relation Name'];
		if (relation !== undefined || node['Node Type'].includes('Scan')) {
			const loops = node['Actual Loops'] ?? 1;
			const label = [node['Node Type'], node['Index Name'], relation ? `on ${relation}` : undefined].filter(Boolean).join(' ');
			scans.push(`${label} ×${loops} (${(node['Actual Rows'] ?? 0) * loops} rows)`);
			if (node['Node Type'] === 'Seq Scan' && relation !== undefined && bigTables.includes(relation)) {
				bigSeqScans.push(label);
			}
		}

		for (const child of node.Plans ?? []) {
			visit(child);
		}
	};

	visit(top.Plan);
	return {
		call,
		scoped,
		executionMs: top['Execution Time'],
		planningMs: top['Planning Time'],
		blocks: (top.Plan['Shared Hit Blocks'] ?? 0) + (top.Plan['Shared Read Blocks'] ?? 0),
		scans,
		bigSeqScans,
	};
}

/** Drop repeated scan labels, keeping the first of each, for a one-line summary. */
export function summarizeScans(scans: string[]): string {
	return [...new Set(scans)].join('; ');
}
