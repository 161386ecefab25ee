import type {ConnectionConfig} from '../config.js';
import {streamRunBatchesForJson, type RunFilter} from '../db/queries.js';
import {openSession} from '../session.js';
import {printNdjson} from './stream.js';

/** `wfmon runs`: the runs list as NDJSON, newest first, streamed through a cursor. */
export async function runRunsCommand(config: ConnectionConfig, options: {org?: string; filter: RunFilter; limit: number}): Promise<number> {
	const session = await openSession(config, {org: options.org});
	try {
		const org = session.org?.id ?? null;
		return await printNdjson(session, client => streamRunBatchesForJson(client, org, options.filter), row => row, options.limit);
	} finally {
		await session.close();
	}
}
