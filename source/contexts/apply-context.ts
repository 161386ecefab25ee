import type {ContextBadge} from '../config.js';
import {UserError} from '../errors.js';
import {visible} from '../terminal-text.js';
import {configFilePath, loadContexts, type Context} from './config-file.js';

type Environment = Record<string, string | undefined>;

/** The flags a context can give a value to; the user's own always win. */
export type ContextFlags = {
	context?: string;
	databaseUrl?: string;
	service?: string;
	org?: string;
	window?: string;
	interval?: string;
	apply: boolean;
};

/** The defaults of the flags a context may set, applied after it (the interval's is each command's own). */
const defaults = {window: '1h'};

/**
The flags with `--context NAME` applied: its connection unless --database-url
or --service is given, its org, window and interval unless given too, and
`readOnly` as --no-apply. Without --context the config file is not read.
*/
export function applyContext<Flags extends ContextFlags>(
	flags: Flags,
	environment: Environment,
): {flags: Flags & {window: string; interval?: string}; context?: ContextBadge} {
	const context = flags.context === undefined ? undefined : findContext(flags.context, environment);
	const ownConnection = flags.databaseUrl !== undefined || flags.service !== undefined;
	const merged = {
		...flags,
		databaseUrl: ownConnection ? flags.databaseUrl : context?.url,
		service: ownConnection ? flags.service : context?.service,
		org: flags.org ?? context?.org,
		window: flags.window ?? context?.window ?? defaults.window,
		interval: flags.interval ?? context?.interval,
		apply: flags.apply && context?.readOnly !== true,
	};
	return {
		flags: merged,
		context: context === undefined ? undefined : {name: context.name, label: context.label, colour: context.colour},
	};
}

function findContext(name: string, environment: Environment): Context {
	const file = configFilePath(environment);
	const contexts = loadContexts(file);
	if (contexts === undefined) {
		throw new UserError(`--context ${visible(name.slice(0, 40))}: there is no config file at ${visible(file)}`);
	}

	const found = contexts.find(context => context.name === name);
	if (found === undefined) {
		const known = contexts.length === 0 ? 'it defines none' : `it defines ${contexts.map(context => context.name).join(', ')}`;
		throw new UserError(`${visible(file)}: unknown context "${visible(name.slice(0, 40))}"; ${known}`);
	}

	return found;
}
