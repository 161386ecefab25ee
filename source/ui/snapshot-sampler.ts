import type {Pool} from '../db/connect.js';
import {isConnectionLost} from '../db/connect.js';
import type {DatabaseInfo, OrgInfo, Snapshot} from '../model/snapshot.js';
import type {TimeWindow} from '../model/windows.js';
import {createSampler, type Sampler} from '../sampler.js';
import {takeSnapshot} from '../snapshot.js';

const growthSpanMs = 60_000;

/** What the TUI may change between refreshes: the window and the workflow whose trend to chart. */
export type SnapshotSettings = {window: TimeWindow; trendWorkflowId?: string};

/** What the TUI needs of a session. */
export type TuiSession = {
	pool: Pool;
	org: OrgInfo | null;
	database: DatabaseInfo;
	revive?: () => Promise<void>;
	/** `o`: scope every read to another org, or to all (null). */
	rescope?: (org: OrgInfo | null) => Promise<void>;
};

/**
The sampler behind the live views: each refresh takes a snapshot (the same
one `wfmon snapshot` prints) with the current settings and the previous
snapshot, with a sample from up to a minute before, so storage growth can be averaged.
*/
export function createSnapshotSampler(session: TuiSession, settings: SnapshotSettings, intervalMs: number, backoff?: {initialMs: number; maxMs: number}): Sampler<Snapshot> {
	// Storage growth is averaged over the last minute watched (less until a minute has gone by):
	// sizes move in steps as pages are added, so two samples a refresh apart mostly read 0.
	const recent: Snapshot[] = [];
	const baseline = (latest: Snapshot | null) => {
		if (latest !== null && recent.at(-1) !== latest) {
			recent.push(latest);
		}

		const newest = Date.parse(recent.at(-1)?.generated_at ?? '');
		while (recent.length > 1 && newest - Date.parse(recent[0]!.generated_at) > growthSpanMs) {
			recent.shift();
		}

		return recent[0];
	};

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
				}, baseline(previous));
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
