import pg from 'pg';
import {UserError, redactSecrets} from '../errors.js';
import {libpqClient, sslAttempts} from './client.js';
import {resolveParameters, type ConnectionParameters} from './parameters.js';
import {passwordLookup} from './password.js';

/** The pool and client types the rest of wfmon uses, so only source/db imports pg. */
export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
export type ClientBase = pg.ClientBase;
export type QueryResultRow = pg.QueryResultRow;

/** How to reach a server: a URL, a service, both, or neither (the PG* variables alone; see parameters.ts). */
export type ConnectionTarget = {
	url?: string;
	service?: string;
	/** --connect-timeout; without it the connection's connect_timeout (PGCONNECT_TIMEOUT), else 5 s. */
	connectTimeoutMs?: number;
	statementTimeoutMs: number;
	/** Sets app.current_org_id for every session so row level security applies. */
	orgId?: string;
};

/** What the header shows of a connection: never the password. */
export type ServerDescription = {
	host: string;
	port: number;
	database: string;
	user: string;
};

/**
A pool whose sessions all carry wfmon's application_name, timeouts and org
scope. The URL is resolved by wfmon (see parameters.ts), so its `options=` and
`application_name=` add to wfmon's settings instead of replacing them: the
user's options come first and wfmon's after, and PostgreSQL keeps the last
value of a setting given twice.
*/
export function createPool(target: ConnectionTarget, max = 4): pg.Pool {
	const parameters = resolveParameters(target);
	const attempts = sslAttempts(parameters);
	const connectTimeout = effectiveConnectTimeoutMs(target, parameters);
	const pool = new pg.Pool({
		// hostaddr is where to connect; host stays the name TLS and .pgpass are matched against.
		host: parameters.hostaddr ?? parameters.host,
		port: parameters.port,
		user: parameters.user,
		database: parameters.database,
		application_name: parameters.applicationName === undefined ? 'wfmon' : `wfmon/${parameters.applicationName}`,
		options: [parameters.options, ...wfmonOptions(target)].filter(Boolean).join(' '),
		ssl: attempts[0] ?? false,
		Client: libpqClient(attempts, passwordLookup(parameters)),
		// pg-pool's timer covers the whole connect, authentication and any second attempt included.
		// 0 (connect_timeout=0) is pg-pool's own "wait for ever".
		connectionTimeoutMillis: connectTimeout === 0 ? 0 : timerMs(connectTimeout),
		max,
		idleTimeoutMillis: 30_000,
	} as pg.PoolConfig);
	// A client losing its server, idle in the pool or checked out between two
	// queries, must not crash the process: its next query reports the loss.
	pool.on('error', () => undefined);
	pool.on('connect', client => client.on('error', () => undefined));
	return pool;
}

/** --connect-timeout, else the connection's connect_timeout, else 5 s (0 = no limit). */
export function effectiveConnectTimeoutMs(target: ConnectionTarget, parameters: ConnectionParameters): number {
	return target.connectTimeoutMs ?? parameters.connectTimeoutMs ?? defaultConnectTimeoutMs;
}

const defaultConnectTimeoutMs = 5000;

/** wfmon's startup options: they go last, so they win over the user's. */
function wfmonOptions(target: ConnectionTarget): string[] {
	// UTC sessions: timestamps arrive as +00 text, which JSON output turns into ISO strings cheaply.
	// 0 is PostgreSQL's own "no limit".
	// No JIT: wfmon's reads are index probes the planner often overestimates at 1M
	// rows; compiling them cost 15-100 ms a query and saved nothing (BENCHMARKS.md).
	const statementTimeout = target.statementTimeoutMs === 0 ? 0 : timerMs(target.statementTimeoutMs);
	const options = [`-c statement_timeout=${statementTimeout}`, '-c TimeZone=UTC', '-c jit=off'];
	if (target.orgId !== undefined) {
		// The id was looked up in the database, so it is a canonical uuid.
		options.push(`-c app.current_org_id=${target.orgId}`);
	}

	return options;
}

/**
A duration as both Node timers and PostgreSQL take it: whole milliseconds,
at least 1 (0 would mean "no timeout") and at most 2^31-1 (~24.8 days; larger
values make Node fire at once and PostgreSQL refuse the setting).
*/
export function timerMs(ms: number): number {
	return Math.min(Math.max(1, Math.round(ms)), 2_147_483_647);
}

/** The parts of the target shown to users. */
export function describeTarget(target: ConnectionTarget): ServerDescription {
	const {host, port, database, user} = resolveParameters(target);
	return {host, port, database, user};
}

type PgError = Error & {code?: string; errno?: number};

/**
Turn a driver error into one line that says what is wrong and what to do.
Anything that could hold a password is redacted.
*/
export function explainConnectionError(error: unknown, target: ConnectionTarget): UserError {
	const server = describeTarget(target);
	const where = `${server.host}:${server.port}`;
	const code = (error as PgError | undefined)?.code;
	const message = error instanceof Error ? error.message : String(error);
	const secrets = passwordsIn(target.url, resolveParameters(target).password);
	const say = (text: string) => new UserError(redactSecrets(text, secrets));
	switch (code) {
		case 'ECONNREFUSED': {
			return say(`cannot connect to ${where}: connection refused; is PostgreSQL running and listening there?`);
		}

		case 'ENOTFOUND':
		case 'EAI_AGAIN': {
			return say(`cannot connect to ${where}: unknown host "${server.host}"; check the host name`);
		}

		case 'ETIMEDOUT':
		case 'EHOSTUNREACH':
		case 'ENETUNREACH': {
			return say(`cannot connect to ${where}: host unreachable (${code}); check the host and network`);
		}

		case '28P01': {
			return say(`password authentication failed for user "${server.user}" at ${where}; check the password`);
		}

		case '28000': {
			return say(`the server at ${where} refused user "${server.user}": ${message}`);
		}

		case '3D000': {
			return say(`database "${server.database}" does not exist on ${where}; create it or pick another`);
		}

		case 'WFMON_NO_PASSWORD': {
			return say(message);
		}

		case '57014': {
			return say(`opening the session at ${where} ran past --statement-timeout `
				+ `(${target.statementTimeoutMs / 1000}s): the server cancelled it; raise --statement-timeout`);
		}

		case '57P03': {
			return say(`the server at ${where} is starting up or shutting down; try again in a moment`);
		}

		default: {
			if (/does not support SSL/i.test(message)) {
				return say(`the server at ${where} does not accept SSL connections; use sslmode=prefer or disable to connect without encryption`);
			}

			if (/unexpected .*message from backend/i.test(message)) {
				return say(`the server at ${where} does not speak the PostgreSQL protocol; check the port`);
			}

			if (/timeout/i.test(message)) {
				return say(`cannot connect to ${where}: no answer within the connect timeout; check the host or raise --connect-timeout`);
			}

			return say(`database error at ${where}: ${message}`);
		}
	}
}

function passwordsIn(url: string | undefined, resolved: string | undefined): string[] {
	const secrets = [process.env['PGPASSWORD'] ?? '', resolved ?? ''];
	if (url !== undefined) {
		try {
			secrets.push(decodeURIComponent(new URL(url).password));
		} catch {
			// An unparsable URL was rejected earlier; nothing to collect.
		}
	}

	return secrets.filter(secret => secret.length > 0);
}

/** Errors that mean the server went away rather than the query being wrong. */
export function isConnectionLost(error: unknown): boolean {
	const code = (error as PgError | undefined)?.code ?? '';
	const message = error instanceof Error ? error.message : '';
	return ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08006', '08003', '08001'].includes(code)
		|| /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message);
}
