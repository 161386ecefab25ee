import './node-globals.js';
import meow from 'meow';
import {parseDuration, resolveConnectionSource, truncate, type ConnectionConfig} from './config.js';
import {UserError, redactSecrets} from './errors.js';
import {visible} from './terminal-text.js';
import {runSnapshotCommand} from './commands/snapshot.js';
import {joinNegativeValues, parseNumber, refuseExtraArguments} from './cli-arguments.js';
import {dashed, findCommand, flagTable} from './cli/commands-table.js';
import {joinJsonFields, jsonFieldsOf, refuseFlagsNotTaken, scanArguments} from './cli/argv.js';
import {commandHelp, mainHelp} from './cli/help.js';
import {parseWindow} from './model/windows.js';

/** meow's definitions, from the table; --help/-h and --version are read for every command. */
const flagDefinitions = {
	...flagTable,
	help: {type: 'boolean', shortFlag: 'h'},
	version: {type: 'boolean'},
} as const;

const valueFlags = Object.entries(flagTable).filter(([, flag]) => flag.type === 'string').map(([name]) => name);

function parseArguments(argv: string[]) {
	try {
		// wfmon reads --help and --version itself: meow's own see them only alone, not after a command.
		return meow({importMeta: import.meta, argv, allowUnknownFlags: true, autoHelp: false, autoVersion: false,
			flags: flagDefinitions});
	} catch (error) {
		// meow throws for a flag given twice: a usage error, not a crash.
		const message = error instanceof Error ? error.message : String(error);
		throw new UserError(message.replace(/^The flag (--\S+) can only be set once\.$/, '$1 can only be given once'));
	}
}

async function main(): Promise<number> {
	const typedArgv = joinNegativeValues(process.argv.slice(2), valueFlags);
	// The command decides whether the word after --json is its fields, so it is read first.
	const first = scanArguments(typedArgv);
	const command = findCommand(first.words[0] ?? '');
	const argv = joinJsonFields(typedArgv, command?.jsonFields === undefined ? -1 : first.commandAt);
	const {words, typed} = scanArguments(argv);
	const [commandName = '', ...rest] = words;
	const cli = parseArguments(argv);
	const known = new Set(Object.keys(flagDefinitions));
	const unknown = Object.keys(cli.flags).find(name => !known.has(name));
	if (unknown !== undefined) {
		throw new UserError(`unknown option ${truncate(dashed(unknown))}; run wfmon --help for the list`);
	}

	if (cli.flags.version) {
		process.stdout.write(`${cli.pkg.version ?? 'unknown'}\n`);
		return 0;
	}

	if (command === undefined) {
		throw new UserError(`unknown command "${truncate(commandName)}"; run wfmon --help for the list`);
	}

	// Help never connects: it is read before anything else about the command.
	if (command.name === 'help' || cli.flags.help) {
		return printHelp(command.name === 'help' && !cli.flags.help ? rest[0] ?? '' : command.name);
	}

	refuseExtraArguments(command, rest);
	const {flags} = cli;
	const connectTimeoutMs = parseDuration(flags.connectTimeout, '--connect-timeout');
	const statementTimeoutMs = parseDuration(flags.statementTimeout, '--statement-timeout', {zeroMeansNoLimit: true});
	const window = parseWindow(flags.window);
	const intervalMs = parseDuration(flags.interval, '--interval');
	const demo = {
		runs: parseNumber(flags.runs, '--runs', {min: 0, whole: true}) ?? 20_000,
		rate: parseNumber(flags.rate, '--rate', {min: 0}),
	};
	refuseFlagsNotTaken(command, typed);
	const jsonFields = jsonFieldsOf(command, flags.json);
	if (command.name === 'completion') {
		const {completionScript} = await import('./cli/completion.js');
		process.stdout.write(completionScript(rest[0]));
		return 0;
	}

	const config: ConnectionConfig = {
		source: resolveConnectionSource({databaseUrl: flags.databaseUrl, dataDir: flags.dataDir}, process.env),
		noApply: !flags.apply,
		connectTimeoutMs,
		statementTimeoutMs,
	};
	const json = flags.json !== undefined;
	switch (command.name) {
		case '': {
			if (json || !process.stdout.isTTY) {
				return runSnapshotCommand(config, {org: flags.org, window});
			}

			// Loaded only here: scripts never pay for ink and react.
			const {allowLiveRendering} = await import('./ui/live-rendering.js');
			allowLiveRendering(process.env);
			const {runTuiCommand} = await import('./commands/tui.js');
			return runTuiCommand(config, {org: flags.org, window, intervalMs, demo});
		}

		case 'snapshot': {
			return runSnapshotCommand(config, {org: flags.org, window});
		}

		// Each command's modules load only when it runs: start-up is part of every script's wall time.
		case 'runs': {
			const [{parseRunFilter}, {runRunsCommand}] = await Promise.all([import('./commands/run-filter.js'), import('./commands/runs.js')]);
			const {filter, limit} = parseRunFilter(flags);
			return runRunsCommand(config, {org: flags.org, filter, limit, output: {json, fields: jsonFields}});
		}

		case 'events': {
			const {runEventsCommand} = await import('./commands/events.js');
			return runEventsCommand(config, {org: flags.org, run: rest[0], step: rest[1]});
		}

		case 'check': {
			const {parseThresholds, runCheckCommand} = await import('./commands/check.js');
			return runCheckCommand(config, {org: flags.org, window, thresholds: parseThresholds(flags), json});
		}

		case 'schema': {
			const {runSchemaCommand} = await import('./commands/schema.js');
			return runSchemaCommand(rest[0], config, json);
		}

		case 'demo': {
			const {runDemoCommand} = await import('./commands/demo.js');
			return runDemoCommand(config, demo);
		}

		default: {
			throw new UserError(`unknown command "${truncate(command.name)}"; run wfmon --help for the list`);
		}
	}
}

/** `wfmon help [COMMAND]`, `wfmon COMMAND --help`. */
function printHelp(name: string): number {
	const command = findCommand(name);
	if (command === undefined) {
		throw new UserError(`unknown command "${truncate(name)}"; run wfmon --help for the list`);
	}

	process.stdout.write(command.name === '' ? mainHelp() : commandHelp(command));
	return 0;
}

try {
	process.exitCode = await main();
} catch (error) {
	if (error instanceof UserError) {
		process.stderr.write(`wfmon: ${visible(error.message)}\n`);
		process.exitCode = error.exitCode;
	} else {
		const message = error instanceof Error ? error.message : String(error);
		// A server error (it has an SQLSTATE) is the database's word, not a wfmon bug.
		const fromServer = typeof (error as {code?: unknown}).code === 'string' && /^[\dA-Z]{5}$/.test((error as {code: string}).code);
		process.stderr.write(`wfmon: ${fromServer ? 'database error' : 'unexpected error'}: ${visible(redactSecrets(message))}\n`);
		if (process.env['WFMON_DEBUG'] && error instanceof Error) {
			process.stderr.write(`${redactSecrets(error.stack ?? '')}\n`);
		}

		process.exitCode = 2;
	}
}
