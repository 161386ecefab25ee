import os from 'node:os';
import {UserError} from '../errors.js';
import {visible} from '../terminal-text.js';

/** libpq's sslmode values, weakest first. */
export const sslModes = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = typeof sslModes[number];

/** Where and as whom to connect, resolved the libpq way from a URL and the PG* variables. */
export type ConnectionParameters = {
	host: string;
	port: number;
	user: string;
	database: string;
	/** From the URL or PGPASSWORD; .pgpass is read only when the server asks. */
	password?: string;
	/** The user's own startup options (`options=` or PGOPTIONS); wfmon's are added after them. */
	options?: string;
	/** The user's application_name (or PGAPPNAME); sessions carry `wfmon/<it>`. */
	applicationName?: string;
	sslMode: SslMode;
	sslRootCert?: string;
	sslCert?: string;
	sslKey?: string;
};

type Environment = Record<string, string | undefined>;

/**
Resolve a postgres:// URL (or none: PG* variables only) into parameters.
Values in the URL win; the PG* variables fill what it leaves out; then
libpq's defaults (localhost, 5432, the OS user, a database named after the user).
*/
export function resolveParameters(url: string | undefined, environment: Environment = process.env): ConnectionParameters {
	const query = new Map<string, string>();
	let fromUrl: {host?: string; port?: string; user?: string; password?: string; database?: string} = {};
	if (url !== undefined) {
		const parsed = new URL(url);
		// Parameters wfmon does not use (target_session_attrs, keepalives…) are ignored, as before;
		// none of them reaches the server, so none can undo wfmon's session settings.
		for (const [name, value] of parsed.searchParams) {
			query.set(name, value);
		}

		fromUrl = {
			host: nonEmpty(decodeURIComponent(parsed.hostname.replace(/^\[(.+)]$/, '$1'))),
			port: nonEmpty(parsed.port),
			user: nonEmpty(decodeURIComponent(parsed.username)),
			password: nonEmpty(decodeURIComponent(parsed.password)),
			database: nonEmpty(decodeURIComponent(parsed.pathname.slice(1))),
		};
	}

	const pick = (name: string, fromPath: string | undefined, variable: string) =>
		nonEmpty(query.get(name)) ?? fromPath ?? nonEmpty(environment[variable]);
	const user = pick('user', fromUrl.user, 'PGUSER') ?? osUser();
	const portText = pick('port', fromUrl.port, 'PGPORT') ?? '5432';
	const port = Number(portText);
	if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65_535) {
		throw new UserError(`the port must be a number from 1 to 65535 (got "${visible(portText.slice(0, 20))}")`);
	}

	return {
		host: pick('host', fromUrl.host, 'PGHOST') ?? 'localhost',
		port,
		user,
		database: pick('dbname', fromUrl.database, 'PGDATABASE') ?? user,
		password: pick('password', fromUrl.password, 'PGPASSWORD'),
		options: pick('options', undefined, 'PGOPTIONS'),
		applicationName: pick('application_name', undefined, 'PGAPPNAME'),
		sslMode: parseSslMode(pick('sslmode', undefined, 'PGSSLMODE') ?? legacySsl(query.get('ssl')) ?? 'prefer'),
		sslRootCert: pick('sslrootcert', undefined, 'PGSSLROOTCERT'),
		sslCert: pick('sslcert', undefined, 'PGSSLCERT'),
		sslKey: pick('sslkey', undefined, 'PGSSLKEY'),
	};
}

/** An sslmode libpq knows, or one line naming the six it takes. */
export function parseSslMode(text: string): SslMode {
	if ((sslModes as readonly string[]).includes(text)) {
		return text as SslMode;
	}

	throw new UserError(`sslmode must be one of ${sslModes.join(', ')} (got "${visible(text.slice(0, 20))}")`);
}

/** node-postgres's own `ssl=true|1|false|0`, still found in URLs: require or disable. */
function legacySsl(text: string | undefined): SslMode | undefined {
	if (text === 'true' || text === '1') {
		return 'require';
	}

	return text === 'false' || text === '0' ? 'disable' : undefined;
}

function nonEmpty(text: string | undefined): string | undefined {
	return text === undefined || text === '' ? undefined : text;
}

function osUser(): string {
	try {
		return os.userInfo().username;
	} catch {
		return 'postgres';
	}
}
