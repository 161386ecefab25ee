import type {ConnectionConfig} from '../config.js';
import type {Snapshot} from '../model/snapshot.js';
import type {TimeWindow} from '../model/windows.js';
import {openSession} from '../session.js';
import {takeSnapshot} from '../snapshot.js';
import {visible} from '../terminal-text.js';
import {during} from './lost-connection.js';

/**
`wfmon snapshot` (and `wfmon` when stdout is not a terminal): one JSON document
of every view. Exit 2 when no panel could be read; the document still goes
out, with each panel's error.
*/
export async function runSnapshotCommand(config: ConnectionConfig, options: {org?: string; window: TimeWindow}): Promise<number> {
	const session = await openSession(config, {org: options.org});
	try {
		const snapshot = await during(session, 'the snapshot', async () =>
			takeSnapshot(session.pool, {database: session.database, org: session.org, window: options.window}));
		process.stdout.write(JSON.stringify(snapshot, null, 2) + '\n');
		const errors = panelErrors(snapshot);
		if (errors.length === panelCount(snapshot)) {
			process.stderr.write(`wfmon: no panel could be read (${visible(errors[0] ?? '')})\n`);
			return 2;
		}

		return 0;
	} finally {
		await session.close();
	}
}

function panels(snapshot: Snapshot): Array<{error: string | null}> {
	const {status} = snapshot;
	return [status.active, status.finished, status.throughput, status.stuck, status.top_errors,
		snapshot.durations, snapshot.storage, snapshot.population];
}

export const panelCount = (snapshot: Snapshot) => panels(snapshot).length;

/** The errors of the panels that failed. */
export function panelErrors(snapshot: Snapshot): string[] {
	return panels(snapshot).flatMap(panel => panel.error === null ? [] : [panel.error]);
}
