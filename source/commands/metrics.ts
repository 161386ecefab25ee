import type {AddressInfo} from 'node:net';
import {parseDuration, truncate, type ConnectionConfig} from '../config.js';
import {UserError, redactSecrets} from '../errors.js';
import {cacheFor} from '../metrics/cache.js';
import {metricsText} from '../metrics/registry.js';
import {closeServer, parseListen, serveMetrics} from '../metrics/serve.js';
import {writeFileAtomically} from '../metrics/write-file.js';
import type {TimeWindow} from '../model/windows.js';
import {readScopes} from '../scopes.js';
import {openSession} from '../session.js';
import {installSignalHandlers, onShutdown} from '../shutdown.js';
import {visible} from '../terminal-text.js';
import {during} from './lost-connection.js';
import {panelCount, panelErrors} from './snapshot.js';

/** The flags `wfmon metrics` reads. */
export type MetricsFlags = {org?: string; allOrgs: boolean; outputFile?: string; listen?: string; interval?: string};

/** How often `--listen` reads the database at most, unless --interval says otherwise. */
export const defaultMetricsInterval = '15s';

/**
`wfmon metrics`: the snapshot in the Prometheus text format, on stdout, into
`--output-file` (atomically), or served on `--listen` at /metrics, read from
the database at most once per `--interval` however often it is scraped.
*/
export async function runMetricsCommand(
	config: ConnectionConfig,
	flags: MetricsFlags,
	options: {window: TimeWindow; rest: readonly string[]},
): Promise<number> {
	if (options.rest[0] !== undefined) {
		throw new UserError(`unexpected argument "${truncate(options.rest[0])}": wfmon metrics [options]; run wfmon --help for the list`);
	}

	if (flags.listen !== undefined && flags.outputFile !== undefined) {
		throw new UserError('--listen serves the metrics and --output-file writes them; give one');
	}

	if (flags.allOrgs && flags.org !== undefined) {
		throw new UserError('--all-orgs exports every org; leave out --org, or --all-orgs');
	}

	const intervalMs = parseDuration(flags.interval ?? defaultMetricsInterval, '--interval');
	const address = flags.listen === undefined ? undefined : parseListen(flags.listen);
	const session = await openSession(config, {org: flags.org});
	let reads = 0;
	let failedEverywhere = false;
	const read = async () => {
		const scopes = await during(session, 'the metrics', async () =>
			readScopes(session, {allOrgs: flags.allOrgs, window: options.window}));
		if (scopes.length === 0) {
			throw new UserError(`--all-orgs: role "${session.database.user}" sees no organization`);
		}

		reads += 1;
		failedEverywhere = scopes.every(({snapshot}) => panelErrors(snapshot).length === panelCount(snapshot));
		return metricsText({scopes, reads});
	};

	if (address === undefined) {
		try {
			const text = await read();
			if (flags.outputFile === undefined) {
				process.stdout.write(text);
			} else {
				await writeFileAtomically(flags.outputFile, text).catch((error: unknown) => {
					throw new UserError(`cannot write ${truncate(flags.outputFile!, 200)}: ${(error as Error).message}`);
				});
			}
		} finally {
			await session.close();
		}

		if (failedEverywhere) {
			process.stderr.write('wfmon: no panel could be read (wfmon_panel_up is 0 for each)\n');
			return 2;
		}

		return 0;
	}

	installSignalHandlers();
	const server = await serveMetrics(address, cacheFor(async () => read().catch((error: unknown) => {
		throw new Error(visible(error instanceof UserError ? error.message : redactSecrets(String(error))));
	}), intervalMs), message => {
		process.stderr.write(`wfmon: /metrics: ${message}\n`);
	}).catch(async (error: unknown) => {
		await session.close();
		throw error;
	});
	// SIGINT/SIGTERM: stop listening, close the pool (and an embedded server), then exit 130/143.
	onShutdown(async () => {
		await closeServer(server);
		await session.close();
	});
	const shown = address.host.includes(':') ? `[${address.host}]` : address.host;
	const {port} = server.address() as AddressInfo;
	process.stderr.write(`wfmon: serving http://${shown}:${port}/metrics, `
		+ `reading the database at most every ${Math.round(intervalMs / 100) / 10}s\n`);
	return new Promise<number>(() => undefined);
}
