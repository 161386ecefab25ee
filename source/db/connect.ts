import pg from 'pg';
import {UserError, redactSecrets} from '../errors.js';

/** The pool and client types the rest of wfmon uses, so only source/db imports pg. */
export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/** How to reach a server: a URL, or nothing (pg reads the PG* variables itself). */
export type ConnectionTarget = {
	url?: string;
	connectTimeoutMs: number;
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

/** A pool whose sessions all carry wfmon's application_name, timeouts and org scope. */
export function createPool(target: ConnectionTarget, max = 4): pg.Pool {
	// UTC sessions: timestamps arrive as +00 text, which JSON output turns into ISO strings cheaply.
	// 0 is PostgreSQL's own "no limit".
	const statementTimeout = target.statementTimeoutMs === 0 ? 0 : timerMs(target.statementTimeoutMs);
	const startupOptions = [`-c statement_timeout=${statementTimeout}`, '-c TimeZone=UTC'];
	if (target.orgId !== undefined) {
		// The id was looked up in the database, so it is a canonical uuid.
		startupOptions.push(`-c app.current_org_id=${target.orgId}`);
	}

	const pool = new pg.Pool({
		connectionString: withLibpqSsl(target.url),
		application_name: 'wfmon',
		connectionTimeoutMillis: timerMs(target.connectTimeoutMs),
		options: startupOptions.join(' '),
		max,
		idleTimeoutMillis: 30_000,
	});
	// A client losing its server, idle in the pool or checked out between two
	// queries, must not crash the process: its next query reports the loss.
	pool.on('error', () => undefined);
	pool.on('connect', client => client.on('error', () => undefined));
	return pool;
}

/**
A duration as both Node timers and PostgreSQL take it: whole milliseconds,
at least 1 (0 would mean "no timeout") and at most 2^31-1 (~24.8 days; larger
values make Node fire at once and PostgreSQL refuse the setting).
*/
export function timerMs(ms: number): number {
	return Math.min(Math.max(1, Math.round(ms)), 2_147_483_647);
}

/**
sslmode means what it means to libpq (require: encrypt, do not verify the
certificate; verify-full: verify it). pg treats require as verify-full unless
told otherwise, and warns on stderr about it, so wfmon tells it.
*/
export function withLibpqSsl(url: string | undefined): string | undefined {
	if (url === undefined) {
		return undefined;
	}

	try {
		const parsed = new URL(url);
		if (parsed.searchParams.has('sslmode') && !parsed.searchParams.has('uselibpqcompat')) {
			parsed.searchParams.set('uselibpqcompat', 'true');
			return parsed.toString();
		}
	} catch {
		// Not a URL wfmon can read: pg reports it.
	}

	return url;
}

/** The parts of the target shown to users. */
export function describeTarget(target: ConnectionTarget): ServerDescription {
	const parameters = new pg.Client({connectionString: withLibpqSsl(target.url)});
	return {
		host: String(parameters.host ?? 'localhost'),
		port: Number(parameters.port ?? 5432),
		database: String(parameters.database ?? parameters.user ?? ''),
		user: String(parameters.user ?? ''),
	};
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
	const secrets = passwordsIn(target.url);
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

		case '57P03': {
			return say(`the server at ${where} is starting up or shutting down; try again in a moment`);
		}

		default: {
			if (/does not support SSL/i.test(message)) {
				return say(`the server at ${where} does not accept SSL connections; use sslmode=disable to connect without encryption`);
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

function passwordsIn(url: string | undefined): string[] {
	const secrets = [process.env['PGPASSWORD'] ?? ''];
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
