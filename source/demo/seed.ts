import type {ClientBase, Pool, QueryResultRow} from '../db/connect.js';
import {loadSql} from '../db/sql.js';

/** The run statuses the schema knows, in the order summaries list them. */
export const runStatuses = ['queued', 'running', 'waiting', 'completed', 'failed', 'cancelled', 'timeout'] as const;

/** One of the run statuses. */
export type RunStatus = (typeof runStatuses)[number];

/** What one call of `seedDemo` wrote. */
export type SeedSummary = {
	organizations: number;
	users: number;
	workflows: number;
	runs: number;
	runsByStatus: Record<RunStatus, number>;
	steps: number;
	reportCollections: number;
	reportWeeks: number;
	/** Report weeks whose execution_id is set (orphans included). */
	reportWeeksWithExecution: number;
	/** Report weeks whose execution_id points at no run. */
	orphans: number;
	/** reportWeeksWithExecution / reportWeeks, 0 to 1. */
	populationRate: number;
	progress: number;
	adaptations: number;
	/** Events on the one step given a long events array. */
	chattyStepEvents: number;
	elapsedMs: number;
};

/** Options of `seedDemo`. */
export type SeedOptions = {
	/** How many runs to create. */
	runs: number;
	/** The moment the workload leads up to (default: the database's clock). */
	now?: Date;
};

type CatalogRow = {organizations: number; users: number; workflows: number};
type RunsRow = {by_status: Record<string, number>; steps: string};
type ReportsRow = {collections: number; weeks: number; with_execution_id: number; orphans: number};
type ActivityRow = {progress: number; adaptations: number};

/** Whether the database holds any run at all. */
export async function databaseHasRuns(client: ClientBase | Pool): Promise<boolean> {
	const result = await client.query<{has_runs: boolean}>(loadSql('demo/has_runs'));
	return result.rows[0]?.has_runs ?? false;
}

/**
Fill the schema with a demo workload leading up to `now`: four organizations
with users and twelve workflows, `runs` runs over the last seven days with
their steps, events and screenshots, report weeks over the last thirty days,
learning progress and adaptations, and an audit_log row. Everything is
written in one transaction: on any error nothing is left behind.
*/
export async function seedDemo(client: ClientBase, options: SeedOptions): Promise<SeedSummary> {
	const {runs} = options;
	if (!Number.isSafeInteger(runs) || runs < 0) {
		throw new RangeError(`runs must be a whole number of zero or more, not ${runs}`);
	}

	const started = performance.now();
	await client.query('BEGIN');
	try {
		await client.query(loadSql('demo/bulk_settings'));
		const now = options.now ?? (await one<{now: Date}>(client, 'demo/now', [])).now;
		const catalog = await one<CatalogRow>(client, 'demo/seed_catalog', []);
		const triggersSkipped = await skipTriggersIfAllowed(client);
		const seeded = await one<RunsRow>(client, 'demo/seed_runs', [runs, now]);
		if (triggersSkipped) {
			await client.query(loadSql('demo/triggers_on'));
		}

		const weeks = Math.max(300, Math.round(runs / 10));
		const reports = await one<ReportsRow>(client, 'demo/seed_reports', [weeks, now]);
		const activity = await one<ActivityRow>(client, 'demo/seed_activity', [Math.max(200, Math.round(runs / 20)), now]);
		const chatty = await client.query<{events: number}>(loadSql('demo/seed_chatty_step'), [5000, now]);
		const runsByStatus = Object.fromEntries(runStatuses.map(status => [status, Number(seeded.by_status[status] ?? 0)])) as Record<RunStatus, number>;
		const summary: SeedSummary = {
			organizations: catalog.organizations,
			users: catalog.users,
			workflows: catalog.workflows,
			runs: Object.values(runsByStatus).reduce((sum, count) => sum + count, 0),
			runsByStatus,
			steps: Number(seeded.steps),
			reportCollections: reports.collections,
			reportWeeks: reports.weeks,
			reportWeeksWithExecution: reports.with_execution_id,
			orphans: reports.orphans,
			populationRate: reports.weeks === 0 ? 0 : reports.with_execution_id / reports.weeks,
			progress: activity.progress,
			adaptations: activity.adaptations,
			chattyStepEvents: chatty.rows[0]?.events ?? 0,
			elapsedMs: 0,
		};
		summary.elapsedMs = Math.round(performance.now() - started);
		await client.query(loadSql('demo/seed_audit'), [JSON.stringify({...summary, now: now.toISOString()})]);
		await client.query('COMMIT');
		await client.query(loadSql('demo/analyze'));
		summary.elapsedMs = Math.round(performance.now() - started);
		return summary;
	} catch (error) {
		await client.query('ROLLBACK').catch(() => undefined);
		throw error;
	}
}

/**
Skip row triggers for the bulk insert when the role may (a superuser, or one
granted SET on session_replication_role); anyone else seeds with them on.
*/
async function skipTriggersIfAllowed(client: ClientBase): Promise<boolean> {
	await client.query('SAVEPOINT wfmon_triggers_off');
	try {
		await client.query(loadSql('demo/triggers_off'));
		return true;
	} catch (error) {
		if ((error as {code?: string}).code !== insufficientPrivilege) {
			throw error;
		}

		await client.query('ROLLBACK TO SAVEPOINT wfmon_triggers_off');
		return false;
	}
}

const insufficientPrivilege = '42501';

async function one<T extends QueryResultRow>(client: ClientBase, name: string, values: unknown[]): Promise<T> {
	const result = await client.query<T>(loadSql(name), values);
	const row = result.rows[0];
	if (row === undefined) {
		throw new Error(`sql/${name}.sql returned no row`);
	}

	return row;
}

/** One line for people: what was seeded and how long it took. */
export function describeSeed(summary: SeedSummary): string {
	const count = (value: number) => value.toLocaleString('en-US');
	const statuses = runStatuses
		.filter(status => summary.runsByStatus[status] > 0)
		.map(status => `${count(summary.runsByStatus[status])} ${status}`)
		.join(', ');
	const seconds = (summary.elapsedMs / 1000).toFixed(1);
	return `seeded ${summary.organizations} orgs, ${summary.workflows} workflows, ${count(summary.runs)} runs (${statuses}), `
		+ `${count(summary.steps)} steps, ${count(summary.reportWeeks)} report weeks `
		+ `(${(summary.populationRate * 100).toFixed(1)}% populated, ${count(summary.orphans)} orphans) in ${seconds} s`;
}
