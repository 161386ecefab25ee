import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {parseDuration} from '../config.js';
import {UserError, redactSecrets} from '../errors.js';
import {windows} from '../model/windows.js';
import {visible} from '../terminal-text.js';

type Environment = Record<string, string | undefined>;

/** One named place to watch: where the database is, what to show by default, and how it is labelled. */
export type Context = {
	name: string;
	url?: string;
	service?: string;
	org?: string;
	window?: string;
	interval?: string;
	/** Shown in the TUI header; the name when left out. */
	label: string;
	/** The banner's colour (red for production); none when left out. */
	colour?: string;
	/** Never write to this database (as --no-apply). */
	readOnly: boolean;
};

/** The colours a banner may take: the terminal's named ones. */
export const bannerColours = ['red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray'] as const;

/** $XDG_CONFIG_HOME/wfmon/config.json, else ~/.config/wfmon/config.json. */
export function configFilePath(environment: Environment): string {
	const xdg = environment['XDG_CONFIG_HOME'];
	const home = environment['HOME'] !== undefined && environment['HOME'] !== '' ? environment['HOME'] : os.homedir();
	const base = xdg !== undefined && path.isAbsolute(xdg) ? xdg : path.join(home, '.config');
	return path.join(base, 'wfmon', 'config.json');
}

/**
The contexts of the config file, in the file's order; none when there is no
file. The file is only ever read. Anything wrong in it is one line naming the
file and the setting.
*/
export function loadContexts(file: string): Context[] | undefined {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as {code?: string}).code ?? 'unreadable';
		if (code === 'ENOENT') {
			return undefined;
		}

		throw new UserError(`${shown(file)}: cannot be read (${code})`);
	}

	const fail = (problem: string) => new UserError(`${shown(file)}: ${problem}`);
	const document = parseJson(text, fail);
	const top = asObject(document, 'the file', fail);
	refuseUnknownKeys(top, ['contexts'], '', fail);
	const contexts = asObject(top['contexts'] ?? {}, '"contexts"', fail);
	return Object.entries(contexts).map(([name, value]) => readContext(name, value, fail));
}

type Fail = (problem: string) => UserError;

const contextKeys = ['url', 'service', 'org', 'window', 'interval', 'label', 'colour', 'color', 'readOnly'];

function readContext(name: string, value: unknown, fail: Fail): Context {
	const where = `contexts.${name}`;
	const object = asObject(value, where, fail);
	refuseUnknownKeys(object, contextKeys, `${where}.`, fail);
	const text = (key: string) => optionalString(object[key], `${where}.${key}`, fail);
	const url = text('url');
	const service = text('service');
	if ((url === undefined) === (service === undefined)) {
		throw fail(`${where} needs a connection: "url" or "service", one of them`);
	}

	if (url !== undefined && !/^postgres(?:ql)?:\/\//.test(url)) {
		throw fail(`${where}.url must start with postgres:// or postgresql://`);
	}

	if (object['colour'] !== undefined && object['color'] !== undefined) {
		throw fail(`${where} has both "colour" and "color"; keep one`);
	}

	const colour = text('colour') ?? text('color');
	if (colour !== undefined && !(bannerColours as readonly string[]).includes(colour)) {
		throw fail(`${where}.colour must be one of ${bannerColours.join(', ')} (got "${colour.slice(0, 20)}")`);
	}

	const readOnly = object['readOnly'] ?? false;
	if (typeof readOnly !== 'boolean') {
		throw fail(`${where}.readOnly must be true or false`);
	}

	return {
		name, url, service, org: text('org'), colour, readOnly,
		window: checked(text('window'), `${where}.window`, fail, checkWindow),
		interval: checked(text('interval'), `${where}.interval`, fail, value => parseDuration(value, 'it')),
		label: text('label') ?? name,
	};
}

function checkWindow(value: string): void {
	if (!windows.some(window => window.name === value)) {
		throw new UserError(`must be one of ${windows.map(window => window.name).join(', ')} (got "${value.slice(0, 20)}")`);
	}
}

/** Check a value with the parser its flag uses, so a bad one is caught with the file's name on it. */
function checked(value: string | undefined, where: string, fail: Fail, check: (value: string) => unknown): string | undefined {
	if (value === undefined) {
		return undefined;
	}

	try {
		check(value);
	} catch (error) {
		const message = error instanceof Error ? error.message.replace(/^it /, '') : String(error);
		throw fail(`${where} ${message}`);
	}

	return value;
}

function parseJson(text: string, fail: Fail): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch (error) {
		// Newer Node versions quote the text around the error: that could be a password, so only the place is told.
		const position = /position (\d+)/.exec(error instanceof Error ? error.message : '');
		if (position === null) {
			throw fail('is not valid JSON');
		}

		const before = text.slice(0, Number(position[1])).split('\n');
		throw fail(`is not valid JSON (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`);
	}
}

function asObject(value: unknown, what: string, fail: Fail): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw fail(`${what} must be an object`);
	}

	return value as Record<string, unknown>;
}

function refuseUnknownKeys(object: Record<string, unknown>, known: string[], prefix: string, fail: Fail): void {
	const unknown = Object.keys(object).find(key => !known.includes(key));
	if (unknown !== undefined) {
		throw fail(`unknown key "${prefix}${unknown.slice(0, 40)}" (known: ${known.join(', ')})`);
	}
}

function optionalString(value: unknown, where: string, fail: Fail): string | undefined {
	if (value === undefined) {
		return undefined;
	}

	if (typeof value !== 'string' || value === '') {
		throw fail(`${where} must be a non-empty string`);
	}

	return value;
}

function shown(file: string): string {
	return visible(redactSecrets(file));
}
