import './node-globals.js';
import meow from 'meow';
import {parseDuration, resolveConnectionSource, truncate, type ConnectionConfig} from './config.js';
import {UserError, redactSecrets} from './errors.js';
import {visible} from './terminal-text.js';
import {runSnapshotCommand} from './commands/snapshot.js';
import {joinNegativeValues, parseNumber, refuseExtraArguments} from './cli-arguments.js';
import {parseWindow} from './model/windows.js';

/** Every option wfmon takes; meow's own unknown-flag message is replaced by wfmon's one line. */
const flagDefinitions = {
		databaseUrl: {type: 'string'},
		dataDir: {type: 'string'},
		apply: {type: 'boolean', default: true},
		connectTimeout: {type: 'string', default: '5s'},
		statementTimeout: {type: 'string', default: '10s'},
		json: {type: 'boolean', default: false},
		org: {type: 'string'},
		window: {type: 'string', default: '1h'},
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
		warnFailureRate: {type: 'string'},
		critFailureRate: {type: 'string'},
		warnStuck: {type: 'string'},
		critStuck: {type: 'string'},
		warnQueueAge: {type: 'string'},
		critQueueAge: {type: 'string'},
		warnPopulation: {type: 'string'},
		critPopulation: {type: 'string'},
		warnAnomalies: {type: 'string'},
		critAnomalies: {type: 'string'},
		output: {type: 'string'},
		allOrgs: {type: 'boolean', default: false},
		outputFile: {type: 'string'},
		listen: {type: 'string'},
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
	                         (--output nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)
	  metrics                the snapshot in Prometheus text format (--listen to serve /metrics)
	  demo                   fill the database with a demo workload and keep it moving

	Connection (libpq conventions; nothing set = wfmon's own embedded PostgreSQL)
	  --database-url URL     postgres://user@host:5432/db?sslmode=require (or DATABASE_URL, PG* variables)
	  --data-dir DIR         where the embedded server keeps its data (default ~/.local/share/wfmon)
	  --no-apply             never write: do not apply the schema
	  --connect-timeout 5s   give up connecting after this long
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
	  --warn-failure-rate 5% --crit-failure-rate 10%   warning and critical limits, also for
	                         stuck, queue-age, population and anomalies (--max-*/--min-* = --crit-*)
	  --output nagios        one monitoring-plugins status line with perfdata, exit 0/1/2/3
	  --all-orgs             check (or export) every org on its own; the worst status wins

	Metrics
	  --output-file F        write the text to F atomically (node_exporter's textfile collector)
	  --listen 127.0.0.1:9464  serve /metrics; reads the database at most once per --interval (15s)

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
	  $ wfmon check --warn-failure-rate 5% --crit-failure-rate 10% --output nagios
	  $ wfmon metrics --listen 127.0.0.1:9464
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
	const config: ConnectionConfig = {
		source: resolveConnectionSource({databaseUrl: cli.flags.databaseUrl, dataDir: cli.flags.dataDir}, process.env),
		noApply: !cli.flags.apply,
		connectTimeoutMs: parseDuration(cli.flags.connectTimeout, '--connect-timeout'),
		statementTimeoutMs: parseDuration(cli.flags.statementTimeout, '--statement-timeout', {zeroMeansNoLimit: true}),
	};

	const {flags} = cli;
	const window = parseWindow(flags.window);
	const intervalMs = parseDuration(flags.interval ?? '2s', '--interval');
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
			const {runCheckCommand} = await import('./commands/check.js');
			return runCheckCommand(config, flags, window);
		}

		case 'metrics': {
			const {runMetricsCommand} = await import('./commands/metrics.js');
			return runMetricsCommand(config, flags, {window, rest});
		}

		case 'schema': {
			const {runSchemaCommand} = await import('./commands/schema.js');
			return runSchemaCommand(rest[0], config, cli.flags.json);
		}

		case 'demo': {
			const {runDemoCommand} = await import('./commands/demo.js');
			return runDemoCommand(config, demo);
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
