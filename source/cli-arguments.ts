import {truncate} from './config.js';
import {UserError} from './errors.js';
import type {CommandSpec} from './cli/commands-table.js';

/**
meow reads `--since -1h` as the flag `--since` and then flags -1 and -h, so a
value-taking flag followed by something that starts like a negative number
is joined to it (`--since=-1h`); its own parser then says what is wrong.
*/
export function joinNegativeValues(argv: readonly string[], valueFlags: readonly string[]): string[] {
	const takesValue = new Set(valueFlags.map(name => `--${name.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`)}`));
	const joined: string[] = [];
	for (let index = 0; index < argv.length; index++) {
		const argument = argv[index] ?? '';
		const next = argv[index + 1];
		if (takesValue.has(argument) && next !== undefined && /^-\.?\d/.test(next)) {
			joined.push(`${argument}=${next}`);
			index++;
		} else {
			joined.push(argument);
		}
	}

	return joined;
}

/** Refuse words a command does not take, instead of quietly ignoring them. */
export function refuseExtraArguments(command: CommandSpec, rest: readonly string[]): void {
	const extra = rest[command.words];
	if (extra !== undefined) {
		throw new UserError(`unexpected argument "${truncate(extra)}": ${command.usage}; run wfmon --help for the list`);
	}
}

/** A number typed by the user, at least `min`: "must be a number" for words. */
export function parseNumber(text: string | undefined, flag: string, options: {min: number; whole?: boolean}): number | undefined {
	if (text === undefined) {
		return undefined;
	}

	const value = text.trim() === '' ? Number.NaN : Number(text);
	if (!Number.isFinite(value)) {
		throw new UserError(`${flag} must be a number (got "${truncate(text, 20)}")`);
	}

	if (options.whole === true && !Number.isSafeInteger(value)) {
		throw new UserError(`${flag} must be a whole number (got "${truncate(text, 20)}")`);
	}

	if (value < options.min) {
		throw new UserError(`${flag} must be ${options.min} or more (got "${truncate(text, 20)}")`);
	}

	return value;
}
