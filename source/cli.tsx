import './node-globals.js';
import meow from 'meow';
import {parseDuration, resolveConnectionSource, truncate, type ConnectionConfig} from './config.js';
import {UserError, redactSecrets} from './errors.js';
import {visible} from './terminal-text.js';
import {runSnapshotCommand} from './commands/snapshot.js';
import {joinNegativeValues, parseNumber, refuseExtraArguments} from './cli-arguments.js';
import {parseWindow} from './model/windows.js';
import {applyContext} from './contexts/apply-context.js';

/** Every option wfmon takes; meow's own unknown-flag message is replaced by wfmon's one line. */
const flagDefinitions = {
		databaseUrl: {type: 'string'},
		service: {type: 'string'},
		context: {type: 'string'},
		dataDir: {type: 'string'},
		apply: {type: 'boolean', default: true},
		// No meow defaults where a context or the connection may give the value: applyContext fills them.
		connectTimeout: {type: 'string'},
		statementTimeout: {type: 'string', default: '10s'},
		json: {type: 'boolean', default: false},
		org: {type: 'string'},
		window: {type: 'string'},
		interval: {type: 'string'},
		status: {type: 'string'},
		workflow: {type: 'string'},
		text: {type: 'string'},
		since: {type: 'string'},
		limit: {type: 'string'},
		maxFailureRate: {type: 'string'},
		maxStuck: {type: 'string'},
		maxQueueAge: {type: 'string'},
		minPopulation: {type: 'string'},
		maxAnomalies: {type: 'string'},
		runs: {type: 'string'},
		rate: {type: 'string'},
} as const;

const cli = meow(
	`
	Usage
	  $ wfmon [command] [options]

	Commands
	  (none)                 open the live TUI (a JSON snapshot when stdout is not a terminal)
	  schema apply           apply wfmon's migrations that are missing
	  schema status          list migrations: applied / pending / changed
	  schema verify          check tables and columns against the expected schema (exit 0/1)
	  snapshot               print one JSON document of every view
	  runs                   stream runs as NDJSON, newest first
	  events RUN [STEP]      stream a run's (or one step's) events as NDJSON
	  check                  hold the database to thresholds: exit 0 ok, 1 breached, 2 could not check
	  demo                   fill the database with a demo workload and keep it moving
	  contexts               list the contexts of ~/.config/wfmon/config.json (passwords hidden)

	Connection (libpq conventions; nothing set = wfmon's own embedded PostgreSQL)
	  --database-url URL     postgres://user@host:5432/db?sslmode=require (or DATABASE_URL, PG* variables)
	  --service NAME         a service of pg_service.conf (or PGSERVICE); the URL's settings win over it
	  --context NAME         a context of ~/.config/wfmon/config.json; flags win over its settings
	  --data-dir DIR         where the embedded server keeps its data (default ~/.local/share/wfmon)
	  --no-apply             never write: do not apply the schema
	  --connect-timeout 5s   give up connecting after this long (else connect_timeout, PGCONNECT_TIMEOUT)
	  --statement-timeout 10s  bound each query and each stream (0 = no limit)

	Scope and views
	  --org X                one organization (slug or id); row level security applies too
	  --window 1h            5m, 1h, 24h or 7d
	  --interval 2s          TUI refresh interval

	Runs
	  --status S             queued, running, waiting, completed, failed, cancelled or timeout
	  --workflow W           workflow name or id
	  --text T               text in the run id, workflow name or error
	  --since 1h             only runs created this recently
	  --limit N              stop after N runs

	Check (defaults: failure rate 10%, stuck 0, queue age 15m)
	  --max-failure-rate 5%  --max-stuck 0  --max-queue-age 10m  --min-population 90%
	  --max-anomalies 0      rows breaking the model's invariants (data_quality's total)

	Demo
	  --runs 20000           how many runs \`wfmon demo\` seeds
	  --rate 1               runs per second the simulator starts (0 = seed only;
	                         default: the pace of the last hour's runs, at least 0.1)

	Output
	  --json                 machine-readable output

	Examples
	  $ wfmon
	  $ wfmon schema verify --database-url postgres://postgres@127.0.0.1/app
	  $ wfmon --org acme
	  $ wfmon snapshot --window 24h | jq .status.finished
	  $ wfmon runs --status failed --since 1h | head
	  $ wfmon check --max-failure-rate 5% --json
	  $ wfmon demo --runs 100000 --rate 0
`,
	{
		importMeta: import.meta,
		argv: joinNegativeValues(process.argv.slice(2), Object.entries(flagDefinitions)
			.filter(([, definition]) => definition.type === 'string').map(([name]) => name)),
		allowUnknownFlags: true,
		flags: flagDefinitions,
	},
);

async function main(): Promise<number> {
	const known = new Set([...Object.keys(flagDefinitions), 'help', 'version']);
	const unknown = Object.keys(cli.flags).find(name => !known.has(name));
	if (unknown !== undefined) {
		const flag = unknown.replaceAll(/[A-Z]/g, letter => `-${letter.toLowerCase()}`);
		throw new UserError(`unknown option --${truncate(flag)}; run wfmon --help for the list`);
	}

	const [command, ...rest] = cli.input;
	refuseExtraArguments(command, rest);
	const {flags, context} = applyContext(cli.flags, process.env);
	const config: ConnectionConfig = {
		source: resolveConnectionSource(flags, process.env),
		noApply: !flags.apply,
		connectTimeoutMs: flags.connectTimeout === undefined ? undefined : parseDuration(flags.connectTimeout, '--connect-timeout'),
		statementTimeoutMs: parseDuration(flags.statementTimeout, '--statement-timeout', {zeroMeansNoLimit: true}),
		context,
	};

	const window = parseWindow(flags.window);
	const intervalMs = parseDuration(flags.interval, '--interval');
	const demo = {
		runs: parseNumber(flags.runs, '--runs', {min: 0, whole: true}) ?? 20_000,
		rate: parseNumber(flags.rate, '--rate', {min: 0}),
	};
	switch (command) {
		case undefined: {
			if (!process.stdout.isTTY) {
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
			return runRunsCommand(config, {org: flags.org, filter, limit});
		}

		case 'events': {
			const {runEventsCommand} = await import('./commands/events.js');
			return runEventsCommand(config, {org: flags.org, run: rest[0], step: rest[1]});
		}

		case 'check': {
			const {parseThresholds, runCheckCommand} = await import('./commands/check.js');
			return runCheckCommand(config, {org: flags.org, window, thresholds: parseThresholds(flags), json: flags.json});
		}

		case 'schema': {
			const {runSchemaCommand} = await import('./commands/schema.js');
			return runSchemaCommand(rest[0], config, cli.flags.json);
		}

		case 'demo': {
			const {runDemoCommand} = await import('./commands/demo.js');
			return runDemoCommand(config, demo);
		}

		case 'contexts': {
			const {runContextsCommand} = await import('./commands/contexts.js');
			return runContextsCommand(process.env, {json: flags.json});
		}

		default: {
			throw new UserError(`unknown command "${truncate(command)}"; run wfmon --help for the list`);
		}
	}
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
