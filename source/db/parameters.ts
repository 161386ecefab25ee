import os from 'node:os';
import {UserError} from '../errors.js';
import {visible} from '../terminal-text.js';
import {loadService, type ServiceDefinition} from './service-file.js';

/** libpq's sslmode values, weakest first. */
export const sslModes = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export type SslMode = typeof sslModes[number];

/** Where and as whom to connect, resolved the libpq way from a URL, a service and the PG* variables. */
export type ConnectionParameters = {
	/** The server's name: what .pgpass lines, TLS certificates and the header are matched against. */
	host: string;
	/** The numeric address to connect to instead of looking `host` up (hostaddr, PGHOSTADDR). */
	hostaddr?: string;
	port: number;
	user: string;
	database: string;
	/** From the URL, the service or PGPASSWORD; the password file is read only when the server asks. */
	password?: string;
	/** The password file (passfile, PGPASSFILE); else ~/.pgpass. */
	passfile?: string;
	/** The user's own startup options (`options=` or PGOPTIONS); wfmon's are added after them. */
	options?: string;
	/** The user's application_name (or PGAPPNAME); sessions carry `wfmon/<it>`. */
	applicationName?: string;
	/** connect_timeout (PGCONNECT_TIMEOUT) in ms; 0 waits for ever. --connect-timeout wins over it. */
	connectTimeoutMs?: number;
	sslMode: SslMode;
	sslRootCert?: string;
	sslCert?: string;
	sslKey?: string;
	/** The service the settings came from, if any. */
	service?: ServiceDefinition;
};

/** What names a server: a postgres:// URL, a service (--service), both, or neither (PG* variables only). */
export type ConnectionSpec = {url?: string; service?: string};

type Environment = Record<string, string | undefined>;

/**
Resolve a connection as libpq does, setting by setting: the URL (its query,
then its path) wins; then the service (--service, the URL's `service=`, else
PGSERVICE) fills what the URL leaves out; then the PG* variables; then
libpq's defaults (localhost, 5432, the OS user, a database named after the user).
*/
export function resolveParameters(spec: ConnectionSpec = {}, environment: Environment = process.env): ConnectionParameters {
	const explicit = spec.url === undefined ? new Map<string, string>() : urlSettings(spec.url);
	const serviceName = nonEmpty(spec.service) ?? nonEmpty(explicit.get('service')) ?? nonEmpty(environment['PGSERVICE']);
	const service = serviceName === undefined ? undefined : loadService(serviceName, environment);
	const pick = (keyword: string, variable: string) =>
		nonEmpty(explicit.get(keyword)) ?? nonEmpty(service?.settings.get(keyword)) ?? nonEmpty(environment[variable]);
	const user = pick('user', 'PGUSER') ?? osUser();
	const portText = pick('port', 'PGPORT') ?? '5432';
	const port = Number(portText);
	if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65_535) {
		throw new UserError(`the port must be a number from 1 to 65535 (got "${visible(portText.slice(0, 20))}")`);
	}

	const hostaddr = pick('hostaddr', 'PGHOSTADDR');
	return {
		host: pick('host', 'PGHOST') ?? hostaddr ?? 'localhost',
		hostaddr,
		port,
		user,
		database: pick('dbname', 'PGDATABASE') ?? user,
		password: pick('password', 'PGPASSWORD'),
		passfile: pick('passfile', 'PGPASSFILE'),
		options: pick('options', 'PGOPTIONS'),
		applicationName: pick('application_name', 'PGAPPNAME'),
		connectTimeoutMs: parseConnectTimeout(pick('connect_timeout', 'PGCONNECT_TIMEOUT')),
		sslMode: parseSslMode(pick('sslmode', 'PGSSLMODE') ?? legacySsl(explicit.get('ssl')) ?? 'prefer'),
		sslRootCert: pick('sslrootcert', 'PGSSLROOTCERT'),
		sslCert: pick('sslcert', 'PGSSLCERT'),
		sslKey: pick('sslkey', 'PGSSLKEY'),
		service,
	};
}

/** A URL's settings by libpq keyword: its query parameters win over its path. */
function urlSettings(url: string): Map<string, string> {
	const parsed = new URL(url);
	const settings = new Map<string, string>();
	const fromPath: Array<[string, string]> = [
		['host', decodeURIComponent(parsed.hostname.replace(/^\[(.+)]$/, '$1'))],
		['port', parsed.port],
		['user', decodeURIComponent(parsed.username)],
		['password', decodeURIComponent(parsed.password)],
		['dbname', decodeURIComponent(parsed.pathname.slice(1))],
	];
	for (const [keyword, value] of fromPath) {
		if (value !== '') {
			settings.set(keyword, value);
		}
	}

	// Parameters wfmon does not act on (target_session_attrs, keepalives…) are ignored, as before;
	// none of them reaches the server, so none can undo wfmon's session settings.
	for (const [name, value] of parsed.searchParams) {
		if (value !== '') {
			settings.set(name, value);
		}
	}

	return settings;
}

/** libpq's connect_timeout: whole seconds, 0 or less waits for ever, and 1 means 2. */
function parseConnectTimeout(text: string | undefined): number | undefined {
	if (text === undefined) {
		return undefined;
	}

	if (!/^\s*-?\d+\s*$/.test(text)) {
		throw new UserError(`connect_timeout must be a whole number of seconds (got "${visible(text.slice(0, 20))}")`);
	}

	const seconds = Number(text);
	return seconds <= 0 ? 0 : Math.max(2, seconds) * 1000;
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
