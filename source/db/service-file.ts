import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {UserError} from '../errors.js';
import {visible} from '../terminal-text.js';
import {libpqKeywords} from './libpq-keywords.js';

type Environment = Record<string, string | undefined>;

/** A service's settings, keyword to value, and the file they came from. */
export type ServiceDefinition = {name: string; file: string; settings: Map<string, string>};

/**
Where libpq looks for services, in its order: PGSERVICEFILE (else
~/.pg_service.conf), then PGSYSCONFDIR/pg_service.conf. Without PGSYSCONFDIR,
the directory Debian's and Ubuntu's libpq were built with, else /etc.
*/
export function serviceFiles(environment: Environment): {user: string; userExplicit: boolean; system: string} {
	const explicit = nonEmpty(environment['PGSERVICEFILE']);
	const home = nonEmpty(environment['HOME']) ?? os.homedir();
	const systemDirectory = nonEmpty(environment['PGSYSCONFDIR'])
		?? (fs.existsSync('/etc/postgresql-common') ? '/etc/postgresql-common' : '/etc');
	return {
		user: explicit ?? path.join(home, '.pg_service.conf'),
		userExplicit: explicit !== undefined,
		system: path.join(systemDirectory, 'pg_service.conf'),
	};
}

/**
The service `name` as libpq finds it: the first file that defines it is used
whole (a user file's service is never merged with the system file's). An
unknown service or a bad line in it is one line naming the file and line.
*/
export function loadService(name: string, environment: Environment): ServiceDefinition {
	const files = serviceFiles(environment);
	const user = readServiceFile(files.user, files.userExplicit ? 'PGSERVICEFILE' : undefined);
	const fromUser = user === undefined ? undefined : findService(user, files.user, name);
	if (fromUser !== undefined) {
		return {name, file: files.user, settings: fromUser};
	}

	const system = readServiceFile(files.system, undefined);
	const fromSystem = system === undefined ? undefined : findService(system, files.system, name);
	if (fromSystem !== undefined) {
		return {name, file: files.system, settings: fromSystem};
	}

	throw new UserError(`service "${shown(name)}" is not defined in ${shown(files.user)} or ${shown(files.system)}`);
}

/** The file's text; undefined when it does not exist, unless the user named it (then it must). */
function readServiceFile(file: string, namedBy: string | undefined): string | undefined {
	try {
		return fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as {code?: string}).code ?? 'unreadable';
		if (code === 'ENOENT' && namedBy === undefined) {
			return undefined;
		}

		const why = code === 'ENOENT' ? 'not found' : `cannot be read (${code})`;
		throw new UserError(`service file "${shown(file)}"${namedBy === undefined ? '' : ` (${namedBy})`} ${why}`);
	}
}

/**
The settings of section [name], parsed as libpq does: lines are trimmed of
leading and trailing space, `#` starts a comment, the first section of that
name ends at the next section, and only its own lines are checked.
*/
function findService(text: string, file: string, name: string): Map<string, string> | undefined {
	let settings: Map<string, string> | undefined;
	for (const [index, raw] of text.split('\n').entries()) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#')) {
			continue;
		}

		if (line.startsWith('[')) {
			if (settings !== undefined) {
				return settings;
			}

			settings = line.startsWith(`[${name}]`) ? new Map() : undefined;
			continue;
		}

		if (settings !== undefined) {
			const [keyword, value] = splitSetting(line, file, index + 1);
			settings.set(keyword, value);
		}
	}

	return settings;
}

function splitSetting(line: string, file: string, lineNumber: number): [string, string] {
	const where = `service file "${shown(file)}", line ${lineNumber}`;
	const equals = line.indexOf('=');
	if (equals === -1) {
		throw new UserError(`syntax error in ${where}: expected keyword=value`);
	}

	// libpq takes the keyword as written: `host = x` is not `host`.
	const keyword = line.slice(0, equals);
	if (keyword === 'service') {
		throw new UserError(`syntax error in ${where}: a service cannot name another service`);
	}

	if (!libpqKeywords.has(keyword)) {
		throw new UserError(`syntax error in ${where}: unknown connection option "${shown(keyword)}"`);
	}

	return [keyword, line.slice(equals + 1)];
}

function shown(text: string): string {
	return visible(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}

function nonEmpty(text: string | undefined): string | undefined {
	return text === undefined || text === '' ? undefined : text;
}
