import type {ConnectionConfig} from '../config.js';
import type {TimeWindow} from '../model/windows.js';
import {openSession} from '../session.js';
import {takeSnapshot} from '../snapshot.js';

/** `wfmon snapshot` (and `wfmon` when stdout is not a terminal): one JSON document of every view. */
export async function runSnapshotCommand(config: ConnectionConfig, options: {org?: string; window: TimeWindow}): Promise<number> {
	const session = await openSession(config, {org: options.org});
	try {
		const snapshot = await takeSnapshot(session.pool, {database: session.database, org: session.org, window: options.window});
		process.stdout.write(JSON.stringify(snapshot, null, 2) + '\n');
		return 0;
	} finally {
		await session.close();
	}
}
