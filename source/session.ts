import {type ConnectionConfig, type ContextBadge} from './config.js';
import {createPool, describeTarget, explainConnectionError, type ConnectionTarget, type Pool} from './db/connect.js';
import {startEmbedded, type EmbeddedServer} from './embedded/embedded.js';
import {findOrg, serverInfo} from './db/queries.js';
import {applySchema, type ApplyResult} from './schema/schema.js';
import {truncate} from './config.js';
import {UserError} from './errors.js';
import {visible} from './terminal-text.js';
import {installSignalHandlers, onShutdown} from './shutdown.js';
import type {DatabaseInfo, OrgInfo} from './model/snapshot.js';

/** An open connection to the database a command works on. */
export type Session = {
	pool: Pool;
	target: ConnectionTarget;
	embedded?: EmbeddedServer;
	/** What applying the schema did on open (undefined with --no-apply). */
	applied?: ApplyResult;
	/** The --context in use, shown in the TUI header. */
	context?: ContextBadge;
	/** The org every query is scoped to, or null for all orgs. */
	org: OrgInfo | null;
	database: DatabaseInfo;
	close(): Promise<void>;
	/**
	With the embedded server only: start it again after it went away under
	this session (the wfmon that ran it has quit); this session then owns it.
	*/
	revive?(): Promise<void>;
	/**
	Scope the session to another org (null: all orgs), as `--org` does: a new
	pool whose sessions carry app.current_org_id; the old one ends once its
	reads are done. `pool` and `org` are the new ones from then on.
	*/
	rescope(org: OrgInfo | null): Promise<void>;
};

/**
Connect (starting the embedded server when nothing is configured), check the
connection, apply the schema unless told not to write, and resolve `--org`:
from then on every session of the pool carries app.current_org_id, so row
level security scopes it as well as the queries' own filter.
*/
export async function openSession(
	config: ConnectionConfig,
	options: {apply?: boolean; org?: string; notice?: (line: string) => void} = {},
): Promise<Session> {
	const notice = options.notice ?? ((line: string) => process.stderr.write(`wfmon: ${visible(line)}\n`));
	let embedded: EmbeddedServer | undefined;
	let url: string | undefined;
	if (config.source.kind === 'embedded') {
		installSignalHandlers();
		embedded = await startEmbedded(config.source.dataDir, notice);
		url = embedded.url;
	} else {
		url = config.source.url;
	}

	const target: ConnectionTarget = {
		url,
		service: config.source.kind === 'server' ? config.source.service : undefined,
		connectTimeoutMs: config.connectTimeoutMs,
		statementTimeoutMs: config.statementTimeoutMs,
	};
	let pool: Pool | undefined;
	// The pool the session opened with: what took it at open (the demo simulator) keeps using it after `o`.
	let firstPool: Pool | undefined;
	const stopServer = async () => embedded?.stop();
	const forget = onShutdown(stopServer);
	const close = async () => {
		forget();
		await pool?.end().catch(() => undefined);
		if (firstPool !== pool) {
			await firstPool?.end().catch(() => undefined);
		}

		await stopServer();
	};

	try {
		pool = createPool(target);
		const client = await pool.connect();
		let applied: ApplyResult | undefined;
		let org: OrgInfo | null = null;
		let info;
		try {
			applied = options.apply !== false && !config.noApply ? await applySchema(client) : undefined;
			if (applied?.outcome === 'skipped-read-only') {
				notice(`the database is read-only (hot standby or read-only transactions): skipped applying migrations ${applied.pending.join(', ')}; views that need them will show errors`);
			}
			[info] = await serverInfo(client);
			if (options.org !== undefined) {
				const [found] = await findOrg(client, options.org).catch((error: unknown) => {
					// 42883 undefined_function: a schema older than migration 0006 (read-only, or --no-apply).
					if ((error as {code?: string}).code === '42883') {
						throw new UserError('--org needs migration 0006 (org membership), which this database lacks; '
							+ 'run `wfmon schema apply` as a role that may, or leave out --org');
					}

					throw error;
				});
				if (found === undefined) {
					// A pinned role cannot tell an org it may not see from one that does not exist, nor should it.
					const role = truncate(info?.user_name ?? 'this role');
					throw new UserError(`unknown organization "${truncate(options.org)}", or not one role "${role}" may see `
						+ '(wfmon_org_members); --org takes an organization\'s slug or id');
				}

				org = found;
			}
		} finally {
			client.release();
		}

		if (org !== null) {
			await pool.end();
			target.orgId = org.id;
			pool = createPool(target);
		}

		const server = describeTarget(target);
		const database: DatabaseInfo = {
			host: server.host,
			port: server.port,
			database: info?.database ?? server.database,
			user: info?.user_name ?? server.user,
			server_version: info?.server_version ?? 'unknown',
		};
		const {source} = config;
		let reviving = false;
		const revive = async () => {
			if (reviving || source.kind !== 'embedded') {
				return;
			}

			reviving = true;
			try {
				const next = await startEmbedded(source.dataDir, notice);
				if (next.url === url) {
					embedded = next;
				} else {
					// On another port the pool cannot reach it: leave things as they were.
					await next.stop();
				}
			} finally {
				reviving = false;
			}
		};

		let scopedPool: Pool = pool;
		firstPool = pool;
		let scopedOrg = org;
		const rescope = async (next: OrgInfo | null) => {
			const previous = scopedPool;
			target.orgId = next?.id;
			scopedPool = createPool(target);
			pool = scopedPool;
			scopedOrg = next;
			// A pool of an earlier `o` is no one's now; the first stays open until close.
			if (previous !== firstPool) {
				await previous.end().catch(() => undefined);
			}
		};

		return {
			get pool() {
				return scopedPool;
			},
			target,
			get embedded() {
				return embedded;
			},
			applied,
			get org() {
				return scopedOrg;
			},
			database,
			rescope,
			context: config.context,
			close,
			revive: source.kind === 'embedded' ? revive : undefined,
		};
	} catch (error) {
		await close();
		if (error instanceof UserError) {
			throw error;
		}

		throw explainConnectionError(error, target);
	}
}
