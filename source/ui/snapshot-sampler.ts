import type {Pool} from '../db/connect.js';
import {isConnectionLost} from '../db/connect.js';
import type {DatabaseInfo, OrgInfo, Snapshot} from '../model/snapshot.js';
import type {TimeWindow} from '../model/windows.js';
import {createSampler, type Sampler} from '../sampler.js';
import {takeSnapshot} from '../snapshot.js';

/** What the TUI may change between refreshes: the window and the workflow whose trend to chart. */
export type SnapshotSettings = {window: TimeWindow; trendWorkflowId?: string};

/** What the TUI needs of a session. */
export type TuiSession = {pool: Pool; org: OrgInfo | null; database: DatabaseInfo; revive?: () => Promise<void>};

/**
The sampler behind the live views: each refresh takes a snapshot (the same
one `wfmon snapshot` prints) with the current settings and the previous
snapshot, so storage growth can be computed.
*/
export function createSnapshotSampler(session: TuiSession, settings: SnapshotSettings, intervalMs: number, backoff?: {initialMs: number; maxMs: number}): Sampler<Snapshot> {
	return createSampler<Snapshot>({
		intervalMs,
		backoff,
		isConnectionLost,
		// A connection the pool can open is the server answering again.
		probe: {
			async answers() {
				const client = await session.pool.connect();
				client.release();
				return true;
			},
		},
		async fetch(previous) {
			try {
				return await takeSnapshot(session.pool, {
					database: session.database,
					org: session.org,
					window: settings.window,
					trendWorkflowId: settings.trendWorkflowId,
				}, previous ?? undefined);
			} catch (error) {
				// Wfmon's own server gone (its owner quit): start it for the next attempt.
				if (isConnectionLost(error)) {
					await session.revive?.().catch(() => undefined);
				}

				throw error;
			}
		},
	});
}
