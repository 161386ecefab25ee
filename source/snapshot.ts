import type {Pool} from './db/connect.js';
import * as queries from './db/queries.js';
import {elapsedSince, readPanels} from './db/read-transaction.js';
import {dataQuality} from './db/quality-queries.js';
import {toDurations} from './model/durations.js';
import {joinPanels, mapPanel} from './model/panels.js';
import {toPopulation} from './model/population.js';
import {futureToleranceSeconds, qualitySamples, toDataQuality} from './model/quality.js';
import {SNAPSHOT_VERSION, type DatabaseInfo, type OrgInfo, type Snapshot} from './model/snapshot.js';
import {toActive, toFinished, toStuck, toThroughput, toTopErrors} from './model/status.js';
import {toStorage} from './model/storage.js';
import type {TimeWindow} from './model/windows.js';

/** What a snapshot is taken of. */
export type SnapshotOptions = {
	database: DatabaseInfo;
	org: OrgInfo | null;
	window: TimeWindow;
	/** The workflow whose p95 trend to include; the busiest one when unset. */
	trendWorkflowId?: string;
	stuck?: {p99Multiple: number; noProgressSeconds: number; limit: number};
	topErrorsLimit?: number;
	populationDays?: number;
	now?: () => Date;
};

const defaultStuck = {p99Multiple: 3, noProgressSeconds: 900, limit: 20};

/**
Read every view in read-only, repeatable-read transactions that share one
snapshot, so the panels agree with each other, two panels at a time; a panel
whose query fails or times out carries the error and the others still get
data (see readPanels). The screen and the JSON output both come from here.
*/
export async function takeSnapshot(pool: Pool, options: SnapshotOptions, previous?: Snapshot): Promise<Snapshot> {
	const now = options.now ?? (() => new Date());
	const org = options.org?.id ?? null;
	const {window} = options;
	const stuck = options.stuck ?? defaultStuck;
	return readPanels(pool, async panel => {
		const generatedAt = now();
		const started = performance.now();
		// The slowest panels first: they take the two lanes while the quick ones queue.
		const populationDays = options.populationDays ?? 30;
		const qualitySettings = {futureToleranceSeconds, samples: qualitySamples};
		const [weekDays, stuckRuns, active, finished, throughput, topErrors, durations, storage, runFindings]
			= await Promise.all([
			panel(async client => queries.population(client, org, populationDays, qualitySamples)),
			panel(async client =>
				toStuck(await queries.stuckRuns(client, org, stuck.limit, stuck.p99Multiple, stuck.noProgressSeconds))),
			panel(async client => toActive(await queries.activeByStatus(client, org))),
			panel(async client => toFinished(await queries.finishedByStatus(client, org, window.seconds))),
			panel(async client =>
				toThroughput(await queries.throughput(client, org, window.seconds, window.bucketSeconds), window.bucketSeconds)),
			panel(async client => toTopErrors(await queries.topErrors(client, org, window.seconds, options.topErrorsLimit ?? 10))),
			panel(async client => {
				const rows = await queries.durationPercentiles(client, org, window.seconds);
				const workflowId = options.trendWorkflowId ?? rows[0]?.workflow_id;
				const trend = workflowId === undefined
					? undefined
					: {workflowId, bucketSeconds: window.bucketSeconds, rows: await queries.durationTrend(client, org, window.seconds, window.bucketSeconds, workflowId)};
				return toDurations(rows, trend);
			}),
			panel(async client => {
				const rows = await queries.storage(client);
				const earlier = previous?.storage.data;
				return toStorage(rows, earlier
					? {storage: earlier, elapsedMs: generatedAt.getTime() - Date.parse(previous!.generated_at)}
					: undefined);
			}),
			panel(async client => dataQuality(client, org, qualitySettings)),
		]);

		return {
			version: SNAPSHOT_VERSION,
			generated_at: generatedAt.toISOString(),
			database: options.database,
			org: options.org,
			window: {name: window.name, seconds: window.seconds},
			// Wall time of all the panels' reads; panels overlap, so it is less than their sum.
			query_ms: elapsedSince(started),
			status: {active, finished, throughput, stuck: stuckRuns, top_errors: topErrors},
			durations,
			storage,
			population: mapPanel(weekDays, toPopulation),
			data_quality: joinPanels(runFindings, weekDays, toDataQuality),
		};
	});
}
