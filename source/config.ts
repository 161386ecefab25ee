import os from 'node:os';
import path from 'node:path';
import {UserError} from './errors.js';

/** Where wfmon gets its database from: a server named by a URL, a service or PG* variables, or its own. */
export type ConnectionSource =
	| {kind: 'server'; url?: string; service?: string; origin: '--database-url' | '--service' | 'DATABASE_URL' | 'PG* variables'}
	| {kind: 'embedded'; dataDir: string};

/** What the TUI header shows of the context in use: its label, in its colour. */
export type ContextBadge = {name: string; label: string; colour?: string};

/** Everything a command needs to reach the database, resolved from flags and environment. */
export type ConnectionConfig = {
	source: ConnectionSource;
	/** Never write to the database (no schema apply). */
	noApply: boolean;
	/** --connect-timeout; undefined leaves it to connect_timeout / PGCONNECT_TIMEOUT, else 5 s. */
	connectTimeoutMs?: number;
	statementTimeoutMs: number;
	/** The --context in use, if any. */
	context?: ContextBadge;
};

type Environment = Record<string, string | undefined>;

const libpqVariables = ['PGHOST', 'PGHOSTADDR', 'PGPORT', 'PGDATABASE', 'PGUSER', 'PGSERVICE'];

/**
Resolve where the server is: `--database-url` (with `--service` filling what
it leaves out, as libpq does with a URL's `service=`), then `--service`, then
`DATABASE_URL`, then the PG* variables (PGSERVICE among them); with none of
them wfmon runs its own embedded server. Setting by setting, parameters.ts
then resolves URL over service over PG* variables.
*/
export function resolveConnectionSource(
	flags: {databaseUrl?: string; service?: string; dataDir?: string},
	environment: Environment,
): ConnectionSource {
	const service = flags.service === '' ? undefined : flags.service;
	if (flags.databaseUrl !== undefined) {
		return {kind: 'server', url: checkDatabaseUrl(flags.databaseUrl, '--database-url'), service, origin: '--database-url'};
	}

	if (service !== undefined) {
		// A flag beats the environment: DATABASE_URL does not override the service asked for.
		return {kind: 'server', service, origin: '--service'};
	}

	const fromEnvironment = environment['DATABASE_URL'];
	if (fromEnvironment !== undefined && fromEnvironment !== '') {
		return {kind: 'server', url: checkDatabaseUrl(fromEnvironment, 'DATABASE_URL'), origin: 'DATABASE_URL'};
	}

	if (libpqVariables.some(name => (environment[name] ?? '') !== '')) {
		return {kind: 'server', origin: 'PG* variables'};
	}

	return {kind: 'embedded', dataDir: flags.dataDir ?? defaultDataDir(environment)};
}

/** XDG_DATA_HOME/wfmon, else ~/.local/share/wfmon. */
export function defaultDataDir(environment: Environment): string {
	const xdg = environment['XDG_DATA_HOME'];
	const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(os.homedir(), '.local', 'share');
	return path.join(base, 'wfmon');
}

function checkDatabaseUrl(url: string, origin: string): string {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new UserError(`${origin} is not a valid URL; expected postgres://user@host:5432/database`);
	}

	if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
		throw new UserError(`${origin} must start with postgres:// or postgresql:// (got ${parsed.protocol}//)`);
	}

	return url;
}

/** Parse durations like 500ms, 2s, 5m, 1h, 7d into milliseconds. */
export function parseDuration(text: string, what: string, options: {zeroMeansNoLimit?: boolean} = {}): number {
	if (options.zeroMeansNoLimit && text.trim() === '0') {
		return 0;
	}

	if (/^\s*-/.test(text)) {
		throw new UserError(`${what} must be positive (got "${truncate(text)}")`);
	}

	const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
	if (!match) {
		throw new UserError(`${what} must be a duration like 500ms, 2s, 5m, 1h or 7d (got "${truncate(text)}")`);
	}

	const units: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000};
	const value = Number(match[1]) * (units[match[2]!] ?? 1);
	if (value <= 0) {
		throw new UserError(`${what} must be greater than zero`);
	}

	return value;
}

/** Shorten user input before echoing it in an error line. */
export function truncate(text: string, max = 40): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}
