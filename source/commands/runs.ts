import type {ConnectionConfig} from '../config.js';
import type {PoolClient} from '../db/connect.js';
import {streamRunBatchesForJson, type RunFilter, type RunJson} from '../db/queries.js';
import {openSession} from '../session.js';
import {runFields} from '../cli/commands-table.js';
import {runsTableFormatter} from './runs-table.js';
import {printNdjson, printRows} from './stream.js';

/** How `wfmon runs` prints: `json` when --json was given (`fields` when it named some). */
export type RunsOutput = {json: boolean; fields?: readonly string[]};

/**
`wfmon runs`: the runs list, newest first, streamed through a cursor. On a terminal
an aligned table; piped or with --json, NDJSON (only the chosen fields, if any).
*/
export async function runRunsCommand(
	config: ConnectionConfig,
	options: {org?: string; filter: RunFilter; limit: number; output?: RunsOutput},
): Promise<number> {
	const terminal = process.stdout.isTTY === true;
	const {json = false, fields} = options.output ?? {};
	if (terminal && json && fields === undefined) {
		// As gh does: --json alone on a terminal says what it can print.
		const fields = runFields.map(field => `  ${field}\n`).join('');
		process.stdout.write(`wfmon runs --json takes comma-separated fields:\n${fields}`);
		return 0;
	}

	const session = await openSession(config, {org: options.org});
	try {
		const org = session.org?.id ?? null;
		const open = (client: PoolClient) => streamRunBatchesForJson(client, org, options.filter);
		if (terminal && !json) {
			return await printRows(session, open, runsTableFormatter(process.stdout.columns || 80, Date.now()), options.limit);
		}

		return await printNdjson(session, open, fields === undefined ? run => run : pick(fields), options.limit);
	} finally {
		await session.close();
	}
}

/** A run with only `fields`, in their order. */
const pick = (fields: readonly string[]) => (run: RunJson) =>
	Object.fromEntries(fields.map(field => [field, run[field as keyof RunJson]]));
