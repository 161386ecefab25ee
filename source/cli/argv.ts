import {truncate} from '../config.js';
import {UserError} from '../errors.js';
import {alwaysAllowed, dashed, flagsOf, flagTable, type CommandSpec, type FlagSpec} from './commands-table.js';

const camel = (name: string) => name.replaceAll(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

const specOf = (name: string): FlagSpec | undefined => (flagTable as Record<string, FlagSpec>)[name];

/** Whether the word after `--name` is its value (`--json` is not: its fields are joined to it first). */
const takesValue = (name: string) => name !== 'json' && specOf(name)?.type === 'string';

/** The words (command and its arguments) and the options typed, read the way meow reads them. */
export function scanArguments(argv: readonly string[]): {words: string[]; typed: string[]; commandAt: number} {
	const words: string[] = [];
	const typed: string[] = [];
	let commandAt = -1;
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index] ?? '';
		if (argument === '--') {
			commandAt = words.length === 0 && index + 1 < argv.length ? index + 1 : commandAt;
			words.push(...argv.slice(index + 1));
			break;
		}

		if (argument.startsWith('--')) {
			const [written = '', value] = argument.slice(2).split('=', 2);
			const name = camel(written);
			const negated = written.startsWith('no-') && specOf(camel(written.slice(3)))?.type === 'boolean';
			typed.push(negated ? camel(written.slice(3)) : name);
			const next = argv[index + 1];
			if (value === undefined && takesValue(name) && next !== undefined && !next.startsWith('-')) {
				index++;
			}
		} else if (argument.startsWith('-') && argument.length > 1) {
			typed.push(argument === '-h' ? 'help' : argument.slice(1));
		} else {
			commandAt = words.length === 0 ? index : commandAt;
			words.push(argument);
		}
	}

	return {words, typed, commandAt};
}

/**
`--json` takes fields only after a command that prints records (`runs --json run_id,status`);
elsewhere, and with nothing after it, it is a plain switch. meow sees `--json=FIELDS` or
`--json=` so that a command word after `--json` is never read as its value.
`fieldsFrom` is the index after which `--json` takes fields (the command's), or -1 for nowhere.
*/
export function joinJsonFields(argv: readonly string[], fieldsFrom: number): string[] {
	const joined: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index] ?? '';
		const next = argv[index + 1];
		if (argument === '--') {
			joined.push(...argv.slice(index));
			break;
		}

		if (argument !== '--json') {
			joined.push(argument);
		} else if (fieldsFrom >= 0 && index > fieldsFrom && next !== undefined && !next.startsWith('-')) {
			joined.push(`--json=${next}`);
			index++;
		} else {
			joined.push('--json=');
		}
	}

	return joined;
}

/** Refuse an option the command does not take, instead of quietly ignoring it. */
export function refuseFlagsNotTaken(command: CommandSpec, typed: readonly string[]): void {
	const taken = new Set<string>([...flagsOf(command), ...alwaysAllowed]);
	const refused = typed.find(name => !taken.has(name));
	if (refused !== undefined) {
		const who = command.name === '' ? 'wfmon (no command)' : command.name;
		const help = command.name === '' ? 'wfmon --help' : `wfmon help ${command.name}`;
		throw new UserError(`${who} does not take ${truncate(dashed(refused))}; run ${help} for its options`);
	}
}

/** The fields `--json` picked, for a command that prints records; undefined for all of them. */
export function jsonFieldsOf(command: CommandSpec, json: string | undefined): string[] | undefined {
	if (json === undefined || json === '') {
		return undefined;
	}

	const valid = command.jsonFields;
	if (valid === undefined) {
		throw new UserError(`${command.name === '' ? 'wfmon' : command.name}'s --json takes no fields (got "${truncate(json)}")`);
	}

	const fields = json.split(',').map(field => field.trim());
	const unknown = fields.find(field => !valid.includes(field));
	if (unknown !== undefined) {
		throw new UserError(`--json: unknown field "${truncate(unknown)}"; the fields are ${valid.join(', ')}`);
	}

	return fields;
}
